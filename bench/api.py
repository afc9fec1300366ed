"""Benchmark the REST API (issue 16), on a fresh database, through the whole Django stack (middleware, token
authentication, rate limit, ninja, services) with Django's test client in-process: no network in the figures.

    .venv/bin/python -m bench.api [--lines 50000] [--reads 500]

1. bulk upsert: LINES energy lines of one inventory in one POST /api/v1/inventories/{id}/lines (checked by the
   engine, saved as a new section version, totals recomputed), then the same again with ``replace`` (the upsert of
   a section that has data); prints seconds and lines/s.
2. sustained reads: GET /api/v1/inventories/{id}/totals READS times, then GET /api/v1/inventories (a page of 100)
   READS times, one token; prints req/s, p50 and p95.
The database is SQLite in a temporary file unless DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from bench.accounting import setup_django


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def world():
    from parkcarbon.accounts.models import Membership, User
    from parkcarbon.api.tokens import create_token
    from parkcarbon.inventory.models import Inventory
    from parkcarbon.parks.demo import credit_code
    from parkcarbon.parks.models import Enterprise, Park

    park = Park.objects.create(name="基准园区", code="bench", province="江苏省", city="南通市", level="national_etdz")
    user = User.objects.create_user("bench_admin", "bench@example.com", "x")
    Membership.objects.create(user=user, park=park, role="park_admin")
    inventories = []
    for i in range(200):  # a park with many inventories, so the list reads a real page
        enterprise = Enterprise.objects.create(park=park, name=f"基准企业{i}", credit_code=credit_code(f"b{i}", "320600"),
                                               industry_code="2614")
        inventories.append(Inventory.objects.create(park=park, enterprise=enterprise, year=2023, region="CN-JS",
                                                    methodologies=["cn_chemicals"], gwp_set="SAR"))
    return inventories[0], create_token(user, "bench", "write")[1]


def lines(n: int) -> list[dict]:
    mix = [("bituminous_coal", "t"), ("natural_gas", "10^4 Nm3"), ("electricity_grid", "MWh"), ("diesel", "t"),
           ("heat_purchased", "GJ")]
    return [{"activity": mix[i % 5][0], "amount": 100 + i % 97, "unit": mix[i % 5][1], "month": i % 12 + 1}
            for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=50_000)
    parser.add_argument("--reads", type=int, default=500)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.PARKCARBON_API_RATE_PER_MINUTE = 10**9  # measure the API, not the limiter's refusals
    settings.ALLOWED_HOSTS = ["testserver"]
    inventory, token = world()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    print(f"database: {connection.vendor}")

    body = {"section": "energy", "lines": lines(args.lines)}
    for label, payload in (("add", body), ("replace", {**body, "replace": True})):
        raw = json.dumps(payload)
        started = time.perf_counter()
        response = client.post(f"/api/v1/inventories/{inventory.pk}/lines", raw, content_type="application/json")
        seconds = time.perf_counter() - started
        assert response.status_code == 200, response.content[:500]
        print(f"bulk upsert ({label}): {args.lines:,} lines, {len(raw) / 1e6:.1f} MB in {seconds:.2f} s "
              f"= {args.lines / seconds:,.0f} lines/s; total {response.json()['totals']['total_co2e']:,.0f} t CO2e")

    for label, path in (("totals", f"/api/v1/inventories/{inventory.pk}/totals"), ("list", "/api/v1/inventories")):
        times = []
        started = time.perf_counter()
        for _ in range(args.reads):
            t0 = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - t0)
            assert response.status_code == 200
        elapsed = time.perf_counter() - started
        print(f"reads ({label}): {args.reads} requests, {args.reads / elapsed:,.0f} req/s, "
              f"p50 {statistics.median(times) * 1000:.1f} ms, p95 {percentile(times, 95) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
