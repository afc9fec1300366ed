"""Compliance with worked numbers: E1 verified 120,000.4 t CO2e in 2023 -> an obligation of 120,000 t; the national
market's offset cap is 5 % of it, 6,000 t."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from parkcarbon.assets import services
from parkcarbon.assets.models import Entry
from tests.assets.conftest import D, account, verified


def _row(world):
    return services.compliance([world.enterprise], 2023)[0]


@pytest.fixture
def e1(world, accounts):
    verified(world, world.enterprise, 2023, 120_000.4)
    services.allocate(None, world.enterprise, 2023, "final", 110_000, D)
    services.record(None, accounts["c1"], "issuance", D, 10_000, serials=[(1, 10_000)])
    return services.allowance_account(world.enterprise, 2023)


def test_position_gap_then_covered_then_fulfilled(world, accounts, e1, monkeypatch):
    monkeypatch.setattr(services.timezone, "localdate", lambda: date(2024, 6, 1))  # before the 2023 deadline
    row = _row(world)
    assert (row.obligation, row.allocated, row.allowances_held, row.offsets_held, row.offset_cap) == (
        120_000, 110_000, 110_000, 10_000, 6_000)
    assert row.offsets_usable == 6_000 and row.position == 110_000 + 6_000 - 120_000 == -4_000
    assert row.light == "red"

    services.record(None, e1, "buy", D, 5_000, price=95)
    assert _row(world).position == 1_000 and _row(world).light == "amber"

    services.surrender(None, accounts["c1"], 6_000, 2023, D)
    services.surrender(None, e1, 114_000, 2023, D)
    row = _row(world)
    assert (row.surrendered_offsets, row.surrendered_allowances, row.remaining) == (6_000, 114_000, 0)
    assert row.allowances_held == 1_000 and row.position == 1_000 and row.light == "green"


def test_offset_surrender_above_cap_refused_nothing_recorded(world, accounts, e1):
    before = Entry.objects.count()
    with pytest.raises(ValidationError, match="6,000"):
        services.surrender(None, accounts["c1"], 6_001, 2023, D)
    services.surrender(None, accounts["c1"], 4_000, 2023, D)
    with pytest.raises(ValidationError, match="at most 2,000 t more"):
        services.surrender(None, accounts["c1"], 2_001, 2023, D)
    assert Entry.objects.count() == before + 2


def test_surrender_more_than_remains_or_later_vintage_refused(world, accounts, e1):
    with pytest.raises(ValidationError, match="120,000"):
        services.surrender(None, e1, 120_001, 2023, D)
    later = account(world.enterprise, "E1-CEA24", vintage=2024)
    services.record(None, later, "allocation", D, 10)
    with pytest.raises(ValidationError, match="vintage 2024"):
        services.surrender(None, later, 10, 2023, D)


def test_no_verified_emissions_no_surrender(world, accounts):
    services.record(None, accounts["a2"], "allocation", D, 100)
    with pytest.raises(ValidationError, match="no verified emissions"):
        services.surrender(None, accounts["a2"], 10, 2023, D)


def test_unverified_inventory_does_not_count(world, accounts):
    from parkcarbon.inventory.models import Inventory

    inventory = verified(world, world.enterprise, 2023, 50_000)
    Inventory.objects.filter(pk=inventory.pk).update(status="under_verification")
    services.allocate(None, world.enterprise, 2023, "final", 1, D)
    row = _row(world)
    assert row.obligation is None and row.light == "grey"


def test_true_up_posts_the_difference(world, accounts):
    services.allocate(None, world.enterprise, 2023, "pre", 70_000, D)
    services.allocate(None, world.enterprise, 2023, "final", 95_000, date(2024, 6, 1))
    assert _row(world).allocated == 95_000
    services.allocate(None, world.enterprise, 2023, "final", 90_000, date(2024, 6, 2))  # corrected down
    assert services.allowance_account(world.enterprise, 2023).balance == 90_000


def test_surrender_reversal_reopens_the_obligation(world, accounts, e1):
    from parkcarbon.assets import ledger

    txn = services.surrender(None, e1, 100_000, 2023, D)
    ledger.reverse(txn, D, note="wrong year")
    row = _row(world)
    assert row.surrendered_allowances == 0 and row.remaining == 120_000


def test_permissions_are_checked(world, accounts, e1):
    with pytest.raises(PermissionDenied):
        services.surrender(world.users["enterprise_reporter"], e1, 1, 2023, D)
    with pytest.raises(PermissionDenied):
        services.record(world.users["other_enterprise_user"], e1, "sell", D, 1, price=1)
    services.surrender(world.users["enterprise_manager"], e1, 1, 2023, D)


def test_overdue_obligation_is_red(world, accounts, e1, monkeypatch):
    services.record(None, e1, "buy", D, 5_000, price=95)
    monkeypatch.setattr(services.timezone, "localdate", lambda: date(2025, 1, 2))  # deadline 31 Dec 2024 passed
    row = _row(world)
    assert row.position == 1_000 and row.days_left == -2 and row.light == "red"


def test_disclosures_take_the_compliance_position_as_carbon_trading_figures(world, accounts, e1):
    """The assets app registers itself as the disclosures' carbon-asset provider: the position frozen into a
    disclosure is the compliance row's (obligation 120,000 t, allocated 110,000 t, surrendered, remaining)."""
    from parkcarbon.disclosure import hooks

    services.surrender(None, accounts["c1"], 6_000, 2023, D)
    services.surrender(None, e1, 100_000, 2023, D)
    figures = hooks.carbon_assets(world.park, world.enterprise, 2023)
    values = {row["label_en"]: row["value"] for row in figures["rows"]}
    assert values == {"Verified emissions (obligation)": 120_000, "Allowances allocated": 110_000,
                      "Allowances surrendered": 100_000, "CCERs surrendered as offsets": 6_000,
                      "Still to surrender": 14_000}
    assert figures["verified"] and "compliance year 2023" in figures["source"]
    assert hooks.carbon_assets(world.park, None, 2023) is None  # a park holds no compliance position
    assert hooks.carbon_assets(world.park, world.enterprise2, 2023) is None  # not in the market
