"""Benchmark the Analysis section (issue 17), on a fresh database.

    .venv/bin/python -m bench.analysis [--enterprises 2000] [--years 5] [--requests 40]

1. dashboard: the Analysis dashboard page (every chart's data in the page) of a park with ENTERPRISES enterprises
   x YEARS submitted inventories, requested REQUESTS times by its park administrator, against a trivial page (the
   "coming" page of a section not built yet: login, navigation, base template) requested as often in the same run.
   Prints p50/p95 of both and the ratio of the p95s. Target: ratio <= 3. The first (cold) request is printed apart.
2. forecast task: the baseline forecast of every enterprise of that park as one background task (``forecast_park``
   run as the worker runs it), timed; prints the seconds and the time per enterprise.
The database is SQLite in a temporary file unless DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from bench.accounting import p95, setup_django

ACTIVITIES = (("bituminous_coal", 0.45, 1), ("natural_gas", 0.15, 1), ("electricity_grid", 0.3, 2),
              ("heat_purchased", 0.05, 2), ("cement_clinker_oxide", 0.05, 1))
SEASON = (1.12, 0.92, 1.0, 0.96, 0.98, 1.04, 1.1, 1.12, 1.0, 0.94, 0.9, 0.92)


def make_park(enterprises: int, years: int):
    """A park with synthetic snapshots shaped as the accounting app stores them (gas tonnes per section, scope and
    activity; months; energy per activity) and economic data, so every chart has data."""
    from parkcarbon.accounts.models import Membership, User
    from parkcarbon.engine import load_library
    from parkcarbon.inventory.models import Inventory, ResultSnapshot
    from parkcarbon.parks.demo import credit_code
    from parkcarbon.parks.models import Enterprise, Park, Zone

    rnd = random.Random(17)
    park = Park.objects.create(name="分析基准园区", name_en="Analysis Bench Park", code="bench-analysis",
                               province="江苏省", city="南通市", level="national_etdz", area_km2=120)
    zones = [Zone.objects.create(park=park, name=f"{n}片区", code=f"z{i}") for i, n in enumerate("东西南北中")]
    industries = ("3120", "2614", "3011", "3973", "1311", "2211", "3311", "4411")
    Enterprise.objects.bulk_create([
        Enterprise(park=park, zone=zones[i % 5], name=f"基准企业{i:04d}有限公司", industry_code=industries[i % 8],
                   credit_code=credit_code(f"a{i}", "320600")) for i in range(enterprises)])
    first = 2024 - years
    Inventory.objects.bulk_create([
        Inventory(park=park, enterprise=e, year=y, region="CN-JS", status="submitted",
                  output_value_10k_yuan=round(rnd.uniform(2e4, 6e5)), value_added_10k_yuan=round(rnd.uniform(4e3, 1e5)))
        for e in park.enterprises.all() for y in range(first, 2024)])
    gwp_sets = list(load_library().gwp)

    def snap(inv):
        scale = rnd.lognormvariate(8, 1.3) * (1 + 0.03 * (inv.year - first))
        activity = {code: {"CO2": scale * share} for code, share, _scope in ACTIVITIES}
        section = {"energy": {"CO2": scale * 0.95}, "ippu": {"CO2": scale * 0.05}}
        scope = {"1": {"CO2": scale * 0.65}, "2": {"CO2": scale * 0.35}}
        month = {str(m): {"co2e": scale * s / 12.1, "co2e_market": scale * s / 12.1, "uncertainty_pct": 5}
                 for m, s in enumerate(SEASON, start=1)}
        return ResultSnapshot(
            inventory=inv, engine_version="bench", library_version="bench", gwp_set="AR5", total_co2e=scale,
            total_co2e_market=scale, uncertainty_pct=4.5, energy_tce=scale * 0.4, by_month=month,
            energy_by_activity={"bituminous_coal": scale * 0.2, "natural_gas": scale * 0.08,
                                "electricity_grid": scale * 0.1, "heat_purchased": scale * 0.02},
            gas_tonnes={"section": section, "scope": scope, "activity": activity,
                        "gwp": dict.fromkeys(gwp_sets, scale)})

    ResultSnapshot.objects.bulk_create([snap(inv) for inv in Inventory.objects.filter(park=park)], batch_size=1000)
    admin = User.objects.create_user("bench_analysis_admin", password="x" * 12)
    Membership.objects.create(user=admin, role="park_admin", park=park)
    return park, admin


def timed_gets(client, url: str, requests: int) -> list[float]:
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return sorted(times)


def bench_dashboard(park, admin, requests: int) -> dict:
    from django.test import Client

    client = Client()
    client.force_login(admin)
    dashboard, trivial = f"/analysis/?park={park.pk}", "/coming/assets/"
    start = time.perf_counter()
    first = client.get(dashboard)
    cold = time.perf_counter() - start
    assert first.status_code == 200 and first.content.count(b"data-png=") >= 10
    client.get(trivial)
    times = {"trivial": [], "dashboard": []}
    for _ in range(requests):  # interleaved, so both see the same machine load
        times["trivial"] += timed_gets(client, trivial, 1)
        times["dashboard"] += timed_gets(client, dashboard, 1)
    return {"cold": cold, **{k: sorted(v) for k, v in times.items()}}


def bench_forecast(park) -> tuple[float, object]:
    from parkcarbon.analysis.models import ForecastRun
    from parkcarbon.analysis.tasks import forecast_park

    run = ForecastRun.objects.create(park=park)
    start = time.perf_counter()
    forecast_park.call(run.pk)  # the task's body, as the worker runs it
    elapsed = time.perf_counter() - start
    run.refresh_from_db()
    return elapsed, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--enterprises", type=int, default=2000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    setup_django()
    park, admin = make_park(args.enterprises, args.years)
    out = bench_dashboard(park, admin, args.requests)
    d, t = out["dashboard"], out["trivial"]
    print(f"dashboard, {args.enterprises:,} enterprises x {args.years} years: cold {out['cold'] * 1000:.0f} ms; "
          f"p50 {statistics.median(d) * 1000:.0f} ms, p95 {p95(d) * 1000:.0f} ms over {len(d)} requests")
    print(f"trivial page: p50 {statistics.median(t) * 1000:.0f} ms, p95 {p95(t) * 1000:.0f} ms")
    print(f"ratio dashboard p95 / trivial p95 = {p95(d) / p95(t):.2f}  (target <= 3)")
    seconds, run = bench_forecast(park)
    print(f"forecast task, every enterprise ({run.n_enterprises:,}, {run.n_forecast:,} forecast, state {run.state}): "
          f"{seconds:.1f} s, {seconds / max(1, run.n_enterprises) * 1000:.1f} ms per enterprise")


if __name__ == "__main__":
    main()
