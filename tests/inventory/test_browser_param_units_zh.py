"""In Chromium, the line form fills a measured parameter's unit in the page's language and saves it (walk of
2026-11-29, walker4: the Chinese form filled the landfill's decay rate with "1/yr" and its delay with "yr")."""

import pytest

from parkcarbon.inventory import services
from parkcarbon.inventory.models import Inventory
from tests.browser import shot, signed_in_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("lang", "k_unit", "delay_unit"), [("zh-hans", "1/年", "年"), ("en", "1/yr", "yr")])
def test_landfill_decay_rate_in_the_pages_units(
    browser, live_server, transactional_db, django_user_model, lang, k_unit, delay_unit
):
    from tests.conftest import PASSWORD, make_world

    world = make_world(django_user_model)
    inventory = Inventory.objects.create(
        park=world.park,
        enterprise=world.enterprise,
        year=2023,
        region="CN-JS",
        methodologies=["cn_iron_steel", "cn_park_inventory"],
        gwp_set="AR5",
    )
    base = live_server.url
    page, errors = signed_in_page(browser, base, "enterprise_reporter", PASSWORD, lang)
    page.goto(f"{base}/accounting/{inventory.pk}/?section=waste")
    form = page.locator("[data-testid=line-form]")
    form.locator("select[name=activity]").select_option("landfill_food")
    assert form.locator("input[name=p_k_unit]").input_value() == k_unit
    assert form.locator("input[name=p_delay_unit]").input_value() == delay_unit
    form.locator("input[name=amount]").fill("100")
    form.locator("input[name=x_deposit_year]").fill("2020")
    form.locator("input[name=p_k]").fill(
        "0.1"
    )  # per year: IPCC 2006 Vol.5 Table 3.3 gives 0.06-0.185 for food
    shot(page, f"param_units_{lang}")
    page.wait_for_load_state("networkidle")
    form.locator("[data-testid=line-save]").click()
    page.wait_for_selector("[data-testid=line-row]")
    line = services.current_lines(inventory).get()
    assert line.measured["k"] == {"value": 0.1, "unit": k_unit}  # kept as typed, read by the engine's units
    assert not errors, errors
