"""Pinning, comparison and restatement (#23). Expected values come from the MEE/NBS grid factors of each release:
East China grid, data year 2022 = 0.5617 tCO2/MWh (release 2025.1, applied to 2023 before the 2023 factors were
announced) and data year 2023 = 0.5500 tCO2/MWh (release 2026.1): 10,000 MWh -> 5,617 t and 5,500 t."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from parkcarbon.engine import releases
from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import Inventory, ResultSnapshot, Status
from parkcarbon.releases import services
from parkcarbon.releases.models import Restatement, SeriesRestatement
from parkcarbon.verification.models import FrozenVersion
from tests.releases.conftest import electricity_inventory

NEWEST = releases()[-1].id  # the installed release (a draft pinned to 2025.1 may move to it)

OLD_GRID, NEW_GRID = 10000 * 0.5617, 10000 * 0.5500


def grid_line(result):
    return float(result.lines.loc[result.lines["activity"] == "electricity_grid", "co2e"].sum())


def test_new_inventory_is_pinned_to_the_newest_release(world):
    inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2024, region="CN-JS")
    assert inv.factor_release == releases()[-1].id


def test_a_newer_release_does_not_change_a_submitted_inventory(world):
    inv = electricity_inventory(world, status=Status.SUBMITTED)
    before = inv.snapshot.total_co2e
    inventory_services.refresh_snapshot(inv)  # any recomputation (e.g. after the newer release was installed)
    assert ResultSnapshot.objects.get(inventory=inv).total_co2e == before
    assert grid_line(inventory_services.calculate_inventory(inv)) == pytest.approx(OLD_GRID)
    assert services.newer_release(inv) == NEWEST


def test_comparison_totals_equal_the_difference_of_the_two_computations(pinned):
    comparison = services.compare(pinned, NEWEST)
    rows = inventory_services.engine_frame(inventory_services.current_lines(pinned))
    old = inventory_services.calculate_rows(pinned, rows, release="2025.1").total_co2e
    new = inventory_services.calculate_rows(pinned, rows, release=NEWEST).total_co2e
    assert comparison.old_total == pytest.approx(old) and comparison.new_total == pytest.approx(new)
    assert comparison.change == pytest.approx(new - old) == pytest.approx(NEW_GRID - OLD_GRID)
    assert sum(line.change for line in comparison.lines) == pytest.approx(comparison.change)
    assert sum(c for _, _, _, c in comparison.sections) == pytest.approx(comparison.change)


def test_comparison_names_the_factor_that_changed_with_values_and_sources(pinned):
    comparison = services.compare(pinned, NEWEST)
    assert [line.activity for line in comparison.lines] == ["electricity_grid"]  # coal is the same in both
    (line,) = comparison.lines
    assert (line.old_co2e, line.new_co2e) == (pytest.approx(OLD_GRID), pytest.approx(NEW_GRID))
    (factor,) = line.factors
    assert (factor.param, factor.old.id, factor.new.id) == ("ef_grid", "CN-GRID-014", "CN-GRID-015")
    assert (factor.old.value, factor.old.source, factor.new.value, factor.new.source) == (
        0.5617, "MEE-NBS-EF2022", 0.55, "MEE-NBS-EF2023")
    assert comparison.line_count == 2


def test_comparison_with_the_same_release_changes_nothing(pinned):
    comparison = services.compare(pinned, "2025.1")
    assert comparison.change == 0 and comparison.lines == []


def test_comparison_with_an_unknown_release_is_refused(pinned):
    with pytest.raises(ValidationError):
        services.compare(pinned, "1999.1")


def test_moving_a_draft_recomputes_it_and_records_who_and_why(pinned, world):
    user = world.users["enterprise_reporter"]
    record = services.move_draft(pinned, user, NEWEST, "new MEE factors")
    pinned.refresh_from_db()
    assert pinned.factor_release == NEWEST and pinned.version_number == 1
    assert record.by == user and record.change == pytest.approx(NEW_GRID - OLD_GRID)
    assert pinned.snapshot.total_co2e == pytest.approx(record.total_after)
    assert services.newer_release(pinned) is None
    assert pinned.history.first().factor_release == NEWEST  # change history of the field


def test_moving_a_submitted_inventory_is_refused(world):
    inv = electricity_inventory(world, status=Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.move_draft(inv, world.users["park_admin"], NEWEST)
    inv.refresh_from_db()
    assert inv.factor_release == "2025.1"


def test_restating_a_verified_inventory_opens_a_new_version_and_keeps_the_verified_one(world):
    inv = electricity_inventory(world, status=Status.VERIFIED)
    verified_total = inv.snapshot.total_co2e
    record = services.restate(inv, world.users["enterprise_manager"], NEWEST, "base year on the 2023 grid factors")
    inv.refresh_from_db()
    assert (inv.version_number, inv.status, inv.factor_release) == (2, Status.DRAFT, NEWEST)
    frozen = FrozenVersion.objects.get(inventory=inv, number=1)
    assert frozen.status == Status.VERIFIED and frozen.totals["total"] == pytest.approx(verified_total)
    assert inv.snapshot.total_co2e == pytest.approx(verified_total + NEW_GRID - OLD_GRID)
    assert (record.from_version, record.to_version, record.from_release, record.to_release) == (1, 2, "2025.1", NEWEST)
    assert record.change == pytest.approx(NEW_GRID - OLD_GRID)
    assert NEWEST in inv.transitions.last().note and "base year" in inv.transitions.last().note
    english = services.restatement_sentence(inv, english=True)
    assert f"2025.1 to {NEWEST}" in english and f"{NEW_GRID - OLD_GRID:+,.1f} t CO2e" in english
    assert "重述" in services.restatement_sentence(inv, english=False)


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.UNDER_VERIFICATION])
def test_restating_under_review_is_refused(world, status):
    inv = electricity_inventory(world, status=status)
    with pytest.raises(ValidationError):
        services.restate(inv, world.users["park_admin"], NEWEST, "why")
    assert not Restatement.objects.exists()


def test_restating_needs_a_reason_and_a_role_that_may_open_a_version(world):
    inv = electricity_inventory(world, status=Status.VERIFIED)
    with pytest.raises(ValidationError):
        services.restate(inv, world.users["park_admin"], NEWEST, "  ")
    with pytest.raises(PermissionDenied):
        services.restate(inv, world.users["enterprise_reporter"], NEWEST, "why")
    inv.refresh_from_db()
    assert (inv.version_number, inv.factor_release) == (1, "2025.1")


def test_series_restatement_restates_each_year_and_lists_what_it_could_not(world, django_capture_on_commit_callbacks):
    verified = electricity_inventory(world, status=Status.VERIFIED)
    draft = electricity_inventory(world, enterprise=world.enterprise2)
    Inventory.objects.filter(pk=draft.pk).update(year=2024)
    submitted = electricity_inventory(world, status=Status.SUBMITTED, enterprise=world.enterprise2)
    with django_capture_on_commit_callbacks(execute=True):
        series = services.start_series(world.park, world.users["park_admin"], NEWEST, 2023, 2024, "one basis")
    series.refresh_from_db()
    assert series.status == "done" and series.total == 3 and series.done == 2
    assert [s["inventory"] for s in series.skipped] == [submitted.pk]
    assert series.progress_pct == 100
    assert Inventory.objects.get(pk=verified.pk).version_number == 2
    assert Inventory.objects.get(pk=draft.pk).factor_release == NEWEST
    assert Inventory.objects.get(pk=submitted.pk).factor_release == "2025.1"


def test_series_restatement_refuses_a_second_one_in_progress(world):
    SeriesRestatement.objects.create(park=world.park, to_release=NEWEST, first_year=2023, last_year=2023,
                                     reason="x", status="running")
    with pytest.raises(ValidationError):
        services.start_series(world.park, world.users["park_admin"], NEWEST, 2023, 2023, "again")


def test_reports_of_a_restated_year_say_so_and_by_how_much(world):
    from django.utils import translation

    from parkcarbon.reports.content.common import provenance_rows
    from parkcarbon.reports.services import enterprise_facts, park_facts

    inv = electricity_inventory(world, status=Status.VERIFIED)
    services.restate(inv, world.users["park_admin"], NEWEST, "base year on one basis")
    inv.refresh_from_db()
    with translation.override("en"):
        facts = enterprise_facts(inv)
        rows = dict(provenance_rows(facts, zh=False))
        park_facts(Inventory(park=world.park, enterprise=None, year=2023, region="CN-JS"))  # builds with the fields
    assert rows["Factor library release"] == NEWEST
    assert f"{NEW_GRID - OLD_GRID:+,.1f} t CO2e" in rows["Restatement"] and f"2025.1 to {NEWEST}" in rows["Restatement"]
    assert facts.total == pytest.approx(inv.snapshot.total_co2e)  # computed with the pinned release
    assert services.park_restatement_sentence([inv.pk], english=True) == (
        f"1 inventory of this year restated on factor library release {NEWEST}: {NEW_GRID - OLD_GRID:+,.1f} t CO2e in total.")
    with translation.override("zh-hans"):
        assert "重述" in dict(provenance_rows(enterprise_facts(inv), zh=True))["重述"]
