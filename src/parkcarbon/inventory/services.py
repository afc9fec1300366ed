"""Inventory operations. Views and the API call these; each write runs in a transaction and is attributed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from parkcarbon.engine import Library, Options, Result, calculate, load_library
from parkcarbon.engine import methodology as M
from parkcarbon.engine.errors import InputError
from parkcarbon.engine.result import combine_sum
from parkcarbon.engine.tce import energy_tce
from parkcarbon.inventory.models import (
    EDITABLE_STATUSES,
    ActivityLine,
    Inventory,
    ResultSnapshot,
    Section,
    SectionVersion,
    Status,
    Transition,
)

# Energy bought from a producer inside the park: counted at the producer (its direct emissions); the buyer's
# scope-2 emissions for it are a memo item in the park total, never added to it.
IN_PARK_SUPPLY_ACTIVITIES = ("electricity_in_park", "heat_in_park")


def options_for(inventory: Inventory) -> Options:
    """Calculation options: the chosen guidelines' datasets and rules, with the inventory's GWP set and grid basis."""
    if inventory.methodologies:
        return M.options_for(inventory.methodologies, inventory.year, inventory.region, gwp=inventory.gwp_set,
                             grid_basis=inventory.grid_basis)
    return Options(year=inventory.year, region=inventory.region, gwp=inventory.gwp_set, grid_basis=inventory.grid_basis)


def library_of(inventory: Inventory, release: str | None = None) -> Library:
    """The factor library the inventory is computed with: its pinned release (or ``release``, for a what-if). A
    park release (``2026.2+park.1``, approved, of the inventory's park) is the shipped library with the park's factors."""
    release = release or inventory.factor_release or None
    if release and "+" in release:
        from parkcarbon.releases import park_releases

        return park_releases.library(release, inventory.park)
    return load_library(release=release)


def calculate_rows(inventory: Inventory, rows, release: str | None = None) -> Result:
    """The engine's result for rows of this inventory: checked against its guidelines (activities they cover,
    units they allow, parameters they require measured), then computed with the inventory's factor release (or
    ``release``). InputError lists every problem."""
    lib = library_of(inventory, release)
    if inventory.methodologies:
        return M.calculate_enterprise(inventory.methodologies, rows, inventory.year, inventory.region,
                                      gwp=inventory.gwp_set, grid_basis=inventory.grid_basis, library=lib)
    return calculate(rows, options_for(inventory), lib)


def default_methodologies(inventory: Inventory) -> list[str]:
    """The guideline proposed for the boundary: the park inventory guideline for a park's own sources, otherwise
    the most specific guideline for the enterprise's industry (GB/T 4754-2017)."""
    if inventory.enterprise_id is None:
        return ["cn_park_inventory"]
    return [M.propose(inventory.enterprise.industry_code)[0].id]


def current_versions(inventory: Inventory) -> dict[str, SectionVersion]:
    """The latest version of each section that has one."""
    latest: dict[str, SectionVersion] = {}
    for v in inventory.versions.order_by("section", "-number"):
        latest.setdefault(v.section, v)
    return latest


def current_lines(inventory: Inventory):
    return ActivityLine.objects.filter(version__in=list(current_versions(inventory).values())).order_by(
        "version__section", "position", "pk"
    )


def engine_rows(lines) -> pd.DataFrame:
    """Engine rows of a few line objects (pages that also need the objects)."""
    return pd.DataFrame([line.engine_row() for line in lines])


ENGINE_COLUMNS = ("row_id", "activity", "amount", "unit", "month", "sector", "ad_uncertainty_pct", "measured", "extra")


def engine_frame(lines) -> pd.DataFrame:
    """Engine rows of a queryset of lines, read as plain values (no model objects: 100k lines in ~0.3 s)."""
    df = pd.DataFrame.from_records(
        lines.values_list("pk", *ENGINE_COLUMNS[1:], "evidence"), columns=[*ENGINE_COLUMNS, "evidence_file"]
    )
    df["row_id"] = df["row_id"].astype(str)
    return spread_rows(df)


def spread_rows(df: pd.DataFrame) -> pd.DataFrame:
    """Engine rows of line fields (``measured`` and ``extra`` spread into columns; only the rows that have them)."""
    df = df.assign(sector=df["sector"].astype(object).replace({"": None})).reset_index(drop=True)
    for column in ("measured", "extra"):
        given = df[column].map(bool).to_numpy(dtype=bool)
        spread: dict[str, dict[int, object]] = {}  # column -> {row: value}, set once per column (not per cell)
        for i, values in zip(np.flatnonzero(given), df[column].to_numpy()[given], strict=True):
            for name, spec in values.items():
                if column == "measured":
                    spread.setdefault(name, {})[i] = spec.get("value")
                    spread.setdefault(f"{name}_unit", {})[i] = spec.get("unit")
                else:
                    spread.setdefault(name, {})[i] = spec
        for name, cells in spread.items():
            rows = np.fromiter(cells, dtype=int, count=len(cells))
            if name in df:
                df.loc[rows, name] = list(cells.values())
            else:
                df[name] = pd.Series(list(cells.values()), index=rows).reindex(df.index)
    # the line's evidence file is the evidence a supplier's emission factor needs, unless a document is named
    if "evidence_file" in df:  # stored lines (an upload's checked lines have no file yet)
        files = df["evidence_file"].fillna("").astype(str)
        if (files != "").any():
            named = df["evidence"].fillna("").astype(str) if "evidence" in df else pd.Series("", index=df.index)
            df["evidence"] = named.where(named.str.strip() != "", files)
        df = df.drop(columns="evidence_file")
    return df.drop(columns=["measured", "extra"])


def calculate_inventory(inventory: Inventory) -> Result | None:
    """The engine's result for the inventory's current lines (None when it has none)."""
    df = engine_frame(current_lines(inventory))
    return calculate_rows(inventory, df) if len(df) else None


def refresh_snapshot(inventory: Inventory) -> ResultSnapshot | None:
    """Recompute and store the inventory's totals from its stored lines; remove the snapshot when there is no data."""
    rows = engine_frame(current_lines(inventory))
    try:
        result = calculate_rows(inventory, rows) if len(rows) else None
    except InputError:
        result = None  # stored lines were valid when saved; a factor withdrawn since leaves no snapshot
    return store_snapshot(inventory, snapshot_fields(result, rows) if result is not None else None)


def snapshot_fields(result: Result, rows=None) -> dict:
    """The snapshot of a result of all the inventory's current lines (pure: an upload computes it off the web);
    ``rows``, the engine rows of the result, let measured NCVs count in the energy figures."""
    lines = result.lines
    in_park = lines["activity"].isin(IN_PARK_SUPPLY_ACTIVITIES)

    def table(by):
        t = result.totals(by)
        return {str(k): {"co2e": float(v["co2e"]), "co2e_market": float(v["co2e_market"]),
                         "uncertainty_pct": float(v["uncertainty_pct"])} for k, v in t.iterrows()}

    return {
        "engine_version": result.engine_version, "library_version": result.library_version,
        "gwp_set": result.gwp_set, "total_co2e": result.total_co2e,
        "total_co2e_market": float(lines["co2e_market"].sum()),
        "biogenic_co2": float(lines["CO2_biogenic"].sum()),
        "in_park_supply_co2e": float(lines.loc[in_park, "co2e"].sum()),
        "uncertainty_pct": combine_sum(lines["co2e"].to_numpy(), lines["uncertainty_pct"].to_numpy()),
        "by_section": table("section"), "by_scope": table("scope"), "by_month": table("month"),
        "by_category": table("category"),
        "by_gas": {r["gas"]: {"tonnes": r["tonnes"], "co2e": r["co2e"]} for r in result.by_gas().to_dict("records")},
        "gas_tonnes": gas_tonnes(result),
        **energy_summary(result, rows),
    }


def store_snapshot(inventory: Inventory, fields: dict | None) -> ResultSnapshot | None:
    if fields is None:
        ResultSnapshot.objects.filter(inventory=inventory).delete()
        return None
    snapshot, _ = ResultSnapshot.objects.update_or_create(inventory=inventory, defaults=fields)
    return snapshot


def gas_tonnes(result: Result) -> dict:
    """Tonnes of each gas per section and per scope, and the total CO2e in every GWP set that has all the gases
    emitted: what a park total needs to reweigh with the park's set ("gwp" lets the park trend sum in SQL). Fossil
    CH4 is kept apart as ``CH4_fossil`` (a set such as AR6 weighs it with its own value; others with CH4's)."""
    lines, gases = result.lines, list(result.gases)
    if "CH4" in gases and "ch4_fossil" in lines:
        fossil, ch4 = lines["ch4_fossil"].to_numpy(dtype=bool), lines["CH4"].to_numpy(dtype=float)
        lines = lines.assign(CH4=np.where(fossil, 0.0, ch4), CH4_fossil=np.where(fossil, ch4, 0.0))
        gases.append("CH4_fossil")
    stored = {by: {str(k): {g: float(row[g]) for g in gases if row[g]}
                   for k, row in lines.groupby(by, observed=True, sort=False)[gases].sum().iterrows()}
              for by in ("section", "scope", "activity")}  # activity: the analysis Sankey and scenarios (issue 17)
    tonnes = {g: float(lines[g].sum()) for g in gases}
    stored["gwp"] = {name: sum(t * gwp_of(values, g) for g, t in tonnes.items()) for name, values in
                     ((name, {g: v[0] for g, v in records.items()}) for name, records in load_library().gwp.items())
                     if all(gwp_of(values, g) is not None for g, t in tonnes.items() if t)}
    return stored


def gwp_of(values: dict[str, float], gas: str) -> float | None:
    """A gas's GWP in a set ({gas: value}); fossil CH4 takes the set's CH4 value where the set has no fossil one."""
    if gas == "CH4_fossil" and gas not in values:
        gas = "CH4"
    return values.get(gas)


def energy_summary(result: Result, rows=None) -> dict:
    """Energy consumption in tce (GB/T 2589-2020; electricity at its calorific value) per activity and in total.
    Measured NCVs count either way: from the input rows, or from a Result's heat content of the line."""
    tce = energy_tce(result if rows is None else rows, year=result.year, region=result.region, lenient=True)
    table = tce.by("activity")
    table = table[table["activity"] != "total"]
    return {"energy_tce": tce.total_tce,
            "energy_by_activity": {str(a): float(v) for a, v in zip(table["activity"], table["tce"], strict=True) if v}}


def _next_version(inventory: Inventory, section: str) -> int:
    return (inventory.versions.filter(section=section).aggregate(n=Max("number"))["n"] or 0) + 1


def ensure_editable(inventory: Inventory) -> None:
    """Refuse writes to an inventory that is not a draft. Inside a transaction the row is locked and re-read, so a
    submission that happens meanwhile (e.g. during a long import) is seen."""
    if transaction.get_connection().in_atomic_block:
        inventory.status = Inventory.objects.select_for_update().values_list("status", flat=True).get(pk=inventory.pk)
    if inventory.status not in EDITABLE_STATUSES:
        raise PermissionDenied("A submitted inventory is read-only.")


@transaction.atomic
def manual_version(inventory: Inventory, section: str, user) -> SectionVersion:
    """The section's current version for manual edits (created on first use)."""
    ensure_editable(inventory)
    current = current_versions(inventory).get(section)
    if current is not None:
        return current
    return SectionVersion.objects.create(inventory=inventory, section=section, number=1, source="manual", created_by=user)


@transaction.atomic
def replace_section(inventory: Inventory, section: str, rows: list[dict], user, file_name: str = "",
                    refresh: bool = True) -> SectionVersion:
    """Import validated rows as a new version of the section; earlier versions stay. All or nothing. With
    ``refresh=False`` the caller stores the snapshot (an upload already computed it)."""
    ensure_editable(inventory)
    version = SectionVersion.objects.create(
        inventory=inventory, section=section, number=_next_version(inventory, section), source="upload",
        file_name=file_name[:255], created_by=user,
    )
    insert_lines(version, rows)
    if refresh:
        refresh_snapshot(inventory)
    return version


LINE_FIELDS = ("activity", "amount", "unit", "month", "sector", "ad_uncertainty_pct", "measured", "extra", "note")


def insert_lines(version: SectionVersion, rows) -> int:
    """Insert many lines with one executemany of plain tuples. An upload is a bulk load: the ORM's bulk_create
    spends most of its time building model objects (8.7 s for 100k lines against ~1.5 s here). The section
    version records who loaded the file and when; uploaded lines get no per-line history rows. Empty ``measured``
    and ``extra`` (None or {}) are encoded once, not once per line."""
    if isinstance(rows, list):
        defaults = {"month": 0, "sector": "", "ad_uncertainty_pct": None, "measured": {}, "extra": {}, "note": ""}
        rows = pd.DataFrame([{**defaults, **row} for row in rows], columns=list(LINE_FIELDS))
    meta = ActivityLine._meta
    field = {f.name: f for f in meta.concrete_fields}
    now = field["created_at"].get_db_prep_value(timezone.now(), connection)

    def json_column(name):
        prep = field[name].get_db_prep_value
        empty = prep({}, connection)
        return [prep(v, connection) if v else empty for v in rows[name]]

    uncertainty = pd.to_numeric(rows["ad_uncertainty_pct"], errors="coerce").to_numpy(dtype=float)
    n = len(rows)
    # The version and the empty evidence are the same on every line: SQL literals, not 2n more parameters.
    constants = {"version_id": str(int(version.pk)), "evidence": "''"}
    columns = ["position", *LINE_FIELDS, "created_at", "updated_at"]
    values = zip(
        range(n), rows["activity"].tolist(), rows["amount"].to_numpy(dtype=float).tolist(),
        rows["unit"].tolist(), rows["month"].fillna(0).to_numpy(dtype=int).tolist(), rows["sector"].fillna("").tolist(),
        np.where(np.isnan(uncertainty), None, uncertainty).tolist(), json_column("measured"), json_column("extra"),
        rows["note"].fillna("").tolist(), [now] * n, [now] * n, strict=True,
    )
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - quoted identifiers from model meta; an integer pk
        connection.ops.quote_name(meta.db_table),
        ", ".join(connection.ops.quote_name(field[c].column if c in field else c) for c in [*constants, *columns]),
        ", ".join([*constants.values(), *["%s"] * len(columns)]),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(values))
    return n


@transaction.atomic
def submit(inventory: Inventory, user, note: str = "") -> None:
    from parkcarbon.common.policy import workflow_refusal
    from parkcarbon.inventory.models import ImportStatus

    ensure_editable(inventory)  # locks the row: two submissions cannot both pass
    if workflow_refusal(user, "submit", inventory):
        raise PermissionDenied("Your role does not allow submitting this inventory.")
    if inventory.imports.filter(status__in=[ImportStatus.VALIDATING, ImportStatus.APPLYING]).exists():
        raise PermissionDenied("An upload of this inventory is being processed.")
    Transition.objects.create(inventory=inventory, old_status=inventory.status, new_status=Status.SUBMITTED, by=user,
                              note=note)
    inventory.status = Status.SUBMITTED
    inventory.save(update_fields=["status", "updated_at"])


@dataclass
class SectionSummary:
    section: str
    label: str
    lines: int
    co2e: float


def section_names() -> dict[str, str]:
    return dict(Section.choices)
