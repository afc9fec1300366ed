"""Benchmark of the carbon asset ledger (issue 18), on a fresh database.

    DATABASE_URL=postgres://... .venv/bin/python -m bench.assets [--entries 1000000] [--accounts 2000] [--reuse]

Builds a park of ACCOUNTS/2 enterprises with two allowance accounts each (vintages 2023 and 2024), an allocation per
account and transfers between accounts of the same vintage until the ledger holds ENTRIES entries (every balance
stays positive), and a verified 2023 inventory per enterprise. Then times, each the best of three runs:

1. the balance of every account at a date (``ledger.balances_at``) against its floor, a bare SQL SUM ... GROUP BY;
2. the park's compliance table for 2023 (``services.compliance``);
3. one transfer through ``ledger.post`` (row locks, the at-every-date overdraft check) on the full ledger.

SQLite in a temporary file unless DATABASE_URL is set (the figures asked for are on PostgreSQL).
"""

from __future__ import annotations

import argparse
import os
import random
import time
from datetime import date, timedelta

from bench.accounting import setup_django

START = date(2023, 1, 1)


def best(fn, runs: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def build(n_entries: int, n_accounts: int):
    from django.db import connection, transaction

    from parkcarbon.assets.models import Account, Entry, Transaction
    from parkcarbon.inventory.models import Inventory
    from parkcarbon.parks.demo import credit_code
    from parkcarbon.parks.models import Enterprise, Park
    from parkcarbon.verification.models import Conclusion

    rnd = random.Random(18)
    park = Park.objects.create(name="基准园区", name_en="Bench park", code="bench-assets", province="江苏省",
                               city="南通市", level="national_etdz")
    n_ent = n_accounts // 2
    Enterprise.objects.bulk_create([Enterprise(park=park, name=f"控排企业{i:04d}", industry_code="4411",
                                               credit_code=credit_code(f"a{i}", "320600"), is_key_emitter=True)
                                    for i in range(n_ent)])
    enterprises = list(park.enterprises.order_by("pk"))
    Account.objects.bulk_create([Account(park=park, enterprise=e, code=f"{e.credit_code}-{v}", instrument="allowance",
                                         vintage=v) for e in enterprises for v in (2023, 2024)])
    registry = {v: Account.objects.create(park=park, code=f"registry-{v}", kind="registry", instrument="allowance",
                                          vintage=v) for v in (2023, 2024)}
    accounts = {v: list(Account.objects.filter(park=park, kind="holding", vintage=v).values_list("pk", flat=True))
                for v in (2023, 2024)}
    inventories = Inventory.objects.bulk_create([Inventory(park=park, enterprise=e, year=2023, region="CN-JS",
                                                           status="verified") for e in enterprises])
    Conclusion.objects.bulk_create([Conclusion(inventory=i, version_number=1, opinion="verified", statement="-",
                                               verified_co2e=rnd.uniform(30_000, 3_000_000)) for i in inventories])
    n_txn = n_entries // 2
    t0 = time.perf_counter()
    with transaction.atomic():
        plan = [("allocation", v, registry[v].pk, a, 1_000_000, START) for v in accounts for a in accounts[v]]
        while len(plan) < n_txn:
            v = 2023 if rnd.random() < 0.5 else 2024
            src, dst = rnd.sample(accounts[v], 2)
            plan.append(("transfer", v, src, dst, rnd.randint(1, 100), START + timedelta(days=rnd.randint(1, 700))))
        batch = 20_000
        for i in range(0, len(plan), batch):
            chunk = plan[i:i + batch]
            txns = Transaction.objects.bulk_create([Transaction(park=park, kind=k, date=d) for k, _v, _s, _t, _q, d
                                                    in chunk])
            Entry.objects.bulk_create([Entry(transaction=t, account_id=acc, date=d, quantity=q)
                                       for t, (_k, _v, s, dst, qty, d) in zip(txns, chunk, strict=True)
                                       for acc, q in ((s, -qty), (dst, qty))], batch_size=batch * 2)
        with connection.cursor() as cur:
            cur.execute("UPDATE assets_account SET balance = COALESCE((SELECT SUM(quantity) FROM assets_entry e "
                        "WHERE e.account_id = assets_account.id), 0) WHERE park_id = %s", [park.pk])
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE assets_entry; ANALYZE assets_account; ANALYZE assets_transaction")
    print(f"built {Entry.objects.count():,} entries over {Account.objects.filter(park=park).count():,} accounts "
          f"({n_ent:,} enterprises) in {time.perf_counter() - t0:.1f} s")
    return park, enterprises


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--accounts", type=int, default=2_000)
    parser.add_argument("--reuse", action="store_true", help="measure on the ledger an earlier run left in DATABASE_URL")
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    from parkcarbon.assets import ledger, services
    from parkcarbon.assets.models import Account
    from parkcarbon.parks.models import Park

    park = Park.objects.filter(code="bench-assets").first()
    if park is None or not args.reuse:
        park, enterprises = build(args.entries, args.accounts)
    else:  # measure again on the ledger built by an earlier run (building 1M entries takes minutes)
        enterprises = list(park.enterprises.order_by("pk"))
        print(f"reusing the ledger of {Account.objects.filter(park=park).count():,} accounts")
    print(f"database: {connection.vendor}")
    on = date(2024, 6, 30)
    ids = list(Account.objects.filter(park=park).values_list("pk", flat=True))

    def floor():
        with connection.cursor() as cur:
            cur.execute("SELECT account_id, SUM(quantity) FROM assets_entry WHERE date <= %s GROUP BY account_id",
                        [on])
            return dict(cur.fetchall())

    t_floor, raw = best(floor)
    t_bal, balances = best(lambda: ledger.balances_at(Account.objects.filter(park=park), on))
    assert balances == raw and len(balances) == len(ids)
    assert all(v >= 0 for pk, v in balances.items() if pk in set(
        Account.objects.filter(park=park, kind="holding").values_list("pk", flat=True)))
    print(f"balance of every account at {on}: {t_bal * 1000:.0f} ms (floor, bare SQL SUM GROUP BY: "
          f"{t_floor * 1000:.0f} ms; {t_bal / t_floor:.2f}x)")
    t_comp, rows = best(lambda: services.compliance(enterprises, 2023))
    print(f"park compliance table 2023 ({len(rows):,} enterprises): {t_comp * 1000:.0f} ms")
    src, dst = Account.objects.filter(park=park, kind="holding", vintage=2023).order_by("pk")[:2]
    t_post, _txn = best(lambda: services.record(None, src, "transfer", date(2023, 3, 1), 1, to_account=dst))
    print(f"one backdated transfer through ledger.post on the full ledger: {t_post * 1000:.1f} ms")


if __name__ == "__main__":
    os.environ.setdefault("PARKCARBON_TESTING", "1")
    main()
