"""The policy table and the tenancy rules behind for_user / can."""

import pytest

from parkcarbon.accounts.models import Membership, User
from parkcarbon.common import policy
from parkcarbon.common.policy import POLICY, Role, can, policy_rows, scope_for
from parkcarbon.parks.models import Agency, Enterprise, Park, Zone


def test_policy_table_is_well_formed():
    for (object_type, action), roles in POLICY.items():
        assert object_type and action
        assert roles <= set(Role.values), (object_type, action)
    assert set(policy.ROLE_REACH) == set(Role.values)
    for granter, grantable in policy.GRANTABLE.items():
        assert grantable <= set(Role.values), granter


def test_policy_table_expectations():
    # The core of the business rules, stated once more in plain words.
    assert POLICY[("enterprise", "view")] == frozenset(Role.values)
    assert POLICY[("enterprise", "change")] == {"platform_admin", "park_admin"}
    assert POLICY[("agency", "view")].isdisjoint({"enterprise_reporter", "enterprise_manager"})
    assert "park_admin" not in policy.GRANTABLE["park_admin"]
    # Unknown object types or actions fail closed.
    assert policy.allowed_roles("no_such_type", "view") == frozenset()
    assert policy.allowed_roles("enterprise", "no_such_action") == frozenset()


def test_policy_table_rows():
    rows = policy_rows()
    assert ("enterprise", "change", ["park_admin", "platform_admin"]) in rows


def names(qs):
    return {o.name_en for o in qs}


def test_enterprise_user_sees_only_own_enterprise(world):
    u = world.users["enterprise_reporter"]
    assert names(Enterprise.objects.for_user(u)) == {"Jia Steel"}
    assert names(Park.objects.for_user(u)) == {"Test Park A"}
    assert names(Zone.objects.for_user(u)) == {"Zone A1"}
    assert not Agency.objects.for_user(u).exists()
    assert not Enterprise.objects.for_user(u, "change").exists()


def test_park_admin_sees_only_own_park(world):
    u = world.users["other_park_admin"]
    assert names(Enterprise.objects.for_user(u)) == {"Bing Electronics"}
    assert names(Park.objects.for_user(u)) == {"Test Park B"}
    assert not can(u, "view", world.enterprise)
    assert can(u, "change", world.other_enterprise)


def test_verifier_sees_what_its_agency_is_assigned(world):
    u = world.users["verifier"]
    assert names(Enterprise.objects.for_user(u)) == {"Jia Steel", "Yi Chemicals"}
    assert names(Agency.objects.for_user(u)) == {"Verifier Co"}  # not the authority assigned to the same park
    assert not can(u, "change", world.enterprise)


def test_verifier_assigned_to_one_enterprise_sees_only_it(world):
    agency = Agency.objects.create(kind="verifier", name="单企核查", name_en="Single")
    agency.enterprises.add(world.other_enterprise)
    u = User.objects.create_user("v2", password="x-long-password-1")
    Membership.objects.create(user=u, role="verifier", agency=agency)
    assert names(Enterprise.objects.for_user(u)) == {"Bing Electronics"}
    assert names(Park.objects.for_user(u)) == {"Test Park B"}  # the park of an assigned enterprise
    assert not Zone.objects.for_user(u).exists()  # EB has no zone


def test_platform_admin_sees_everything(world):
    u = world.users["platform_admin"]
    assert Enterprise.objects.for_user(u, "change").count() == 3
    assert Park.objects.for_user(u, "change").count() == 2


def test_user_without_membership_sees_nothing(world):
    u = User.objects.create_user("nobody", password="x-long-password-1")
    assert not Enterprise.objects.for_user(u).exists()
    assert not can(u, "view", Enterprise)
    assert not scope_for(u, "enterprise", "view")


def test_anonymous_and_inactive_users_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not Enterprise.objects.for_user(AnonymousUser()).exists()
    u = world.users["park_admin"]
    u.is_active = False
    assert not Enterprise.objects.for_user(u).exists()


def test_for_user_does_not_duplicate_rows_over_many_to_many(world):
    world.verifier_agency.enterprises.add(world.enterprise)
    u = world.users["park_admin"]
    assert Agency.objects.for_user(u).count() == 2


@pytest.mark.parametrize("role", ["park_admin", "park_viewer", "verifier", "authority_viewer"])
def test_can_is_consistent_with_for_user(world, role):
    u = world.users[role]
    for action in ("view", "change"):
        visible = set(Enterprise.objects.for_user(u, action))
        for e in Enterprise.objects.all():
            assert can(u, action, e) == (e in visible)


def test_create_is_an_action_on_the_parent(world):
    assert list(Park.objects.for_user(world.users["park_admin"], "add_enterprise")) == [world.park]
    assert not Park.objects.for_user(world.users["park_viewer"], "add_enterprise").exists()


def test_agency_membership_reaches_only_the_park_that_granted_it(world, django_user_model):
    """A verifier serving parks A and B: the member created by park A's admin must not read park B."""
    from parkcarbon.accounts.models import Membership
    from parkcarbon.parks.models import Enterprise

    world.verifier_agency.parks.add(world.other_park)
    spy = django_user_model.objects.create_user("spy", password="x" * 12)
    Membership.objects.create(user=spy, role="verifier", park=world.park, agency=world.verifier_agency)
    visible = set(Enterprise.objects.for_user(spy).values_list("pk", flat=True))
    assert world.enterprise.pk in visible and world.other_enterprise.pk not in visible
    assert not Park.objects.for_user(spy).filter(pk=world.other_park.pk).exists()


@pytest.mark.django_db
def test_can_each_answers_as_can_does_in_one_query(world, django_assert_max_num_queries):
    from parkcarbon.inventory.models import Inventory

    inventories = [Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS"),
                   Inventory.objects.create(park=world.other_park, enterprise=world.other_enterprise, year=2023,
                                            region="CN-ZJ")]
    actions = ["view", "change", "submit", "review", "verify", "no_such_action"]
    for user in world.users.values():
        for inventory in inventories:
            policy.memberships(user)  # loaded once per request anyway
            with django_assert_max_num_queries(1):
                answers = policy.can_each(user, actions, inventory)
            assert answers == {a: can(user, a, inventory) for a in actions}, user
    assert any(policy.can_each(u, ["change"], inventories[0])["change"] for u in world.users.values())


@pytest.mark.django_db
def test_memberships_come_in_the_models_order_by_role(world, django_assert_num_queries):
    # memberships() sorts in Python (the ORM's ORDER BY over the user table cost a third of its query); for one
    # user's rows the model's order (username, role) is the order of roles, ties kept in creation order (pk).
    user = User.objects.create_user("many_roles")
    made = [Membership.objects.create(user=user, role=role, park=world.park, enterprise=enterprise)
            for role, enterprise in [("park_viewer", None), ("enterprise_reporter", world.enterprise),
                                     ("park_admin", None), ("enterprise_reporter", world.enterprise2)]]
    loaded = policy.memberships(user)
    assert [m.role for m in loaded] == [m.role for m in Membership.objects.filter(user=user)]
    assert [m.pk for m in loaded] == [made[1].pk, made[3].pk, made[2].pk, made[0].pk]
    with django_assert_num_queries(0):  # the related rows still come with them
        assert loaded[1].enterprise.park.pk == world.park.pk


@pytest.mark.django_db
@pytest.mark.parametrize("trial_ended", [False, True])
def test_can_loaded_answers_as_can_does_without_a_query(world, django_user_model, django_assert_num_queries,
                                                          trial_ended):
    """The inventory page asks may-see / may-change / may-submit in Python (policy.can_loaded, the Python form of
    InventoryQuerySet.scope_filter): for every cast member, an agency member granted by one park, an inactive user,
    every action of the policy on inventories and on enterprises' and the park's own inventories of both parks, with
    the park's trial running or ended, it must answer exactly what the SQL of ``can`` answers."""
    from datetime import timedelta

    from django.utils import timezone

    from parkcarbon.inventory.models import Inventory

    world.verifier_agency.parks.add(world.other_park)
    spy = django_user_model.objects.create_user("spy", password="x" * 12)
    Membership.objects.create(user=spy, role="verifier", park=world.park, agency=world.verifier_agency)
    gone = django_user_model.objects.create_user("gone", password="x" * 12, is_active=False)
    Membership.objects.create(user=gone, role="park_admin", park=world.park)
    if trial_ended:
        world.park.trial_ends_on = timezone.localdate() - timedelta(days=1)
        world.park.save()
    inventories = [Inventory.objects.create(park=park, enterprise=enterprise, year=2023, region="CN-JS")
                   for park, enterprise in [(world.park, world.enterprise), (world.park, world.enterprise2),
                                            (world.park, None), (world.other_park, world.other_enterprise),
                                            (world.other_park, None)]]
    actions = sorted(a for (t, a) in POLICY if t == "inventory") + ["no_such_action"]
    users = [*(User.objects.get(pk=u.pk) for u in world.users.values()), spy, gone]
    answers = set()
    for user in users:
        for inventory in Inventory.objects.select_related("park", "enterprise"):
            policy.memberships(user)  # loaded once per request anyway
            with django_assert_num_queries(0):
                loaded = {a: policy.can_loaded(user, a, inventory) for a in actions}
            assert loaded == {a: can(user, a, inventory) for a in actions}, (user, inventory)
            answers.update(loaded.values())
    assert answers == {True, False} and len(inventories) == 5
