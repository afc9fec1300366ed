"""Pages: each role sees the alerts in its reach, in both languages; acknowledgement and rule management."""

import re

import pytest
from django.urls import reverse

from parkcarbon.alerts.models import Alert, Metric, Rule
from tests.alerts.conftest import make_inventory, monthly, rule
from tests.web.test_role_matrix import ROLES


@pytest.fixture
def alerts(world):
    """One alert each on E1 (park A, zone A1), E2 (park A, zone A2) and EB (park B)."""
    rule(world, Metric.ANNUAL_CO2E, 1000, name="年排放超过 1000 吨")
    rule(world, Metric.ANNUAL_CO2E, 1000, name="B 园区年排放", park=world.other_park)
    e1 = make_inventory(world.park, world.enterprise, 2023, monthly({1: 2000}))  # 1,140.6 t
    e2 = make_inventory(world.park, world.enterprise2, 2023, monthly({1: 3000}))  # 1,710.9 t
    eb = make_inventory(world.other_park, world.other_enterprise, 2023, monthly({1: 4000}))
    return {"e1": Alert.objects.get(inventory=e1), "e2": Alert.objects.get(inventory=e2),
            "eb": Alert.objects.get(inventory=eb)}


# who sees which alert (the list, the detail page and the navigation count agree)
REACH = {
    "platform_admin": {"e1", "e2", "eb"}, "park_admin": {"e1", "e2"}, "park_viewer": {"e1", "e2"},
    "enterprise_reporter": {"e1"}, "enterprise_manager": {"e1"}, "verifier": {"e1", "e2"},
    "authority_viewer": {"e1", "e2"}, "other_park_admin": {"eb"}, "other_enterprise_user": {"e2"},
}
MAY_ACKNOWLEDGE = {"platform_admin", "park_admin", "enterprise_reporter", "enterprise_manager", "other_park_admin",
                   "other_enterprise_user"}


@pytest.mark.parametrize("role", ROLES[1:])
def test_each_role_sees_its_reach(client_for, alerts, role):
    client = client_for(role)
    page = client.get(reverse("alerts:list")).content.decode()
    assert {key for key, a in alerts.items() if f'href="/alerts/{a.pk}/"' in page} == REACH[role]
    assert re.search(r'data-testid="open-alerts"[^>]*>(\d+)<', page).group(1) == str(len(REACH[role]))
    for key, a in alerts.items():
        response = client.get(reverse("alerts:detail", args=[a.pk]))
        assert response.status_code == (200 if key in REACH[role] else 404)
        if key in REACH[role]:
            assert (b'data-testid="acknowledge-form"' in response.content) == (role in MAY_ACKNOWLEDGE)


@pytest.mark.parametrize(("language", "texts"), [
    ("zh-hans", ["预警", "年排放量超过", "1,140.60 t CO2e", "整份清单", "待处理"]),
    ("en", ["Alerts", "Annual emissions above", "1,140.60 t CO2e", "Whole inventory", "Open"]),
])
def test_pages_in_both_languages(client_for, alerts, language, texts):
    client = client_for("park_admin")
    client.cookies["django_language"] = language
    headers = {"Accept-Language": language}
    pages = [client.get(reverse("alerts:list"), headers=headers), client.get(alerts["e1"].get_absolute_url(),
                                                                                headers=headers),
             client.get(reverse("alerts:rules"), headers=headers)]
    text = "".join(p.content.decode() for p in pages)
    for expected in texts:
        assert expected in text
    home = client.get(reverse("home"), headers=headers).content.decode()
    assert reverse("alerts:list") in home


def test_acknowledge_through_the_page(client_for, world, alerts):
    client = client_for("enterprise_reporter")
    url = reverse("alerts:acknowledge", args=[alerts["e1"].pk])
    assert client.post(url, {"note": ""}).status_code == 400
    response = client.post(url, {"note": "七月新产线调试，用电量增加属实。"})
    assert response.status_code == 302
    alert = Alert.objects.get(pk=alerts["e1"].pk)
    assert (alert.state, alert.acknowledged_by) == ("acknowledged", world.users["enterprise_reporter"])
    page = client.get(alert.get_absolute_url()).content.decode()
    assert "七月新产线调试" in page and "enterprise_reporter" in page
    assert b"acknowledge-form" not in client.get(alert.get_absolute_url()).content
    # another enterprise's user cannot reach it at all
    assert client_for("other_enterprise_user").post(url, {"note": "x"}).status_code == 404


def test_park_admin_creates_a_rule_and_the_park_is_evaluated(client_for, world, django_capture_on_commit_callbacks,
                                                             mailoutbox):
    make_inventory(world.park, world.enterprise, 2023, monthly({1: 2000}))  # 1,140.6 t, no rule yet
    make_inventory(world.park, world.enterprise, 2024, monthly({1: 3000}))  # 1,609.8 t (0.5366 t/MWh)
    client = client_for("park_admin")
    data = {"park": world.park.pk, "name": "钢铁企业年排放", "metric": Metric.ANNUAL_CO2E, "threshold": "1000",
            "industry_prefix": "31", "active": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("alerts:rule_create"), data)
    assert response.status_code == 302
    created = Rule.objects.get(name="钢铁企业年排放")
    values = sorted(Alert.objects.filter(rule=created).values_list("value", flat=True))
    assert values == [pytest.approx(1140.6), pytest.approx(3000 * 0.5366)]  # MEE-NBS 2022 factor for 2024 reports
    # one message per responsible user lists both new alerts
    assert sorted(m.to[0] for m in mailoutbox) == ["enterprise_manager@example.com", "enterprise_reporter@example.com",
                                                   "park_admin@example.com"]
    assert "2 条新预警" in mailoutbox[0].subject
    # deactivating it clears the alerts
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("alerts:rule_edit", args=[created.pk]), {**data, "active": ""})
    assert {a.state for a in Alert.objects.filter(rule=created)} == {"cleared"}


def test_rule_form_refuses_other_parks_and_bad_values(client_for, world):
    other = client_for("other_park_admin")
    response = other.post(reverse("alerts:rule_create"), {"park": world.park.pk, "name": "x", "metric": "annual_co2e",
                                                          "threshold": "1"})
    assert response.status_code == 200 and not Rule.objects.exists()  # park A is not a choice for them
    admin = client_for("park_admin")
    response = admin.post(reverse("alerts:rule_create"), {
        "park": world.park.pk, "name": "x", "metric": Metric.MEASURED_RANGE, "threshold": "20", "lower_bound": "30",
        "zone": client_zone_of_other_park(world).pk, "industry_prefix": "3a", "activity": "no_such_activity"})
    assert response.status_code == 200 and not Rule.objects.exists()
    errors = response.context["form"].errors
    assert set(errors) >= {"lower_bound", "parameter", "zone", "industry_prefix", "activity"}


def client_zone_of_other_park(world):
    return world.other_park.zones.get()


@pytest.mark.parametrize("role", ROLES[1:])
def test_the_inventory_page_badge_counts_the_users_reach(client_for, alerts, role):
    """The inventory data page reads the badge's count with the inventory (alerts.dashboard.open_alerts_subquery):
    the same number as every other page, only the alerts of the user's own reach, never another tenant's."""
    client = client_for(role)
    seen = 0
    for key in sorted(REACH[role]):
        response = client.get(reverse("inventory:detail", args=[alerts[key].inventory_id]))
        if response.status_code != 200:  # roles that see the alert but not the inventory's data page
            continue
        seen += 1
        page = response.content.decode()
        assert re.search(r'data-testid="open-alerts"[^>]*>(\d+)<', page).group(1) == str(len(REACH[role]))
    assert seen, "every role that sees an alert may open at least one of its inventories"
    alerts["e1"].acknowledged_at = alerts["e1"].raised_at
    alerts["e1"].save(update_fields=["acknowledged_at"])
    for key in sorted(REACH[role]):
        response = client.get(reverse("inventory:detail", args=[alerts[key].inventory_id]))
        if response.status_code == 200:
            found = re.search(r'data-testid="open-alerts"[^>]*>(\d+)<', response.content.decode())
            assert (int(found.group(1)) if found else 0) == len(REACH[role] - {"e1"})


@pytest.mark.parametrize(("lang", "unit", "other"), [("zh-hans", "tce/万元", "10^4 yuan"), ("en", "tce/10^4 yuan", "万元")])
def test_an_intensity_unit_is_written_in_the_pages_language(world, client_for, lang, unit, other):
    """QA walk of 2026-11-29 (walker3): the zh alert list, alert and rule pages wrote intensities "0.68 tce/10^4 yuan".
    12 x 1,000 MWh = 12,000 MWh x 0.1229 kgce/kWh (GB/T 2589-2020 equivalent value) = 1,474.8 tce over 5,000 x 10^4
    yuan of output value = 0.29 tce/10^4 yuan, above 0.1."""
    rule(world, Metric.TCE_PER_OUTPUT, 0.1, name="E-intensity")  # a name of neither language's unit words
    inventory = make_inventory(world.park, world.enterprise, 2023, monthly(dict.fromkeys(range(1, 13), 1000)),
                               output_value_10k_yuan=5000)
    alert = Alert.objects.get(inventory=inventory)
    assert alert.unit == "tce/10^4 yuan"  # stored (and in the API) as the code
    client = client_for("park_admin")
    for url in (reverse("alerts:list"), reverse("alerts:detail", args=[alert.pk]), reverse("alerts:rules")):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert unit in page and other not in page, url
    if lang == "en":
        assert "0.29 tce/10^4 yuan" in client.get(reverse("alerts:detail", args=[alert.pk]),
                                                  HTTP_ACCEPT_LANGUAGE=lang).content.decode()
