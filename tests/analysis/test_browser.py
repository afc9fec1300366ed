"""The Analysis dashboard and forecast in a real Chromium, in Chinese and in English: every chart draws a non-empty
canvas with the series its data has, a chart saves as PNG, its data downloads, and no script error or CSP
violation happens."""

import pytest

from tests.browser import login, shot

pytestmark = pytest.mark.browser

CHARTS = ("trend", "sections", "gases", "scopes", "industries", "zones", "top", "energy", "sankey", "months",
          "intensity_output")
# Does the chart's canvas have any drawn (non-transparent) pixel?
DRAWN = """el => { const c = el.querySelector('canvas'); const d = c.getContext('2d').getImageData(0, 0, c.width,
c.height).data; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) return true; } return false; }"""


def check_charts(page, keys):
    for key in keys:
        page.wait_for_selector(f"#analysis-chart-{key} canvas")
        chart = page.locator(f"#analysis-chart-{key}")
        assert chart.evaluate(DRAWN), f"{key}: empty canvas"
        assert int(chart.get_attribute("data-points")) > 0 and int(chart.get_attribute("data-series")) >= 1


def test_dashboard_and_forecast_in_both_languages(browser, live_server, transactional_db, django_user_model):
    from parkcarbon.analysis.models import Scenario
    from tests.alerts.conftest import make_inventory, monthly
    from tests.conftest import PASSWORD, make_world

    world = make_world(django_user_model)
    for year, mwh in ((2021, 900), (2022, 1500), (2023, 2000)):
        make_inventory(world.park, world.enterprise, year, monthly({1: mwh / 2, 7: mwh / 2}), status="submitted",
                       output_value_10k_yuan=5000)
    make_inventory(world.park, world.enterprise2, 2023, monthly({2: 1000}), status="submitted")
    Scenario.objects.create(park=world.park, name="加速转型", renewable_share_pct=40, grid_ef_decline_pct=3)
    base = live_server.url

    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN", accept_downloads=True)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(page, base, "park_admin", PASSWORD)
    page.click("[data-nav=analysis] a")
    page.wait_for_selector("[data-testid=analysis-tabs]")
    check_charts(page, CHARTS)
    assert page.locator("#analysis-chart-trend").get_attribute("data-series") == "2"  # totals and their trend
    assert page.locator("#analysis-chart-zones").get_attribute("data-points") == "2"
    text = page.locator("main").inner_text()
    assert "排放大户" in text and "能源结构" in text and "能源品种—排放流向" in text
    shot(page, "analysis_dashboard_zh")
    with page.expect_download() as download:
        page.click("[data-testid=png-sankey]")
    assert download.value.suggested_filename == "sankey.png"
    with page.expect_download() as download:
        page.click("[data-testid=csv-top]")
    assert download.value.suggested_filename.endswith(".csv")

    page.select_option("#f-zone", str(world.zone2.pk))
    page.click("[data-testid=analysis-filters] button[type=submit]")
    page.wait_for_selector("#analysis-chart-top canvas")
    assert page.locator("#analysis-chart-top").get_attribute("data-points") == "1"  # E2 only

    page.click("[data-testid=language-switch] button[value=en]")
    page.wait_for_load_state()
    page.goto(f"{base}/analysis/")
    check_charts(page, CHARTS)
    assert "Top emitters" in page.locator("main").inner_text()
    page.click("[data-testid=tab-forecast]")
    page.wait_for_selector("#analysis-chart-forecast canvas")
    check_charts(page, ("forecast",))
    forecast = page.locator("#analysis-chart-forecast")
    assert forecast.get_attribute("data-series") == "5"  # band (2), reported, baseline, one scenario
    assert page.locator("[data-testid=baseline-method]").inner_text() == "Linear trend (OLS)"
    assert page.locator("[data-testid=peak-scenario]").count() == 1
    shot(page, "analysis_forecast_en")
    assert not errors, errors
