"""XLSX: every table of the report as re-usable data (one sheet each), numbers stored as numbers rounded as the
report shows them; every text cell neutralised against formula injection."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from parkcarbon.engine.template import neutralise
from parkcarbon.reports.documents.model import Col, KeyValues, ReportData, Table, rounded

HEAD_FONT = Font(bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="1F6F5C")
TOTAL_FONT = Font(bold=True)
DRAFT_FONT = Font(bold=True, color="C00000", size=12)
BAD_SHEET_CHARS = re.compile(r"[\[\]\*\?/\\:]")
TITLE_PREFIX = re.compile(r"^(表\s*|Table:\s*)")  # "表 活动数据" -> sheet "活动数据"


def _number_format(col: Col) -> str:
    if col.kind == "int":
        return "#,##0"
    places = "0" * col.decimals
    base = f"#,##0.{places}" if places else "#,##0"
    return base + '"%"' if col.kind == "pct" else base


def _sheet_name(title: str, used: set[str]) -> str:
    name = BAD_SHEET_CHARS.sub(" ", TITLE_PREFIX.sub("", title)).strip()[:28] or "Sheet"
    candidate, n = name, 2
    while candidate.lower() in used:
        candidate = f"{name[:25]} ({n})"
        n += 1
    used.add(candidate.lower())
    return candidate


def _cell(value, col: Col):
    v = rounded(value, col)
    if isinstance(v, str) or not col.numeric:
        return neutralise("" if v is None else str(v))
    return v


def _draft(ws, draft: str) -> None:
    """A draft says so on the sheet (its first row) and on every printed page (the page header)."""
    if draft:
        ws.append([neutralise(draft)])
        ws.cell(ws.max_row, 1).font = DRAFT_FONT
        ws.oddHeader.center.text = ws.evenHeader.center.text = draft.replace("&", "&&")


def _write_table(ws, table: Table, draft: str = "") -> None:
    _draft(ws, draft)
    head = ws.max_row + 1 if draft else 1
    ws.append([neutralise(c.label) for c in table.columns])
    for cell in ws[head]:
        cell.font, cell.fill = HEAD_FONT, HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in table.rows:
        ws.append([_cell(v, c) for v, c in zip(row, table.columns, strict=False)])
    if table.total:
        ws.append([_cell(v, c) for v, c in zip(table.total, table.columns, strict=False)])
        for cell in ws[ws.max_row]:
            cell.font = TOTAL_FONT
    for i, col in enumerate(table.columns, start=1):
        letter = get_column_letter(i)
        if col.numeric:
            fmt = _number_format(col)
            for (cell,) in ws.iter_rows(min_row=head + 1, min_col=i, max_col=i):
                cell.number_format = fmt
        ws.column_dimensions[letter].width = max(10, min(60, 9 * col.width + 6))
    ws.freeze_panes = f"A{head + 1}"
    if table.note:
        ws.append([])
        ws.append([neutralise(table.note)])


def render_xlsx(data: ReportData) -> bytes:
    wb = Workbook()
    info = wb.active
    info.title = "报告信息" if data.zh else "Report"
    used = {info.title.lower()}
    _draft(info, data.draft)
    info.append([neutralise(data.title)])
    info.cell(info.max_row, 1).font = Font(bold=True, size=14)
    info.append([neutralise(data.cover.subtitle)])
    info.append([])
    for label, value in [(data.label("entity", "Entity"), data.cover.entity), *data.cover.rows, *data.provenance]:
        info.append([neutralise(label), neutralise(value)])
    info.append([])
    sheet_header = "表格" if data.zh else "Tables in this workbook"
    info.append([neutralise(sheet_header)])
    info.cell(info.max_row, 1).font = TOTAL_FONT
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 32, 70
    for block in data.blocks:
        if isinstance(block, Table):
            ws = wb.create_sheet(_sheet_name(block.sheet or block.title or block.key, used))
            _write_table(ws, block, data.draft)
            info.append([neutralise(ws.title), neutralise(block.title)])
        elif isinstance(block, KeyValues) and block.title:
            ws = wb.create_sheet(_sheet_name(block.title, used))
            _draft(ws, data.draft)
            for k, v in block.rows:
                ws.append([neutralise(k), neutralise(v)])
                ws.cell(ws.max_row, 1).font = TOTAL_FONT
            ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 33, 60
            info.append([neutralise(ws.title), neutralise(block.title)])
    wb.properties.title = data.title
    wb.properties.creator = "ParkCarbon"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
