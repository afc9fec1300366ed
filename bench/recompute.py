"""Recompute benchmark (issue 22): many parks recomputed by RQ task workers on Redis, 1 worker then 2.

    .venv/bin/python -m bench.recompute [--parks 8] [--enterprises 50] [--database-url postgres://...]
        [--lines 24] [--redis-url redis://127.0.0.1:6379/7]

Builds a fresh PostgreSQL database with PARKS parks of ENTERPRISES enterprises, each with one inventory of a year
of monthly energy lines (grid electricity and natural gas: LINES lines, default 24), enqueues one `recompute_park` task per park
(ops/tasks.py) on RQ and runs `parkcarbon worker --burst` with 1 and then 2 worker processes. Prints, for each,
the wall time from the first task's start to the last one's end (worker start-up excluded), lines per second, and
the speed-up; the per-worker rate is what deploy/SCALING.md's arithmetic uses. The Redis database is flushed.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import subprocess
import sys
import time
from pathlib import Path

from bench.load import fresh_database, loadavg

PARKCARBON = str(Path(sys.executable).with_name("parkcarbon"))
ACTIVITIES = (("electricity_grid", "MWh"), ("natural_gas", "10^4 Nm3"))  # metered monthly, alternating


def build(parks: int, enterprises: int, lines: int) -> list[int]:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from parkcarbon.inventory.models import ActivityLine, Inventory, SectionVersion
    from parkcarbon.parks.demo import credit_code
    from parkcarbon.parks.models import Enterprise, Park

    ids = []
    for p in range(parks):
        park = Park.objects.create(name=f"重算园区{p}", code=f"recompute-{p}", province="江苏省", city="南通市")
        Enterprise.objects.bulk_create([Enterprise(park=park, name=f"企业{p}-{i}", industry_code="3120",
                                                   credit_code=credit_code(f"rc{p}-{i}", "320600"))
                                        for i in range(enterprises)])
        Inventory.objects.bulk_create([Inventory(park=park, enterprise=e, year=2023, region="CN-JS")
                                       for e in park.enterprises.all()])
        SectionVersion.objects.bulk_create([SectionVersion(inventory=inv, section="energy", number=1, source="upload")
                                            for inv in Inventory.objects.filter(park=park)])
        rnd = random.Random(p)
        ActivityLine.objects.bulk_create([
            ActivityLine(version=v, position=i, activity=ACTIVITIES[i % 2][0], unit=ACTIVITIES[i % 2][1],
                         month=1 + (i // 2) % 12, amount=round(rnd.uniform(50, 500), 1))
            for v in SectionVersion.objects.filter(inventory__park=park) for i in range(lines)],
            batch_size=5000)
        ids.append(park.pk)
    return ids


def run_workers(count: int, park_ids: list[int], env: dict) -> dict:
    import django_rq

    from parkcarbon.ops.tasks import recompute_park

    queue = django_rq.get_queue("default")
    queue.connection.flushdb()
    results = [recompute_park.enqueue(pk) for pk in park_ids]
    workers = [subprocess.Popen([PARKCARBON, "worker", "--burst", "-v0"], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL) for _ in range(count)]
    for w in workers:
        w.wait(1800)
    jobs = [queue.fetch_job(r.id) for r in results]
    failed = [j.id for j in jobs if not j.is_finished]
    assert not failed, f"tasks not finished: {failed}"
    start = min(j.started_at for j in jobs)
    end = max(j.ended_at for j in jobs)
    lines = sum(recompute_park.get_backend().get_result(r.id).return_value["lines"] for r in results)
    return {"wall": (end - start).total_seconds(), "lines": lines,
            "workers_seen": len({j.worker_name for j in jobs})}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parks", type=int, default=8)
    parser.add_argument("--enterprises", type=int, default=50)
    parser.add_argument("--lines", type=int, default=24, help="lines per inventory (default: 2 meters x 12 months)")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/parkcarbon_recompute")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    args = parser.parse_args()
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "DATABASE_URL": args.database_url,
           "REDIS_URL": args.redis_url, "TASKS_BACKEND": "rq", "SECRET_KEY": secrets.token_urlsafe(50),
           "LOG_LEVEL": "ERROR", "DJANGO_SETTINGS_MODULE": "parkcarbon.config.settings"}
    os.environ.update(env | {"PARKCARBON_TESTING": "1"})
    print(f"machine: {os.cpu_count()} cores, load average {loadavg()} (shared)")
    fresh_database(args.database_url)
    import django

    django.setup()
    t0 = time.perf_counter()
    park_ids = build(args.parks, args.enterprises, args.lines)
    print(f"setup: {args.parks} parks x {args.enterprises} enterprises x {args.lines} monthly lines "
          f"in {time.perf_counter() - t0:.0f} s")
    from django.db import connections

    connections.close_all()
    runs = {}
    for count in (1, 2):
        runs[count] = run_workers(count, park_ids, env)
        r = runs[count]
        inventories = args.parks * args.enterprises
        print(f"{count} worker(s): {r['lines']:,} lines of {inventories:,} inventories in {r['wall']:.1f} s = "
              f"{r['lines'] / r['wall']:,.0f} lines/s, {r['wall'] / inventories * 1000:.0f} ms per inventory "
              f"({r['workers_seen']} workers took tasks)")
    print(f"speed-up 2 / 1 workers: {runs[1]['wall'] / runs[2]['wall']:.2f}")
    print(f"load average after: {loadavg()}")


if __name__ == "__main__":
    main()
