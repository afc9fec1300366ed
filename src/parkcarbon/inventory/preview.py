"""What the preview shows: totals by gas, section, scope and month, the largest sources, every line with its
factor and source, uncertainty. Built from the engine's result of the inventory's current lines."""

from __future__ import annotations

import numpy as np
import pandas as pd
from django.utils.translation import get_language

from parkcarbon.engine import InputError, equipment, load_library
from parkcarbon.engine import methodology as M
from parkcarbon.engine.methods import METHODS
from parkcarbon.engine.result import combine_sum
from parkcarbon.engine.tce import energy_tce, intensities
from parkcarbon.inventory import guide, services
from parkcarbon.inventory.models import Section

MONTHS = range(0, 13)


def _activity_name(code: str) -> str:
    act = load_library().activities.get(code)
    if act is None:
        return code
    return act.name_zh if (get_language() or "").startswith("zh") else act.name_en


def line_rows(inventory, lines, result=None) -> list[dict]:
    """Per-line display rows: the line, its CO2e and the factors used with value, unit and source (from the
    library the inventory is computed with: its pinned release, a park release's own factors included)."""
    lib = services.library_of(inventory)
    if result is None:
        if not lines:
            return []
        result = services.calculate_rows(inventory, services.engine_rows(lines))
    factor_cols = [c for c in result.lines.columns if c.startswith("factor:")]
    rows = []
    for i, rec in enumerate(result.lines.to_dict("records")):
        # a default used for a year its source does not cover (e.g. a 2005 base year): labelled, never refused
        outside = set(filter(None, str(rec.get("out_of_validity") or "").split(",")))
        factors = []
        for col in factor_cols:
            fid = rec[col]
            if not isinstance(fid, str):
                continue
            f = lib.factors.get(fid)
            if f is None:
                factors.append({"param": col[7:], "id": fid, "value": None, "unit": "", "source": "", "table": ""})
            else:
                src = lib.sources[f.source]
                factors.append({"param": col[7:], "id": fid, "value": f.value, "unit": f.unit,
                                "source": src["title"], "document": src["document"], "table": f.table,
                                "outside": fid in outside})
        rows.append({
            "line": lines[i] if lines else None, "activity": rec["activity"], "name": _activity_name(rec["activity"]),
            "amount": rec["amount"], "unit": rec["unit"], "month": rec["month"], "scope": rec["scope"],
            "co2e": rec["co2e"], "co2e_market": rec["co2e_market"], "uncertainty": rec["uncertainty_pct"],
            "biogenic": rec["CO2_biogenic"], "factors": factors,
            "equipment": equipment.label(named, guide.zh()) if isinstance(named := rec.get(equipment.COLUMN), str)
            and named else "",  # (lines of two guidelines: NaN where the other one's lines name none)
            "heat_tj": float(rec.get("heat_TJ") or 0.0),  # a fuel line's heat content (NCV basis), issue 15
        })
    return rows


def _factor_records(result, library=None) -> list[dict]:
    """The factors used, with what they apply to and their parameter and unit in the user's language: the
    parameter named as the method of the lines that used the factor names it ("of" is a fuel's oxidation rate on a
    fuel line, the flare's on a flaring line; "ef_ch4" per km only on a pipeline line), the qualifier in words (a
    combustion equipment is already in the subject, a sector by its name). ``library``: the one the result was
    computed with (a park release's factors have their sources there, not in the shipped library)."""
    from parkcarbon.inventory.forms import SECTOR_LABELS
    from parkcarbon.reports.content.facts import _subject_names

    sources = (library or load_library()).sources
    params = {p.name: guide.param_label(p) for method in METHODS.values() for p in method.params}
    # one name, several meanings: "density" is the CH4 density for subject methane, the CO2 one for carbon_dioxide
    by_subject = {(p.name, p.subject[1:]): guide.param_label(p) for method in METHODS.values()
                  for p in method.params if p.subject.startswith("=")}
    activities = load_library().activities
    used_by: dict[tuple[str, str], str] = {}  # (factor id, param) -> an activity of a line that used it
    df = result.lines
    activity = df["activity"].to_numpy() if len(df) else ()
    for col in (c for c in df.columns if c.startswith("factor:")):
        codes, ids = pd.factorize(df[col])  # -1 where the line has no such factor
        distinct, first = np.unique(codes, return_index=True)  # the first line using each factor
        for code, i in zip(distinct, first, strict=True):
            if code >= 0:
                used_by.setdefault((str(ids[code]), col[7:]), str(activity[i]))
    records = result.factors_used.to_dict("records") if len(result.factors_used) else []
    for f in records:
        f["source_title"], f["source_document"] = sources[f["source"]]["title"], sources[f["source"]]["document"]
        qualifier = str(f.get("qualifier") or "")
        names = _subject_names(str(f["subject"]), activities, qualifier)  # an activity, a fuel
        # group or a shared subject (with the combustion equipment a factor is qualified by)
        f["subject_label"] = names["subject_zh"] if guide.zh() else names["subject_en"]
        act = used_by.get((f["id"], f["param"]))
        f["param_label"] = (by_subject.get((f["param"], f["subject"]))
                            or (guide.param_label_of(act, f["param"]) if act else "")
                            or params.get(f["param"], f["param"]))
        f["qualifier_label"] = ("" if not qualifier or qualifier in equipment.EQUIPMENT
                                else str(SECTOR_LABELS[qualifier]) if qualifier in SECTOR_LABELS
                                else _activity_name(qualifier))
        f["unit_label"] = guide.unit_label(f["unit"])
    return records


def guideline_tables(inventory, result) -> list[dict]:
    """The chosen guidelines' own report tables laid out as the report lays them out (``reports.content``): titled
    with their guideline, columns in words, and the reconciliation with the total when several guidelines apply,
    so the preview and the downloaded report never disagree."""
    from parkcarbon.reports.content import common
    from parkcarbon.reports.content.facts import Facts, guideline_tables_from_result

    zh = (get_language() or "").startswith("zh")
    facts = guideline_tables_from_result(Facts(entity=None, provenance=None, total=result.total_co2e), result,
                                         list(inventory.methodologies))
    tables = common.guideline_tables(facts, zh)
    if (reconciliation := common.reconciliation_table(facts, zh)) is not None:
        tables.append(reconciliation)
    return [{"key": t.key, "title": t.title, "note": t.note, "head": [(c.label, c.numeric) for c in t.columns],
             "rows": [list(zip(t.cells(row), (c.numeric for c in t.columns), strict=False)) for row in t.rows],
             "total": list(zip(t.cells(t.total), (c.numeric for c in t.columns), strict=False)) if t.total else None}
            for t in tables]


def by_gas(result) -> list[dict]:
    """Tonnes and CO2e per gas, with the GWP as published (AR6: CH4 27.9 / 29.8 for fossil sources, never a blend)."""
    from parkcarbon.reports.content.common import gwp_cell

    rows = result.by_gas().to_dict("records")
    for g in rows:
        cell = gwp_cell(g["gas"], g["gwp"], result.gwp, guide.zh())
        g["gwp_label"] = cell if isinstance(cell, str) else f"{cell:g}"
    return rows


def preview_context(inventory) -> dict:
    lines = list(services.current_lines(inventory).select_related("version"))
    # the header names the inventory's guidelines whether or not the calculation succeeds (a refused line once
    # showed the standard's name instead)
    context = {"inventory": inventory, "has_data": bool(lines),
               "methodologies": [M.get(m) for m in inventory.methodologies]}
    if not lines:
        return context
    inputs = services.engine_rows(lines)
    try:
        result = services.calculate_rows(inventory, inputs)
    except InputError as exc:  # each problem with its line's section and activity, in the page's language
        by_id = {str(line.pk): line for line in lines}
        sections = dict(Section.choices)
        problems = []
        for p in exc.problems[:50]:
            line = by_id.get(str(p.row))
            where = f"{sections.get(line.version.section)} · {_activity_name(line.activity)}" if line else ""
            problems.append({"where": where, "message": p.text(get_language())})
        return {**context, "calc_error": exc, "calc_problems": problems}
    rows = guide.plain_rows(line_rows(inventory, lines, result=result))  # units and parameters in words
    df = result.lines
    tce = energy_tce(inputs, year=result.year, region=result.region, lenient=True)  # the inputs: measured NCVs count
    energy = tce.by("activity")
    energy_rows = [{"name": _activity_name(a) if a != "total" else "", "activity": a, "tce": t}
                   for a, t in zip(energy["activity"], energy["tce"], strict=True) if a != "total" and t]
    sections = dict(Section.choices)
    by_section = [{"key": k, "label": sections.get(k, k), **v} for k, v in result.totals("section").to_dict("index").items()]
    by_section.sort(key=lambda s: list(sections).index(s["key"]) if s["key"] in sections else len(sections))  # energy first
    by_scope = [{"key": k, **v} for k, v in result.totals("scope").to_dict("index").items()]
    by_month = {int(k): v["co2e"] for k, v in result.totals("month").to_dict("index").items()}
    largest = sorted(rows, key=lambda r: -abs(r["co2e"]))[:10]
    total = float(df["co2e"].sum())
    return {
        **context, "result": result, "rows": rows, "total": total, "total_market": float(df["co2e_market"].sum()),
        "biogenic": float(df["CO2_biogenic"].sum()),
        "uncertainty": combine_sum(df["co2e"].to_numpy(), df["uncertainty_pct"].to_numpy()),
        "by_gas": by_gas(result), "by_section": by_section, "by_scope": by_scope,
        "by_month": [(m, by_month.get(m, 0.0)) for m in MONTHS], "largest": largest,
        "chart_sections": [{"name": s["label"], "value": round(s["co2e"], 3)} for s in by_section],
        "chart_months": [round(by_month.get(m, 0.0), 3) for m in range(1, 13)],
        "factors": _factor_records(result, services.library_of(inventory)),
        "guideline_tables": guideline_tables(inventory, result),
        "energy_rows": energy_rows, "energy_total": tce.total_tce,
        "intensity": intensities(float(df["co2e"].sum()), tce.total_tce, inventory.output_value_10k_yuan,
                                 inventory.value_added_10k_yuan),
    }
