"""Issue 21 in a real Chromium: the inventory form's region is the province / city / county cascade, in both
languages; it starts from the chosen enterprise's division, the saved county shows in full on the preview, and the
grid follows the province (regions.csv: Jiangsu -> East China grid, Inner Mongolia -> North China grid)."""

import pytest

from parkcarbon.inventory.models import Inventory
from tests.browser import choose_division, login, shot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang, locale, county, name, grid", [
    ("zh-hans", "zh-CN", "320583", "江苏省苏州市昆山市", "华东区域电网"),
    ("en", "en-US", "150102", "Inner Mongolia, Huhehaote City, Xincheng District", "North China grid"),
])
def test_pick_province_city_county_then_preview(browser, live_server, transactional_db, django_user_model,
                                                lang, locale, county, name, grid):
    from tests.conftest import PASSWORD, make_world

    world = make_world(django_user_model)
    world.enterprise2.division = "320582"  # 张家港市: the form starts from it when this enterprise is chosen
    world.enterprise2.save()
    base = live_server.url
    page = browser.new_context(locale=locale, viewport={"width": 1366, "height": 900}).new_page()
    login(page, base, "park_admin", PASSWORD)
    page.goto(f"{base}/accounting/new/")
    assert page.get_attribute("html", "lang") == lang
    page.select_option("select[name=boundary]", f"enterprise:{world.enterprise2.pk}")
    page.wait_for_selector("select[name=division_2] option[value='320582']:checked", state="attached")
    page.fill("input[name=year]", "2023")
    choose_division(page, county)
    shot(page, f"inventory_division_{lang}")
    page.click("[data-testid=inventory-ok]")
    page.wait_for_selector("[data-testid=line-form]")
    inventory = Inventory.objects.get(enterprise=world.enterprise2, year=2023)
    assert inventory.division == county
    page.goto(f"{base}/accounting/{inventory.pk}/preview/")
    assert page.inner_text("[data-testid=inventory-region]") == name
    assert page.inner_text("[data-testid=inventory-grid]") == grid
    shot(page, f"inventory_division_preview_{lang}")
