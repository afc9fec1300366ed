"""The numbers and descriptions a report is made from, as plain data (gathered from the ORM once by
``reports.services.collect_facts``; built from an engine ``Result`` by ``from_result``)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from parkcarbon.engine import equipment
from parkcarbon.engine.result import GAS_GROUPS, combine_sum


@dataclass
class Entity:
    kind: str  # "enterprise" | "park"
    name: str
    name_en: str = ""
    credit_code: str = ""
    industry: str = ""  # "3120 炼钢"
    industry_en: str = ""
    park_name: str = ""
    park_name_en: str = ""
    zone: str = ""
    province: str = ""
    city: str = ""
    region: str = ""
    region_zh: str = ""  # the region's name (engine/data/regions.csv), for a report in that language
    region_en: str = ""
    park_level: str = ""
    area_km2: float | None = None
    leading_industries: str = ""
    key_emitter: bool = False
    contact_name: str = ""
    contact_phone: str = ""


@dataclass
class ActivityRow:
    section: str
    category: str
    scope: str
    activity: str
    name_zh: str
    name_en: str
    amount: float
    unit: str
    co2e: float
    co2e_market: float
    biogenic: float
    uncertainty_pct: float
    note: str = ""
    month: int | None = None  # when lines are summed by month (0: the whole year)
    lines: int = 1  # how many activity lines this row sums


@dataclass
class FactorRow:
    id: str
    subject: str
    param: str
    gas: str
    value: float
    unit: str
    uncertainty_pct: float
    source_id: str
    source: str  # "title (publisher, year)"
    table: str
    subject_zh: str = ""
    subject_en: str = ""
    out_of_validity: bool = False  # used for a year its source does not cover (a base year before it, issue 15)


@dataclass
class EnterpriseRow:
    name: str
    industry: str
    zone: str
    co2e: float
    co2e_market: float
    in_park_supply: float
    status: str
    key_emitter: bool = False


@dataclass
class Provenance:
    inventory_id: int
    inventory_label: str
    year: int
    status: str
    versions: dict[str, str]  # section -> "v3 (upload: file.xlsx, 2026-05-01)"
    gwp_set: str
    engine_version: str
    library_version: str
    grid_basis: str
    standard: str
    generated_at: str
    inventories: int = 1
    versions_by_inventory: dict[str, dict[str, int]] = field(default_factory=dict)  # inventory id -> section -> n
    draft: bool = False  # made from an inventory not submitted (or, for a park, including one)
    verification: str = ""  # the verifier's conclusion on the inventory, in the report's language (or "")
    factor_release: str = ""  # factor library release(s) the figures were computed with (releases, #23)
    restatement: str = ""  # the inventory was restated: from which release to which, when, by how much, why


@dataclass
class Facts:
    entity: Entity
    provenance: Provenance
    total: float = 0.0
    total_market: float = 0.0
    biogenic: float = 0.0
    uncertainty_pct: float = 0.0
    in_park_memo: float = 0.0
    by_section: dict[str, float] = field(default_factory=dict)
    section_uncertainty: dict[str, float] = field(default_factory=dict)
    by_scope: dict[str, float] = field(default_factory=dict)
    by_scope_market: dict[str, float] = field(default_factory=dict)
    by_category: dict[tuple[str, str, str], float] = field(default_factory=dict)  # (section, category, scope)
    by_gas: list[dict] = field(default_factory=list)  # gas, tonnes (None for park), gwp, co2e
    gwp: dict[str, float] = field(default_factory=dict)
    activities: list[ActivityRow] = field(default_factory=list)
    activity_detail: str = "line"  # what one activity row is: "line", "month" or "activity" (see _activity_table)
    activity_lines: int = 0  # the inventory's activity lines
    factors: list[FactorRow] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)  # library sources cited, in order
    trend: list[tuple[int, float, float]] = field(default_factory=list)  # year, location-based, market-based
    enterprises: list[EnterpriseRow] = field(default_factory=list)
    by_industry: dict[str, float] = field(default_factory=dict)
    by_zone: dict[str, float] = field(default_factory=dict)
    enterprises_without_data: int = 0
    excluded_drafts: int = 0  # park: enterprise inventories left out of the total because they are drafts
    verified_only: bool = False  # park: only verified inventories are counted, at their verified figures
    n_verified: int = 0  # park: enterprise inventories with a positive verification conclusion
    n_adjusted: int = 0  # park, verified_only: inventories counted with amounts the verifier adjusted
    base_year: int | None = None
    methodologies: list[tuple[str, str]] = field(default_factory=list)  # (title_zh, title_en) of the guidelines
    energy: list[tuple[str, str, float]] = field(default_factory=list)  # (name_zh, name_en, tce) per activity
    energy_tce: float = 0.0  # GB/T 2589-2020, electricity at its calorific value
    energy_tj: list[float] = field(default_factory=list)  # heat content (TJ, NCV basis) of each row of ``energy``
    intensity: dict[str, float | None] = field(default_factory=dict)  # parkcarbon.engine.tce.intensities
    guideline_tables: list[dict] = field(default_factory=list)  # key, guideline, title_zh/en, columns, units, rows
    # (guideline_zh, guideline_en, table_zh, table_en, co2e) per guideline table with CO2e; the rest is in no table
    reconciliation: list[tuple[str, str, str, str, float]] = field(default_factory=list)
    reconciliation_rest: float = 0.0

    @property
    def has_data(self) -> bool:
        return bool(self.activities or self.enterprises or self.total)


def energy_from_result(facts: Facts, result, lib, output_value=None, value_added=None) -> Facts:
    """Energy consumption in tce per activity (GB/T 2589-2020) and the carbon and energy intensities."""
    from parkcarbon.engine.tce import energy_tce, intensities

    tce = energy_tce(result)
    table = tce.by("activity")
    lines = result.lines  # each fuel line's heat content (engine column heat_TJ, issue 15), summed per activity
    heat = lines.groupby("activity")["heat_TJ"].sum() if "heat_TJ" in lines and len(lines) else {}
    for activity, value in zip(table["activity"], table["tce"], strict=True):
        if activity != "total" and value:
            a = lib.activities.get(activity)
            facts.energy.append((a.name_zh if a else activity, a.name_en if a else activity, float(value)))
            facts.energy_tj.append(float(heat.get(activity, 0.0)))
    facts.energy_tce = tce.total_tce
    facts.intensity = intensities(facts.total, facts.energy_tce, output_value, value_added)
    return facts


def guideline_tables_from_result(facts: Facts, result, methodology_ids) -> Facts:
    """The chosen guidelines' own report tables (result of ``methodology.calculate_enterprise``), each with the
    guideline it belongs to, and the reconciliation of their CO2e totals with the headline: every line is in one
    guideline's table at most (the first chosen guideline covering its activity), so the tables' totals plus the
    lines in none of them add up to the total."""
    from parkcarbon.engine import methodology as M

    lines = result.lines
    if methodology_ids and "methodology" not in lines:
        lines = M.annotate(lines.copy(), methodology_ids)
    shown = np.zeros(len(lines), dtype=bool)
    for method_id in methodology_ids:
        m = M.get(method_id)
        facts.methodologies.append((m.title_zh, m.title_en))
        mine = (lines["methodology"] == m.id).to_numpy()
        category = lines["guideline_category"].to_numpy()
        for table, df in M.report_tables(result, method_id):
            columns = [c for c in df.columns if c not in ("category", "title_zh", "title_en")]
            units = None
            if "amount" in columns:  # an amount means nothing without its unit
                units = [_units(lines.loc[mine & (category == cid), "unit"]) for cid in df["category"]]
            facts.guideline_tables.append({
                "key": f"{method_id}_{table.id}", "method_id": m.id, "guideline_zh": m.title_zh,
                "guideline_en": m.title_en, "title_zh": table.title_zh, "title_en": table.title_en,
                "columns": columns, "units": units,
                "rows": [(rec["title_zh"], rec["title_en"], [None if v != v else float(v) for v in
                                                             (rec[c] for c in columns)]) for rec in df.to_dict("records")],
            })
            if "co2e" in columns:
                shown |= mine & np.isin(category, table.categories)
                facts.reconciliation.append((m.title_zh, m.title_en, table.title_zh, table.title_en,
                                             float(df["co2e"].iloc[-1])))
    if facts.reconciliation:
        facts.reconciliation_rest = float(lines.loc[~shown, "co2e"].sum())
    return facts


def _units(units: pd.Series) -> str:
    found = sorted(set(units.astype(str)))
    return found[0] if len(found) == 1 else ("" if not found else "*")


def source_text(src: dict | None, source_id: str) -> str:
    if not src:
        return source_id
    bits = ", ".join(b for b in (src.get("publisher", ""), str(src.get("year", "") or "")) if b)
    doc = f" {src['document']}" if src.get("document") else ""
    return f"{src.get('title', source_id)}{doc} ({bits})" if bits else f"{src.get('title', source_id)}{doc}"


DETAIL_LINES = 500  # a report lists up to this many activity lines one by one; above, it sums them


def _activity_table(lines: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """The rows of the report's activity data table, and what one row is: a line ("line") for up to
    ``DETAIL_LINES`` lines; above, the lines of one activity, unit and month ("month"), or of one activity and unit
    over the year ("activity") when that still gives more than ``DETAIL_LINES`` rows. Amounts, CO2e and biogenic CO2
    are summed; uncertainty is combined by IPCC 2006 Vol.1 Ch.3 Eq 3.2. The table stays bounded whatever the size
    of the inventory, and so do the DOCX, PDF and XLSX made from it."""
    if len(lines) <= DETAIL_LINES:
        return "line", lines
    keys = ["section", "category", "scope", "activity", "unit"]
    frame = lines[[*keys, "amount", "co2e", "co2e_market", "CO2_biogenic"]].copy()
    frame["scope"], frame["unit"] = frame["scope"].astype(str), frame["unit"].astype(str)
    frame["month"] = lines["month"].fillna(0).astype(int) if "month" in lines else 0
    u = np.nan_to_num(lines["uncertainty_pct"].to_numpy(float)) * lines["co2e"].to_numpy(float)
    frame["u2"], frame["lines"] = u * u, 1
    for detail, by in (("month", [*keys, "month"]), ("activity", keys)):
        table = frame.groupby(by, sort=True, observed=True, dropna=False).agg(
            amount=("amount", "sum"), co2e=("co2e", "sum"), co2e_market=("co2e_market", "sum"),
            CO2_biogenic=("CO2_biogenic", "sum"), u2=("u2", "sum"), lines=("lines", "sum")).reset_index()
        if len(table) <= DETAIL_LINES or detail == "activity":
            break
    co2e = table["co2e"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        table["uncertainty_pct"] = np.where(co2e != 0, np.sqrt(table["u2"].to_numpy()) / np.abs(co2e), 0.0)
    return detail, table


def from_result(facts: Facts, result, lib, notes: dict[str, str] | None = None) -> Facts:
    """Fill ``facts`` with the totals, activity rows and factors of an engine result (one inventory)."""
    lines: pd.DataFrame = result.lines
    notes = notes or {}
    co2e = lines["co2e"].to_numpy(dtype=float)
    unc = lines["uncertainty_pct"].to_numpy(dtype=float)
    facts.total = float(co2e.sum())
    facts.total_market = float(lines["co2e_market"].sum())
    facts.biogenic = float(lines["CO2_biogenic"].sum())
    facts.uncertainty_pct = combine_sum(co2e, unc)
    for section, part in lines.groupby("section", sort=False):
        facts.by_section[section] = float(part["co2e"].sum())
        facts.section_uncertainty[section] = combine_sum(part["co2e"].to_numpy(float), part["uncertainty_pct"].to_numpy(float))
    for scope, part in lines.groupby(lines["scope"].astype(str), sort=True):
        facts.by_scope[scope] = float(part["co2e"].sum())
        facts.by_scope_market[scope] = float(part["co2e_market"].sum())
    for key, part in lines.groupby(["section", "category", lines["scope"].astype(str)], sort=False):
        facts.by_category[tuple(str(k) for k in key)] = float(part["co2e"].sum())
    facts.gwp = dict(result.gwp)
    groups: dict[str, dict] = {}
    for rec in result.by_gas().to_dict("records"):
        g = groups.setdefault(GAS_GROUPS[rec["gas"]], {"gas": GAS_GROUPS[rec["gas"]], "tonnes": 0.0, "gwp": rec["gwp"], "co2e": 0.0})
        g["tonnes"] += rec["tonnes"]
        g["co2e"] += rec["co2e"]
        if g["gas"] != rec["gas"]:
            g["gwp"] = None  # a group of several gases has no single GWP
    facts.by_gas = list(groups.values())
    acts = lib.activities
    facts.activity_lines = len(lines)
    facts.activity_detail, table = _activity_table(lines)
    for rec in table.to_dict("records"):
        a = acts.get(rec["activity"])
        month = rec.get("month")
        named = rec.get(equipment.COLUMN) if isinstance(rec.get(equipment.COLUMN), str) else ""
        in_zh = f"（{equipment.label(named, True)}）" if named else ""  # the line's combustion equipment
        in_en = f" ({equipment.label(named, False).lower()})" if named else ""
        facts.activities.append(ActivityRow(
            section=rec["section"], category=rec["category"], scope=str(rec["scope"]), activity=rec["activity"],
            name_zh=(a.name_zh if a else rec["activity"]) + in_zh, name_en=(a.name_en if a else rec["activity"]) + in_en,
            amount=float(rec["amount"]), unit=str(rec["unit"]), co2e=float(rec["co2e"]),
            co2e_market=float(rec["co2e_market"]), biogenic=float(rec["CO2_biogenic"]),
            uncertainty_pct=float(rec["uncertainty_pct"]) if np.isfinite(rec["uncertainty_pct"]) else 0.0,
            note=notes.get(str(rec.get("row_id")), "") if facts.activity_detail == "line" else "",
            month=None if month is None or month != month else int(month), lines=int(rec.get("lines", 1)),
        ))
    used_sources: dict[str, dict] = {}
    fu = result.factors_used
    for rec in (fu.to_dict("records") if len(fu) else []):
        src = lib.sources.get(rec["source"])
        used_sources.setdefault(rec["source"], src or {"id": rec["source"], "title": rec["source"]})
        facts.factors.append(FactorRow(
            id=rec["id"], subject=str(rec["subject"]), param=str(rec["param"]), gas=str(rec.get("gas") or ""),
            value=float(rec["value"]), unit=str(rec["unit"]), uncertainty_pct=float(rec.get("uncertainty_pct") or 0),
            source_id=rec["source"], source=source_text(src, rec["source"]), table=str(rec.get("table") or ""),
            **_subject_names(str(rec["subject"]), acts, str(rec.get("qualifier") or "")),
            out_of_validity=bool(rec.get("out_of_validity", False)),
        ))
    facts.sources = list(used_sources.values())
    return facts


SUBJECT_GROUPS = {"coal": ("煤炭", "Coal"), "oil": ("油品", "Oil products"), "gas": ("燃气", "Gaseous fuels"),
                  "biomass": ("生物质", "Biomass"),
                  # subjects of factors that several activities share (data/factors/*.csv ``subject``)
                  "carbon_dioxide": ("二氧化碳", "Carbon dioxide"), "methane": ("甲烷", "Methane"),
                  "cao": ("氧化钙（CaO）", "Calcium oxide (CaO)"),
                  "adipic_acid": ("己二酸生产", "Adipic acid production"),
                  "etch_cvd": ("刻蚀/CVD腔室清洗用含氟气体", "Fluorinated gases for etching / CVD chamber cleaning"),
                  "etch_cvd_cf4": ("刻蚀/CVD副产CF4", "By-product CF4 of etching / CVD cleaning"),
                  "etch_cvd_c2f6": ("刻蚀/CVD副产C2F6", "By-product C2F6 of etching / CVD cleaning"),
                  "etch_cvd_chf3": ("刻蚀/CVD副产CHF3", "By-product CHF3 of etching / CVD cleaning"),
                  "landfill": ("固体废弃物填埋", "Solid waste disposal (landfill)"),
                  "domestic_wastewater": ("生活污水", "Domestic wastewater"),
                  "wastewater_cod": ("工业废水（按COD）", "Industrial wastewater (by COD)"),
                  "managed_soils": ("农用地", "Managed soils"), "rice": ("水稻种植", "Rice cultivation")}


def _subject_names(subject: str, activities, qualifier: str = "") -> dict[str, str]:
    """What a factor applies to, in words: the activity of that code, or a fuel group for non-CO2 factors; a factor
    qualified by a combustion equipment says which (原煤（工业锅炉） / Raw coal (industrial boiler))."""
    a = activities.get(subject)
    if a:
        zh, en = a.name_zh, a.name_en
    else:
        zh, en = SUBJECT_GROUPS.get(subject, (subject, subject.replace("_", " ")))
    if qualifier in equipment.EQUIPMENT:
        zh, en = f"{zh}（{equipment.label(qualifier, True)}）", f"{en} ({equipment.label(qualifier, False).lower()})"
    return {"subject_zh": zh, "subject_en": en}
