"""The home page's cards come from the cache (common/dashboard.py cached_cards), keyed by what the user reaches, the
language and the data versions of the parks reached: a user of another enterprise or park never gets someone
else's cards, and a change of what a card is made of is seen at once (issue 22)."""

import pytest
from django.utils import translation

from parkcarbon.common import dashboard
from parkcarbon.inventory.dashboard import accounting_cards
from parkcarbon.parks import dashboard as parks_dashboard
from parkcarbon.parks.dashboard import park_cards
from parkcarbon.parks.models import Agency, Zone
from tests.inventory.conftest import add_lines

pytestmark = pytest.mark.django_db

E1, E2, EB = "甲钢铁有限公司", "乙化工有限公司", "丙电子有限公司"
PARK_A, PARK_B = "测试园区A", "测试园区B"


def home(client_for, role: str) -> str:
    response = client_for(role).get("/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    return response.content.decode()


def stats(card) -> dict:
    return {str(k): str(v) for k, v in card.stats}


@pytest.mark.parametrize("first", ["enterprise_reporter", "other_enterprise_user", "park_admin", "other_park_admin"])
def test_no_user_gets_the_cached_cards_of_another_enterprise_or_park(world, inventory, client_for, first):
    seen = {"enterprise_reporter": ({E1, PARK_A}, {E2, EB, PARK_B}),
            "other_enterprise_user": ({E2, PARK_A}, {E1, EB, PARK_B}),
            "park_admin": ({PARK_A}, {EB, PARK_B}),
            "other_park_admin": ({PARK_B}, {E1, E2, PARK_A})}
    home(client_for, first)  # its cards are in the cache now
    for role, (shown, hidden) in seen.items():
        for _ in range(2):  # computed, then from the cache
            body = home(client_for, role)
            assert all(name in body for name in shown), role
            assert not any(name in body for name in hidden), role


def test_the_key_is_the_reach_not_the_user(world):
    users = world.users
    reach = {role: dashboard.reach(users[role]) for role in users}
    assert reach["platform_admin"] is None  # reaches every park: never cached
    assert reach["enterprise_reporter"][1] == {world.park.pk} == reach["park_admin"][1]
    assert reach["other_park_admin"][1] == {world.other_park.pk}
    keys = {role: r[0] for role, r in reach.items() if r is not None}
    assert len(set(keys.values())) == len(keys)  # every cast member reaches something different (E1 / E2, roles)
    # An agency's assignments are part of its members' reach: a new assignment is a new key, never a stale card.
    before = dashboard.reach(users["verifier"])
    world.verifier_agency.parks.add(world.other_park)
    users["verifier"].__dict__.pop("_parkcarbon_memberships")
    after = dashboard.reach(users["verifier"])
    assert after != before and world.other_park.pk in after[1]


def test_park_cards_follow_their_rows_but_not_line_saves(world, inventory, monkeypatch):
    computed = []
    compute = parks_dashboard._park_cards
    monkeypatch.setattr(parks_dashboard, "_park_cards", lambda user: computed.append(user) or compute(user))
    admin, reporter = world.users["park_admin"], world.users["enterprise_reporter"]
    with translation.override("en"):
        assert stats(park_cards(admin)[0])["Zones"] == "2"
        park_cards(admin)
        assert len(computed) == 1
        add_lines(inventory, "energy", [{"activity": "diesel", "amount": 5, "unit": "t", "month": 3}])  # a snapshot
        park_cards(admin)
        assert len(computed) == 1  # figures changed, the park's own rows did not
        Zone.objects.create(park=world.park, name="三区", name_en="Zone A3", code="a3")
        assert stats(park_cards(admin)[0])["Zones"] == "3"
        world.enterprise.name_en = "Jia Steel Works"
        world.enterprise.save()
        assert any(c.title == "Jia Steel Works" for c in park_cards(reporter))
        # Another park's change is not this park's.
        park_cards(admin)
        n = len(computed)
        Zone.objects.create(park=world.other_park, name="B二区", name_en="Zone B2", code="b2")
        park_cards(admin)
        assert len(computed) == n


def test_agency_cards_follow_the_agency(world):
    verifier = world.users["verifier"]
    with translation.override("en"):
        assert any(c.title == "Verifier Co" for c in park_cards(verifier))
        Agency.objects.filter(pk=world.verifier_agency.pk).update(name_en="Verifier Ltd")  # no signal at all
        verifier.__dict__.pop("_parkcarbon_memberships")  # a new request loads the memberships again
        assert any(c.title == "Verifier Ltd" for c in park_cards(verifier))


def test_the_park_total_follows_its_inventories(world, inventory, monkeypatch):
    from parkcarbon.inventory import dashboard as inventory_dashboard

    computed = []
    compute = inventory_dashboard._park_cards
    monkeypatch.setattr(inventory_dashboard, "_park_cards", lambda user: computed.append(user) or compute(user))
    admin = world.users["park_admin"]
    with translation.override("en"):
        assert stats(accounting_cards(admin)[0])["2023 in progress"] == "0 submitted, 1 drafts"
        accounting_cards(admin)
        assert len(computed) == 1  # the second from the cache
        inventory.status = "submitted"
        inventory.save()
        assert stats(accounting_cards(admin)[0])["Submitted"] == "1"  # 2023 is complete now: its total is shown
        add_lines(inventory, "energy", [{"activity": "diesel", "amount": 500, "unit": "t", "month": 3}])
        accounting_cards(admin)
        assert len(computed) == 3  # a new snapshot is a new park total


def test_the_cards_are_in_the_language_of_the_request(world, inventory):
    admin = world.users["park_admin"]
    with translation.override("en"):
        english = [c.title for c in park_cards(admin)]
    with translation.override("zh-hans"):
        chinese = [c.title for c in park_cards(admin)]
    assert "Test Park A" in english and PARK_A in chinese


def test_an_enterprise_moved_to_another_park_leaves_the_old_parks_cards(world, monkeypatch):
    """Both parks' versions change: the park it left no longer counts it (the cached cards are not served)."""
    from parkcarbon.analysis.models import DataVersion

    def versions(park):
        return DataVersion.objects.filter(park=park).values_list("counter", "structure").first() or (0, 0)

    admin = world.users["park_admin"]
    with translation.override("en"):
        before = stats(park_cards(admin)[0])
        old, new = versions(world.park), versions(world.other_park)
        world.enterprise.park = world.other_park
        world.enterprise.zone = None
        world.enterprise.save()
        assert versions(world.park) > old and versions(world.other_park) > new
        after = stats(park_cards(admin)[0])
    assert before != after  # the park's enterprise count went down by one
