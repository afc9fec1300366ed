"""Uploading the standard file: validate every row, preview, and save only on confirmation (all or nothing)."""

from __future__ import annotations

import base64
import binascii
import json
import logging

import numpy as np
import pandas as pd
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, Max
from django.tasks import task
from django.utils.translation import gettext as _

from parkcarbon.common import jobs
from parkcarbon.engine import calculate, equipment, load_library
from parkcarbon.engine.errors import InputError
from parkcarbon.engine.template import SECTION_SHEETS, column_title, read_workbook
from parkcarbon.engine.values import FIELDS, IDENTITY_FIELDS, capped, compute_checked
from parkcarbon.inventory import basic_sheet, services
from parkcarbon.inventory.forms import measured_params
from parkcarbon.inventory.models import ImportStatus, PendingImport

BASE_FIELDS = ("activity", "amount", "unit", "month", "sector", "ad_uncertainty_pct", "note")
LARGE_LINE_CO2E_T = 1_000_000  # one line above 1 Mt CO2e is larger than most power plants: ask the user to confirm
MEASURED_DEVIATION = 0.3  # a measured parameter more than 30 % away from the cited default: ask to confirm
SECTION_OF_SHEET = {sheet: section for section, sheet in SECTION_SHEETS.items()}
log = logging.getLogger(__name__)


def _problem_dict(p) -> dict:
    return {"sheet": p.sheet or "", "row": p.row, "column": column_title(p), "message": p.message,
            "message_zh": p.message_zh}


def check(data: bytes, inventory, basic: dict | None = None):
    """Read the workbook once and compute it: (rows, result, problems); rows and result are None when the file
    cannot be read or computed. Every problem (structure and values) comes in one round, capped with a count of
    the rest. ``basic`` (a dict), when given, receives the basic sheet's division to apply on saving. Pure (no
    database): runs in the task's limited child process."""
    try:
        structure = []
        rows = read_workbook(data, problems=structure)
        division, found = basic_sheet.division_of(data, inventory)
        structure += found
        if basic is not None and division:
            basic["division"] = division
        result = compute_checked(rows, lambda checked: services.calculate_rows(inventory, checked), structure)
    except InputError as exc:
        return None, None, [_problem_dict(p) for p in capped(sorted(exc.problems, key=_reading_order))]
    return rows, result, []


def _reading_order(problem) -> tuple:
    """Problems as the file reads: the file's own first, then sheet by sheet in the template's order and row by
    row (the checks find them column by column: row 5 came before row 4; walk of 2026-11-29, walker4)."""
    sheets = {name: i for i, name in enumerate(SECTION_SHEETS.values())}
    row = str(problem.row)
    return (row.isdigit(), sheets.get(problem.sheet, -1 if problem.sheet is None else len(sheets)),
            int(row) if row.isdigit() else 0)


def validate(data: bytes, inventory) -> dict:
    """Problems, plausibility warnings and a preview for an uploaded workbook; nothing is saved here."""
    basic = {}
    rows, result, problems = check(data, inventory, basic)
    if problems:
        return {"problems": problems, "warnings": [], "preview": {}}
    warnings = _plausibility(rows, result, inventory)
    lines = result.lines.assign(section=rows["_sheet"].map(SECTION_OF_SHEET).to_numpy())
    preview = {
        section: {"lines": int(len(group)), "co2e": float(group["co2e"].sum())}
        for section, group in lines.groupby("section")
    }
    return {"problems": [], "warnings": warnings[:500], "preview": preview, "lines": _frames(rows),
            "division": basic.get("division", "")}


def _frames(rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {SECTION_OF_SHEET[sheet]: line_frame(group, SECTION_OF_SHEET[sheet])
            for sheet, group in rows.groupby("_sheet", sort=False)}


def snapshot_of(frames: dict[str, pd.DataFrame], inventory, kept: pd.DataFrame) -> dict:
    """The snapshot of the inventory once ``frames`` (checked lines, by section) replace their sections, computed
    from exactly the values that will be stored. ``problems`` when the lines no longer compute (the guideline or
    year changed since the check): the caller then checks the workbook again. Pure."""
    rows = pd.concat([services.spread_rows(frame.assign(row_id=[f"{s}:{i}" for i in range(len(frame))]))
                      for s, frame in frames.items()] + [kept], ignore_index=True)
    try:
        return {"problems": [], "snapshot": services.snapshot_fields(services.calculate_rows(inventory, rows), rows)}
    except InputError as exc:
        return {"problems": [_problem_dict(p) for p in exc.problems[:500]]}


def prepare(data: bytes, inventory, kept: pd.DataFrame) -> dict:
    """Everything saving needs, from one read of the workbook: its problems (the inventory's guideline or year may
    have changed since the preview), the lines of each section and the inventory's snapshot totals. ``kept`` are
    the engine rows of the sections the file leaves alone; the snapshot covers them too. Pure, like ``check``."""
    rows, result, problems = check(data, inventory)
    if problems:
        return {"problems": problems[:500]}
    frames = _frames(rows)
    every = rows.drop(columns="_sheet")
    if len(kept):  # the other sections' lines count in the inventory's totals
        every = pd.concat([every, kept], ignore_index=True)
        try:
            result = services.calculate_rows(inventory, every)
        except InputError:
            result = None  # stored lines no longer compute (e.g. a factor withdrawn): no snapshot, as on refresh
    return {"problems": [], "frames": frames, "snapshot": services.snapshot_fields(result, every) if result else None}


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
    """The ActivityLine fields of a section's workbook rows, column by column (validated rows only). Text columns
    are categorical (few distinct values: cheap to clean and to hand from the task's child process); ``measured``
    and ``extra`` are None where a row has none (most rows): they are stored as the one empty JSON value."""
    n = len(rows)
    given = [name for name in rows.columns if rows[name].notna().any()]

    def dicts(names, make) -> np.ndarray:
        """One dict per row of the columns' non-empty values; None where a row has none (most rows have none)."""
        out = np.full(n, None, dtype=object)
        for name in names:
            text = FIELDS[name].max_length if name in FIELDS else 0
            if text:  # a text field (evidence), kept as text
                values = rows[name].fillna("").astype(str).str.strip().str.slice(0, text).to_numpy()
                present = values != ""
                if FIELDS[name].choices:  # stored as its code (a label such as 工业锅炉 was read and checked)
                    codes, names = pd.factorize(values)
                    values = np.array([equipment.canonical(v) or v for v in names], dtype=object)[codes]
            else:
                values = pd.to_numeric(rows[name], errors="coerce").to_numpy(dtype=float)
                present = ~np.isnan(values)
            for i in np.flatnonzero(present):
                if out[i] is None:
                    out[i] = {}
                out[i][name] = make(name, i, values[i] if text else float(values[i]))
        return out

    def numbers(name):
        return pd.to_numeric(rows[name], errors="coerce").to_numpy(dtype=float) if name in given else np.full(n, np.nan)

    units = {p: _text(rows[f"{p}_unit"] if f"{p}_unit" in rows else None, n) for p in _measured_names(section)
             if p in given}
    measured = dicts(units, lambda name, i, v: {"value": v, "unit": units[name][i]})
    extra = dicts([f for f in _row_fields(section) if f in given], lambda name, i, v: v)
    return pd.DataFrame({
        "activity": _text(rows["activity"], n), "amount": pd.to_numeric(rows["amount"]).to_numpy(dtype=float),
        "unit": _text(rows["unit"], n), "month": np.nan_to_num(numbers("month"), nan=0).astype(int),
        "sector": _text(rows.get("sector"), n), "ad_uncertainty_pct": numbers("ad_uncertainty_pct"),
        "measured": measured, "extra": extra, "note": _text(rows.get("note"), n, width=500),
    })


def _text(values, n: int, width: int | None = None) -> pd.Categorical:
    """A text column, stripped ("" where empty), each distinct value cleaned once."""
    if values is None:
        return pd.Categorical.from_codes(np.zeros(n, dtype=int), [""])
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    cleaned = [str(u).strip() for u in uniques]
    cleaned = [t[:width] for t in cleaned] if width else cleaned
    names = list(dict.fromkeys([*cleaned, ""]))  # cleaning may merge values: categories must be unique
    position = {name: i for i, name in enumerate(names)}
    recode = np.array([position[t] for t in cleaned] + [position[""]], dtype=int)
    return pd.Categorical.from_codes(recode[codes], names)


def _measured_names(section: str) -> list[str]:
    return [p.name for p in measured_params(section)]


def _row_fields(section: str) -> list[str]:
    from parkcarbon.engine.methods import METHODS

    names: dict[str, None] = {}
    for act in load_library().activities.values():
        if act.section == section:
            names.update(dict.fromkeys(METHODS[act.method].input_fields))
    return [n for n in names if n not in IDENTITY_FIELDS]  # row_id and unit are the line's own fields


def _fail(pk: int, failure: str) -> None:
    PendingImport.objects.filter(pk=pk, status__in=[ImportStatus.VALIDATING, ImportStatus.APPLYING]).update(
        status=ImportStatus.FAILED, failure=failure, lease_until=None)


def _limited(pending: PendingImport, fn, *args):
    """``fn(data, inventory, *args)`` in the task's limited child process; None when it failed (recorded)."""
    with pending.file.open("rb") as fh:
        data = fh.read()
    try:
        return jobs.run_limited(fn, data, pending.inventory, *args, model=PendingImport, pk=pending.pk)
    except jobs.JobFailed as exc:
        log.warning("upload %s: %s", pending.pk, exc)
        _fail(pending.pk, exc.failure)
        return None


# The lines an upload check produced are kept beside the upload until it is saved, so confirming does not read and
# check the workbook again: saving recomputes them (the snapshot), and only when that no longer passes (the
# inventory's guideline or year changed meanwhile) is the workbook read again. JSON, never pickle: a file in storage
# must not be able to run code.

def checked_name(pk: int) -> str:
    return f"imports/checked/{int(pk)}.json"


def _keep_checked(pk: int, frames: dict[str, pd.DataFrame]) -> None:
    encoded = {section: {name: _encode_column(col) for name, col in frame.items()} for section, frame in frames.items()}
    default_storage.delete(checked_name(pk))
    default_storage.save(checked_name(pk), ContentFile(json.dumps(encoded).encode()))


# Numbers and categorical codes are kept as base64 of their little-endian bytes: exact, and read back without a
# Python object per line. Only these types are ever made from the file's text.
_ARRAY_TYPES = {"f": "<f8", "i": "<i8", "u": "<i8", "b": "|b1"}


def _encode_column(col: pd.Series):
    if isinstance(col.dtype, pd.CategoricalDtype):
        return {"codes": _packed(col.cat.codes.to_numpy(), "<i4"), "categories": col.cat.categories.tolist()}
    if col.dtype.kind in _ARRAY_TYPES:
        return {"array": _packed(col.to_numpy(), _ARRAY_TYPES[col.dtype.kind]), "type": _ARRAY_TYPES[col.dtype.kind]}
    values = col.tolist()  # measured and extra: a dict (JSON) on the few lines that have one, else None
    return {"objects": {str(i): v for i, v in enumerate(values) if v is not None}, "length": len(values)}


def _packed(values: np.ndarray, dtype: str) -> str:
    return base64.b64encode(np.ascontiguousarray(values, dtype=dtype).tobytes()).decode("ascii")


def _unpacked(text: str, dtype: str) -> np.ndarray:
    if dtype not in _ARRAY_TYPES.values() and dtype != "<i4":
        raise ValueError(f"unexpected array type {dtype!r}")
    return np.frombuffer(base64.b64decode(text, validate=True), dtype=dtype).copy()


def _decode_column(col):
    if not isinstance(col, dict):
        return col
    if "array" in col:
        return _unpacked(col["array"], col["type"])
    if "objects" in col:
        values = np.full(int(col["length"]), None, dtype=object)
        for i, value in col["objects"].items():
            values[int(i)] = value
        return values
    codes = _unpacked(col["codes"], "<i4") if isinstance(col["codes"], str) else col["codes"]  # or an older list
    return pd.Categorical.from_codes(codes, col["categories"])


def _checked(pk: int) -> dict[str, pd.DataFrame] | None:
    """The lines kept from the upload's check; None when there are none or they cannot be read (then the workbook
    is read and checked again)."""
    try:
        with default_storage.open(checked_name(pk), "rb") as fh:
            encoded = json.load(fh)
        return {section: pd.DataFrame({name: _decode_column(col) for name, col in columns.items()})
                for section, columns in encoded.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        return None


def forget_checked(pk: int) -> None:
    default_storage.delete(checked_name(pk))


@task()
def validate_import(import_id: int) -> str:
    """Check an upload in the background: problems, warnings and a preview; nothing is saved."""
    waiting = PendingImport.objects.filter(status=ImportStatus.VALIDATING, lease_until__isnull=True)
    if not jobs.take_lease(waiting, import_id):
        return "skipped"  # another worker has it, or it was reaped or deleted
    pending = PendingImport.objects.select_related("inventory").get(pk=import_id)
    try:
        outcome = _limited(pending, validate)
    except Exception:
        _fail(pending.pk, "error")
        raise
    if outcome is None:
        return ImportStatus.FAILED
    if outcome["problems"]:
        forget_checked(pending.pk)
    else:
        _keep_checked(pending.pk, outcome.pop("lines"))
    status = ImportStatus.INVALID if outcome["problems"] else ImportStatus.VALID
    PendingImport.objects.filter(pk=pending.pk, status=ImportStatus.VALIDATING).update(
        problems=outcome["problems"], warnings=outcome["warnings"], preview=outcome["preview"], status=status,
        division=outcome.get("division", ""), lease_until=None)
    return status


def _apply_division(inventory, pending) -> None:
    """The file's finer division of the inventory's province becomes the inventory's (kept in its history as the
    uploader's change). Checked again here: the inventory's region may have changed since the upload was checked."""
    inventory.refresh_from_db(fields=["division", "region"])
    if pending.division in ("", inventory.division) or basic_sheet.division_problems(pending.division, inventory):
        return
    inventory.division = pending.division
    inventory._history_user = pending.created_by
    inventory._change_reason = f"upload {pending.file_name}"
    inventory.save(update_fields=["division"])


def _kept_lines(inventory, sections):
    return services.current_lines(inventory).exclude(version__section__in=sections)


def _fingerprint(lines) -> tuple:
    """Changes to lines between reading them and saving (a manual edit of another section meanwhile)."""
    return tuple(lines.order_by().aggregate(n=Count("pk"), last=Max("pk"), at=Max("updated_at")).values())


@task()
def apply_import(import_id: int) -> str:
    """Save a checked upload: each section in the file becomes a new version, in one transaction. The lines kept
    from the check are computed again with the inventory's current settings (the snapshot comes from that
    calculation); only when they no longer pass is the workbook read and checked again (problems name its cells)."""
    waiting = PendingImport.objects.filter(status=ImportStatus.APPLYING, lease_until__isnull=True)
    if not jobs.take_lease(waiting, import_id):
        return "skipped"
    pending = PendingImport.objects.select_related("inventory", "created_by").get(pk=import_id)
    inventory, sections = pending.inventory, sorted(pending.preview)
    try:
        kept = _kept_lines(inventory, sections)
        before, kept_rows = _fingerprint(kept), services.engine_frame(kept)
        frames = _checked(pending.pk)
        outcome = None
        if frames is not None and set(frames) == set(sections):  # lines checked at upload: compute, not read
            outcome = jobs.run_limited(snapshot_of, frames, inventory, kept_rows, model=PendingImport, pk=pending.pk)
            outcome["frames"] = frames
        if outcome is None or outcome["problems"]:  # the inventory changed since: check the workbook again
            outcome = _limited(pending, prepare, kept_rows)
        if outcome is None:
            return ImportStatus.FAILED
        if outcome["problems"]:
            PendingImport.objects.filter(pk=pending.pk).update(problems=outcome["problems"], status=ImportStatus.INVALID,
                                                               lease_until=None)
            return ImportStatus.INVALID
        with transaction.atomic():
            for section, frame in outcome["frames"].items():
                services.replace_section(inventory, section, frame, pending.created_by, file_name=pending.file_name,
                                         refresh=False)
            if set(outcome["frames"]) == set(sections) and _fingerprint(_kept_lines(inventory, sections)) == before:
                services.store_snapshot(inventory, outcome["snapshot"])
            else:  # the file or the other sections changed since they were read: compute from the stored lines
                services.refresh_snapshot(inventory)
            _apply_division(inventory, pending)
            done = PendingImport.objects.filter(pk=pending.pk, status=ImportStatus.APPLYING).update(
                status=ImportStatus.APPLIED, lease_until=None)
            if not done:  # reaped meanwhile: the user was told it failed, so nothing may be saved
                raise RuntimeError(f"upload {pending.pk} was no longer being saved")
        forget_checked(pending.pk)
    except jobs.JobFailed as exc:
        log.warning("upload %s: %s", pending.pk, exc)
        _fail(pending.pk, exc.failure)
        return ImportStatus.FAILED
    except Exception:
        _fail(pending.pk, "error")
        raise
    return ImportStatus.APPLIED
