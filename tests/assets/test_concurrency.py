"""Two simultaneous transfers from the same account cannot overdraw it (PostgreSQL: real concurrent connections
with row locks; SQLite serialises writers anyway, so the test is skipped there)."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from parkcarbon.assets import services
from parkcarbon.assets.models import Account, Entry
from tests.assets.conftest import account

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)")
D = date(2024, 3, 1)


def _race(n, fn):
    barrier, results = threading.Barrier(n), []

    def run(i):
        try:
            barrier.wait()
            fn(i)
            results.append("ok")
        except ValidationError:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(results)


@pytest.mark.django_db(transaction=True)
def test_two_transfers_cannot_overdraw(world):
    targets = [account(world.enterprise, "T1"), account(world.enterprise2, "T2")]
    for round_ in range(5):  # each round: 100 t held, two transfers of 60 t start together; one must be refused
        source = account(world.enterprise, f"SRC{round_}")
        services.record(None, source, "allocation", D, 100)
        results = _race(2, lambda i, source=source: services.record(None, source, "transfer", D, 60,
                                                                    to_account=targets[i]))
        assert results == ["ok", "refused"]
        source.refresh_from_db()
        assert source.balance == 40
        assert sum(Entry.objects.filter(account=source).values_list("quantity", flat=True)) == 40


@pytest.mark.django_db(transaction=True)
def test_concurrent_transfers_in_opposite_directions_do_not_deadlock(world):
    a, b = account(world.enterprise, "A"), account(world.enterprise, "B")
    services.record(None, a, "allocation", D, 1000)
    services.record(None, b, "allocation", D, 1000)
    results = _race(8, lambda i: services.record(None, *((a, "transfer", D, 10) if i % 2 else (b, "transfer", D, 10)),
                                                to_account=b if i % 2 else a))
    assert results == ["ok"] * 8
    assert Account.objects.get(pk=a.pk).balance + Account.objects.get(pk=b.pk).balance == 2000
