"""Reports say what they are (issue 14, item 5): each guideline's tables are named after the guideline and add up
to the headline; a report of a draft says so on every page of every format; no raw key in any output language;
numbers with thousands separators in every format; the details appear as soon as the build finishes."""

import io
import re

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from parkcarbon.engine import load_library
from parkcarbon.engine import methodology as M
from parkcarbon.engine.template import section_columns
from parkcarbon.inventory.models import Inventory, Status
from parkcarbon.inventory.services import refresh_snapshot
from parkcarbon.reports.content import TEMPLATES
from parkcarbon.reports.content.labels import CATEGORIES, GUIDELINE_COLUMNS, PARAMS, SECTIONS
from parkcarbon.reports.documents.charts import render_charts
from parkcarbon.reports.documents.docx import render_docx
from parkcarbon.reports.documents.html import render_html
from parkcarbon.reports.documents.pdf import render_pdf
from parkcarbon.reports.documents.xlsx import render_xlsx
from parkcarbon.reports.models import Report
from parkcarbon.reports.services import build_report, collect_facts
from tests.reports.conftest import E1_ROWS, make_inventory

pytestmark = pytest.mark.django_db


def render_all(inventory, template):
    facts = collect_facts(inventory, template)
    data = TEMPLATES[template](facts)
    charts = render_charts(data)
    return facts, data, {"docx": render_docx(data, charts), "pdf": render_pdf(data, charts), "xlsx": render_xlsx(data),
                         "html": render_html(data)}


def two_guidelines(inventory):
    """Steel guideline first; IPCC 2006 covers what the steel guideline does not (the lime kiln)."""
    inventory.methodologies, inventory.gwp_set = ["cn_iron_steel", "ipcc2006"], "SAR"
    inventory.save()
    refresh_snapshot(inventory)  # the park now adds an SAR inventory to AR5 ones
    return inventory


# ------------------------------------------------------------------------------------------ text of each format

def docx_pages_text(blob: bytes) -> tuple[str, list[str]]:
    """Body text (paragraphs, tables) and the header texts (first page and the others)."""
    doc = Document(io.BytesIO(blob))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    section = doc.sections[0]
    headers = ["\n".join(p.text for p in h.paragraphs) for h in (section.first_page_header, section.header)]
    footer = "\n".join(p.text for p in section.footer.paragraphs)
    return "\n".join([*parts, *headers, footer]), headers


def pdf_pages(blob: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(blob)).pages]


def xlsx_sheets(blob: bytes) -> dict[str, list[list]]:
    wb = load_workbook(io.BytesIO(blob))
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def html_text(blob: bytes) -> str:
    text = re.sub(r"<style.*?</style>", " ", blob.decode(), flags=re.S)
    return re.sub(r"<[^>]+>", " ", text)


def all_texts(files) -> dict[str, str]:
    sheets = xlsx_sheets(files["xlsx"])
    return {
        "docx": docx_pages_text(files["docx"])[0],
        "pdf": "\n".join(pdf_pages(files["pdf"])),
        "html": html_text(files["html"]),
        "xlsx": "\n".join([*sheets, *(str(v) for rows in sheets.values() for r in rows for v in r if isinstance(v, str))]),
    }


# ---------------------------------------------------------------------------------- guidelines and reconciliation

def test_each_guidelines_tables_are_titled_with_it_and_reconcile_to_the_headline(inventory):
    two_guidelines(inventory)
    facts, data, files = render_all(inventory, "cn_enterprise")
    tables = {t.key: t for t in data.tables()}
    guideline = [t for k, t in tables.items() if k.startswith("guideline_") and k != "guideline_reconciliation"]
    steel, ipcc = M.get("cn_iron_steel"), M.get("ipcc2006")
    assert {t.key.split("_")[1] for t in guideline} >= {"cn", "ipcc2006"}
    for t in guideline:
        owner = steel if t.key.startswith("guideline_cn_iron_steel") else ipcc
        assert f"《{owner.title_zh}》" in t.title, t.title
    assert len({t.title for t in data.tables()}) == len(data.tables())  # no two tables share a title
    # The guidelines' CO2e tables plus what is in none of them add up to the headline total.
    recon = tables["guideline_reconciliation"]
    co2e_totals = [t.total[[c.label for c in t.columns].index(GUIDELINE_COLUMNS["co2e"][0])]
                   for t in guideline if GUIDELINE_COLUMNS["co2e"][0] in [c.label for c in t.columns]]
    assert [r[2] for r in recon.rows][:len(co2e_totals)] == pytest.approx(co2e_totals)
    assert sum(r[2] for r in recon.rows) == pytest.approx(facts.total, rel=1e-12)
    assert recon.total[2] == facts.total
    assert {r[0] for r in recon.rows} >= {steel.title_zh, ipcc.title_zh}
    # The lime kiln is IPCC's: in its table, not the steel guideline's.
    lime = facts.by_category[("ippu", "lime", "1")]
    assert any(r[2] == pytest.approx(lime) for r in recon.rows if r[0] == ipcc.title_zh)
    for name in ("docx", "pdf", "html"):
        assert "各核算指南报告表与排放总量的核对" in all_texts(files)[name].replace("\n", ""), name
    # Activity data tables name the unit of each amount.
    activity = next(t for t in guideline if t.key.endswith("activity_data"))
    assert [c.label for c in activity.columns][1:3] == ["活动数据", "单位"]
    assert ["t" in r for r in activity.rows if r[1]]


def test_one_guideline_needs_no_reconciliation_table(world):
    energy = make_inventory(world.park, world.enterprise, 2024, {"energy": [E1_ROWS["energy"][0], E1_ROWS["energy"][2]]})
    energy.methodologies = ["cn_iron_steel"]
    energy.save()
    data = TEMPLATES["cn_enterprise"](collect_facts(energy, "cn_enterprise"))
    assert "guideline_reconciliation" not in [t.key for t in data.tables()]
    assert any(t.title.startswith(f"表 《{M.get('cn_iron_steel').title_zh}》") for t in data.tables())


# ------------------------------------------------------------------------------------------------------- drafts

@pytest.mark.parametrize("template", ["cn_enterprise", "ghg_protocol"])
def test_a_draft_says_so_on_every_page_of_every_format(world, template):
    draft = make_inventory(world.park, world.enterprise, 2023, E1_ROWS, status=Status.DRAFT)
    facts, data, files = render_all(draft, template)
    word = "草稿" if template == "cn_enterprise" else "DRAFT"
    assert data.draft.startswith(word)
    pages = pdf_pages(files["pdf"])
    assert len(pages) > 3 and all(word in p for p in pages)
    _, headers = docx_pages_text(files["docx"])
    assert all(data.draft in h for h in headers)  # the cover's header and every other page's
    html = files["html"].decode()
    assert 'data-testid="report-draft"' in html and data.draft in html and "report-watermark" in html
    wb = load_workbook(io.BytesIO(files["xlsx"]))
    for ws in wb.worksheets:
        assert ws["A1"].value == data.draft, ws.title
        assert data.draft in ws.oddHeader.center.text, ws.title


def test_a_submitted_inventorys_report_is_not_marked(inventory):
    assert inventory.status == Status.SUBMITTED
    _, data, files = render_all(inventory, "cn_enterprise")
    assert data.draft == ""
    for name, text in all_texts(files).items():
        assert "草稿" not in text, name


def test_a_park_report_is_a_draft_when_it_counts_a_draft(world, park_inventory):
    from parkcarbon.inventory.park import park_summary

    Inventory.objects.filter(enterprise=world.enterprise2).update(status=Status.DRAFT)
    counted = [r.status for r in park_summary(world.park, 2023).all_rows]
    facts, data, _ = render_all(park_inventory, "park_inventory")
    assert facts.provenance.draft == (Status.DRAFT in counted)
    assert bool(data.draft) == (Status.DRAFT in counted)
    Inventory.objects.filter(park=world.park).update(status=Status.SUBMITTED)
    assert TEMPLATES["park_inventory"](collect_facts(park_inventory, "park_inventory")).draft == ""


def test_the_report_page_marks_a_draft(world, client_for):
    draft = make_inventory(world.park, world.enterprise, 2023, E1_ROWS, status=Status.DRAFT)
    report = Report.objects.create(park=world.park, enterprise=world.enterprise, inventory=draft, year=2023,
                                   template="cn_enterprise", language="zh-hans")
    build_report(report.pk)
    page = client_for("park_admin").get(report.get_absolute_url()).content.decode()
    assert 'data-testid="report-draft-note"' in page
    listing = client_for("park_admin").get(reverse("reports:list")).content.decode()
    assert 'data-testid="draft-badge"' in listing


# ----------------------------------------------------------------------------------- details after the build

def test_progress_partial_swaps_the_details_when_the_build_finishes(world, client_for, inventory):
    report = Report.objects.create(park=world.park, enterprise=world.enterprise, inventory=inventory, year=2023,
                                   template="cn_enterprise", language="zh-hans", created_by=world.users["park_admin"])
    c = client_for("park_admin")
    url = reverse("reports:progress", args=[report.pk])
    before = c.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="report-details"' in before and "every 1s" in before
    build_report(report.pk)
    report.refresh_from_db()
    after = c.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "every 1s" not in after  # polling stops: this partial is the last swap, so it carries the details
    assert f"IPCC {report.gwp_set}" in after and report.engine_version in after and report.library_version in after
    assert re.search(r'data-testid="data-versions">#\d+: ', after)
    page = c.get(report.get_absolute_url()).content.decode()
    assert page.count('data-testid="report-details"') == 1  # inside the polled region, not beside it


# ------------------------------------------------------------------------------------------------ raw keys

def raw_key_catalogue() -> set[str]:
    """Every machine key a report could leak: template field keys, engine result columns, status codes, section,
    category and parameter codes, guideline column keys and ids, activity codes."""
    lib = load_library()
    keys = {c.key for s in SECTIONS for c in section_columns(s, lib)}
    keys |= {"co2e", "co2e_market", "CO2_biogenic", "uncertainty_pct", "row_id", "guideline_category", "methodology"}
    keys |= set(Status.values) | set(SECTIONS) | set(CATEGORIES) | set(PARAMS) | set(GUIDELINE_COLUMNS)
    keys |= set(M.methodologies()) | set(lib.activities)
    return keys - {"CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3"}  # gas formulas are what reports print


def leaked(text: str, keys: set[str], english: bool) -> set[str]:
    """Keys found as whole tokens (case-sensitive: factor and source ids are upper case). In an English text a
    key that is a plain English word ("energy", "amount") is a word, not a leak; a Chinese text has no such word."""
    found = set()
    for key in keys:
        if english and key.isalpha() and key.islower() and key not in {"co2e", "ippu", "afolu", "ncv"}:
            continue
        if re.search(rf"(?<![A-Za-z0-9_-]){re.escape(key)}(?![A-Za-z0-9_])", text):
            found.add(key)
    if re.search(r"\b(?:SAR|AR\d)\s*/\s*(?:SAR|AR\d)\b", text):
        found.add("mixed GWP sets")
    return found


@pytest.fixture
def every_report(world, inventory, park_inventory):
    two_guidelines(inventory)
    Inventory.objects.filter(pk=park_inventory.pk).update(status=Status.DRAFT)  # a status to (not) print raw
    park_inventory.refresh_from_db()
    return [(inventory, "cn_enterprise"), (inventory, "ghg_protocol"), (park_inventory, "park_inventory"),
            (park_inventory, "ghg_protocol")]


def test_no_raw_key_in_any_format_or_language(every_report):
    keys = raw_key_catalogue()
    assert {"co2e", "amount", "draft", "bituminous_coal", "ippu", "cn_iron_steel"} <= keys
    for inventory, template in every_report:
        _, data, files = render_all(inventory, template)
        for name, text in all_texts(files).items():
            # Chinese reports cite English sources ("Chapter 1, Table 1.2 (wood/wood waste)"): citations, not keys.
            body = text if data.language == "en" else re.sub(r"[A-Z][\x20-\x7e\n]{19,}", " ", text)
            assert not leaked(body, keys, english=data.language == "en"), (template, name, leaked(body, keys, data.language == "en"))


def test_industry_code_is_printed_once(every_report):
    for inventory, template in every_report[:2]:
        _, data, files = render_all(inventory, template)
        for name, text in all_texts(files).items():
            assert not re.search(r"\b(\d{4}) \1\b", text), (template, name)
            assert "3120" in text, (template, name)


def test_numbers_have_thousands_separators_in_every_format(every_report):
    """No figure of five or more digits without separators (years, credit codes, ids and versions excepted)."""
    for inventory, template in every_report:
        facts, data, files = render_all(inventory, template)
        assert facts.total > 10_000
        for name, text in all_texts(files).items():
            if name == "xlsx":
                continue  # numbers are numbers there, shown with the #,##0.00 format (tested in test_documents)
            text = re.sub(r"[0-9A-Z]{18}", " ", text)  # unified social credit codes
            text = re.sub(r"\b(?:19|20)\d\d\b", " ", text)  # years and dates
            bare = re.findall(r"(?<![\w,.#-])\d{5,}(?:\.\d+)?(?![\w-])", text)  # not in ids or hex versions
            assert not bare, (template, name, bare[:5])


def test_english_reports_name_the_location_in_english(every_report):
    for inventory, template in every_report:
        if template != "ghg_protocol":
            continue
        _, data, files = render_all(inventory, template)
        organisation = dict(next(b for b in data.blocks if getattr(b, "type", "") == "keyvalues").rows)
        assert organisation["Location"].endswith("Jiangsu, China"), organisation["Location"]
        text = all_texts(files)["pdf"]
        assert "江苏" not in text and "南通" not in text
