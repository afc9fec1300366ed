"""Issue 15 in the downloaded report, every format (DOCX, PDF, XLSX, HTML): a default used for a year its source does
not cover is labelled in the factor table, and each fuel's heat content (TJ, NCV basis; the engine's heat_TJ of its
lines) is in the energy table beside its tce."""

import pytest

from parkcarbon.engine import load_library
from parkcarbon.engine.template import SECTION_SHEETS
from parkcarbon.engine.values import method_fields
from parkcarbon.inventory.models import Inventory
from parkcarbon.reports.content import TEMPLATES
from parkcarbon.reports.content.labels import CATEGORIES, pick
from parkcarbon.reports.documents.charts import render_charts
from parkcarbon.reports.documents.docx import render_docx
from parkcarbon.reports.documents.html import render_html
from parkcarbon.reports.documents.pdf import render_pdf
from parkcarbon.reports.documents.xlsx import render_xlsx
from parkcarbon.reports.services import collect_facts
from tests.reports.conftest import add_lines
from tests.reports.test_documents import docx_text, pdf_text, xlsx_values
from tests.workbooks import catalogue_rows

pytestmark = pytest.mark.django_db
ROWS = [{"activity": "diesel", "amount": 100, "unit": "t"},
        {"activity": "electricity_grid", "amount": 10, "unit": "MWh"}]


def files(world, year: int, template: str, rows=ROWS) -> dict[str, str]:
    inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=year, region="CN-JS",
                                   methodologies=["ghg_protocol"], status="submitted")
    add_lines(inv, "energy", rows)
    data = TEMPLATES[template](collect_facts(inv, template))
    charts = render_charts(data)
    return {"docx": docx_text(render_docx(data, charts)), "pdf": pdf_text(render_pdf(data, charts)),
            "xlsx": "\n".join(str(v) for v in xlsx_values(render_xlsx(data))),
            "html": render_html(data).decode()}


@pytest.mark.parametrize(("template", "label", "heat"), [
    ("ghg_protocol", "outside the years its source covers", "Fuel heat content (TJ, NCV)"),
    ("cn_enterprise", "超出来源适用年份", "燃料热量（TJ，低位发热量）"),
])
def test_base_year_label_and_heat_content_in_every_format(world, template, label, heat):
    # IPCC 2006 Vol.2 Table 1.2: gas/diesel oil 43.0 TJ/Gg, so 100 t = 0.1 Gg x 43.0 = 4.3 TJ; electricity none.
    # Under the GHG Protocol (IPCC 2006 Tier 1 tables) in 2005 those defaults (valid from 2006) are used and labelled;
    # in 2006 they are not.
    base = files(world, 2005, template)
    for fmt, text in base.items():
        assert label in text, fmt
        assert heat in text.replace("\n", "") or heat in text, fmt
        assert "4.3" in text, fmt
    for fmt, text in files(world, 2006, template, ROWS[:1]).items():  # (the 2006 grid factor is itself labelled)
        assert label not in text, fmt


def test_every_activity_of_the_catalogue_is_shown_in_the_report(world):
    """One line of every catalogue activity (the new methods of issue 15 among them: SF6 nameplate balance,
    refrigeration screening, incineration by component, landfill mass balance, flooded rice, supplier and residual
    grid factors, hydrogen, oil and gas Tier 1, abandoned mines, wastewater N2O): the enterprise report names each
    activity and every source category; the GHG Protocol report every source category."""
    inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS",
                                   status="submitted")
    fields = method_fields()
    for section in SECTION_SHEETS:
        add_lines(inv, section, [
            {"activity": r["activity"], "amount": r["amount"], "unit": r["unit"],
             "measured": {k: {"value": v, "unit": r[f"{k}_unit"]} for k, v in r.items() if f"{k}_unit" in r},
             "extra": {k: v for k, v in r.items() if k in fields}} for r in catalogue_rows(section)])
    lib = load_library()
    categories = {a.category for a in lib.activities.values()}
    for template, zh in (("cn_enterprise", True), ("ghg_protocol", False)):
        text = str(TEMPLATES[template](collect_facts(inv, template)).to_dict())
        assert [c for c in sorted(categories) if pick(CATEGORIES, c, zh) not in text] == [], template
        if template == "cn_enterprise":
            assert [a.code for a in lib.activities.values() if a.name_zh not in text] == []
