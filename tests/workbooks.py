"""The standard template filled with rows, and rows for every activity of the catalogue, for tests of the reader,
the CLI and the upload flow."""

import functools
import io

from openpyxl import load_workbook

from parkcarbon.engine import InputError, Options, calculate, load_library
from parkcarbon.engine.methods import METHODS
from parkcarbon.engine.template import SECTION_SHEETS, write_template
from parkcarbon.engine.values import FIELDS, IDENTITY_FIELDS

CATALOGUE_OPTIONS = Options(year=2023, region="CN-JS")
MEASURED_EXAMPLE = 0.5  # a measured value that is plausible for any parameter without a default (fractions, ratios)


@functools.cache
def template_bytes() -> bytes:
    buf = io.BytesIO()
    write_template(buf)
    return buf.getvalue()


def filled_workbook(sheets: dict, mutate=None) -> bytes:
    """The template with rows (dicts keyed by field key) from row 3 of each sheet in ``sheets`` ({sheet: rows});
    ``mutate(workbook)`` may change it further (add a sheet, delete a column ...) before it is saved."""
    wb = load_workbook(io.BytesIO(template_bytes()))
    for sheet, rows in sheets.items():
        ws = wb[sheet]
        keys = [c.value for c in ws[2]]
        for r, row in enumerate(rows, start=3):
            for key, value in row.items():
                if key not in ("row_id", "_sheet"):
                    ws.cell(r, keys.index(key) + 1, value)
    if mutate:
        mutate(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def filled_template(rows, sheet=SECTION_SHEETS["energy"], mutate=None) -> bytes:
    """The template with ``rows`` on one sheet (the Energy sheet unless told)."""
    return filled_workbook({sheet: rows}, mutate)


def catalogue_row(code: str, options: Options = CATALOGUE_OPTIONS) -> dict:
    """One computable row of an activity: its default unit, the fields its method reads (example values from
    engine.values.FIELDS) and a measured value for every parameter the engine finds no default for."""
    lib = load_library()
    act = lib.activities[code]
    method = METHODS[act.method]
    row = {"enterprise": "目录企业 Catalogue Co.", "activity": code, "amount": 10, "unit": act.default_unit}
    row.update({f: FIELDS[f].example for f in method.input_fields if f not in IDENTITY_FIELDS})
    params = {p.name: p for p in method.params}
    try:
        calculate([row], options, lib)
    except InputError as exc:  # the engine names the parameters it has no default for
        for name in dict.fromkeys(p.column for p in exc.problems if p.column in params):
            row[name] = MEASURED_EXAMPLE if params[name].lower is None else params[name].lower * 30  # steam 2,512 kJ/kg
            row[f"{name}_unit"] = params[name].unit.format(amount=method.units[_dimension(act.default_unit)])
    return row


def _dimension(unit: str) -> str:
    from parkcarbon.engine.units import dimension_of

    return dimension_of(unit)


def catalogue_rows(section: str) -> list[dict]:
    """One row of every activity of a section, in catalogue order."""
    return [catalogue_row(code) for code, act in load_library().activities.items() if act.section == section]
