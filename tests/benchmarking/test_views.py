"""Benchmarking pages with numbers a person can check: grid electricity only, 0.1229 tce and (2023 reporting) 0.5703 t
CO2 per MWh; aluminium output chosen so that the AC electricity per tonne lands on known sides of GB 21346-2022."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from parkcarbon.benchmarking.models import ProductOutput, SiteFacts
from tests.alerts.conftest import make_inventory, monthly


@pytest.fixture
def two_smelters(world):
    """E1: 13,000 MWh for 1,000 t = 13,000 kWh/t (amber, meets entry). E2: 12,900 MWh for 1,000 t (green, rank 1)."""
    e1 = make_inventory(world.park, world.enterprise, 2023, monthly({1: 13_000}), output_value_10k_yuan=5_000)
    e2 = make_inventory(world.park, world.enterprise2, 2023, monthly({1: 12_900}))
    ProductOutput.objects.create(inventory=e1, product="electrolytic_aluminium", quantity=1_000)
    ProductOutput.objects.create(inventory=e2, product="electrolytic_aluminium", quantity=1_000)
    return e1, e2


def test_park_table_rates_and_ranks_peers(two_smelters, client_for):
    e1, e2 = two_smelters
    page = client_for("park_admin").get(reverse("benchmarking:park"), {"year": 2023}, HTTP_ACCEPT_LANGUAGE="en")
    rows = page.context["rows"]
    by_pk = {r.inventory.pk: r for r in rows}
    c1, c2 = by_pk[e1.pk].comparisons[0], by_pk[e2.pk].comparisons[0]
    assert c1.intensity == pytest.approx(13_000) and c1.light == "amber" and c1.meets_entry
    assert c2.intensity == pytest.approx(12_900) and c2.light == "green"
    assert by_pk[e2.pk].ranks[("electrolytic_aluminium", "electricity")] == (1, 2)
    assert by_pk[e1.pk].ranks[("electrolytic_aluminium", "electricity")] == (2, 2)
    # 13,000 MWh x 0.5703 = 7,413.9 t over 5,000 (10^4 CNY) = 1.48278 t per 10^4 CNY; 13,000 x 0.1229 / 5,000 tce.
    assert by_pk[e1.pk].co2e_per_output_value == pytest.approx(1.48278)
    assert by_pk[e1.pk].tce_per_output_value == pytest.approx(0.31954)
    assert by_pk[e2.pk].co2e_per_output_value is None  # no output value: no intensity per output value
    assert "Rating rule" in page.content.decode() and 'id="macc-data"' in page.content.decode()


def test_enterprise_user_sees_only_its_row_but_ranked_among_all_peers(two_smelters, client_for):
    e1, e2 = two_smelters
    rows = client_for("enterprise_reporter").get(reverse("benchmarking:park"), {"year": 2023}).context["rows"]
    assert [r.inventory.pk for r in rows] == [e1.pk]
    assert rows[0].ranks[("electrolytic_aluminium", "electricity")] == (2, 2)


def test_missing_output_says_what_is_missing_and_gives_no_rating(world, client_for):
    inventory = make_inventory(world.park, world.enterprise, 2023, monthly({1: 1_000}))  # E1: steel, 3120
    page = client_for("park_admin").get(reverse("benchmarking:enterprise", args=[inventory.pk]),
                                        HTTP_ACCEPT_LANGUAGE="en")
    row = page.context["row"]
    assert row.comparisons == [] and set(row.missing_products) == {"hot_metal", "eaf_steel"}
    assert row.light == "none"
    text = page.content.decode()
    assert "No output given for this product (t a year): no intensity and no rating." in text
    assert "Gross output value is missing" in text


def test_enterprise_page_lists_recommendations_with_their_numbers(world, client_for):
    inventory = make_inventory(world.park, world.enterprise, 2023, monthly({1: 10_000}))
    SiteFacts.objects.create(inventory=inventory, roof_area_m2=10_000)
    page = client_for("enterprise_manager").get(reverse("benchmarking:enterprise", args=[inventory.pk]),
                                                HTTP_ACCEPT_LANGUAGE="en")
    rules = [item["rec"].rule for item in page.context["recommendations"]]
    assert set(rules) == {"rooftop_pv", "green_electricity", "motor_efficiency"}
    pv = next(i for i in page.context["recommendations"] if i["rec"].rule == "rooftop_pv")
    assert pv["rec"].reduction_t == pytest.approx(1_100 * 0.5703)  # 1,000 kWp x 1,100 kWh/kWp
    assert "10,000 m² → 1,000 kWp → 1,100 MWh" in pv["why"]


def test_output_form_saves_with_history_all_or_nothing(world, client_for):
    inventory = make_inventory(world.park, world.enterprise, 2023, monthly({1: 1_000}))
    url = reverse("benchmarking:outputs", args=[inventory.pk])
    form = {"out-TOTAL_FORMS": "2", "out-INITIAL_FORMS": "0", "out-MIN_NUM_FORMS": "0", "out-MAX_NUM_FORMS": "1000",
            "out-0-product": "hot_metal", "out-0-quantity": "800000", "out-1-product": "hot_metal",
            "out-1-quantity": "5", "site-roof_area_m2": "12000"}
    client = client_for("enterprise_manager")
    refused = client.post(url, form, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400 and "Each product may be listed once." in refused.content.decode()
    assert not ProductOutput.objects.exists() and not SiteFacts.objects.exists()
    negative = client.post(url, form | {"out-1-product": "", "out-1-quantity": "", "out-0-quantity": "-1"})
    assert negative.status_code == 400 and not ProductOutput.objects.exists()
    saved = client.post(url, form | {"out-1-product": "", "out-1-quantity": ""})
    assert saved.status_code == 302
    output = ProductOutput.objects.get(inventory=inventory)
    assert output.quantity == 800_000 and inventory.site_facts.roof_area_m2 == 12_000
    assert output.history.get().history_user == world.users["enterprise_manager"]


def test_downloads_neutralise_formulas(two_smelters, world, client_for):
    world.enterprise.name = "=HYPERLINK(\"http://x\")"
    world.enterprise.save()
    client = client_for("park_admin")
    response = client.get(reverse("benchmarking:download"), {"year": 2023}, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Enterprise", "Industry", "Year"]
    cells = {r[0]: r for r in rows[1:]}
    assert "'=HYPERLINK(\"http://x\")" in cells and cells["'=HYPERLINK(\"http://x\")"][13] == "Amber"
    xlsx = client.get(reverse("benchmarking:download"), {"year": 2023, "format": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    names = [sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)]
    assert "'=HYPERLINK(\"http://x\")" in names
    values = [sheet.cell(row=r, column=8).value for r in range(2, sheet.max_row + 1)]
    assert 13000 in values and 12900 in values  # intensities stored as numbers


def test_chinese_page(two_smelters, client_for):
    text = client_for("park_admin").get(reverse("benchmarking:park"), {"year": 2023},
                                        HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "对标与减排建议" in text and "评级规则" in text and "电解铝（铝液）" in text


def test_product_without_a_benchmark_valid_that_year_is_said_so(world, client_for):
    """GB 21256-2025 applies from 2026: a 2023 blast furnace gets no rating from it."""
    inventory = make_inventory(world.park, world.enterprise, 2023, monthly({1: 1_000}))
    ProductOutput.objects.create(inventory=inventory, product="hot_metal", quantity=10_000)
    page = client_for("park_admin").get(reverse("benchmarking:enterprise", args=[inventory.pk]),
                                        HTTP_ACCEPT_LANGUAGE="en")
    assert page.context["row"].unbenchmarked == ["hot_metal"] and page.context["row"].comparisons == []
    assert "The library has no benchmark of this product valid in 2023: no rating." in page.content.decode()


def test_output_form_names_products_in_one_language(world, client_for):
    inventory = make_inventory(world.park, world.enterprise, 2023, monthly({1: 1_000}))
    url = reverse("benchmarking:outputs", args=[inventory.pk])
    english = client_for("park_admin").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client_for("park_admin").get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "Cement clinker (t)" in english and "水泥熟料" not in english
    assert "水泥熟料 (t)" in chinese and "Cement clinker" not in chinese


@pytest.mark.parametrize(("language", "shown", "hidden"), [("zh-hans", "重量箱", "weight case"),
                                                             ("en", "weight case", "重量箱")])
def test_flat_glass_unit_in_the_readers_language(world, client_for, language, shown, hidden):
    """GB 21340-2019 Table 1 gives flat glass energy in kgce per 重量箱 (weight case); the walk found the English word
    on the Chinese output form. The page and the level values use the same word."""
    inventory = make_inventory(world.park, world.enterprise, 2023, monthly({1: 1_000}))
    ProductOutput.objects.create(inventory=inventory, product="flat_glass_gt800", quantity=100_000)
    c = client_for("enterprise_reporter")
    form = c.get(reverse("benchmarking:outputs", args=[inventory.pk]), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    page = c.get(reverse("benchmarking:enterprise", args=[inventory.pk]), HTTP_ACCEPT_LANGUAGE=language)
    html = page.content.decode()
    assert f"({shown})" in form and hidden not in form
    assert f"kgce/{shown}" in html and hidden not in html


@pytest.mark.parametrize(("language", "shown", "hidden"), [
    ("zh-hans", ['电机系统用电比例 <code class="small">motor_share</code> = 0.6000 比例 · ',
                 "工业企业用电中电机系统所占的比例"], ["share of an industrial site", "fraction"]),
    ("en", ['Motors&#x27; share of electricity <code class="small">motor_share</code> = 0.6000 fraction · ',
            "share of an industrial site&#x27;s electricity used by motor systems"], ["电机", "比例"])])
def test_the_recommendations_assumptions_read_in_the_pages_language(world, client_for, language, shown, hidden):
    """Walk of 2026-11-29: zh pages printed the key and the English note ("whr_fuel_share = 0.0500 fraction · 规划取值:
    fuel saved ..."). assumptions.csv carries the parameter in words and a Chinese note and unit (label_zh, note_zh,
    unit_zh): the page reads in its language, with the key beside the words."""
    inventory = make_inventory(world.park, world.enterprise, 2023, monthly({1: 10_000}))  # grid electricity: motors
    page = client_for("enterprise_manager").get(reverse("benchmarking:enterprise", args=[inventory.pk]),
                                                HTTP_ACCEPT_LANGUAGE=language).content.decode()
    items = [li.split("</li>")[0] for li in page.split('data-testid="assumption">')[1:]]
    motor = next(li for li in items if "motor_share" in li)
    assert all(s in motor for s in shown) and not any(h in motor for h in hidden), motor
