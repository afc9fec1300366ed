"""The disclosure workflow through its service functions: figures from verified inventories, approval by a second
person, publication, immutability, corrections, and the refusals of bad input (nothing changes then)."""

import pytest
import yaml
from django.core.exceptions import PermissionDenied, ValidationError

from parkcarbon.disclosure import frameworks, services
from parkcarbon.disclosure.models import Disclosure, Event, State
from parkcarbon.inventory.models import Inventory
from tests.disclosure.conftest import ELECTRICITY_MWH, GRID_2023, draft, make_inventory, published, verify

pytestmark = pytest.mark.django_db


def test_figures_come_from_the_verified_inventory(world, verified, second_manager):
    d = published(world, second_manager)
    data = d.snapshot["data"]
    assert d.state == State.PUBLISHED
    assert data["scope2_location"]["value"] == pytest.approx(ELECTRICITY_MWH * GRID_2023)  # 5,703 t
    assert data["scope2_location"]["verified"] is True
    assert data["total"]["value"] == pytest.approx(data["scope1"]["value"] + ELECTRICITY_MWH * GRID_2023)
    assert data["total"]["value"] == pytest.approx(verified.snapshot.total_co2e)
    assert (data["previous_year"]["year"], data["previous_year"]["verified"]) == (2022, True)
    assert data["verification"]["opinion"] == "verified"
    assert data["intensity"]["per_output"] == pytest.approx(data["total"]["value"] / 50000)
    assert d.snapshot["unverified_items"] == []
    assert [e.action for e in d.events.order_by("pk")] == ["prepare", "submit", "approve", "publish"]


def test_previous_year_uses_its_own_grid_factor(world, verified, second_manager):
    """2022 electricity is weighed with the factor prescribed for 2022 reporting, 0.5703 t/MWh as well
    (环办气候函〔2023〕43号), so the previous year differs by exactly the extra 1,000 MWh."""
    d = published(world, second_manager)
    data = d.snapshot["data"]
    assert data["previous_year"]["value"] - data["total"]["value"] == pytest.approx(1000 * 0.5703)


def test_verified_adjustment_counts_at_its_verified_amount(world, second_manager):
    verify(world, make_inventory(world, 2023), adjust_electricity_to=9000)
    d = published(world, second_manager, items=["scope1", "scope2_location", "total"])
    assert d.snapshot["data"]["scope2_location"]["value"] == pytest.approx(9000 * GRID_2023)  # 5,132.7 t


def test_approving_ones_own_disclosure_is_refused(world, verified):
    manager = world.users["enterprise_manager"]
    d = services.submit(draft(world), manager)
    with pytest.raises(PermissionDenied, match="second person"):
        services.approve(d, manager)
    d.refresh_from_db()
    assert d.state == State.PENDING and d.approved_by is None


def test_refusals_speak_the_users_language(world, verified):
    from django.utils.translation import override

    manager = world.users["enterprise_manager"]
    d = services.submit(draft(world), manager)
    with override("zh-hans"), pytest.raises(PermissionDenied, match="须由另一人审批"):
        services.approve(d, manager)


def test_who_edited_the_draft_may_not_approve_it(world, verified, second_manager):
    d = draft(world)
    d.measures = "LED lighting; 120"
    d._history_user = second_manager
    d.save()
    d = services.submit(d, world.users["enterprise_manager"])
    with pytest.raises(PermissionDenied):
        services.approve(d, second_manager)
    assert services.approve(d, world.users["park_admin"]).state == State.APPROVED


@pytest.mark.parametrize("role", ["enterprise_reporter", "park_viewer", "verifier", "authority_viewer"])
def test_roles_that_may_not_approve(world, verified, role):
    d = services.submit(draft(world), world.users["enterprise_manager"])
    with pytest.raises(PermissionDenied):
        services.approve(d, world.users[role])


def test_unverified_figures_are_refused_without_the_label(world, second_manager):
    inventory = make_inventory(world, 2023)  # a draft: never verified
    d = draft(world, items=["scope1", "total"])
    with pytest.raises(ValidationError, match="not verified"):
        services.submit(d, world.users["enterprise_manager"])
    d.refresh_from_db()
    assert d.state == State.DRAFT and d.snapshot == {}
    assert not Disclosure.objects.published().exists()
    d.label_unverified = True
    d.save()
    d = services.submit(d, world.users["enterprise_manager"])
    assert d.snapshot["unverified_items"] == ["scope1", "total"]
    assert d.snapshot["data"]["total"]["verified"] is False
    assert d.snapshot["data"]["total"]["value"] == pytest.approx(inventory.snapshot.total_co2e)


def test_a_negative_conclusion_is_not_verified(world):
    verify(world, make_inventory(world, 2023), opinion="not_verified")
    with pytest.raises(ValidationError, match="not verified"):
        services.submit(draft(world, items=["total"]), world.users["enterprise_manager"])


def test_publishing_unlabelled_unverified_content_is_refused(world, verified, second_manager):
    d = services.approve(services.submit(draft(world), world.users["enterprise_manager"]), second_manager)
    tampered = {**d.snapshot, "unverified_items": ["total"], "unverified_labelled": False}
    Disclosure.objects.filter(pk=d.pk).update(snapshot=tampered)
    d.refresh_from_db()
    with pytest.raises(ValidationError, match="labelled"):
        services.publish(d, world.users["enterprise_manager"])
    d.refresh_from_db()
    assert d.state == State.APPROVED and d.published_at is None


def test_published_is_immutable(world, verified, second_manager):
    d = published(world, second_manager)
    d.measures = "changed"
    with pytest.raises(ValidationError):
        d.save()
    with pytest.raises(ValidationError):
        d.delete()
    with pytest.raises(PermissionDenied):
        services.return_to_draft(d, second_manager, "reopen")
    assert Disclosure.objects.get(pk=d.pk).measures == ""


def test_correction_needs_a_reason_and_keeps_the_published_version(world, verified, second_manager):
    v1 = published(world, second_manager)
    with pytest.raises(ValidationError, match="reason"):
        services.correct(v1, world.users["enterprise_manager"], "   ")
    assert Disclosure.objects.filter(series=v1.series).count() == 1
    v2 = services.correct(v1, world.users["enterprise_manager"], "Target added")
    assert (v2.version, v2.state, v2.series, v2.correction_reason) == (2, State.DRAFT, v1.series, "Target added")
    with pytest.raises(ValidationError, match="exists already"):
        services.correct(v1, world.users["park_admin"], "again")
    with pytest.raises(PermissionDenied):  # who opened the correction prepared it
        services.approve(services.submit(v2, second_manager), world.users["enterprise_manager"])
    v2 = services.publish(services.approve(v2, world.users["park_admin"]), second_manager)
    v1.refresh_from_db()
    assert v1.state == v2.state == State.PUBLISHED
    assert v2.snapshot["correction_reason"] == "Target added" and v2.snapshot["version"] == 2


def test_a_correction_without_reason_is_not_published(world, verified, second_manager):
    v1 = published(world, second_manager)
    v2 = services.correct(v1, world.users["enterprise_manager"], "Restated")
    Disclosure.objects.filter(pk=v2.pk).update(correction_reason="")
    v2.refresh_from_db()
    with pytest.raises(ValidationError, match="reason"):
        services.submit(v2, world.users["enterprise_manager"])
    assert Disclosure.objects.get(pk=v2.pk).state == State.DRAFT


def test_one_series_per_entity_and_year(world, verified):
    draft(world)
    with pytest.raises(ValidationError, match="exists already"):
        services.create(world.users["park_admin"], world.park, world.enterprise, 2023)


def test_preparing_needs_the_role_and_the_reach(world):
    with pytest.raises(PermissionDenied):
        services.create(world.users["enterprise_reporter"], world.park, world.enterprise, 2023)
    with pytest.raises(PermissionDenied):
        services.create(world.users["enterprise_manager"], world.park, None, 2023)  # the park: admins only
    with pytest.raises(PermissionDenied):
        services.create(world.users["other_park_admin"], world.park, world.enterprise, 2023)
    assert not Disclosure.objects.exists() and not Event.objects.exists()


def test_items_without_data_are_refused_with_every_problem(world, verified):
    d = draft(world, items=["targets", "measures", "carbon_assets"], measures="Heat pumps; many")
    with pytest.raises(ValidationError) as exc:
        services.submit(d, world.users["enterprise_manager"])
    text = " ".join(exc.value.messages)
    assert "target" in text and "many" in text and "carbon asset" in text


def test_carbon_assets_hook(world, verified, second_manager, monkeypatch):
    from parkcarbon.disclosure import hooks

    def provider(park, enterprise, year):
        return {"source": "test registry", "verified": True,
                "rows": [{"label_zh": "清缴配额", "label_en": "Allowances surrendered", "value": 6500, "unit": "t"}]}

    monkeypatch.setattr(hooks, "CARBON_ASSET_PROVIDERS", [provider])
    d = published(world, second_manager, items=["total", "carbon_assets"], frameworks=["cn_format_guideline_2021"])
    assert d.snapshot["data"]["carbon_assets"]["rows"][0]["value"] == 6500
    cn = d.snapshot["frameworks"][0]
    assert {r["code"]: r["status"] for r in cn["items"]}["碳排放信息（二）"] == "covered"


def test_park_disclosure_counts_verified_inventories_only(world, verified):
    unverified = make_inventory(world, 2023, enterprise=world.enterprise2)
    Inventory.objects.filter(pk=unverified.pk).update(status="submitted")
    d = services.create(world.users["park_admin"], world.park, None, 2023)
    d.items = ["total", "verification"]
    d.save()
    d = services.submit(d, world.users["park_admin"])
    assert d.snapshot["data"]["total"]["value"] == pytest.approx(verified.snapshot.total_co2e)
    assert d.snapshot["data"]["verification"]["verified_inventories"] == 1
    assert services.approve(d, world.users["platform_admin"]).state == State.APPROVED


def test_park_disclosure_with_unverified_inventories_is_labelled(world, verified):
    unverified = make_inventory(world, 2023, enterprise=world.enterprise2)
    Inventory.objects.filter(pk=unverified.pk).update(status="submitted")
    d = services.create(world.users["park_admin"], world.park, None, 2023)
    d.items, d.label_unverified = ["total"], True
    d.save()
    d = services.submit(d, world.users["park_admin"])
    assert d.snapshot["data"]["total"]["verified"] is False
    assert d.snapshot["data"]["total"]["value"] == pytest.approx(
        verified.snapshot.total_co2e + unverified.snapshot.total_co2e)


def test_coverage_states_covered_and_missing_items(world, verified, second_manager):
    d = published(world, second_manager, items=["scope1", "scope2_location", "total"],
                  frameworks=["gri_305", "ifrs_s2", "cn_mee_order_24"])
    by_id = {f["id"]: {r["code"]: r["status"] for r in f["items"]} for f in d.snapshot["frameworks"]}
    assert by_id["gri_305"]["305-1 a"] == "covered"
    assert by_id["gri_305"]["305-2 b"] == "missing"  # market-based not included
    assert by_id["gri_305"]["305-3"] == "missing"  # scope 3: never produced by the platform
    assert by_id["ifrs_s2"]["29(a)(i)(1)"] == "covered"
    assert by_id["cn_mee_order_24"]["第十二条（四）"] in ("covered", "missing")


def test_china_items_do_not_apply_to_a_park(world, verified):
    d = services.create(world.users["park_admin"], world.park, None, 2023)
    d.items, d.frameworks = ["total"], ["cn_format_guideline_2021"]
    d.save()
    d = services.submit(d, world.users["park_admin"])
    assert {r["status"] for r in d.snapshot["frameworks"][0]["items"]} == {"not_applicable"}


def test_framework_file_is_checked():
    assert set(frameworks.load()) == {"cn_mee_order_24", "cn_format_guideline_2021", "gri_305", "ifrs_s2"}
    for f in frameworks.load().values():
        assert f.source["document"] and f.source["year"] and f.items
    data = yaml.safe_load(frameworks.DATA.read_text(encoding="utf-8"))
    data["gri_305"]["items"][0]["satisfied_by"] = ["scope9"]
    with pytest.raises(frameworks.FrameworkError, match="gri_305, item 1: unknown platform items"):
        frameworks.parse(data)
    data = yaml.safe_load(frameworks.DATA.read_text(encoding="utf-8"))
    del data["ifrs_s2"]["source"]["issuer"]
    with pytest.raises(frameworks.FrameworkError, match="ifrs_s2: source"):
        frameworks.parse(data)
