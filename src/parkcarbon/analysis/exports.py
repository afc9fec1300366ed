"""A chart's table as CSV or XLSX: the numbers the chart draws, every text cell neutralised against formula
injection (a zone or enterprise name such as ``=HYPERLINK(...)`` stays text)."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from parkcarbon.analysis.figures import Chart
from parkcarbon.engine.template import neutralise

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _cells(row: list) -> list:
    return [neutralise(c) if isinstance(c, str) else c for c in row]


def chart_csv(chart: Chart, caption: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_cells([caption]))
    writer.writerow(_cells(list(chart.columns)))
    for row in chart.rows:
        writer.writerow(_cells(["" if c is None else c for c in row]))
    if chart.note:
        writer.writerow(_cells([chart.note]))
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: spreadsheet programs read the Chinese text as UTF-8


def chart_xlsx(chart: Chart, caption: str) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = chart.key[:31]
    ws.append(_cells([caption]))
    ws.append(_cells(list(chart.columns)))
    for row in chart.rows:
        ws.append(_cells(row))
    if chart.note:
        ws.append(_cells([chart.note]))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def chart_response(chart: Chart, fmt: str, caption: str, stem: str) -> HttpResponse:
    body = chart_csv(chart, caption) if fmt == "csv" else chart_xlsx(chart, caption)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{stem}.{fmt}")
    return response
