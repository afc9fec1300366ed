"""Ledger properties (hypothesis): any sequence of operations, valid or not, leaves every account's balance equal to
the sum of its entries and never negative at any date; a refused operation changes nothing."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parkcarbon.assets import ledger, services
from parkcarbon.assets.models import Account, Entry, Transaction
from tests.assets.conftest import account

START = date(2024, 1, 1)
OPS = st.lists(st.tuples(
    st.sampled_from(["allocation", "buy", "sell", "transfer", "reverse"]),
    st.integers(0, 2),  # account
    st.integers(0, 2),  # other account (transfer)
    st.integers(1, 400),  # quantity
    st.integers(0, 60),  # day offset: postings are often backdated before earlier ones
), max_size=25)


def _state():
    return (list(Entry.objects.order_by("pk").values_list("pk", "account", "quantity")),
            list(Account.objects.order_by("pk").values_list("pk", "balance")))


def _check_invariants(accounts):
    entries = Entry.objects.filter(account__in=accounts)
    for a in Account.objects.filter(pk__in=[x.pk for x in accounts]):
        assert a.balance == (entries.filter(account=a).aggregate(s=Sum("quantity"))["s"] or 0)
        running = 0
        for _day, amount in (entries.filter(account=a).values("date").order_by("date").annotate(s=Sum("quantity"))
                             .values_list("date", "s")):
            running += amount
            assert running >= 0
    for txn in Transaction.objects.all():
        assert sum(txn.entries.values_list("quantity", flat=True)) == 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_any_sequence_keeps_the_ledger_consistent(world, ops):
    with transaction.atomic():
        accounts = [account(world.enterprise, f"P{i}") for i in range(3)]
        for kind, i, j, quantity, offset in ops:
            on = START + timedelta(days=offset)
            before = _state()
            try:
                if kind == "reverse":
                    txn = Transaction.objects.order_by("-pk").first()
                    if txn is None:
                        continue
                    ledger.reverse(txn, on)
                else:
                    services.record(None, accounts[i], kind, on, quantity, to_account=accounts[j],
                                    price=50 if kind in ("buy", "sell") else None)
            except ValidationError:
                assert _state() == before  # refused: nothing written, no balance touched
            _check_invariants(accounts)
        transaction.set_rollback(True)
