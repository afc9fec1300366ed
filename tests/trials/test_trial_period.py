"""After a park's trial ends its data is read-only for its users (policy.scope_for), exports and reports still
allowed, until a platform administrator extends the trial or converts the park."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parkcarbon.common.policy import can, forget_memberships, scope_for
from parkcarbon.inventory.models import Inventory
from parkcarbon.parks.models import Enterprise, Park
from parkcarbon.trials import services
from tests.api.conftest import call, token_for  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

WRITES = [("park_admin", "change", "park"), ("park_admin", "add_enterprise", "park"),
          ("park_admin", "change", "enterprise"), ("park_admin", "change", "inventory"),
          ("enterprise_manager", "change", "inventory"), ("enterprise_manager", "submit", "inventory"),
          ("enterprise_reporter", "change", "inventory"), ("verifier", "verify", "inventory")]


def _end_trial(world, days_ago=1):
    world.park.trial_ends_on = timezone.localdate() - timedelta(days=days_ago)
    world.park.save()
    for user in world.users.values():
        forget_memberships(user)


def _targets(world):
    inventory = Inventory.objects.get_or_create(park=world.park, enterprise=world.enterprise, year=2023,
                                                defaults={"region": "CN-JS"})[0]
    if inventory.status != "under_verification":
        Inventory.objects.filter(pk=inventory.pk).update(status="under_verification")
        inventory.refresh_from_db()
    return {"park": world.park, "enterprise": world.enterprise, "inventory": inventory}


def test_days_left_counts_today():
    park = Park(trial_ends_on=timezone.localdate())
    assert (park.trial_days_left, park.trial_expired) == (1, False)  # the last day is still a trial day
    park.trial_ends_on -= timedelta(days=1)
    assert (park.trial_days_left, park.trial_expired) == (0, True)
    assert Park().trial_days_left is None and not Park().trial_expired  # a full account


def test_writes_refused_after_the_trial_and_allowed_again_when_extended(world):
    targets = _targets(world)
    for role, action, target in WRITES:
        assert can(world.users[role], action, targets[target]) or action == "verify", (role, action)
    _end_trial(world)
    for role, action, target in WRITES:
        assert not can(world.users[role], action, targets[target]), (role, action)
    # Reading, reports and the park's user accounts stay.
    assert can(world.users["park_admin"], "view", targets["inventory"])
    assert can(world.users["enterprise_manager"], "view", targets["enterprise"])
    assert Inventory.objects.for_user(world.users["park_admin"], "view").exists()
    assert scope_for(world.users["park_admin"], "report", "create").parks == {world.park.pk}
    assert scope_for(world.users["park_admin"], "membership", "change").parks == {world.park.pk}
    # The other park is untouched; the platform operator keeps its reach.
    assert can(world.users["other_park_admin"], "change", world.other_park)
    assert can(world.users["platform_admin"], "change", world.park)

    services.extend_trial(world.park, timezone.localdate() + timedelta(days=30))
    for user in world.users.values():
        forget_memberships(user)
    assert can(world.users["park_admin"], "change", world.park)


def test_convert_makes_a_full_account(world):
    _end_trial(world)
    services.convert_to_full(world.park)
    world.park.refresh_from_db()
    assert world.park.trial_ends_on is None
    assert world.park.history.first().history_change_reason == "converted to a full account"
    forget_memberships(world.users["park_admin"])
    assert can(world.users["park_admin"], "change", world.park)


def test_write_views_refuse_and_pages_say_why(client, world):
    _end_trial(world)
    client.force_login(world.users["park_admin"])
    assert client.get(f"/park/{world.park.pk}/").status_code == 200
    assert client.get(f"/park/{world.park.pk}/edit/").status_code == 403
    response = client.post(f"/park/enterprises/{world.enterprise.pk}/edit/", {"name": "改名"})
    assert response.status_code in (403, 404)
    assert Enterprise.objects.get(pk=world.enterprise.pk).name == "甲钢铁有限公司"
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="trial-banner"' in home and "read-only" in home


def test_api_writes_refused_after_the_trial(world, token_for, call):  # noqa: F811
    token = token_for("park_admin")
    _end_trial(world)
    response = call("post", "/api/v1/inventories", token, json={"enterprise": world.enterprise.pk, "year": 2023,
                                                                "region": "CN-JS"})
    assert response.status_code in (403, 404)
    assert not Inventory.objects.exists()
    assert call("get", "/api/v1/inventories", token).status_code == 200


def test_banner_shows_days_left(client, world):
    world.park.trial_ends_on = timezone.localdate() + timedelta(days=9)
    world.park.save()
    client.force_login(world.users["park_viewer"])
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "10 days left" in page


def test_platform_admin_extends_and_converts_through_the_page(client, world):
    _end_trial(world)
    client.force_login(world.users["platform_admin"])
    until = timezone.localdate() + timedelta(days=45)
    response = client.post(f"/trials/parks/{world.park.pk}/", {"action": "extend", "until": until.isoformat()})
    assert response.status_code == 302
    world.park.refresh_from_db()
    assert world.park.trial_ends_on == until
    bad = client.post(f"/trials/parks/{world.park.pk}/", {"action": "extend", "until": "2000-01-01"})
    assert bad.status_code == 400
    client.post(f"/trials/parks/{world.park.pk}/", {"action": "convert"})
    world.park.refresh_from_db()
    assert world.park.trial_ends_on is None
    admin = client.__class__()
    admin.force_login(world.users["park_admin"])
    assert admin.post(f"/trials/parks/{world.park.pk}/", {"action": "convert"}).status_code == 403
