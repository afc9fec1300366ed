"""The accounting flow in a real Chromium, twice: lines typed by hand, and the standard file filled and uploaded.
Each time the preview's total must equal the engine's result for the same rows."""

import io

import pytest
from openpyxl import load_workbook

from parkcarbon.engine import methodology as M
from parkcarbon.engine.template import SECTION_SHEETS
from parkcarbon.inventory.models import Inventory
from tests.browser import choose_division, login, shot

pytestmark = pytest.mark.browser


def preview_total(page) -> float:
    page.click("[data-testid=view-preview]")
    page.wait_for_selector("[data-testid=total-co2e]")
    return float(page.locator("[data-testid=total-co2e]").inner_text().replace(",", ""))


def new_inventory(page, base, boundary_value: str, year: int) -> None:
    page.goto(f"{base}/accounting/")
    page.click("[data-testid=new-inventory]")
    page.select_option("select[name=boundary]", boundary_value)
    page.fill("input[name=year]", str(year))
    choose_division(page, "320583")
    page.click("[data-testid=inventory-ok]")
    page.wait_for_selector("[data-testid=line-form]")


def test_typing_lines_by_hand_then_preview(browser, live_server, transactional_db, django_user_model):
    from tests.conftest import PASSWORD, make_world

    world = make_world(django_user_model)
    base = live_server.url
    page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    login(page, base, "enterprise_reporter", PASSWORD)
    new_inventory(page, base, f"enterprise:{world.enterprise.pk}", 2023)

    rows = [("diesel", "50", "t"), ("electricity_grid", "1200", "MWh"), ("natural_gas", "12.5", "10^4 Nm3")]
    for activity, amount, unit in rows:
        form = page.locator("[data-testid=line-form]")
        form.locator("select[name=activity]").select_option(activity)
        form.locator("input[name=amount]").fill(amount)
        form.locator("input[name=unit]").fill(unit)
        page.wait_for_selector("[data-testid=line-check-result]")  # live CO2e and factor, via htmx
        shot(page, f"line_{activity}")
        form.locator("[data-testid=line-save]").click()
        page.wait_for_load_state()
    assert page.locator("[data-testid=line-row]").count() == 3

    inventory = Inventory.objects.get(enterprise=world.enterprise, year=2023)
    assert inventory.methodologies == ["cn_iron_steel"]  # proposed from the enterprise's industry
    expected = M.calculate_enterprise(inventory.methodologies, [{"activity": a, "amount": float(x), "unit": u}
                                                                for a, x, u in rows], 2023, "CN-JS").total_co2e
    assert preview_total(page) == pytest.approx(expected, abs=0.0015)
    shot(page, "preview")


def test_uploading_the_filled_template_then_preview(browser, live_server, transactional_db, django_user_model,
                                                    tmp_path):
    from tests.conftest import PASSWORD, make_world

    world = make_world(django_user_model)
    base = live_server.url
    page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="zh-CN", accept_downloads=True)
    login(page, base, "enterprise_manager", PASSWORD)
    new_inventory(page, base, f"enterprise:{world.enterprise.pk}", 2024)

    with page.expect_download() as download:
        page.click("#upload a.btn")
    wb = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    ws = wb[SECTION_SHEETS["energy"]]
    keys = [c.value for c in ws[2]]
    rows = [{"activity": "bituminous_coal", "amount": 800, "unit": "t", "month": 1},
            {"activity": "bituminous_coal", "amount": 750, "unit": "t", "month": 2},
            {"activity": "electricity_grid", "amount": 3000, "unit": "MWh"}]
    for r, row in enumerate(rows, start=3):
        for key, value in row.items():
            ws.cell(r, keys.index(key) + 1, value)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)

    page.set_input_files("[data-testid=upload-form] input[type=file]", str(filled))
    page.click("[data-testid=upload-submit]")
    page.wait_for_selector("[data-testid=import-status][data-status=valid]")
    shot(page, "upload_preview")
    page.click("[data-testid=import-confirm]")
    page.wait_for_selector("[data-testid=import-status][data-status=applied]")
    page.click("[data-testid=back-to-data]")
    assert page.locator("[data-testid=line-row]").count() == 3

    inventory = Inventory.objects.get(enterprise=world.enterprise, year=2024)
    expected = M.calculate_enterprise(inventory.methodologies, rows, 2024, "CN-JS").total_co2e
    assert preview_total(page) == pytest.approx(expected, abs=0.0015)
