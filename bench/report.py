"""Benchmark report generation (issue 5): a park GHG inventory report for a park of ENTERPRISES enterprises.

    .venv/bin/python -m bench.report [--enterprises 2000] [--years 3] [--keep DIR]

Fresh database (SQLite in a temporary file unless DATABASE_URL is set). Each enterprise has an inventory per year
with a stored snapshot and section versions, as the accounting app leaves them; the park's own inventory has real
activity lines. Prints, for DOCX and for PDF, the time from the inventory to the finished file (gathering the facts
+ composing + charts + rendering). Target <= 10 s each. Then one full background build (all formats, saved).
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
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
                                      "N2O": {"tonnes": scale * 0.01 / 265, "co2e": scale * 0.01}})

    ResultSnapshot.objects.bulk_create([snap(inv) for inv in inventories], batch_size=1000)
    own = Inventory.objects.create(park=park, enterprise=None, year=2023, region="CN-JS")
    add_lines(own, "energy", [{"activity": "gasoline", "amount": 300, "unit": "t"},
                              {"activity": "electricity_grid", "amount": 20000, "unit": "MWh"}])
    admin = User.objects.create_user("bench_report_admin", password="x" * 12)
    Membership.objects.create(user=admin, role="park_admin", park=park)
    return own, admin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--enterprises", type=int, default=2000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--keep", help="directory to write the generated files to")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    settings.MEDIA_ROOT = Path(tempfile.mkdtemp())
    from parkcarbon.reports.content import TEMPLATES
    from parkcarbon.reports.documents.charts import render_charts
    from parkcarbon.reports.documents.docx import render_docx
    from parkcarbon.reports.documents.pdf import render_pdf
    from parkcarbon.reports.services import build_report, collect_facts, request_report

    t0 = time.perf_counter()
    own, admin = make_park(args.enterprises, args.years)
    print(f"setup: {args.enterprises:,} enterprises x {args.years} years in {time.perf_counter() - t0:.1f} s")
    render_charts(TEMPLATES["park_inventory"](collect_facts(own, "park_inventory", admin)))  # warm: fonts, imports

    results = {}
    for fmt, render in (("docx", lambda d, c: render_docx(d, c)), ("pdf", lambda d, c: render_pdf(d, c))):
        t = [time.perf_counter()]
        facts = collect_facts(own, "park_inventory", admin)
        t.append(time.perf_counter())
        data = TEMPLATES["park_inventory"](facts)
        charts = render_charts(data)
        t.append(time.perf_counter())
        blob = render(data, charts)
        t.append(time.perf_counter())
        results[fmt] = blob
        total = t[-1] - t[0]
        print(f"{fmt.upper()}: facts {t[1] - t[0]:.2f} s + compose/charts {t[2] - t[1]:.2f} s + render {t[3] - t[2]:.2f} s"
              f" = {total:.2f} s, {len(blob) / 1e6:.1f} MB, {len(facts.enterprises):,} enterprise rows  (target <= 10 s)"
              f"  {'OK' if total <= 10 else 'SLOW'}")
    t0 = time.perf_counter()
    report = request_report(admin, own, "park_inventory")
    build_report(report.pk)
    report.refresh_from_db()
    print(f"full background build (DOCX + PDF + XLSX, saved): {time.perf_counter() - t0:.2f} s, status {report.status}")
    if args.keep:
        out = Path(args.keep)
        out.mkdir(parents=True, exist_ok=True)
        for fmt, blob in results.items():
            (out / f"park-report.{fmt}").write_bytes(blob)
        (out / "park-report.xlsx").write_bytes(report.xlsx.read())
        print(f"files written to {out}")


if __name__ == "__main__":
    os.environ.setdefault("PARKCARBON_TESTING", "1")
    main()
