"""Inventory services: snapshots from the engine, versions, submission, the park total without double counting."""

import pytest
from django.core.exceptions import PermissionDenied

from parkcarbon.engine import Options, calculate
from parkcarbon.inventory import services
from parkcarbon.inventory.models import Inventory, Status
from parkcarbon.inventory.park import park_summary
from tests.inventory.conftest import add_lines

pytestmark = pytest.mark.django_db


def test_snapshot_equals_the_engine_on_the_same_rows(inventory):
    expected = calculate([
        {"activity": "bituminous_coal", "amount": 1000, "unit": "t"},
        {"activity": "natural_gas", "amount": 100, "unit": "10^4 Nm3"},
        {"activity": "electricity_grid", "amount": 10000, "unit": "MWh"},
    ], Options(year=2023, region="CN-JS"))
    snap = inventory.snapshot
    assert snap.total_co2e == pytest.approx(expected.total_co2e)
    assert snap.by_scope["2"]["co2e"] == pytest.approx(10000 * 0.5703)  # 2023 reporting: 0.5703 still in force
    assert snap.library_version == expected.library_version
    assert set(snap.by_month) == {"0", "1", "2"}


def test_upload_replaces_a_section_as_a_new_version_and_keeps_the_old(inventory, world):
    before = inventory.snapshot.total_co2e
    services.replace_section(inventory, "energy", [{"activity": "diesel", "amount": 10, "unit": "t"}],
                             world.users["enterprise_reporter"], file_name="v2.xlsx")
    services.refresh_snapshot(inventory)
    inventory.refresh_from_db()
    versions = list(inventory.versions.filter(section="energy").order_by("number"))
    assert [v.number for v in versions] == [1, 2] and versions[0].lines.count() == 3
    assert [line.activity for line in services.current_lines(inventory)] == ["diesel"]
    assert inventory.snapshot.total_co2e < before


def test_submitted_inventory_is_read_only(inventory, world):
    services.submit(inventory, world.users["enterprise_manager"])
    inventory.refresh_from_db()
    assert inventory.status == Status.SUBMITTED
    assert inventory.transitions.get().by == world.users["enterprise_manager"]
    with pytest.raises(PermissionDenied):
        services.manual_version(inventory, "energy", world.users["enterprise_reporter"])
    with pytest.raises(PermissionDenied):
        services.submit(inventory, world.users["enterprise_manager"])


def test_park_total_counts_energy_supplied_inside_the_park_once(world):
    # E2 runs the park's power plant (its coal is counted); E1 buys 1000 MWh of that power inside the park.
    producer = Inventory.objects.create(park=world.park, enterprise=world.enterprise2, year=2023, region="CN-JS")
    add_lines(producer, "energy", [{"activity": "bituminous_coal", "amount": 500, "unit": "t"}])
    buyer = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS")
    add_lines(buyer, "energy", [{"activity": "electricity_in_park", "amount": 1000, "unit": "MWh"},
                                {"activity": "electricity_grid", "amount": 200, "unit": "MWh"}])
    own = Inventory.objects.create(park=world.park, year=2023, region="CN-JS")
    add_lines(own, "energy", [{"activity": "electricity_grid", "amount": 100, "unit": "MWh"}])
    summary = park_summary(world.park, 2023, include_drafts=True)
    producer_t, buyer_t, own_t = (i.snapshot.total_co2e for i in (producer, buyer, own))
    memo = 1000 * 0.5703  # the national factor for 2023 reporting
    assert buyer.snapshot.in_park_supply_co2e == pytest.approx(memo)
    assert summary.in_park_supply_memo == pytest.approx(memo)
    assert summary.total_co2e == pytest.approx(producer_t + buyer_t + own_t - memo)
    assert summary.by_scope["2"] == pytest.approx((200 + 100) * 0.5703)
    assert sum(summary.by_industry.values()) + own_t == pytest.approx(summary.total_co2e)
    assert summary.own.co2e == pytest.approx(own_t)


def test_park_summary_respects_tenancy(inventory, world):
    other_user_view = park_summary(world.park, 2023, user=world.users["other_enterprise_user"], include_drafts=True)
    assert other_user_view.rows == []
    assert len(park_summary(world.park, 2023, user=world.users["park_admin"], include_drafts=True).rows) == 1


def test_inventory_for_user_tenancy(inventory, other_inventory, world):
    def visible(role):
        return set(Inventory.objects.for_user(world.users[role]).values_list("pk", flat=True))

    assert visible("enterprise_reporter") == {inventory.pk}
    assert visible("other_enterprise_user") == set()
    assert visible("park_admin") == {inventory.pk}
    assert visible("other_park_admin") == {other_inventory.pk}
    assert visible("verifier") == {inventory.pk}
    assert visible("platform_admin") == {inventory.pk, other_inventory.pk}


def test_home_card_and_park_energy(inventory, world, client_for):
    body = client_for("enterprise_reporter").get("/").content.decode()  # park staff: see test_park_overview.py
    assert "2023" in body and f"{inventory.snapshot.total_co2e:,.0f}" in body
    # GB/T 2589-2020 lists no bituminous coal: its default NCV 23.204 GJ/t over 29.307 GJ/tce; natural gas 1.33
    # kgce/m3 (the table's upper value) and electricity 0.1229 kgce/kWh (calorific value) from the table.
    expected_tce = 1000 * 23.204 / 29.307 + 100 * 1e4 * 1.33 / 1000 + 10_000 * 1000 * 0.1229 / 1000
    assert inventory.snapshot.energy_tce == pytest.approx(expected_tce, rel=1e-3)
    assert park_summary(world.park, 2023, include_drafts=True).total_tce == pytest.approx(expected_tce, rel=1e-3)
    assert client_for("other_enterprise_user").get("/").content.decode().count("t CO2e") == 0


def test_enterprises_without_data_counts_every_enterprise_of_the_park(inventory, world):
    # E1 has data; E2 has no inventory at all for 2023.
    assert park_summary(world.park, 2023, include_drafts=True).enterprises_without_data == 1


def test_prune_imports_deletes_abandoned_uploads_only(inventory, world, settings, tmp_path):
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.utils import timezone

    from parkcarbon.inventory.models import PendingImport

    settings.MEDIA_ROOT = tmp_path
    old = timezone.now() - timedelta(days=30)
    made = {status: PendingImport.objects.create(inventory=inventory, file=ContentFile(b"x", name=f"{status}.xlsx"),
                                                 file_name="x.xlsx", status=status)
            for status in ("invalid", "valid", "applied")}
    PendingImport.objects.update(created_at=old)
    call_command("prune_imports", "--days", "7")
    assert set(PendingImport.objects.values_list("status", flat=True)) == {"applied"}
    assert not (tmp_path / made["invalid"].file.name).exists()
    assert (tmp_path / made["applied"].file.name).exists()
