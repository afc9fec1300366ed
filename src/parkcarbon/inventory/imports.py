"""Uploading the standard file: validate every row, preview, and save only on confirmation (all or nothing)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from django.db import transaction
from django.tasks import task
from django.utils.translation import gettext as _

from parkcarbon.engine import calculate, load_library
from parkcarbon.engine.errors import InputError
from parkcarbon.engine.template import SECTION_SHEETS, column_title, read_workbook
from parkcarbon.engine.values import FIELDS, IDENTITY_FIELDS, capped, compute_checked
from parkcarbon.inventory import services
from parkcarbon.inventory.forms import measured_params
from parkcarbon.inventory.models import ImportStatus, PendingImport

BASE_FIELDS = ("activity", "amount", "unit", "month", "sector", "ad_uncertainty_pct", "note")
LARGE_LINE_CO2E_T = 1_000_000  # one line above 1 Mt CO2e is larger than most power plants: ask the user to confirm
MEASURED_DEVIATION = 0.3  # a measured parameter more than 30 % away from the cited default: ask to confirm
SECTION_OF_SHEET = {sheet: section for section, sheet in SECTION_SHEETS.items()}


def _problem_dict(p) -> dict:
    return {"sheet": p.sheet or "", "row": p.row, "column": column_title(p), "message": p.message,
            "message_zh": p.message_zh}


def validate(data: bytes, inventory) -> dict:
    """Problems, plausibility warnings and a preview for an uploaded workbook; nothing is saved here. Every problem
    (structure and values) comes in one round, capped with a count of the rest."""
    try:
        structure = []
        rows = read_workbook(data, problems=structure)
        result = compute_checked(rows, lambda checked: services.calculate_rows(inventory, checked), structure)
    except InputError as exc:
        return {"problems": [_problem_dict(p) for p in capped(exc.problems)], "warnings": [], "preview": {}}
    sections = rows["_sheet"].map(SECTION_OF_SHEET)
    problems = []
    warnings = _plausibility(rows, result, inventory)
    lines = result.lines.assign(section=sections.to_numpy())
    preview = {
        section: {"lines": int(len(group)), "co2e": float(group["co2e"].sum())}
        for section, group in lines.groupby("section")
    }
    return {"problems": problems[:500], "warnings": warnings[:500], "preview": preview}


def _plausibility(rows: pd.DataFrame, result, inventory) -> list[dict]:
    warnings = []
    big = result.lines["co2e"].abs().to_numpy() >= LARGE_LINE_CO2E_T
    for sheet, row, value in zip(rows["_sheet"][big], rows["row_id"][big], result.lines["co2e"][big], strict=True):
        warnings.append({"sheet": sheet, "row": row, "column": "C",
                         "message": _("%(t)s t CO2e from one line is unusually large: check amount and unit")
                         % {"t": f"{value:,.0f}"}})
    measured_cols = [c for c in result.lines.columns if c.startswith("factor:")]
    measured_any = np.zeros(len(rows), dtype=bool)
    for col in measured_cols:
        measured_any |= (result.lines[col] == "measured").to_numpy()
    if measured_any.any():
        subset = rows.loc[measured_any]
        defaults = subset.drop(columns=[c for c in subset.columns if c.split("_unit")[0] in _param_names()])
        try:
            default_result = calculate(defaults, services.options_for(inventory))
        except InputError:
            return warnings  # no default to compare with (e.g. "other fuel"): nothing to warn about
        ratio = result.lines.loc[measured_any, "co2e"].to_numpy() / np.where(
            default_result.lines["co2e"].to_numpy() == 0, np.nan, default_result.lines["co2e"].to_numpy())
        off = np.abs(np.nan_to_num(ratio, nan=1.0) - 1) > MEASURED_DEVIATION
        for sheet, row, r in zip(subset["_sheet"][off], subset["row_id"][off], ratio[off], strict=True):
            warnings.append({"sheet": sheet, "row": row, "column": "",
                             "message": _("measured parameters give %(pct)s of the emissions with the cited defaults")
                             % {"pct": f"{r:.0%}"}})
    return warnings


def _param_names() -> set[str]:
    return {p.name for section in SECTION_SHEETS for p in measured_params(section)}


def line_frame(rows: pd.DataFrame, section: str) -> pd.DataFrame:
    """The ActivityLine fields of a section's workbook rows, column by column (validated rows only)."""
    params = [p.name for p in measured_params(section) if p.name in rows]
    fields = [f for f in _row_fields(section) if f in rows]
    n = len(rows)

    def column(name, default=None):
        return rows[name] if name in rows else pd.Series([default] * n, index=rows.index)

    measured = [{} for _ in range(n)]
    for name in params:
        values = pd.to_numeric(rows[name], errors="coerce")
        units = column(f"{name}_unit", "").fillna("").astype(str)
        for i in np.flatnonzero(values.notna().to_numpy()):
            measured[i][name] = {"value": float(values.iat[i]), "unit": units.iat[i].strip()}
    extra = [{} for _ in range(n)]
    for name in fields:
        if FIELDS[name].max_length:  # a text field (evidence), kept as text
            text = rows[name].fillna("").astype(str).str.strip().str.slice(0, FIELDS[name].max_length)
            for i in np.flatnonzero((text != "").to_numpy()):
                extra[i][name] = text.iat[i]
            continue
        values = pd.to_numeric(rows[name], errors="coerce")
        for i in np.flatnonzero(values.notna().to_numpy()):
            extra[i][name] = float(values.iat[i])
    month = pd.to_numeric(column("month"), errors="coerce").fillna(0).astype(int)
    return pd.DataFrame({
        "activity": rows["activity"].astype(str).str.strip().to_numpy(),
        "amount": pd.to_numeric(rows["amount"]).to_numpy(dtype=float),
        "unit": rows["unit"].astype(str).str.strip().to_numpy(),
        "month": month.to_numpy(), "sector": column("sector", "").fillna("").astype(str).str.strip().to_numpy(),
        "ad_uncertainty_pct": pd.to_numeric(column("ad_uncertainty_pct"), errors="coerce").to_numpy(),
        "measured": measured, "extra": extra, "note": column("note", "").fillna("").astype(str).str.strip().str.slice(0, 500).to_numpy(),
    })


def _row_fields(section: str) -> list[str]:
    from parkcarbon.engine.methods import METHODS

    names: dict[str, None] = {}
    for act in load_library().activities.values():
        if act.section == section:
            names.update(dict.fromkeys(METHODS[act.method].row_fields))
    return [n for n in names if n not in IDENTITY_FIELDS]  # row_id and unit are the line's own fields


@task()
def validate_import(import_id: int) -> str:
    pending = PendingImport.objects.select_related("inventory").get(pk=import_id)
    try:
        with pending.file.open("rb") as fh:
            outcome = validate(fh.read(), pending.inventory)
    except Exception:
        PendingImport.objects.filter(pk=pending.pk).update(status=ImportStatus.FAILED)
        raise
    pending.problems, pending.warnings, pending.preview = outcome["problems"], outcome["warnings"], outcome["preview"]
    pending.status = ImportStatus.INVALID if outcome["problems"] else ImportStatus.VALID
    pending.save(update_fields=["problems", "warnings", "preview", "status"])
    return pending.status


@task()
def apply_import(import_id: int) -> str:
    """Save a validated upload: each section in the file becomes a new version, in one transaction."""
    pending = PendingImport.objects.select_related("inventory", "created_by").get(pk=import_id)
    try:
        with pending.file.open("rb") as fh:
            data = fh.read()
        outcome = validate(data, pending.inventory)  # again: the inventory's guideline or year may have changed
        if outcome["problems"]:
            pending.problems, pending.status = outcome["problems"], ImportStatus.INVALID
            pending.save(update_fields=["problems", "status"])
            return pending.status
        rows = read_workbook(data)
        with transaction.atomic():
            for sheet, group in rows.groupby("_sheet", sort=False):
                section = SECTION_OF_SHEET[sheet]
                services.replace_section(pending.inventory, section, line_frame(group, section), pending.created_by,
                                         file_name=pending.file_name)
            pending.status = ImportStatus.APPLIED
            pending.save(update_fields=["status"])
    except Exception:
        PendingImport.objects.filter(pk=pending.pk).update(status=ImportStatus.FAILED)
        raise
    return pending.status
