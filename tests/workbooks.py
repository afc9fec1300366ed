"""The standard template filled with rows, for tests of the reader, the CLI and the upload flow."""

import io

from openpyxl import load_workbook

from parkcarbon.engine.template import SECTION_SHEETS, write_template


def filled_template(rows, sheet=SECTION_SHEETS["energy"], mutate=None) -> bytes:
    """The template with ``rows`` (dicts keyed by field key) from row 3 of ``sheet``; ``mutate(workbook)`` may
    change it further (add a sheet, delete a column ...) before it is saved."""
    buf = io.BytesIO()
    write_template(buf)
    wb = load_workbook(io.BytesIO(buf.getvalue()))
    ws = wb[sheet]
    keys = [c.value for c in ws[2]]
    for r, row in enumerate(rows, start=3):
        for key, value in row.items():
            ws.cell(r, keys.index(key) + 1, value)
    if mutate:
        mutate(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
