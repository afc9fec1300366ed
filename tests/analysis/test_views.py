"""Pages, downloads, scenario validation and the all-enterprise forecast task, in both languages."""

import csv
import io

import numpy as np
import pytest
from openpyxl import load_workbook

from parkcarbon.analysis.models import ForecastRun, Scenario
from tests.alerts.conftest import make_inventory, monthly


def login_as(client, world, role="park_admin", language="en"):
    client.force_login(world.users[role])
    client.cookies["django_language"] = language
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client


def test_dashboard_page_carries_every_chart(client, grid_park):
    page = login_as(client, grid_park).get(f"/analysis/?park={grid_park.park.pk}")
    assert page.status_code == 200
    keys = [c["key"] for c in page.context["charts"]]
    assert keys == ["trend", "sections", "gases", "scopes", "industries", "zones", "top", "energy", "sankey",
                    "months", "intensity_output"]
    html = page.content.decode()
    assert 'id="analysis-charts-data"' in html and "analysis/charts.js" in html and "<script>" not in html
    assert html.count('data-png="') == len(keys)


def test_dashboard_in_chinese(client, grid_park):
    page = login_as(client, grid_park, language="zh-hans").get("/analysis/")
    titles = [c["title"] for c in page.context["charts"]]
    assert "排放大户" in titles or "按部门" in titles or any("\u4e00" <= ch <= "\u9fff" for ch in titles[0])


def test_csv_and_xlsx_neutralise_formulas(client, grid_park):
    w = grid_park
    w.enterprise2.name_en = '=HYPERLINK("http://evil.example","x")'
    w.enterprise2.save()
    c = login_as(client, w)
    response = c.get(f"/analysis/data/top.csv?park={w.park.pk}&year=2023")
    assert response["Content-Disposition"].startswith("attachment")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[1] == ["Enterprise", "t CO2e"]
    assert ["'=HYPERLINK(\"http://evil.example\",\"x\")", "570.3"] in table
    assert ["Jia Steel", "1140.6"] in table
    response = c.get(f"/analysis/data/top.xlsx?park={w.park.pk}&year=2023")
    ws = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in ws.iter_rows()]
    assert ["'=HYPERLINK(\"http://evil.example\",\"x\")", 570.3] in values
    assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row)


def test_unknown_chart_or_format_is_404(client, grid_park):
    c = login_as(client, grid_park)
    assert c.get("/analysis/data/nothing.csv").status_code == 404
    assert c.get("/analysis/data/top.pdf").status_code == 404


def test_enterprise_user_sees_own_enterprise_only(client, grid_park):
    c = login_as(client, grid_park, role="other_enterprise_user")
    page = c.get("/analysis/")
    assert page.context["figures"].totals == pytest.approx({2023: 570.3})
    assert c.get(f"/analysis/?enterprise={grid_park.enterprise.pk}").status_code == 404
    assert c.get(f"/analysis/?park={grid_park.other_park.pk}").status_code == 404


def test_too_short_series_says_so_and_shows_history(client, grid_park):
    page = login_as(client, grid_park).get(f"/analysis/forecast/?park={grid_park.park.pk}")
    html = page.content.decode()
    assert 'data-testid="forecast-too-short"' in html and 'data-testid="baseline"' not in html
    chart = page.context["charts"][0]
    assert [r[:2] for r in chart["rows"]] == [["2022", 855.45], ["2023", 1710.9]]
    zh = login_as(client, grid_park, language="zh-hans").get("/analysis/forecast/").content.decode()
    assert "至少需要 3 个" in zh


def test_forecast_with_history_and_scenarios(client, grid_park):
    w = grid_park
    make_inventory(w.park, w.enterprise, 2021, monthly({1: 1000}), status="submitted")
    Scenario.objects.create(park=w.park, name="Flat", end_year=2030)
    page = login_as(client, w).get(f"/analysis/forecast/?park={w.park.pk}")
    plan = page.context["plan"]
    assert plan.years == [2021, 2022, 2023] and plan.baseline.method == "linear"
    assert plan.base.electricity == pytest.approx(1710.9)
    flat = plan.scenarios[0]
    assert flat.values == pytest.approx([1710.9] * 7)
    assert (flat.peak.year, flat.peak.reached) == (2023, True)
    html = page.content.decode()
    assert 'data-testid="baseline-method">Linear trend (OLS)' in html and 'data-testid="peak-scenario"' in html
    response = client.get(f"/analysis/data/forecast.csv?park={w.park.pk}")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[1][:3] == ["Year", "Reported", "Baseline forecast"] and table[1][5] == "Flat"


@pytest.mark.parametrize(("language", "message"), [("en", "Enter a value of at most 100 %."),
                                                    ("zh-hans", "请输入不大于 100 % 的值。")])
def test_scenario_out_of_range(client, world, language, message):
    c = login_as(client, world, language=language)
    data = {"name": "Too much", "end_year": 2035, "output_growth_pct": 5, "energy_intensity_decline_pct": 2,
            "grid_ef_decline_pct": 1, "coal_to_gas_pct": 120, "renewable_share_pct": 0}
    response = c.post(f"/analysis/scenarios/new/{world.park.pk}/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Scenario.objects.exists()
    data |= {"coal_to_gas_pct": 30, "output_growth_pct": -100}
    response = c.post(f"/analysis/scenarios/new/{world.park.pk}/", data)
    assert response.status_code == 400 and not Scenario.objects.exists()


def test_scenario_saved_with_history(client, world):
    c = login_as(client, world)
    data = {"name": "现行政策", "end_year": 2035, "output_growth_pct": 5, "energy_intensity_decline_pct": 2.9,
            "grid_ef_decline_pct": 2, "coal_to_gas_pct": 10, "renewable_share_pct": 15}
    assert c.post(f"/analysis/scenarios/new/{world.park.pk}/", data).status_code == 302
    scenario = Scenario.objects.get()
    assert c.post(f"/analysis/scenarios/{scenario.pk}/", data | {"renewable_share_pct": 30}).status_code == 302
    assert [h.renewable_share_pct for h in scenario.history.order_by("history_date")] == [15, 30]
    assert scenario.history.latest().history_user.username == "park_admin"
    assert c.post(f"/analysis/scenarios/new/{world.park.pk}/", data).status_code == 400  # same name


def test_forecast_every_enterprise_task(client, grid_park, django_capture_on_commit_callbacks):
    w = grid_park
    make_inventory(w.park, w.enterprise, 2021, monthly({1: 1000}), status="submitted")
    c = login_as(client, w)
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(f"/analysis/runs/new/{w.park.pk}/")
    run = ForecastRun.objects.get()
    assert response.status_code == 302 and run.state == "done" and run.seconds > 0
    by_name = {r["name"]: r for r in run.results}
    assert by_name["甲钢铁有限公司"]["method"] == "linear"
    e1 = by_name["甲钢铁有限公司"]
    slope, intercept = np.polyfit([0, 1, 2], e1["values"], 1)
    assert e1["years"] == [2021, 2022, 2023] and e1["values"][1:] == pytest.approx([855.45, 1140.6])
    assert e1["mean"][0] == pytest.approx(intercept + 3 * slope, rel=1e-6)  # the line through the three years
    assert by_name["乙化工有限公司"]["too_short"] is True
    assert (run.n_enterprises, run.n_forecast) == (2, 1)
    page = c.get(f"/analysis/runs/{run.pk}/").content.decode()
    assert "Series too short to forecast" in page
    # The run keeps the legal name; the page names each enterprise in the reader's language (the walk found
    # Chinese names on the English page).
    assert "Jia Steel" in page and "甲钢铁有限公司" not in page
    page = login_as(client, w, language="zh-hans").get(f"/analysis/runs/{run.pk}/").content.decode()
    assert "甲钢铁有限公司" in page and "Jia Steel" not in page


def test_cached_figures_follow_the_data(client, grid_park):
    """The cached dashboard changes as soon as an inventory is submitted, a status changes or a name changes."""
    w = grid_park
    c = login_as(client, w)
    assert c.get("/analysis/").context["figures"].totals[2023] == pytest.approx(1710.9)
    new = make_inventory(w.park, w.enterprise, 2024, monthly({1: 100}))  # a draft: not counted
    assert 2024 not in c.get("/analysis/").context["figures"].totals
    new.status = "submitted"
    new.save()
    assert 2024 in c.get("/analysis/").context["figures"].totals
    w.enterprise.name_en = "Jia Steel Group"
    w.enterprise.save()
    top = c.get("/analysis/").context["figures"].chart("top").rows
    assert "Jia Steel Group" in [r[0] for r in top]


def test_intensity_per_unit_of_product(client, grid_park):
    """E1 reports 2,000 t of clinker in 2023 (one product): its whole-site CO2e / 2,000 t. E2 reports two products, so
    its CO2e is not split and it is left out; without any product output there is no such chart."""
    from parkcarbon.benchmarking.models import ProductOutput
    from parkcarbon.inventory.models import Inventory

    w = grid_park
    assert "intensity_product" not in [c["key"] for c in login_as(client, w).get("/analysis/").context["charts"]]
    e1 = Inventory.objects.get(enterprise=w.enterprise, year=2023)
    e2 = Inventory.objects.get(enterprise=w.enterprise2, year=2023)
    ProductOutput.objects.create(inventory=e1, product="cement_clinker", quantity=2000)
    ProductOutput.objects.create(inventory=e2, product="cement_clinker", quantity=500)
    ProductOutput.objects.create(inventory=e2, product="hot_metal", quantity=500)  # a new output shows at once
    charts = {c["key"]: c for c in login_as(client, w).get(f"/analysis/?park={w.park.pk}").context["charts"]}
    chart = charts["intensity_product"]
    assert chart["columns"] == ["Year", "Cement clinker (t CO2e/t)"]
    assert chart["rows"] == [["2023", pytest.approx(e1.snapshot.total_co2e / 2000, rel=1e-6)]]


@pytest.mark.parametrize(("language", "notice", "drafts"), [
    ("en", "No submitted inventory for 2025: the figures are those of 2023, the newest year with submitted "
           "inventories.", "Years with drafts only, not counted here: 2024"),
    ("zh-hans", "2025年没有已提交的清单：图表显示的是2023年，即有已提交清单的最新年份。", "仅有草稿、此处未计入的年份：2024")])
def test_a_year_without_submitted_inventories_is_named_and_the_draft_years_too(client, grid_park, language, notice,
                                                                               drafts):
    """Walk of 2026-11-29: ?year=2025 showed 2023 although the demo has data to 2024. By design the page counts
    submitted inventories only (2024 is the demo's draft year): it says which year it shows instead of the one
    asked for, and which years have drafts only."""
    make_inventory(grid_park.park, grid_park.enterprise, 2024, monthly({1: 1000}), status="draft")
    page = login_as(client, grid_park, language=language).get(f"/analysis/?park={grid_park.park.pk}&year=2025")
    html = page.content.decode()
    assert page.context["figures"].year == 2023 and notice in html and drafts in html
    html = client.get(f"/analysis/?park={grid_park.park.pk}&year=2023").content.decode()  # the year asked: no notice
    assert 'data-testid="analysis-year-notice"' not in html and drafts in html
    html = client.get(f"/analysis/?park={grid_park.park.pk}&year=2024&drafts=1").content.decode()  # counted
    assert 'data-testid="analysis-year-notice"' not in html and 'data-testid="analysis-draft-years"' not in html
