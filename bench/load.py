"""Load benchmark (issue 22): gunicorn on PostgreSQL, a large park, many logged-in users at once.

    .venv/bin/python -m bench.load --short     # quick check, ~2 min once the park exists (16 users, 15 s)
    .venv/bin/python -m bench.load             # the full run of issue 22 (50 users, 60 s), ~5 min
    options: [--enterprises 2000] [--users N] [--seconds S] [--workers 4] [--rebuild] [--generator raw]
             [--redis-url redis://127.0.0.1:6379/7]
             [--server-cpus 1 --client-cpus 0] [--database-url postgres://postgres@127.0.0.1:5432/parkcarbon_load]

The database holds a park of ENTERPRISES enterprises, each with a year of monthly energy data (bench.report's
builders plus 24 monthly lines per enterprise). It is built on the first run (~1-2 min for 2,000) and reused by
later runs with as many enterprises (--rebuild builds it again). Every run makes USERS enterprise reporters with a
draft inventory each and fresh sessions, starts `parkcarbon serve` (gunicorn, WORKERS processes, production
settings) on 127.0.0.1 and measures with httpx, the client the issue names (--generator raw: a minimal asyncio
HTTP/1.0 client that parses only status lines and cookies, to see how much of a figure is the generator's own CPU):

1. service time of each page with one client (p50): the trivial view (the login page, the floor), the dashboard,
   the inventory list, the inventory page, an entry save (form read + POST), the report preview, and each one's
   ratio to the trivial view (target <= 3 for the dashboard and the inventory page);
2. the knee: p95 of the mix at 1, 2, 4, ... USERS concurrent clients; the knee is the first concurrency whose
   p95 is at least twice that of one client;
3. USERS concurrent users mixing dashboard, inventory list, entry save and report preview for SECONDS: requests/s,
   p50/p95/p99, errors, per-page p95, and the p95 of the trivial view requested by one more visitor in the same run
   (the floor);
4. throughput with 1 and with 2 app processes (8 clients) and their ratio (target >= 1.8). On a 2-core machine
   the generator competes with the server: --server-cpus/--client-cpus pin them apart with taskset (the server
   then has fewer cores than 2 processes could use, so the ratio is bounded by what it is given; the output says
   which CPUs each had). Steps 3 and 4 print the load generator's own CPU per request and where the machine's CPU
   went during the run, in cores: app server, load generator, everything else (PostgreSQL, other programs), idle.
A summary with the targets ends the output. The machine may be shared: the load average is printed before and
after; compare ratios, not absolute times. ``python -m bench.pages`` shows where a page's time goes (queries,
CPU, a profile) in-process on the same database.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

PARKCARBON = str(Path(sys.executable).with_name("parkcarbon"))
REVISION = re.compile(rb'name="revision" value="(\d+)"')  # searched in the raw bytes: no decoding of the page


PARK_CODE = "bench-report"  # bench.report.make_park's park


def database_exists(url: str) -> bool:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def fresh_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "parkcarbon.config.test_settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def park_ready(enterprises: int):
    """The park an earlier run built with as many enterprises and its monthly lines, or None."""
    from parkcarbon.inventory.models import ActivityLine
    from parkcarbon.parks.models import Park

    park = Park.objects.filter(code=PARK_CODE).first()
    if park is None or park.enterprises.count() != enterprises:
        return None
    monthly = ActivityLine.objects.filter(version__inventory__park=park, version__section="energy",
                                          version__inventory__enterprise__isnull=False).count()
    return park if monthly >= enterprises * 24 else None


def build_park(enterprises: int):
    """The expensive part, done once per database: the park (bench.report's builders) and a year of monthly lines."""
    from bench.report import make_park
    from parkcarbon.inventory.models import ActivityLine, SectionVersion

    own, _admin = make_park(enterprises, 1)
    park = own.park
    versions = SectionVersion.objects.filter(inventory__park=park, section="energy", inventory__enterprise__isnull=False)
    ActivityLine.objects.bulk_create([
        ActivityLine(version=v, position=m * 2 + k, activity=act, unit=unit, month=m + 1,
                     amount=round(random.Random(v.pk * 100 + m).uniform(50, 500), 1))
        for v in versions for m in range(12)
        for k, (act, unit) in enumerate((("electricity_grid", "MWh"), ("natural_gas", "10^4 Nm3")))],
        batch_size=5000)
    return park


def prepare_users(park, users: int) -> dict:
    """USERS enterprise reporters with a draft inventory each and a fresh session (cheap: done on every run, so the
    sessions are signed with this run's SECRET_KEY)."""
    from django.test import Client

    from parkcarbon.accounts.models import Membership, User
    from parkcarbon.inventory import services
    from parkcarbon.inventory.models import ActivityLine, Inventory

    sessions, plans = [], []
    inventories = list(Inventory.objects.filter(park=park, enterprise__isnull=False).order_by("pk")[:users])
    for i, inventory in enumerate(inventories):
        if inventory.status != "draft":
            inventory.status = "draft"
            inventory.save(update_fields=["status"])
            services.refresh_snapshot(inventory)
        user, _new = User.objects.get_or_create(username=f"load_reporter_{i}")
        Membership.objects.get_or_create(user=user, role="enterprise_reporter", park=park,
                                         enterprise=inventory.enterprise)
        client = Client()
        client.force_login(user)
        current = services.current_versions(inventory)["energy"]
        line = current.lines.order_by("position").first()
        sessions.append(client.cookies["sessionid"].value)
        plans.append({"inventory": inventory.pk, "line": line.pk, "activity": line.activity, "unit": line.unit,
                      "month": line.month})
    return {"sessions": sessions, "plans": plans, "park": park.pk,
            "lines": ActivityLine.objects.filter(version__inventory__park=park).count()}


def build(database_url: str, enterprises: int, users: int, rebuild: bool = False) -> tuple[dict, str]:
    """The park and the users' sessions, reusing the park an earlier run left in the database unless ``rebuild``."""
    if rebuild or not database_exists(database_url):
        fresh_database(database_url)
    setup_django()
    park = park_ready(enterprises)
    how = "reused"
    if park is None:
        from django.db import connections

        connections.close_all()
        fresh_database(database_url)
        setup_django()
        park, how = build_park(enterprises), "built"
    return prepare_users(park, users), how


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(database_url: str, workers: int, cpus: str = "") -> tuple[subprocess.Popen, str]:
    """`parkcarbon serve` with WORKERS gunicorn processes, pinned to CPUS (taskset -c) when given."""
    port = free_port()
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "DATABASE_URL": database_url,
           "SECRET_KEY": os.environ["SECRET_KEY"], "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0",
           "SECURE_COOKIES": "0", "LOG_LEVEL": "ERROR", "REQUEST_LOG_LEVEL": "WARNING",
           "DATABASE_POOL_MAX_SIZE": "2"}
    if os.environ.get("PYTHONPATH"):  # e.g. another checkout's src, to compare its server with this one's
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    if REDIS["url"]:  # as a production deployment of several processes: cache and sessions in Redis
        env["REDIS_URL"] = REDIS["url"]
    pin = ["taskset", "-c", cpus] if cpus else []
    proc = subprocess.Popen([*pin, PARKCARBON, "serve", "--workers", str(workers), "--bind", f"127.0.0.1:{port}"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return proc, base
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    stop_server(proc)
    raise RuntimeError("the app server did not become ready")


def stop_server(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(30)


# --------------------------------------------------------------------------------------------------- the pages

async def page(client, name: str, plan: dict) -> int:
    """One user action; returns the last status (an entry save is a form read and its POST)."""
    inv = plan["inventory"]
    if name == "trivial":  # the login page, as an anonymous visitor sees it
        return (await plan["anonymous"].get("/accounts/login/")).status_code
    if name == "dashboard":
        return (await client.get("/")).status_code
    if name == "inventory_list":
        return (await client.get("/accounting/")).status_code
    if name == "inventory_page":
        return (await client.get(f"/accounting/{inv}/")).status_code
    if name == "report_preview":
        return (await client.get(f"/accounting/{inv}/preview/")).status_code
    if name == "entry_save":
        url = f"/accounting/{inv}/lines/{plan['line']}/"
        form = await client.get(url)
        found = REVISION.search(form.content)
        if form.status_code != 200 or not found:
            return form.status_code if form.status_code != 200 else 599
        data = {"activity": plan["activity"], "unit": plan["unit"], "month": plan["month"],
                "revision": found[1].decode(),
                "amount": f"{random.uniform(50, 500):.1f}", "sector": "", "ad_uncertainty_pct": "", "note": ""}
        saved = await client.post(url, data=data, headers={"X-CSRFToken": client.cookies.get("csrftoken", "")})
        return 200 if saved.status_code in (200, 302) else saved.status_code
    raise ValueError(name)


MIX = ["dashboard", "inventory_list", "entry_save", "report_preview"]


class RawResponse:
    def __init__(self, status_code: int, content: bytes):
        self.status_code, self.content = status_code, content


class RawClient:
    """The lightest honest HTTP client for this server: one HTTP/1.0 request per connection (gunicorn's sync
    workers close every connection, so none can be reused), the response read to its end, only the status line and
    Set-Cookie headers parsed (cookies kept like a browser's jar, by name), no decoding of bodies. httpx, the
    general client (``--generator httpx``), spends ~1.8 ms of CPU on the 3 kB login page and ~3.6 ms on the
    107 kB inventory page; this one ~0.3 and ~0.7 ms."""

    def __init__(self, base: str, cookies: dict | None = None, timeout: float = 60):
        host, _colon, port = base.removeprefix("http://").partition(":")
        self.host, self.port, self.timeout, self.cookies = host, int(port or 80), timeout, dict(cookies or {})

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False

    async def _request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None) -> RawResponse:
        head = [f"{method} {path} HTTP/1.0", f"Host: {self.host}:{self.port}"]
        if self.cookies:
            head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        head += [f"{k}: {v}" for k, v in (headers or {}).items()]
        if method == "POST":
            head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        return await asyncio.wait_for(self._exchange(("\r\n".join(head) + "\r\n\r\n").encode() + body),
                                      self.timeout)

    async def _exchange(self, request: bytes) -> RawResponse:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            writer.write(request)
            response = await reader.read(-1)  # to the end: the server closes the connection
        finally:
            writer.close()
        header, _sep, body = response.partition(b"\r\n\r\n")
        lines = header.split(b"\r\n")
        if not lines[0].startswith(b"HTTP/"):
            raise OSError(f"not an HTTP response: {lines[0][:40]!r}")
        for line in lines[1:]:
            if line[:11].lower() == b"set-cookie:":
                name, _eq, value = line[11:].split(b";", 1)[0].strip().decode("latin-1").partition("=")
                self.cookies[name] = value
        return RawResponse(int(lines[0].split(b" ", 2)[1]), body)

    async def get(self, path: str) -> RawResponse:
        return await self._request("GET", path)

    async def post(self, path: str, data: dict, headers: dict | None = None) -> RawResponse:
        return await self._request("POST", path, urlencode(data).encode(), headers)


GENERATOR = {"client": "httpx"}  # --generator
REDIS = {"url": ""}  # --redis-url
CLIENT_ERRORS = (httpx.HTTPError, OSError, asyncio.TimeoutError)


def client_for(base: str, session: str | None = None):
    """A user's client (with its session cookie) or an anonymous visitor's (``session`` None)."""
    cookies = {"sessionid": session} if session else {}
    if GENERATOR["client"] == "raw":
        return RawClient(base, cookies)
    return httpx.AsyncClient(base_url=base, cookies=cookies, timeout=60, limits=httpx.Limits(max_connections=2))


async def run_load(base: str, data: dict, clients: int, seconds: float, mix: list[str],
                   floor: bool = False) -> dict:
    """``clients`` users, each doing one action after another from ``mix`` for ``seconds``; with ``floor``, one
    more anonymous visitor requests the trivial view all the while (the floor under the same load)."""
    samples: list[tuple[str, float, int]] = []
    stop = time.monotonic() + seconds

    async def user(i: int, actions: list[str]):
        async with client_for(base, data["sessions"][i % len(data["sessions"])]) as client, \
                client_for(base) as anonymous:
            plan = data["plans"][i % len(data["plans"])] | {"anonymous": anonymous}
            while time.monotonic() < stop:
                name = random.choice(actions)
                t0 = time.perf_counter()
                try:
                    status = await page(client, name, plan)
                except CLIENT_ERRORS:
                    status = 0
                samples.append((name, time.perf_counter() - t0, status))

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(user(i, mix) for i in range(clients)), *([user(0, ["trivial"])] if floor else []))
    return {"samples": samples, "elapsed": time.perf_counter() - started, "cpu": time.process_time() - cpu}


def generator_share(run: dict) -> str:
    """What the load generator itself (this process: its HTTP client, asyncio, the bookkeeping) cost while it ran: CPU time per
    request and the share of the machine's cores it took from the server it measures."""
    n, cores = max(1, len(run["samples"])), len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    machine = os.cpu_count() or 1
    return (f"load generator {run['cpu'] / n * 1000:.2f} ms CPU per request, {run['cpu'] / run['elapsed']:.0%} of "
            f"one core = {run['cpu'] / run['elapsed'] / machine:.0%} of the machine's {machine} cores "
            f"(it may use {cores})")


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat (Linux; (0, 0) elsewhere)."""
    try:
        fields = [float(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0.0, 0.0
    tick = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0.0)  # idle + iowait
    return (sum(fields) - idle) / tick, sum(fields) / tick


def group_cpu(pgid: int) -> float:
    """CPU seconds (user + system) used so far by the live processes of this process group (the app server:
    gunicorn's arbiter and workers), from /proc (Linux; 0 elsewhere)."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for entry in Path("/proc").iterdir() if Path("/proc/self/stat").exists() else []:
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (comm)": state ppid pgrp ...
        if int(fields[2]) == pgid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def cpu_shares(run: dict) -> str:
    """Where the machine's CPU went during a run, in cores: the app server, this load generator and everything
    else (PostgreSQL serving the app, and other programs on a shared machine), so the reader can judge a
    throughput ratio."""
    elapsed = run["elapsed"]
    busy = run["machine_busy"] / elapsed
    server, generator = run["server_cpu"] / elapsed, run["cpu"] / elapsed
    return (f"CPU in cores over the run: app server {server:.2f}, load generator {generator:.2f}, everything else "
            f"(PostgreSQL, other programs) {max(0.0, busy - server - generator):.2f}, idle {max(0.0, (os.cpu_count() or 1) - busy):.2f} "
            f"(of {os.cpu_count()})")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def ms(x: float) -> str:
    return f"{x * 1000:7.1f} ms"


async def service_times(base: str, data: dict, requests: int) -> dict[str, float]:
    """p50 of each page with one client. The pages are requested in rounds (each page once per round), so a busy
    spell of a shared machine slows every page alike and the ratios to the trivial view stay comparable."""
    names = ["trivial", "dashboard", "inventory_list", "inventory_page", "entry_save", "report_preview"]
    times: dict[str, list[float]] = {name: [] for name in names}
    async with client_for(base, data["sessions"][0]) as client, \
            client_for(base) as anonymous:
        plan = data["plans"][0] | {"anonymous": anonymous}
        for name in names:
            await page(client, name, plan)  # warm: every worker's caches fill over the rounds anyway
        for _ in range(requests):
            for name in names:
                t0 = time.perf_counter()
                status = await page(client, name, plan)
                times[name].append(time.perf_counter() - t0)
                assert status == 200, (name, status)
    return {name: statistics.median(values) for name, values in times.items()}


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


SHORT = {"users": 16, "seconds": 15, "knee_seconds": 3, "requests": 15, "process_seconds": 8}
FULL = {"users": 50, "seconds": 60, "knee_seconds": 5, "requests": 30, "process_seconds": 15}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--short", action="store_true",
                        help="a quick run (~2 min once the park exists): 16 users for 15 s, knee windows of 3 s, "
                             "15 rounds of single requests, 8 s per process count. Without it: the full run of "
                             "issue 22 (50 users for 60 s, 5 s windows, 30 rounds, 15 s per process count; ~5 min)")
    parser.add_argument("--enterprises", type=int, default=2000)
    parser.add_argument("--users", type=int, help="concurrent users of step 3 (default: 16 short, 50 full)")
    parser.add_argument("--seconds", type=float, help="length of step 3 (default: 15 short, 60 full)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn processes of steps 1-3")
    parser.add_argument("--server-cpus", default="",
                        help="pin the app server to these CPUs (taskset -c list, e.g. 1) so that the load generator "
                             "and the server do not share a core; see --client-cpus")
    parser.add_argument("--client-cpus", default="", help="pin this load generator to these CPUs (e.g. 0)")
    parser.add_argument("--generator", choices=["httpx", "raw"], default="httpx",
                        help="the load generator's HTTP client: httpx (default) or raw (HTTP/1.0 over asyncio "
                             "streams, parses only the status line and cookies: ~5x less CPU per request)")
    parser.add_argument("--redis-url", default="",
                        help="start the app server with REDIS_URL set (cache and sessions in Redis, as a production "
                             "deployment of several processes has them), e.g. redis://127.0.0.1:6379/7; default: "
                             "none (each process its own memory cache, sessions in the database)")
    parser.add_argument("--rebuild", action="store_true",
                        help="drop the database and build the park again (otherwise an earlier run's park of as "
                             "many enterprises is reused; building 2,000 takes ~1-2 min)")
    parser.add_argument("--database-url", default=os.environ.get(
        "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/parkcarbon_load"))
    args = parser.parse_args()
    plan = SHORT if args.short else FULL
    args.users = args.users or plan["users"]
    args.seconds = args.seconds or plan["seconds"]
    args.knee_seconds, args.requests, args.process_seconds = (
        plan["knee_seconds"], plan["requests"], plan["process_seconds"])
    return args


def main() -> None:
    args = arguments()
    GENERATOR["client"] = args.generator
    REDIS["url"] = args.redis_url
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("PARKCARBON_TESTING", "1")
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)  # the sessions made here are signed for the server
    if args.client_cpus:
        os.sched_setaffinity(0, {int(c) for part in args.client_cpus.split(",") for c in _cpu_range(part)})
    print(f"machine: {os.cpu_count()} cores, load average {loadavg()} (shared: compare ratios, not absolutes)")
    print(f"mode: {'short' if args.short else 'full'}; server CPUs {args.server_cpus or 'any'}, "
          f"load generator CPUs {args.client_cpus or 'any'}, "
          f"generator client {args.generator}; app server cache {args.redis_url or 'per process, sessions in the database'}")
    t0 = time.perf_counter()
    data, how = build(args.database_url, args.enterprises, args.users)
    print(f"setup: park {how}, {args.enterprises:,} enterprises, {data['lines']:,} lines, {args.users} users "
          f"in {time.perf_counter() - t0:.0f} s")
    from django.db import connections

    connections.close_all()
    summary = []

    proc, base = start_server(args.database_url, args.workers, args.server_cpus)
    try:
        print(f"\n1. service time, one client (p50 of {args.requests} rounds over the pages), gunicorn "
              f"{args.workers} workers on PostgreSQL")
        single = asyncio.run(service_times(base, data, args.requests))
        for name, value in single.items():
            print(f"   {name:15} {ms(value)}  {value / single['trivial']:5.1f}x the trivial view")
        for name in ("dashboard", "inventory_page"):
            ratio = single[name] / single["trivial"]
            summary.append(f"{name} service time {ratio:.1f}x the trivial view (target <= 3): "
                           f"{'OK' if ratio <= 3 else 'ABOVE'}")

        print(f"\n2. knee: p95 of the mix by concurrency ({args.knee_seconds:g} s each)")
        levels = [c for c in (1, 2, 4, 8, 16, 32) if c < args.users] + [args.users]
        first, knee = None, None
        for c in levels:
            run = asyncio.run(run_load(base, data, c, args.knee_seconds, MIX))
            p95 = pct([d for _n, d, _s in run["samples"]], 95)
            first = first or p95
            if knee is None and p95 >= 2 * first:
                knee = c
            print(f"   {c:3} clients: {len(run['samples']) / run['elapsed']:6.1f} req/s, p95 {ms(p95)}")
        print(f"   knee (p95 doubles): {knee or f'not reached up to {args.users}'} clients")
        summary.append(f"knee: {knee or f'> {args.users}'} clients")

        print(f"\n3. {args.users} users, mix of {', '.join(MIX)}, {args.seconds:g} s; one more visitor requests "
              "the trivial view meanwhile (the floor)")
        server0, (busy0, _total0) = group_cpu(proc.pid), machine_cpu()
        run = asyncio.run(run_load(base, data, args.users, args.seconds, MIX, floor=True))
        run["server_cpu"], run["machine_busy"] = group_cpu(proc.pid) - server0, machine_cpu()[0] - busy0
        floor = [d for n, d, _s in run["samples"] if n == "trivial"]
        samples = [x for x in run["samples"] if x[0] != "trivial"]
        durations = [d for _n, d, _s in samples]
        errors = sorted(f"{n}:{s}" for n, _d, s in samples if s != 200)
        rate = len(samples) / run["elapsed"]
        print(f"   {len(samples):,} requests, {rate:.1f} req/s, errors {len(errors)} {errors[:10] if errors else ''}")
        print(f"   all: p50 {ms(pct(durations, 50))}  p95 {ms(pct(durations, 95))}  p99 {ms(pct(durations, 99))}")
        for name in MIX:
            mine = [d for n, d, _s in samples if n == name]
            print(f"   {name:15} n={len(mine):5}  p50 {ms(pct(mine, 50))}  p95 {ms(pct(mine, 95))}")
        print(f"   floor (trivial view, same run) n={len(floor)}  p95 {ms(pct(floor, 95))}")
        print(f"   {generator_share(run)}")
        print(f"   {cpu_shares(run)}")
        summary.append(f"{args.users} users: {rate:.1f} req/s, p95 {ms(pct(durations, 95)).strip()}, "
                       f"floor p95 {ms(pct(floor, 95)).strip()}, errors {len(errors)} "
                       f"(target 0): {'OK' if not errors else 'ERRORS'}")
    finally:
        stop_server(proc)

    clients = min(8, args.users)  # each client edits its own line: no two clients conflict
    print(f"\n4. throughput by app processes ({clients} clients, {args.process_seconds:g} s, mix)")
    rates, shares = {}, {}
    for workers in (1, 2):
        proc, base = start_server(args.database_url, workers, args.server_cpus)
        try:
            asyncio.run(run_load(base, data, clients, 1, MIX))  # warm both processes' caches
            server0, (busy0, _total0) = group_cpu(proc.pid), machine_cpu()
            run = asyncio.run(run_load(base, data, clients, args.process_seconds, MIX))
            run["server_cpu"], run["machine_busy"] = group_cpu(proc.pid) - server0, machine_cpu()[0] - busy0
            rates[workers] = len(run["samples"]) / run["elapsed"]
            errors = sum(1 for _n, _d, s in run["samples"] if s != 200)
            print(f"   {workers} process(es): {rates[workers]:.1f} req/s, errors {errors}; {generator_share(run)}")
            shares[workers] = run["cpu"] / run["elapsed"]
            print(f"      {cpu_shares(run)}")
        finally:
            stop_server(proc)
    ratio = rates[2] / rates[1]
    cores = len(_cpu_range(args.server_cpus)) if args.server_cpus and "," not in args.server_cpus else os.cpu_count()
    print(f"   2 / 1 processes = {ratio:.2f} (target >= 1.8; needs 2 free cores for the server: it had {cores}, "
          "shared with the load generator unless pinned apart)")
    summary.append(f"2 / 1 app processes = {ratio:.2f} (target >= 1.8): {'OK' if ratio >= 1.8 else 'BELOW'}; "
                   f"the load generator took {shares[1]:.0%} / {shares[2]:.0%} of one core meanwhile")
    print(f"\nload average after: {loadavg()}")
    print("\nsummary:\n" + "\n".join(f"   {line}" for line in summary))


def _cpu_range(part: str) -> list[int]:
    """'3' -> [3]; '0-2' -> [0, 1, 2] (one item of a taskset CPU list)."""
    low, _dash, high = part.partition("-")
    return list(range(int(low), int(high or low) + 1))


if __name__ == "__main__":
    main()
