"""The ledger's rules: entries add up, balances are sums of entries, nothing overdraws at any date, rows are
immutable, reversals, serial ranges."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from parkcarbon.assets import ledger, services
from parkcarbon.assets.models import Account, Entry, SerialBlock, Transaction
from tests.assets.conftest import D


def _count():
    return Entry.objects.count(), Transaction.objects.count(), SerialBlock.objects.count()


def test_issue_transfer_and_balances_at_dates(accounts):
    a1, a2 = accounts["a1"], accounts["a2"]
    services.record(None, a1, "allocation", date(2024, 1, 10), 1000)
    services.record(None, a1, "transfer", date(2024, 2, 1), 300, to_account=a2)
    a1.refresh_from_db()
    assert a1.balance == 700
    assert ledger.balances_at([a1.pk, a2.pk], date(2024, 1, 31)) == {a1.pk: 1000}
    assert ledger.balances_at([a1.pk, a2.pk], date(2024, 2, 1)) == {a1.pk: 700, a2.pk: 300}
    for txn in Transaction.objects.all():
        assert sum(e.quantity for e in txn.entries.all()) == 0


def test_overdraw_refused_and_nothing_written(accounts):
    a1, a2 = accounts["a1"], accounts["a2"]
    services.record(None, a1, "allocation", D, 100)
    before = _count()
    with pytest.raises(ValidationError, match="below zero"):
        services.record(None, a1, "transfer", D, 101, to_account=a2)
    assert _count() == before
    a1.refresh_from_db()
    assert a1.balance == 100


def test_backdated_withdrawal_cannot_make_an_earlier_date_negative(accounts):
    """100 t arrive on 1 March; a sale dated 1 February would leave February negative: refused."""
    a1 = accounts["a1"]
    services.record(None, a1, "allocation", D, 100)
    with pytest.raises(ValidationError):
        services.record(None, a1, "sell", date(2024, 2, 1), 50, price=80)
    # and a withdrawal before a later one may not take what the later one needs
    services.record(None, a1, "sell", date(2024, 4, 1), 80, price=80)
    with pytest.raises(ValidationError):
        services.record(None, a1, "sell", date(2024, 3, 15), 30, price=80)
    services.record(None, a1, "sell", date(2024, 3, 15), 20, price=80)
    assert Account.objects.get(pk=a1.pk).balance == 0


def test_database_refuses_negative_running_balance(accounts):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.filter(pk=accounts["a1"].pk).update(balance=-1)


def test_entries_are_immutable(accounts):
    txn = services.record(None, accounts["a1"], "allocation", D, 10)
    entry = txn.entries.first()
    entry.quantity = 99
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(ValidationError):
        txn.delete()


def test_reversal_undoes_and_only_once(accounts):
    a1 = accounts["a1"]
    txn = services.record(None, a1, "buy", D, 50, price=60)
    reversal = ledger.reverse(txn, D, note="wrong account")
    a1.refresh_from_db()
    assert a1.balance == 0 and reversal.reverses == txn
    with pytest.raises(ValidationError):
        ledger.reverse(txn, D)
    with pytest.raises(ValidationError):
        ledger.reverse(reversal, D)


def test_reversal_refused_when_units_are_gone(accounts):
    a1, a2 = accounts["a1"], accounts["a2"]
    txn = services.record(None, a1, "allocation", D, 50)
    services.record(None, a1, "transfer", D, 50, to_account=a2)
    with pytest.raises(ValidationError):
        ledger.reverse(txn, D)


def test_mixed_units_and_unbalanced_refused(accounts, world):
    a1, c1 = accounts["a1"], accounts["c1"]
    with pytest.raises(ValidationError):
        ledger.post(world.park, "transfer", D, [(a1, -1), (c1, 1)])
    with pytest.raises(ValidationError):
        ledger.post(world.park, "issuance", D, [(a1, 5)])
    with pytest.raises(ValidationError):
        services.record(None, a1, "allocation", date(2999, 1, 1), 5)


def test_serial_ranges_duplicate_and_overlap_refused(accounts):
    c1 = accounts["c1"]
    services.record(None, c1, "issuance", D, 1000, serials=[(1, 1000)])
    before = _count()
    for first, last in [(1, 1000), (500, 1499), (1000, 1999), (0, 1)]:
        with pytest.raises(ValidationError, match="already held"):
            services.record(None, c1, "buy", D, last - first + 1, price=50, serials=[(first, last)])
    assert _count() == before
    with pytest.raises(ValidationError, match="add up"):
        services.record(None, c1, "buy", D, 10, price=50, serials=[(2000, 2004)])
    services.record(None, c1, "buy", D, 10, price=50, serials=[(1001, 1010)])
    assert c1.serial_blocks.count() == 2


def test_serial_range_of_a_reversed_receipt_is_free_again(accounts):
    c1 = accounts["c1"]
    txn = services.record(None, c1, "buy", D, 10, price=50, serials=[(1, 10)])
    ledger.reverse(txn, D)
    services.record(None, c1, "buy", D, 10, price=50, serials=[(1, 10)])


def test_trade_pnl_moving_average(accounts):
    """Buy 100 t at 60 and 100 t at 80 (average 70); sell 50 at 90: realised (90-70) x 50 = 1,000 yuan; with a
    price of 75 the 150 t left are worth 11,250 and carry (75-70) x 150 = 750 unrealised."""
    from decimal import Decimal

    from parkcarbon.assets.models import Price

    a1 = accounts["a1"]
    services.record(None, a1, "buy", date(2024, 1, 2), 100, price=Decimal(60))
    services.record(None, a1, "buy", date(2024, 1, 3), 100, price=Decimal(80))
    services.record(None, a1, "sell", date(2024, 1, 4), 50, price=Decimal(90))
    Price.objects.create(park=a1.park, instrument="allowance", market="national", date=date(2024, 1, 4), price=75)
    (pos,) = [p for p in services.positions(Account.objects.filter(pk=a1.pk), date(2024, 1, 5))]
    assert pos.balance == 150 and pos.average_cost == Decimal("70.00") and pos.realised == Decimal("1000.00")
    assert pos.value == Decimal(11250) and pos.unrealised == Decimal(750)


def test_postgresql_refuses_bulk_update_and_delete_of_entries(accounts):
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL")
    services.record(None, accounts["a1"], "allocation", D, 10)
    for change in (lambda: Entry.objects.update(quantity=99), lambda: Entry.objects.all().delete(),
                   lambda: Transaction.objects.update(note="edited")):
        with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
            change()
    assert sorted(Entry.objects.values_list("quantity", flat=True)) == [-10, 10]
