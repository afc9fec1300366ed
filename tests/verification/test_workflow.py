"""The verification workflow through its service functions.

The transition x role x status table is generated: every step from every status, by every member of the cast plus
two verifiers the policy must refuse (one of another park's agency, one who entered the inventory's data). The
expectation is written here from the issue, independently of ``common.policy``: who may take each step, from which
statuses, and where it leads.
"""

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import translation

from parkcarbon.accounts.models import Membership
from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import ActivityLine, Inventory, Status, Transition
from parkcarbon.parks.models import Agency
from parkcarbon.verification import services
from parkcarbon.verification.models import Adjustment, Comment, Conclusion
from tests.conftest import CAST_ROLES

ADMINS = {"platform_admin", "park_admin"}
# step: (who may, from which statuses, to which status; None = unchanged)
EXPECT = {
    "submit": (ADMINS | {"enterprise_manager"}, {"draft", "returned"}, "submitted"),
    "accept": (ADMINS, {"submitted"}, "under_verification"),
    "return": (ADMINS, {"submitted"}, "returned"),
    "review_comment": (ADMINS, {"submitted"}, None),
    "verify_comment": ({"verifier"}, {"under_verification"}, None),
    "adjust": ({"verifier"}, {"under_verification"}, None),
    "conclude": ({"verifier"}, {"under_verification"}, "verified"),
    "new_version": (ADMINS | {"enterprise_manager"}, {"verified", "not_verified"}, "draft"),
}
STATUSES = [s.value for s in Status]
ACTORS = [*CAST_ROLES, "foreign_verifier", "entrant_verifier"]


def take(step, inventory, user):
    line = inventory_services.current_lines(inventory).first()
    if step == "submit":
        return inventory_services.submit(inventory, user)
    if step == "accept":
        return services.accept(inventory, user)
    if step == "return":
        return services.return_to_reporter(inventory, user, "Please attach the meter readings.")
    if step in ("review_comment", "verify_comment"):
        if services.comment_step(inventory) != step:
            raise PermissionDenied  # the comment's stage follows from the status: this step does not exist now
        return services.add_comment(inventory, user, "Check the coal amount.", line.pk)
    if step == "adjust":
        return services.record_adjustment(inventory, user, line.pk, 900, "Weighbridge records")
    if step == "conclude":
        return services.conclude(inventory, user, "verified", "Data are complete and accurate.")
    return services.new_version(inventory, user, "Restated after the verification")


@pytest.fixture
def actors(world, inventory, django_user_model):
    users = dict(world.users)
    foreign = Agency.objects.create(kind="verifier", name="外园核查", name_en="Foreign verifier")
    foreign.parks.add(world.other_park)
    users["foreign_verifier"] = django_user_model.objects.create_user("foreign_verifier")
    Membership.objects.create(user=users["foreign_verifier"], role="verifier", park=world.other_park, agency=foreign)
    users["entrant_verifier"] = django_user_model.objects.create_user("entrant_verifier")
    Membership.objects.create(user=users["entrant_verifier"], role="verifier", park=world.park,
                              agency=world.verifier_agency)
    version = inventory.versions.get()
    version.created_by = users["entrant_verifier"]  # this verifier loaded the inventory's data
    version.save()
    return users


class Rollback(Exception):
    pass


CASES = list(itertools.product(EXPECT, STATUSES))


@pytest.mark.parametrize(("step", "status"), CASES, ids=[f"{s}-{st}" for s, st in CASES])
def test_transition_table(step, status, inventory, actors):
    who, sources, target = EXPECT[step]
    Inventory.objects.filter(pk=inventory.pk).update(status=status)
    for actor in ACTORS:
        inv = Inventory.objects.get(pk=inventory.pk)
        n_transitions = Transition.objects.count()
        expected = actor in who and status in sources
        try:
            with transaction.atomic():
                take(step, inv, actors[actor])
                inv.refresh_from_db()
                assert inv.status == (target or status), (step, status, actor)
                if target:
                    last = Transition.objects.latest("pk")
                    assert (last.old_status, last.new_status, last.by) == (status, target, actors[actor])
                    assert last.at is not None
                raise Rollback
        except Rollback:
            allowed = True
        except PermissionDenied:
            allowed = False
            assert Transition.objects.count() == n_transitions  # a refused step writes nothing
            assert Inventory.objects.get(pk=inventory.pk).status == status
        assert allowed == expected, f"{actor} {step} from {status}: {'allowed' if allowed else 'refused'}"


def test_the_whole_path_is_attributed(inventory, world):
    u = world.users
    inventory_services.submit(inventory, u["enterprise_manager"])
    coal = inventory_services.current_lines(inventory).get(activity="bituminous_coal")
    services.add_comment(inventory, u["park_admin"], "Coal in January looks high.", coal.pk)
    services.return_to_reporter(inventory, u["park_admin"], "Please check the coal line.")
    assert inventory.status == Status.RETURNED
    inventory_services.ensure_editable(inventory)  # a returned inventory is editable again
    inventory_services.submit(inventory, u["enterprise_manager"])
    services.accept(inventory, u["park_admin"])
    electricity = inventory_services.current_lines(inventory).get(activity="electricity_grid")
    evidence = SimpleUploadedFile("meter.pdf", b"%PDF-1.4 meter")
    adj = services.record_adjustment(inventory, u["verifier"], electricity.pk, 9000, "Grid company bills", evidence)
    assert (adj.reported_amount, adj.verified_amount, adj.unit, adj.by) == (10000, 9000, "MWh", u["verifier"])
    assert adj.evidence.read() == b"%PDF-1.4 meter"
    conclusion = services.conclude(inventory, u["verifier"], "qualified", "Electricity restated from the bills.")
    assert inventory.status == Status.VERIFIED
    # 1000 MWh less at the national grid factor MEE prescribes for 2023 reporting, 0.5703 tCO2/MWh
    # (MEE 2023 No. 43): the verified total is 570.3 t below the reported one.
    assert conclusion.reported_co2e - conclusion.verified_co2e == pytest.approx(570.3, abs=0.01)
    assert conclusion.agency == world.verifier_agency
    flips = [(t.old_status, t.new_status, t.by.username) for t in inventory.transitions.order_by("pk")]
    assert flips == [
        ("draft", "submitted", "enterprise_manager"), ("submitted", "returned", "park_admin"),
        ("returned", "submitted", "enterprise_manager"), ("submitted", "under_verification", "park_admin"),
        ("under_verification", "verified", "verifier"),
    ]
    comments = list(Comment.objects.filter(inventory=inventory).order_by("pk"))
    assert [c.line_id for c in comments] == [coal.pk, None]
    assert all(c.by and c.at for c in comments)
    text = services.conclusion_sentence(inventory, english=True)
    assert "verified with qualifications" in text and "Electricity restated from the bills." in text
    assert "有保留意见" in services.conclusion_sentence(inventory, english=False)


def test_a_verified_inventory_is_immutable_and_a_correction_is_a_new_version(inventory, world):
    u = world.users
    Inventory.objects.filter(pk=inventory.pk).update(status="under_verification")
    inventory.refresh_from_db()
    services.conclude(inventory, u["verifier"], "verified", "Complete.")
    with pytest.raises(PermissionDenied):
        inventory_services.ensure_editable(inventory)
    reported = inventory.snapshot.total_co2e
    services.new_version(inventory, u["enterprise_manager"], "Coal restated")
    inventory.refresh_from_db()
    assert (inventory.version_number, inventory.status) == (2, "draft")
    coal = inventory_services.current_lines(inventory).get(activity="bituminous_coal")
    coal.amount = 800
    coal.save()
    inventory_services.refresh_snapshot(inventory)
    old, old_totals = services.version_lines(inventory, 1)
    new, new_totals = services.version_lines(inventory, 2)
    assert old_totals["total"] == pytest.approx(reported)
    assert [(d["activity"], d["old"], d["new"], d["kind"]) for d in services.differences(old, new)] == [
        ("bituminous_coal", 1000, 800, "changed")]
    totals = {t["section"]: t for t in services.total_differences(old_totals, new_totals)}
    assert totals["total"]["new"] < totals["total"]["old"] == pytest.approx(reported)
    assert services.latest_conclusion(inventory) is None  # the conclusion was on version 1
    assert inventory.conclusions.get().version_number == 1


def test_differences_added_and_removed():
    old = [{"section": "energy", "activity": "diesel", "amount": 1.0, "unit": "t", "month": 0, "sector": ""}]
    new = [{"section": "energy", "activity": "diesel", "amount": 1.0, "unit": "t", "month": 0, "sector": ""},
           {"section": "energy", "activity": "diesel", "amount": 2.0, "unit": "t", "month": 0, "sector": ""},
           {"section": "waste", "activity": "landfill", "amount": 3.0, "unit": "t", "month": 0, "sector": ""}]
    diff = services.differences(old, new)
    assert [(d["activity"], d["old"], d["new"], d["kind"]) for d in diff] == [
        ("diesel", None, 2.0, "added"), ("landfill", None, 3.0, "added")]
    assert [d["kind"] for d in services.differences(new, old)] == ["removed", "removed"]


def test_a_verifier_who_edited_a_line_may_not_verify(inventory, world):
    Inventory.objects.filter(pk=inventory.pk).update(status="under_verification")
    inventory.refresh_from_db()
    line = inventory_services.current_lines(inventory).first()
    line._history_user = world.users["verifier"]
    line.save()
    with translation.override("en"), pytest.raises(PermissionDenied, match="entered data"):  # not the default zh
        services.conclude(inventory, world.users["verifier"], "verified", "ok")
    assert not Conclusion.objects.exists()


@pytest.mark.parametrize("bad", ["", "  ", None])
def test_a_return_needs_a_comment(inventory, world, bad):
    Inventory.objects.filter(pk=inventory.pk).update(status="submitted")
    inventory.refresh_from_db()
    with pytest.raises(ValidationError):
        services.return_to_reporter(inventory, world.users["park_admin"], bad)
    assert Inventory.objects.get(pk=inventory.pk).status == "submitted"


@pytest.mark.parametrize("amount", ["x", -1, float("nan"), float("inf")])
def test_an_adjustment_needs_a_plausible_amount(inventory, world, amount):
    Inventory.objects.filter(pk=inventory.pk).update(status="under_verification")
    inventory.refresh_from_db()
    line = inventory_services.current_lines(inventory).first()
    with pytest.raises(ValidationError):
        services.record_adjustment(inventory, world.users["verifier"], line.pk, amount, "reason")
    assert not Adjustment.objects.exists()


def test_another_inventorys_line_cannot_be_adjusted(inventory, other_inventory, world):
    Inventory.objects.filter(pk=inventory.pk).update(status="under_verification")
    inventory.refresh_from_db()
    foreign = ActivityLine.objects.filter(version__inventory=other_inventory).first()
    with pytest.raises(ValidationError):
        services.record_adjustment(inventory, world.users["verifier"], foreign.pk, 1, "reason")


def test_an_agency_assigned_to_the_enterprise_only_verifies_that_enterprise(world, inventory, django_user_model):
    agency = Agency.objects.create(kind="verifier", name="企业核查", name_en="Enterprise verifier")
    agency.enterprises.add(world.enterprise2)  # E2, not E1
    user = django_user_model.objects.create_user("e2_verifier")
    Membership.objects.create(user=user, role="verifier", park=world.park, agency=agency)
    Inventory.objects.filter(pk=inventory.pk).update(status="under_verification")
    inventory.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.conclude(inventory, user, "verified", "ok")
    agency.enterprises.add(world.enterprise)
    from parkcarbon.common.policy import forget_memberships

    forget_memberships(user)
    services.conclude(inventory, user, "verified", "ok")
    assert inventory.status == "verified"




def test_a_returned_inventory_counts_as_a_draft_in_the_park_total(inventory, world):
    from parkcarbon.inventory.park import park_summary

    Inventory.objects.filter(pk=inventory.pk).update(status="submitted")
    assert len(park_summary(world.park, 2023).rows) == 1
    inventory.refresh_from_db()
    services.return_to_reporter(inventory, world.users["park_admin"], "Fix the coal line.")
    summary = park_summary(world.park, 2023)
    assert (len(summary.rows), summary.n_drafts, summary.n_submitted) == (0, 1, 0)
    assert len(park_summary(world.park, 2023, include_drafts=True).rows) == 1
