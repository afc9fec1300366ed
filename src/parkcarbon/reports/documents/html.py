"""HTML: the preview shown in the browser and the downloadable .html file, from the same blocks. Charts become
CSS bars (no image needed), labelled with the same formatted numbers as the tables."""

from __future__ import annotations

from django.template.loader import render_to_string

from parkcarbon.reports.documents.model import Chart, Col, ReportData, fmt


def chart_rows(chart: Chart) -> list[dict]:
    values = next(iter(chart.series.values()), [])
    top = max([abs(v) for v in values] or [1.0]) or 1.0
    total = sum(v for v in values if v > 0) or 1.0
    num = Col("", "num", 0)
    return [
        {"label": label, "value": fmt(v, num), "width": max(0.5, abs(v) / top * 100),
         "share": f"{v / total * 100:.1f}%" if chart.kind == "pie" else ""}
        for label, v in zip(chart.labels, values, strict=False)
    ]


def document_context(data: ReportData) -> dict:
    blocks = []
    for b in data.blocks:
        item = {"b": b, "type": b.type}
        if b.type == "table":
            item["head"] = [{"label": c.label, "num": c.numeric} for c in b.columns]
            item["rows"] = [list(zip(b.cells(r), [c.numeric for c in b.columns], strict=False)) for r in b.rows]
            item["total"] = list(zip(b.cells(b.total), [c.numeric for c in b.columns], strict=False)) if b.total else None
        elif b.type == "chart":
            item["bars"] = chart_rows(b)
        blocks.append(item)
    return {"data": data, "blocks": blocks}


def render_fragment(data: ReportData) -> str:
    """The report body, for embedding in a page."""
    return render_to_string("reports/_document.html", document_context(data))


def render_html(data: ReportData) -> bytes:
    """A standalone HTML file."""
    return render_to_string("reports/document_standalone.html", document_context(data)).encode()
