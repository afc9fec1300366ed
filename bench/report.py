"""Benchmark report generation (issues 5, 20 and 24), on a fresh database.

    .venv/bin/python -m bench.report [--enterprises 2000] [--years 3] [--lines 100000] [--keep DIR]

1. The park GHG inventory report for a park of ENTERPRISES enterprises (each with an inventory per year, a stored
   snapshot and section versions, as the accounting app leaves them; the park's own inventory has real lines):
   DOCX and PDF each timed from the inventory to the finished file (facts + compose + charts + render).
   Target: PDF <= 3x DOCX (issue 20).
2. The enterprise report for one inventory of LINES activity lines (12 months, 8 activities), against the park
   report: one full background build each (facts, charts, DOCX, PDF, XLSX, saved). Target: <= 3x the park report
   (issue 24); above ``DETAIL_LINES`` lines the report sums lines by activity and month, so its size and memory
   stay bounded. Peak Python memory of each build is measured in a separate run (tracemalloc).
SQLite in a temporary file unless DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.accounting import setup_django


def make_park(enterprises: int, years: int):
    from parkcarbon.accounts.models import Membership, User
    from parkcarbon.inventory.models import Inventory, ResultSnapshot, SectionVersion
    from parkcarbon.parks.demo import credit_code
    from parkcarbon.parks.models import Enterprise, Park, Zone
    from tests.reports.conftest import add_lines

    rnd = random.Random(5)
    park = Park.objects.create(name="基准经济技术开发区", name_en="Bench ETDZ", code="bench-report", province="江苏省",
                               city="南通市", level="national_etdz", area_km2=120, leading_industries="钢铁、化工、电子")
    zones = [Zone.objects.create(park=park, name=f"{n}片区", code=f"z{i}") for i, n in enumerate("东西南北中")]
    industries = ("3120", "2614", "3011", "3973", "1311", "2211", "3311", "4411")
    Enterprise.objects.bulk_create([
        Enterprise(park=park, zone=zones[i % len(zones)], name=f"基准企业{i:04d}有限公司", industry_code=industries[i % 8],
                   credit_code=credit_code(f"r{i}", "320600"), is_key_emitter=i % 40 == 0) for i in range(enterprises)
    ])
    first = 2023 - years + 1
    Inventory.objects.bulk_create([Inventory(park=park, enterprise=e, year=y, region="CN-JS", status="submitted")
                                   for e in park.enterprises.all() for y in range(first, 2024)])
    inventories = list(Inventory.objects.filter(park=park, enterprise__isnull=False))
    SectionVersion.objects.bulk_create([SectionVersion(inventory=inv, section=s, number=1 + (inv.pk % 2), source="upload",
                                                       file_name="data.xlsx")
                                        for inv in inventories for s in ("energy", "ippu")])

    from parkcarbon.engine import load_library

    GWP_SETS = list(load_library().gwp)  # noqa: N806

    def snap(inv):
        scale = rnd.lognormvariate(8, 1.3) * (1 + 0.03 * (inv.year - first))
        e1, e2, ip = scale * 0.55, scale * 0.3, scale * 0.15
        memo = e2 * 0.2 if inv.enterprise_id % 7 == 0 else 0.0
        row = lambda v, u=4.0: {"co2e": v, "co2e_market": v, "uncertainty_pct": u}  # noqa: E731
        return ResultSnapshot(inventory=inv, engine_version="bench", library_version="bench", gwp_set="AR5",
                              total_co2e=scale, total_co2e_market=scale - e2 * 0.1, biogenic_co2=scale * 0.01,
                              in_park_supply_co2e=memo, uncertainty_pct=4.5,
                              by_section={"energy": row(e1 + e2), "ippu": row(ip, 8.0)},
                              by_scope={"1": row(e1 + ip), "2": row(e2)},
                              by_gas={"CO2": {"tonnes": scale * 0.98, "co2e": scale * 0.98},
                                      "CH4": {"tonnes": scale * 0.01 / 28, "co2e": scale * 0.01},
                                      "N2O": {"tonnes": scale * 0.01 / 265, "co2e": scale * 0.01}},
                              # what park totals reweigh with the park's GWP set (CO2 only here: every set agrees)
                              gas_tonnes={"section": {"energy": {"CO2": e1 + e2}, "ippu": {"CO2": ip}},
                                          "scope": {"1": {"CO2": e1 + ip}, "2": {"CO2": e2}},
                                          "gwp": {name: scale for name in GWP_SETS}})

    ResultSnapshot.objects.bulk_create([snap(inv) for inv in inventories], batch_size=1000)
    own = Inventory.objects.create(park=park, enterprise=None, year=2023, region="CN-JS")
    add_lines(own, "energy", [{"activity": "gasoline", "amount": 300, "unit": "t"},
                              {"activity": "electricity_grid", "amount": 20000, "unit": "MWh"}])
    admin = User.objects.create_user("bench_report_admin", password="x" * 12)
    Membership.objects.create(user=admin, role="park_admin", park=park)
    return own, admin


BIG_ACTIVITIES = (("bituminous_coal", "t"), ("anthracite", "t"), ("diesel", "t"), ("gasoline", "t"),
                  ("natural_gas", "10^4 Nm3"), ("lpg", "t"), ("electricity_grid", "MWh"), ("heat_purchased", "GJ"))


def make_big_inventory(park, lines: int):
    """One enterprise inventory of ``lines`` energy lines (meters read monthly), saved as an upload would be."""
    from parkcarbon.inventory import services
    from parkcarbon.inventory.models import ActivityLine, Inventory, SectionVersion
    from parkcarbon.parks.models import Enterprise

    enterprise = Enterprise.objects.create(park=park, name="基准大型联合企业有限公司", industry_code="3120",
                                           credit_code="91320600MA1BENCH0X")
    inv = Inventory.objects.create(park=park, enterprise=enterprise, year=2023, region="CN-JS", status="submitted")
    version = SectionVersion.objects.create(inventory=inv, section="energy", number=1, source="upload",
                                            file_name="meters.xlsx")
    rnd = random.Random(24)
    ActivityLine.objects.bulk_create([
        ActivityLine(version=version, position=i, activity=BIG_ACTIVITIES[i % 8][0], unit=BIG_ACTIVITIES[i % 8][1],
                     amount=round(rnd.uniform(1, 50), 3), month=1 + (i // 8) % 12, ad_uncertainty_pct=5,
                     note=f"表计 {i % 997}")
        for i in range(lines)], batch_size=5000)
    services.refresh_snapshot(inv)
    return inv


def full_build(admin, inventory, template: str):
    from parkcarbon.reports.services import build_report, request_report

    t0 = time.perf_counter()
    report = request_report(admin, inventory, template)  # the test settings' task backend builds it right away
    build_report(report.pk)  # (or here, with a queueing backend)
    elapsed = time.perf_counter() - t0
    report.refresh_from_db()
    assert report.status == "done", report.error
    return elapsed, report


def peak_mb(admin, inventory, template: str) -> float:
    tracemalloc.start()
    full_build(admin, inventory, template)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--enterprises", type=int, default=2000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--keep", help="directory to write the generated files to")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    settings.MEDIA_ROOT = Path(tempfile.mkdtemp())
    from parkcarbon.reports.content import TEMPLATES
    from parkcarbon.reports.content.facts import DETAIL_LINES
    from parkcarbon.reports.documents.charts import render_charts
    from parkcarbon.reports.documents.docx import render_docx
    from parkcarbon.reports.documents.pdf import render_pdf
    from parkcarbon.reports.services import collect_facts

    t0 = time.perf_counter()
    own, admin = make_park(args.enterprises, args.years)
    print(f"setup: {args.enterprises:,} enterprises x {args.years} years in {time.perf_counter() - t0:.1f} s")
    render_charts(TEMPLATES["park_inventory"](collect_facts(own, "park_inventory", admin)))  # warm: fonts, imports

    print(f"\n1. park report, {args.enterprises:,} enterprises: DOCX vs PDF (each: facts + compose + charts + render)")
    results, totals = {}, {}
    for fmt, render in (("docx", render_docx), ("pdf", render_pdf)):
        best = None
        for _ in range(3):  # best of three: the machine is shared
            t = [time.perf_counter()]
            facts = collect_facts(own, "park_inventory", admin)
            t.append(time.perf_counter())
            data = TEMPLATES["park_inventory"](facts)
            charts = render_charts(data)
            t.append(time.perf_counter())
            blob = render(data, charts)
            t.append(time.perf_counter())
            if best is None or t[-1] - t[0] < best[-1] - best[0]:
                best = t
        results[fmt], totals[fmt] = blob, best[-1] - best[0]
        print(f"   {fmt.upper():4}: facts {best[1] - best[0]:.2f} s + compose/charts {best[2] - best[1]:.2f} s + render "
              f"{best[3] - best[2]:.2f} s = {totals[fmt]:.2f} s, {len(blob) / 1e6:.1f} MB, "
              f"{len(facts.enterprises):,} enterprise rows")
    ratio = totals["pdf"] / totals["docx"]
    print(f"   PDF / DOCX = {ratio:.2f}  (target <= 3)  {'OK' if ratio <= 3 else 'SLOW'}")

    print(f"\n2. full background build (facts, charts, DOCX, PDF, XLSX, saved): {args.lines:,}-line inventory vs the park")
    t0 = time.perf_counter()
    big = make_big_inventory(own.park, args.lines)
    print(f"   setup: {args.lines:,} lines saved and computed in {time.perf_counter() - t0:.1f} s")
    park_s = min(full_build(admin, own, "park_inventory")[0] for _ in range(2))
    big_runs = [full_build(admin, big, "cn_enterprise") for _ in range(2)]
    big_s, big_report = min(r[0] for r in big_runs), big_runs[0][1]
    rows = next(len(b["rows"]) for b in big_report.content["blocks"] if b.get("key") == "activities")
    print(f"   park report ({args.enterprises:,} enterprises): {park_s:.2f} s")
    print(f"   enterprise report ({args.lines:,} lines -> {rows:,} activity rows; lines summed above "
          f"{DETAIL_LINES:,}): {big_s:.2f} s; files DOCX {big_report.docx.size / 1e6:.2f} MB, "
          f"PDF {big_report.pdf.size / 1e6:.2f} MB, XLSX {big_report.xlsx.size / 1e6:.2f} MB")
    ratio = big_s / park_s
    print(f"   {args.lines:,}-line report / park report = {ratio:.2f}  (target <= 3)  {'OK' if ratio <= 3 else 'SLOW'}")
    park_mb, big_mb = peak_mb(admin, own, "park_inventory"), peak_mb(admin, big, "cn_enterprise")
    print(f"   peak Python memory of a build (tracemalloc): park {park_mb:.0f} MB, {args.lines:,}-line inventory "
          f"{big_mb:.0f} MB")
    if args.keep:
        out = Path(args.keep)
        out.mkdir(parents=True, exist_ok=True)
        for fmt, blob in results.items():
            (out / f"park-report.{fmt}").write_bytes(blob)
        for fmt in ("docx", "pdf", "xlsx"):
            (out / f"big-inventory-report.{fmt}").write_bytes(getattr(big_report, fmt).read())
        print(f"files written to {out}")


if __name__ == "__main__":
    os.environ.setdefault("PARKCARBON_TESTING", "1")
    main()
