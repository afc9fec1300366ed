"""XLSX downloads of the Carbon Assets pages: one sheet of a header and rows, every text cell neutralised against
formula injection (``engine.template.neutralise``), numbers kept as numbers."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook

from parkcarbon.engine.template import neutralise

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool | int | float | date):
        return value
    return neutralise(str(value))


def xlsx_response(filename: str, title: str, header: list, rows) -> HttpResponse:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append([_cell(h) for h in header])
    for row in rows:
        ws.append([_cell(v) for v in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
