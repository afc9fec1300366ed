"""Where the pages of bench.load spend their time, in-process (no app server): per page the median time of
REQUESTS requests (wall clock, and the CPU time of this process, which a busy machine disturbs less), the
number of SQL queries and, with --profile, the functions that cost most.

    .venv/bin/python -m bench.pages [--enterprises 2000] [--requests 20] [--profile dashboard] [--calls]
        [--database-url postgres://postgres@127.0.0.1:5432/parkcarbon_load] [--redis-url redis://127.0.0.1:6379/7]

Uses (or builds) the same database as bench.load, so the figures are those of the large park on PostgreSQL.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import secrets
import statistics
import time

from bench.load import build

PAGES = {  # name -> path, {inventory} filled in from the first user's plan
    "trivial": "/accounts/login/",
    "dashboard": "/",
    "inventory_list": "/accounting/",
    "inventory_page": "/accounting/{inventory}/",
    "line_form": "/accounting/{inventory}/lines/{line}/",
    "report_preview": "/accounting/{inventory}/preview/",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--enterprises", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--profile", choices=list(PAGES), help="print the costliest functions of this page")
    parser.add_argument("--database-url", default=os.environ.get(
        "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/parkcarbon_load"))
    parser.add_argument("--queries", action="store_true", help="with --profile: print the page's SQL")
    parser.add_argument("--calls", action="store_true",
                        help="also print the Python function calls per request (cProfile): a measure of the work "
                             "that a busy machine does not disturb, for A/B of small changes")
    parser.add_argument("--redis-url", default="", help="cache and sessions in Redis (REDIS_URL), as in production")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    if args.redis_url:
        os.environ["REDIS_URL"] = args.redis_url
    os.environ.setdefault("PARKCARBON_TESTING", "1")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("REQUEST_LOG_LEVEL", "WARNING")
    data, how = build(args.database_url, args.enterprises, 1)
    print(f"park {how}: {data['lines']:,} lines")
    from django.db import connection
    from django.test import Client

    client, anonymous = Client(), Client()
    client.cookies["sessionid"] = data["sessions"][0]
    plan = data["plans"][0]
    base = None
    for name, path in PAGES.items():
        url = path.format(**plan)
        who = anonymous if name == "trivial" else client
        assert who.get(url).status_code == 200, name  # warm: caches, templates
        queries: list[str] = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            who.get(url)
        times, cpu = [], []
        for _ in range(args.requests):
            t0, c0 = time.perf_counter(), time.process_time()
            who.get(url)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        median, median_cpu = statistics.median(times), statistics.median(cpu)
        base = base or (median, median_cpu)
        calls = ""
        if args.calls:
            counter = cProfile.Profile()
            counter.enable()
            for _ in range(5):
                who.get(url)
            counter.disable()
            calls = f"   {pstats.Stats(counter).total_calls / 5:8,.0f} calls"
        print(f"{name:15} {median * 1000:7.1f} ms {median / base[0]:5.1f}x   cpu {median_cpu * 1000:6.1f} ms "
              f"{median_cpu / base[1]:5.1f}x   {len(queries):3} queries{calls}")
        if name == args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(5):
                who.get(url)
            profile.disable()
            pstats.Stats(profile).sort_stats(os.environ.get("PROFILE_SORT", "tottime")).print_stats(40)
            for sql in queries if args.queries else []:
                print("   ", sql[:300])


if __name__ == "__main__":
    main()
