"""In a real Chromium, in both languages: the park administrator opens the benchmarking table (lights, ranks, the
park's abatement cost curve drawn by ECharts), then an enterprise's page with its recommendations and curve; the
enterprise manager enters the product output that was missing."""

import os

import pytest

from tests.browser import browser, login, shot  # noqa: F401 - fixture

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = pytest.mark.browser


def test_benchmarking_pages_in_both_languages(browser, live_server, transactional_db, django_user_model):  # noqa: F811
    from parkcarbon.benchmarking.models import ProductOutput, SiteFacts
    from tests.alerts.conftest import make_inventory, monthly
    from tests.conftest import PASSWORD, make_world

    world = make_world(django_user_model)
    e1 = make_inventory(world.park, world.enterprise, 2023, monthly({1: 13_000}), output_value_10k_yuan=5_000)
    e2 = make_inventory(world.park, world.enterprise2, 2023, monthly({1: 12_900}))
    ProductOutput.objects.create(inventory=e1, product="electrolytic_aluminium", quantity=1_000)
    SiteFacts.objects.create(inventory=e1, roof_area_m2=20_000)
    base = live_server.url

    admin = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    login(admin, base, "park_admin", PASSWORD)
    admin.goto(f"{base}/analysis/benchmarks/?year=2023")
    assert "评级规则" in admin.inner_text("main")
    rows = admin.locator("[data-testid=benchmark-row]")
    assert rows.count() == 2
    table = admin.inner_text("[data-testid=benchmark-table]")
    assert "13,000 kWh/t (1 / 1)" in table and "甲钢铁有限公司" in table
    assert "未评级" in admin.inner_text("[data-testid=benchmark-row] >> nth=0")  # E2: no benchmarked product
    assert admin.locator("[data-testid=benchmark-row] [data-light=amber]").count() == 1
    admin.wait_for_selector("#macc-chart[data-rendered] canvas")
    assert int(admin.get_attribute("#macc-chart", "data-rendered")) >= 3  # PV, motors, green power of both
    shot(admin, "benchmarks_park_zh")

    manager = browser.new_context(locale="en-US").new_page()
    login(manager, base, "enterprise_manager", PASSWORD)
    manager.goto(f"{base}/analysis/benchmarks/inventory/{e1.pk}/")
    text = manager.inner_text("main")
    assert "Rating rule" in text and "Advanced (level 1): 12,950 kWh/t" in text and "meets the entry value" in text
    rules = manager.locator("[data-testid=recommendation]")
    assert {rules.nth(i).get_attribute("data-rule") for i in range(rules.count())} == {
        "rooftop_pv", "motor_efficiency", "green_electricity"}
    manager.wait_for_selector("#macc-chart[data-rendered] canvas")
    shot(manager, "benchmarks_enterprise_en")
    manager.click("[data-testid=edit-outputs]")
    manager.select_option("select[name=out-1-product]", "cement_clinker")
    manager.fill("input[name=out-1-quantity]", "-5")
    manager.click("[data-testid=outputs-form] button[type=submit]")
    assert manager.locator("input[name=out-1-quantity]:invalid").count() == 1  # the browser refuses it (min 0)
    assert ProductOutput.objects.filter(inventory=e1).count() == 1
    manager.fill("input[name=out-1-quantity]", "800")
    manager.click("[data-testid=outputs-form] button[type=submit]")
    manager.wait_for_selector("[data-testid=comparisons]")
    assert "Cement clinker" in manager.inner_text("[data-testid=comparisons]")
    assert e2.pk


def test_park_benchmark_table_fits_the_page_in_english(browser, live_server, transactional_db, django_user_model):  # noqa: F811
    """QA walk: the English intensity headers never wrapped, so at 1366 px the table pushed the Rating column past
    the window's right edge. The headers now wrap and the table scrolls inside its card."""
    from tests.alerts.conftest import make_inventory, monthly
    from tests.conftest import PASSWORD, make_world

    world = make_world(django_user_model)
    make_inventory(world.park, world.enterprise, 2023, monthly({1: 13_000}), output_value_10k_yuan=5_000)
    page = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 900}).new_page()
    login(page, live_server.url, "park_admin", PASSWORD)
    page.goto(f"{live_server.url}/analysis/benchmarks/?year=2023")
    assert "Rating" in page.inner_text("[data-testid=benchmark-table]")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    rating = page.locator("[data-testid=benchmark-table] th").last.bounding_box()
    assert rating["x"] + rating["width"] <= 1366
