"""Each format, opened with its reading library, shows the inventory's totals, the entity's name and the factor
sources; the PDF's Chinese text is extracted as written; XLSX text cannot run as a formula."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from parkcarbon.inventory.models import ResultSnapshot
from parkcarbon.reports.content import TEMPLATES
from parkcarbon.reports.documents.charts import render_charts
from parkcarbon.reports.documents.docx import render_docx
from parkcarbon.reports.documents.html import render_html
from parkcarbon.reports.documents.model import Col, ReportData, fmt
from parkcarbon.reports.documents.pdf import render_pdf
from parkcarbon.reports.documents.xlsx import BAD_SHEET_CHARS, TITLE_PREFIX, render_xlsx
from parkcarbon.reports.services import collect_facts

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def xlsx_values(data: bytes) -> list:
    wb = load_workbook(io.BytesIO(data))
    return [v for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]


def t(value: float) -> str:
    return fmt(value, Col("", "num", 2))


@pytest.fixture
def rendered(inventory):
    def render(template, inv=None):
        facts = collect_facts(inv or inventory, template)
        data = TEMPLATES[template](facts)
        charts = render_charts(data)
        return facts, data, charts, {"docx": render_docx(data, charts), "pdf": render_pdf(data, charts),
                                     "xlsx": render_xlsx(data), "html": render_html(data)}
    return render


def test_enterprise_report_every_format_shows_totals_entity_and_sources(rendered, inventory):
    facts, data, charts, files = rendered("cn_enterprise")
    assert facts.total == pytest.approx(ResultSnapshot.objects.get(inventory=inventory).total_co2e)
    assert {"chart_section", "chart_gas", "chart_trend"} <= set(charts)  # 2022 and 2023: a trend
    source_titles = [s["title"] for s in facts.sources]
    assert any("省级温室气体清单" in s or "IPCC" in s for s in source_titles)
    texts = {"docx": docx_text(files["docx"]), "pdf": pdf_text(files["pdf"]), "html": files["html"].decode()}
    for name, text in texts.items():
        assert t(facts.total) in text, name
        assert "甲钢铁有限公司" in text, name
        assert "温室气体排放报告" in text, name
        for title in source_titles:
            assert title[:20] in text.replace("\n", ""), (name, title)
        assert facts.factors[0].id in text, name
    values = xlsx_values(files["xlsx"])
    assert round(facts.total, 2) in values
    assert "甲钢铁有限公司" in values
    assert any(isinstance(v, str) and source_titles[0] in v for v in values)


def test_pdf_chinese_text_is_extracted_as_written(rendered):
    _, _, _, files = rendered("cn_enterprise")
    text = pdf_text(files["pdf"])
    for phrase in ("一、报告主体基本信息", "二、核算边界", "排放因子及来源", "数据质量管理与不确定性", "七、声明", "统一社会信用代码"):
        assert phrase in text
    reader = PdfReader(io.BytesIO(files["pdf"]))
    fonts = {str(f) for page in reader.pages[:2] for f in page["/Resources"]["/Font"].values()}
    assert fonts  # an embedded font, not an image of text
    assert reader.metadata.title.startswith("甲钢铁有限公司")


def test_docx_has_real_headings_tables_and_pictures(rendered):
    _, data, charts, files = rendered("cn_enterprise")
    doc = Document(io.BytesIO(files["docx"]))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "一、报告主体基本信息" in headings and "七、声明" in headings
    assert len(doc.tables) >= len(data.tables())
    assert len(doc.inline_shapes) == len(charts)
    factor_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "因子编号")
    assert len(factor_table.rows) == len(data.tables()[[tb.key for tb in data.tables()].index("factors")].rows) + 1


def test_xlsx_tables_are_data_and_text_is_neutralised(rendered, inventory):
    facts, data, _, files = rendered("cn_enterprise")
    wb = load_workbook(io.BytesIO(files["xlsx"]))
    assert len(wb.sheetnames) >= len(data.tables()) + 1
    activities = wb["活动数据"]
    header = [c.value for c in activities[1]]
    assert header[:3] == ["序号", "排放源类别", "活动/排放源"]
    amounts = [r[4] for r in activities.iter_rows(min_row=2, values_only=True) if isinstance(r[0], int)]
    assert 1000 in amounts and all(isinstance(a, (int, float)) for a in amounts)
    notes = [r[7] for r in activities.iter_rows(min_row=2, values_only=True) if r[7]]
    assert "'=HYPERLINK(\"http://x\")" in notes  # would have been a live formula
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"


def test_park_report_totals_structure_and_double_counting(rendered, park_inventory):
    facts, data, charts, files = rendered("park_inventory", park_inventory)
    from parkcarbon.inventory.park import park_summary

    summary = park_summary(park_inventory.park, 2023)
    assert facts.total == pytest.approx(summary.total_co2e)
    assert facts.in_park_memo > 0 and facts.total < summary.gross_co2e
    assert [y for y, _, _ in facts.trend] == [2022, 2023]  # each year by the rules of this year's total
    assert facts.trend[-1][1:] == (pytest.approx(facts.total), pytest.approx(facts.total_market))
    assert facts.trend[0][1] == pytest.approx(park_summary(park_inventory.park, 2022).total_co2e)
    keys = [tb.key for tb in data.tables()]
    for key in ("summary", "by_section", "by_gas", "by_industry", "by_zone", "enterprises", "trend", "key_sources"):
        assert key in keys
    text = pdf_text(files["pdf"])
    for phrase in ("园区温室气体清单报告", "测试园区A", "甲钢铁有限公司", "乙化工有限公司", "减排建议", t(facts.total)):
        assert phrase in text
    assert t(facts.total) in docx_text(files["docx"])
    assert round(facts.total, 2) in xlsx_values(files["xlsx"])


def test_english_ghg_protocol_report(rendered, inventory):
    facts, data, _, files = rendered("ghg_protocol")
    assert data.language == "en"
    text = docx_text(files["docx"])
    for phrase in ("Scope 1", "Scope 2 – location-based", "Scope 2 – market-based", "Biogenic CO₂", "Base year",
                   "Exclusions", "Jia Steel (甲钢铁有限公司)"):
        assert phrase in text
    assert facts.biogenic > 0 and t(facts.biogenic) in text
    assert t(facts.by_scope["1"]) in pdf_text(files["pdf"])
    assert "2022" in text  # base year: the first year with an inventory


def test_report_data_round_trips_through_json(rendered):
    import json

    _, data, _, _ = rendered("cn_enterprise")
    again = ReportData.from_dict(json.loads(json.dumps(data.to_dict())))
    assert again == data


def test_english_report_of_a_park_inventory(rendered, park_inventory):
    facts, data, _, files = rendered("ghg_protocol", park_inventory)
    text = pdf_text(files["pdf"])
    assert "Greenhouse Gas Inventory Report" in text and "Test Park A (测试园区A)" in text
    assert t(facts.total) in docx_text(files["docx"])
    assert "Memo: energy supplied inside the park" in text
    assert "enterprises" in [tb.key for tb in data.tables()]
    chapters = [b.text for b in data.blocks if getattr(b, "type", "") == "heading" and b.level == 1]
    assert [c.split(".")[0] for c in chapters] == [str(i) for i in range(1, len(chapters) + 1)]


def test_numbers_are_formatted_once_for_every_format():
    col = Col("", "num", 2)
    assert fmt(-0.0001, col) == "0.00" and fmt(1234567.891, col) == "1,234,567.89"
    assert fmt(None, col) == "—" and fmt("", col) == "" and fmt(12.345, Col("", "pct", 1)) == "12.3%"


@pytest.mark.parametrize("template", ["cn_enterprise", "ghg_protocol"])
def test_every_table_cell_is_the_same_in_every_format(rendered, template):
    _, data, _, files = rendered(template)
    assert_same_cells(data, files)


def test_every_cell_is_the_same_in_every_format_with_two_guidelines_in_a_draft(rendered, inventory):
    inventory.methodologies, inventory.gwp_set, inventory.status = ["cn_iron_steel", "ipcc2006"], "SAR", "draft"
    inventory.save()
    _, data, _, files = rendered("cn_enterprise")
    assert data.draft and any(t.sheet for t in data.tables())
    assert_same_cells(data, files)


def test_every_park_table_cell_is_the_same_in_every_format(rendered, park_inventory):
    _, data, _, files = rendered("park_inventory", park_inventory)
    assert_same_cells(data, files)


def assert_same_cells(data, files):
    tables = data.tables()
    doc = Document(io.BytesIO(files["docx"]))
    docx_tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    wb = load_workbook(io.BytesIO(files["xlsx"]))
    sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    pdf = pdf_text(files["pdf"]).replace("\n", " ")
    html = files["html"].decode()
    assert len({tb.title for tb in tables}) == len(tables)  # one sheet per table, found by its title
    for table in tables:
        expected = [[c.label for c in table.columns], *[table.cells(r) for r in table.rows]]
        if table.total:
            expected.append(table.cells(table.total))
        assert expected in docx_tables, table.key
        name = BAD_SHEET_CHARS.sub(" ", TITLE_PREFIX.sub("", table.sheet or table.title)).strip()[:28]
        sheet = next(rows for title, rows in sheets.items() if title.startswith(name))
        sheet = sheet[2:] if data.draft else sheet[1:]  # under the draft mark and the header row
        for row, shown in zip(sheet, expected[1:], strict=False):
            for value, text, col in zip(row, shown, table.columns, strict=False):
                if col.numeric and isinstance(value, (int, float)):
                    assert fmt(value, col) == text, (table.key, value, text)
        for shown in expected[1:]:
            for text, col in zip(shown, table.columns, strict=False):
                if col.numeric and text not in ("", "—"):
                    assert text in pdf, (table.key, text)
                    assert text in html, (table.key, text)


def test_an_inventory_without_data_still_gives_a_report(world):
    from parkcarbon.inventory.models import Inventory

    empty = Inventory.objects.create(park=world.park, enterprise=world.enterprise2, year=2024, region="CN-JS")
    data = TEMPLATES["cn_enterprise"](collect_facts(empty, "cn_enterprise"))
    charts = render_charts(data)
    assert "乙化工有限公司" in pdf_text(render_pdf(data, charts))
    assert render_docx(data, charts) and render_xlsx(data)


def test_font_can_be_replaced_by_the_deployment(monkeypatch, tmp_path):
    from parkcarbon.reports.documents import fonts

    packaged = fonts.cjk_font_path()
    assert packaged.suffix == ".ttc" and packaged.stat().st_size > 1_000_000
    try:
        fonts.cjk_font_path.cache_clear()
        monkeypatch.setenv("PARKCARBON_REPORT_FONT", str(tmp_path / "missing.ttf"))
        with pytest.raises(fonts.FontMissing):
            fonts.cjk_font_path()
        fonts.cjk_font_path.cache_clear()
        monkeypatch.setenv("PARKCARBON_REPORT_FONT", str(packaged))
        assert fonts.cjk_font_path() == packaged
    finally:
        fonts.cjk_font_path.cache_clear()


def test_enterprise_report_has_the_guidelines_tables_energy_and_intensity(rendered, inventory):
    """Issue 11: the report lays out the chosen guideline's own tables and gives energy (tce) beside carbon."""
    inventory.methodologies, inventory.gwp_set = ["cn_iron_steel", "ipcc2006"], "SAR"  # IPCC covers the lime kiln
    inventory.output_value_10k_yuan = 80_000
    inventory.save()
    facts, data, charts, files = rendered("cn_enterprise")
    # GB/T 2589-2020: electricity 0.1229 kgce/kWh (calorific value) -> 10 000 MWh = 1229 tce.
    assert dict((en, tce) for _, en, tce in facts.energy)["Purchased electricity (grid)"] == pytest.approx(1229.0)
    assert facts.intensity["co2e_per_10k_yuan_output"] == pytest.approx(facts.total / 80_000)
    text = {"docx": docx_text(files["docx"]), "pdf": pdf_text(files["pdf"])}
    for fmt_name, body in text.items():
        assert "报告主体温室气体排放量汇总" in body, fmt_name  # the steel guideline's summary table
        assert f"{facts.energy_tce:,.3f}" in body, fmt_name
        assert "中国钢铁生产企业" in body, fmt_name  # the guideline named as the accounting basis
    values = xlsx_values(files["xlsx"])
    assert round(facts.energy_tce, 3) in values


def test_pdf_long_table_repeats_its_header_and_wraps_long_text():
    """The PDF draws tables itself (fast for thousands of rows): every page of a long table starts with its header
    row; a cell too long for its column wraps and loses nothing."""
    from parkcarbon.reports.documents.model import Cover, Heading, Table
    from parkcarbon.reports.documents.pdf import FONT, _Doc, _width, _wrap

    long_name = "基准企业很长的名字有限公司" * 4
    rows = [[i, long_name if i == 7 else f"企业{i:04d}", 1234.5 * i] for i in range(1, 301)]
    table = Table("t", "表 长表", [Col("排名", "int", width=0.5), Col("企业名称", width=2), Col("排放量（tCO2e）", "num")],
                  rows, ["", "合计", sum(r[2] for r in rows)])
    data = ReportData("x", "zh-hans", "长表", "x", Cover("长表", "2023", "园区", []), [Heading("一、长表"), table])
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(data, {}))).pages]
    with_rows = [p for p in pages if "企业0299" in p or "企业0100" in p or "企业0001" in p]
    table_pages = [p for p in pages if "企业0" in p]
    assert len(table_pages) >= 5 and all("企业名称" in p and "排放量（tCO2e）" in p for p in table_pages)
    assert with_rows and fmt(sum(r[2] for r in rows), Col("", "num")) in pages[-1]
    assert long_name in "".join(pages).replace("\n", "")
    pdf = _Doc(data)
    pdf.set_font(FONT, size=8)
    for text in (long_name, "2006 IPCC Guidelines for National Greenhouse Gas Inventories. Volume 2: Energy"):
        lines = _wrap(pdf, text, 30)
        assert len(lines) > 1 and all(_width(pdf, line) <= 30 for line in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_report_energy_uses_the_measured_ncv(rendered, world):
    """Issue 15: the report's tce is computed with the heat values of the CO2 path when the NCV was measured."""
    from .conftest import make_inventory

    inv = make_inventory(world.park, world.enterprise2, 2023, {"energy": [
        {"activity": "bituminous_coal", "amount": 1000, "unit": "t", "measured": {"ncv": {"value": 20, "unit": "GJ/t"}}},
    ]})
    facts, *_ = rendered("cn_enterprise", inv)
    # 1000 t x 20 GJ/t / 29.307 GJ/tce (GB/T 2589-2020) = 682.431 tce (the table's 0.7143 tce/t would give 714.3)
    assert facts.energy_tce == pytest.approx(20_000 / 29.307)


@pytest.mark.parametrize("values", [[-18.333], [0.0], [-5.0, 0.0]])
def test_a_gas_pie_with_nothing_positive_still_renders(values):
    """A coking inventory whose carbon-balance deductions exceed its inputs nets below zero (CO2 -18.333 t in the
    QA walk of 2026-11-29): the report build failed with matplotlib's "All wedge sizes are zero"."""
    from parkcarbon.reports.documents.charts import render_chart
    from parkcarbon.reports.documents.model import Chart

    png = render_chart(Chart("chart_gas", "图 温室气体构成", "pie", ["CO₂", "CH₄"][: len(values)], {"tCO2e": values}))
    assert png.startswith(b"\x89PNG")
