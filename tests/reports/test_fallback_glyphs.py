"""QA walk of 2026-11-29 (walker3): WenQuanYi Micro Hei, the reports' CJK font, has no subscript six, so the zh PDF's
gas table header read "SF（t）" (fpdf2: "missing the following glyphs: '₆'") and the charts drew a missing-glyph box
for SF₆ (matplotlib: "Glyph 8326 missing"). The glyphs the CJK font lacks now come from DejaVu Sans."""

import io
import warnings

from pypdf import PdfReader

from parkcarbon.reports.documents.charts import render_chart
from parkcarbon.reports.documents.model import Chart, Cover, Para, ReportData
from parkcarbon.reports.documents.pdf import render_pdf


def test_the_pdf_writes_sf6_and_chinese():
    data = ReportData(template="cn_enterprise", language="zh-hans", title="六氟化硫", file_stem="sf6",
                      cover=Cover(title="六氟化硫", subtitle="", entity="甲", rows=[]),
                      blocks=[Para("六氟化硫（SF₆）排放量 1.5 t，CH₄ 与 N₂O 另列。")])
    pdf = render_pdf(data, {})
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "六氟化硫（SF₆）排放量" in text and "CH₄ 与 N₂O" in text, text


def test_a_chart_draws_sf6_and_chinese_without_a_missing_glyph():
    chart = Chart(key="gas", title="按气体", kind="bar", labels=["SF₆", "二氧化碳"], series={"t": [1.0, 2.0]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = render_chart(chart, dpi=50)
    assert png.startswith(b"\x89PNG")
    assert not [w for w in caught if "missing from font" in str(w.message)], [str(w.message) for w in caught]
