"""A new user's walk of the combustion equipment in Chromium, in both languages (walk of 2026-11-29, walker2): a
raw-coal line typed through the line form with the equipment "industrial boiler" under the cement guideline shows
the equipment on its row, and the preview's factor table names the factor in words: the guideline's 95 % row, the
parameter as a fuel's oxidation rate (it read "Carbon oxidation rate of the flare"), the equipment once (no raw
``industrial_boiler``), and the every-line table with its unit.

Hand-worked total (cement guideline, Appendix 2, Tables 2.1-2.3: raw coal 20.908 GJ/t, 26.37 tC/TJ, 95 % in
industrial boilers): 1,000 t x 20.908 GJ/t = 20.908 TJ x 26.37 tC/TJ = 551.344 tC x 0.95 = 523.777 tC x 44/12 =
1,920.515 t CO2."""

import pytest

from parkcarbon.inventory.models import Inventory
from tests.browser import shot, signed_in_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("lang", "equipment", "subject", "param", "unit"), [
    ("zh-hans", "工业锅炉", "原煤（工业锅炉）", "碳氧化率", "吨"),
    ("en", "Industrial boiler", "Raw coal (industrial boiler)", "Oxidation rate", "t")])
def test_a_raw_coal_line_in_an_industrial_boiler(browser, live_server, transactional_db, django_user_model,
                                                 lang, equipment, subject, param, unit):
    from tests.conftest import PASSWORD, make_world

    world = make_world(django_user_model)
    inventory = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS",
                                         methodologies=["cn_cement"])
    base = live_server.url
    page, errors = signed_in_page(browser, base, "enterprise_reporter", PASSWORD, lang)
    page.goto(f"{base}/accounting/{inventory.pk}/")
    form = page.locator("[data-testid=line-form]")
    form.locator("select[name=activity]").select_option("raw_coal")
    form.locator("input[name=amount]").fill("1000")
    form.locator("select[name=x_equipment]").select_option(label=equipment)
    with page.expect_navigation():
        page.click("[data-testid=line-save]")
    assert equipment in page.inner_text("[data-testid=line-equipment]")
    page.goto(f"{base}/accounting/{inventory.pk}/preview/")
    shot(page, f"equipment-preview-{lang}")
    row = page.locator("[data-testid=factor-table] tr", has_text="CN-CEM-055")
    assert row.locator("td").nth(1).inner_text() == f"{subject} · {param}"
    assert "95.0" in row.inner_text() and "industrial_boiler" not in page.inner_text("main")
    lines = page.locator("[data-testid=lines] [data-testid=line-row]")
    assert lines.count() == 1 and "1,920.515" in lines.first.inner_text()
    assert lines.first.locator("td").nth(2).inner_text().split("\n")[0] == unit  # the unit cell (then any note)
    assert not errors, errors
