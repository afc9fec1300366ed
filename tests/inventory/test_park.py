"""Park figures that cannot mislead: which inventories count, one GWP set, combined uncertainty, complete years.

Every expected figure comes from the engine called on the same rows (``calculate`` with the park's GWP set), never
from the park module under test."""

import json
import math
import re

import pytest
from django.urls import reverse
from django.utils import translation

from parkcarbon.engine import Options, calculate
from parkcarbon.engine.calculate import GWP_SETS
from parkcarbon.inventory.dashboard import accounting_cards
from parkcarbon.inventory.models import Inventory, ResultSnapshot, Status
from parkcarbon.inventory.park import latest_complete_year, park_summary, park_trend
from tests.inventory.conftest import add_lines

pytestmark = pytest.mark.django_db

# E1 reports with SAR (its NDRC guideline's set) and has a large CH4 source; E2 reports with AR5.
E1_ROWS = [{"activity": "industrial_wastewater_anaerobic_reactor", "amount": 2400, "unit": "tCOD"},
           {"activity": "bituminous_coal", "amount": 1000, "unit": "t"},
           {"activity": "electricity_grid", "amount": 100, "unit": "MWh"}]
E2_ROWS = [{"activity": "natural_gas", "amount": 300, "unit": "10^4 Nm3"},
           {"activity": "diesel", "amount": 40, "unit": "t"}]
OWN_ROWS = [{"activity": "electricity_grid", "amount": 650, "unit": "MWh"}]
DRAFT_ROWS = [{"activity": "bituminous_coal", "amount": 5000, "unit": "t"}]


def engine(rows, gwp, year=2023):
    return calculate(rows, Options(year=year, region="CN-JS", gwp=gwp))


WASTEWATER = "industrial_wastewater_anaerobic_reactor"


def make(world, enterprise, rows, year=2023, gwp="AR5", status=Status.SUBMITTED):
    inventory = Inventory.objects.create(park=world.park, enterprise=enterprise, year=year, region="CN-JS",
                                         gwp_set=gwp)
    for section in ("energy", "waste"):
        part = [r for r in rows if (r["activity"] == WASTEWATER) == (section == "waste")]
        if part:
            add_lines(inventory, section, part)
    Inventory.objects.filter(pk=inventory.pk).update(status=status)
    inventory.refresh_from_db()
    return inventory


@pytest.fixture
def park_2023(world):
    """E1 (SAR) and E2 (AR5) submitted, the park's own sources submitted, and a draft of a third enterprise."""
    from parkcarbon.parks.demo import credit_code
    from parkcarbon.parks.models import Enterprise

    e3 = Enterprise.objects.create(park=world.park, name="丁材料有限公司", name_en="Ding Materials",
                                   credit_code=credit_code("e3", "320600"), industry_code="3011")
    make(world, world.enterprise, E1_ROWS, gwp="SAR")
    make(world, world.enterprise2, E2_ROWS, gwp="AR5")
    make(world, None, OWN_ROWS, gwp="SAR")
    make(world, e3, DRAFT_ROWS, gwp="AR4", status=Status.DRAFT)
    return world


@pytest.mark.parametrize("park_gwp", GWP_SETS)
def test_park_total_is_the_submitted_inventories_recomputed_with_the_park_gwp(park_2023, park_gwp):
    park = park_2023.park
    park.gwp_set = park_gwp
    park.save()
    results = [engine(rows, park_gwp) for rows in (E1_ROWS, E2_ROWS, OWN_ROWS)]
    summary = park_summary(park, 2023)
    assert summary.gwp_set == park_gwp
    assert summary.total_co2e == pytest.approx(sum(r.total_co2e for r in results), rel=1e-9)
    assert summary.total_co2e_market == pytest.approx(sum(float(r.lines["co2e_market"].sum()) for r in results))
    for section in ("energy", "waste"):
        expected = sum(float(r.totals("section")["co2e"].get(section, 0.0)) for r in results)
        assert summary.by_section.get(section, 0.0) == pytest.approx(expected, rel=1e-9)
    expected_scope1 = sum(float(r.totals("scope")["co2e"].get(1, 0.0)) for r in results)
    assert summary.by_scope["1"] == pytest.approx(expected_scope1, rel=1e-9)
    e1 = next(row for row in summary.rows if row.enterprise_id == park_2023.enterprise.pk)
    assert e1.co2e == pytest.approx(results[0].total_co2e, rel=1e-9)
    assert e1.reported_gwp_set == "SAR" and e1.reported_co2e == pytest.approx(engine(E1_ROWS, "SAR").total_co2e)
    assert summary.reported_gwp_sets == {"AR5": 1, "SAR": 2}


def test_the_gwp_set_changes_the_total_only_through_non_co2_gases(park_2023):
    # By hand from the source documents: the wastewater CH4 is 2400 tCOD x Bo 0.25 t CH4/t COD x MCF 0.8 (anaerobic
    # reactor; IPCC 2006 Vol.5 Ch.6 Tables 6.2/6.8) = 480 t CH4, so SAR (21, IPCC SAR Table 2.9) instead of AR5 (28,
    # AR5 Table 8.A.1) removes 7 x 480 = 3,360 t CO2e (coal's small CH4/N2O moves it by under 2 t).
    park = park_2023.park
    sar = park_summary(park, 2023)
    park.gwp_set = "SAR"
    park.save()
    assert park_summary(park, 2023).total_co2e == pytest.approx(sar.total_co2e - 3360, abs=2)


def test_drafts_are_excluded_by_default_and_counted(park_2023):
    park = park_2023.park
    summary = park_summary(park, 2023)
    with_drafts = park_summary(park, 2023, include_drafts=True)
    assert (summary.n_submitted, summary.n_drafts, summary.n_included, summary.n_excluded_drafts) == (2, 1, 2, 1)
    assert with_drafts.n_included == 3 and with_drafts.n_excluded_drafts == 0
    assert len(summary.rows) == 2 and len(with_drafts.rows) == 3
    assert with_drafts.total_co2e - summary.total_co2e == pytest.approx(engine(DRAFT_ROWS, "AR5").total_co2e)
    assert summary.enterprises_without_data == 0  # the draft has data


def test_combined_uncertainty_is_eq_3_2_over_the_inventories(park_2023):
    # Each inventory's relative uncertainty as computed with its own set, applied to its CO2e in the park's set.
    pairs = [(engine(rows, "AR5").total_co2e, engine(rows, gwp).totals().iloc[0]["uncertainty_pct"])
             for rows, gwp in ((E1_ROWS, "SAR"), (E2_ROWS, "AR5"), (OWN_ROWS, "SAR"))]
    expected = math.sqrt(sum((u * x) ** 2 for x, u in pairs)) / sum(x for x, _u in pairs)
    assert park_summary(park_2023.park, 2023).uncertainty_pct == pytest.approx(expected, rel=1e-9)
    assert 0 < expected < max(u for _x, u in pairs)  # a sum is relatively less uncertain than its worst part


def test_snapshots_stored_without_gas_tonnes_are_completed_once(park_2023):
    expected = park_summary(park_2023.park, 2023).total_co2e
    ResultSnapshot.objects.update(gas_tonnes={})
    assert park_summary(park_2023.park, 2023).total_co2e == pytest.approx(expected)
    assert not ResultSnapshot.objects.filter(gas_tonnes={}).exists()


def test_trend_and_latest_complete_year(world):
    make(world, world.enterprise, E2_ROWS, year=2022)
    make(world, world.enterprise2, E2_ROWS, year=2022)
    make(world, world.enterprise, E1_ROWS, year=2023, gwp="SAR")
    make(world, world.enterprise2, E2_ROWS, year=2023, status=Status.DRAFT)
    make(world, world.enterprise, DRAFT_ROWS, year=2024, status=Status.DRAFT)
    trend = park_trend(world.park)
    assert [(t.year, t.n_submitted, t.n_drafts, t.is_complete) for t in trend] == [
        (2022, 2, 0, True), (2023, 1, 1, False), (2024, 0, 1, False)]
    assert trend[1].co2e == pytest.approx(engine(E1_ROWS, "AR5").total_co2e)  # drafts never in the trend
    assert latest_complete_year(world.park).year == 2022
    Inventory.objects.filter(enterprise=world.enterprise2, year=2023).update(status=Status.SUBMITTED)
    assert latest_complete_year(world.park).year == 2023
    # E1 alone submitting 2024 does not make 2024 complete: E2 reported 2023 and has nothing for 2024.
    Inventory.objects.filter(year=2024).update(status=Status.SUBMITTED)
    assert latest_complete_year(world.park).year == 2023


def test_overview_card_shows_the_latest_complete_year_not_the_newest_draft(world, client_for):
    make(world, world.enterprise, E2_ROWS, year=2023)
    make(world, world.enterprise2, E1_ROWS, year=2023, gwp="SAR")
    make(world, world.enterprise, DRAFT_ROWS, year=2024, status=Status.DRAFT)
    expected = engine(E2_ROWS, "AR5").total_co2e + engine(E1_ROWS, "AR5").total_co2e
    for language in ("zh-hans", "en"):
        with translation.override(language):
            card = accounting_cards(world.users["park_admin"])[0]
            assert "2023" in str(card.title) and "2024" not in str(card.title)
            assert card.url == reverse("inventory:park", args=[world.park.pk, 2023])
            stats = {str(k): str(v) for k, v in card.stats}
            assert f"{expected:,.0f}" in stats.values()
            assert any("2024" in k for k in stats)  # the year in progress is named, not totalled
    body = client_for("park_admin").get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert f"{expected:,.0f}" in body and f"{engine(DRAFT_ROWS, 'AR5').total_co2e:,.0f}" not in body
    assert "2024" in body
    # Enterprise users keep the card of their own inventories; the other park's admin sees nothing of park A.
    assert all("测试园区A" not in str(c.title) for c in accounting_cards(world.users["other_park_admin"]))
    with translation.override("en"):
        assert all("Park" not in str(c.title) for c in accounting_cards(world.users["enterprise_reporter"]))


def test_overview_without_a_complete_year_says_so(world):
    make(world, world.enterprise, DRAFT_ROWS, year=2025, status=Status.DRAFT)
    with translation.override("en"):
        card = accounting_cards(world.users["park_admin"])[0]
        stats = {str(k): str(v) for k, v in card.stats}
        assert stats["Complete year"] == "none yet" and "Complete:" in str(card.subtitle)
    assert f"{engine(DRAFT_ROWS, 'AR5').total_co2e:,.0f}" not in stats.values()


def page(client, park, year=2023, query=""):
    response = client.get(reverse("inventory:park", args=[park.pk, year]) + query)
    assert response.status_code == 200
    return response


def test_page_states_what_it_includes_and_the_gwp(park_2023, client_for):
    client = client_for("park_admin")
    response = page(client, park_2023.park, query="")
    body = response.content.decode()
    summary = response.context["summary"]
    assert "丁材料有限公司" not in body  # the draft
    assert "包括 2 份已提交的企业清单" in body and "1 份草稿未计入" in body
    assert "AR5" in body and "IPCC" in body
    assert f"±{summary.uncertainty_pct:,.1f}%" in body
    assert f"{summary.total_co2e:,.1f}" in body  # zh-hans with thousands separators
    with_drafts = page(client, park_2023.park, query="?drafts=1")
    assert "丁材料有限公司" in with_drafts.content.decode()
    assert with_drafts.context["summary"].total_co2e > summary.total_co2e


def test_chart_data_is_the_tables(park_2023, client_for):
    response = page(client_for("park_admin"), park_2023.park)
    summary, body = response.context["summary"], response.content.decode()
    data = json.loads(re.search(r'<script id="park-charts-data" type="application/json">(.*?)</script>', body,
                                re.S).group(1))
    assert sum(d["value"] for d in data["sections"]) == pytest.approx(summary.total_co2e, abs=0.2)
    assert sum(data["industries"]["values"]) == pytest.approx(sum(summary.by_industry.values()), abs=0.2)
    assert sum(data["zones"]["values"]) == pytest.approx(sum(summary.by_zone.values()), abs=0.2)
    assert data["top"]["labels"][-1] == summary.rows[0].name  # largest drawn on top
    assert data["trend"]["labels"] == ["2023"] and data["trend"]["values"][0] == pytest.approx(
        summary.total_co2e, abs=0.1)


@pytest.mark.parametrize("role", ["platform_admin", "park_admin", "park_viewer", "enterprise_reporter",
                                  "enterprise_manager", "verifier", "authority_viewer", "other_park_admin",
                                  "other_enterprise_user"])
def test_page_shows_each_role_only_what_it_may_see(park_2023, client_for, role):
    client = client_for(role)
    response = client.get(reverse("inventory:park", args=[park_2023.park.pk, 2023]) + "?drafts=1")
    if role == "other_park_admin":
        assert response.status_code == 404
        return
    user = park_2023.users[role]
    visible = set(Inventory.objects.for_user(user).filter(park=park_2023.park, year=2023).values_list("pk", flat=True))
    shown = {r.inventory_id for r in response.context["summary"].all_rows}
    assert shown == visible
    assert response.context["summary"].total_co2e == pytest.approx(
        sum(engine(rows, "AR5").total_co2e for rows, pk in ((E1_ROWS, park_2023.enterprise.pk),
                                                            (E2_ROWS, park_2023.enterprise2.pk)) if any(
            r.enterprise_id == pk for r in response.context["summary"].rows))
        + (engine(OWN_ROWS, "AR5").total_co2e if response.context["summary"].own else 0)
        + (engine(DRAFT_ROWS, "AR5").total_co2e if any(r.name == "丁材料有限公司"
                                                        for r in response.context["summary"].rows) else 0))


def test_park_admin_chooses_the_park_gwp_set(park_2023, client_for):
    park, url = park_2023.park, reverse("inventory:park_gwp", args=[park_2023.park.pk, 2023])
    admin = client_for("park_admin")
    assert "park-gwp-form" in page(admin, park).content.decode()
    assert "park-gwp-form" not in page(client_for("park_viewer"), park).content.decode()
    assert admin.post(url, {"gwp_set": "AR6"}).status_code == 302
    park.refresh_from_db()
    assert park.gwp_set == "AR6" and park.history.first().gwp_set == "AR6"
    summary = page(admin, park).context["summary"]
    assert summary.gwp_set == "AR6"
    assert summary.total_co2e == pytest.approx(sum(engine(r, "AR6").total_co2e for r in (E1_ROWS, E2_ROWS, OWN_ROWS)))
    admin.post(url, {"gwp_set": "AR7"})  # not a set: refused, nothing changed
    park.refresh_from_db()
    assert park.gwp_set == "AR6"
    assert client_for("park_viewer").post(url, {"gwp_set": "SAR"}).status_code == 403
    assert client_for("other_park_admin").post(url, {"gwp_set": "SAR"}).status_code == 404


def test_a_year_with_drafts_only_has_no_park_total(world, client_for):
    make(world, world.enterprise, DRAFT_ROWS, year=2024, status=Status.DRAFT)
    client = client_for("park_admin")
    body = page(client, world.park, year=2024).content.decode()
    assert "park-nothing-counted" in body and "park-total" not in body and "计入草稿" in body
    with_drafts = page(client, world.park, year=2024, query="?drafts=1")
    assert with_drafts.context["summary"].total_co2e == pytest.approx(engine(DRAFT_ROWS, "AR5", 2024).total_co2e)
    assert "park-total" in with_drafts.content.decode()


@pytest.mark.parametrize("role, shown", [("park_admin", True), ("enterprise_reporter", False)])
def test_park_report_button_only_for_users_who_may_make_the_park_report(world, client_for, role, shown):
    """The walk found enterprise users offered a park report their scope refuses (reports:create answered 404)."""
    client = client_for(role)
    page = client.get(reverse("inventory:park", args=[world.park.pk, 2023]))
    assert page.status_code == 200
    assert ('data-testid="park-report"' in page.content.decode()) is shown
    if shown:
        assert client.get(reverse("reports:create"), {"park": world.park.pk, "year": 2023}).status_code == 200
    else:
        assert client.get(reverse("reports:create"), {"park": world.park.pk, "year": 2023}).status_code == 404
