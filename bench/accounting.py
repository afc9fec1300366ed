"""Benchmark Carbon Accounting (issue 4), on a fresh database.

    .venv/bin/python -m bench.accounting [--rows 100000] [--enterprises 2000] [--requests 40]

1. import: a standard template with ROWS energy rows is validated (read, check every row, compute) and then saved
   as a new section version with its snapshot — the two steps a user's upload goes through. Target <= 20 s.
2. park page: the park inventory page for a park with ENTERPRISES enterprise inventories, requested REQUESTS times
   by a logged-in park administrator; prints p50/p95. Target p95 <= 300 ms.
The database is SQLite in a temporary file unless DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import tempfile
import time


def setup_django() -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parkcarbon.config.test_settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def workbook(rows: int) -> bytes:
    from openpyxl import Workbook, load_workbook

    from parkcarbon.engine.template import SECTION_SHEETS, write_template

    buf = io.BytesIO()
    write_template(buf)
    template = load_workbook(io.BytesIO(buf.getvalue()))
    keys = [c.value for c in template[SECTION_SHEETS["energy"]][2]]
    wb = Workbook(write_only=True)  # the same sheets and keys as the template, written fast
    for name in template.sheetnames:
        ws = wb.create_sheet(name)
        if name in SECTION_SHEETS.values():
            ws.append([c.value for c in template[name][1]])
            ws.append([c.value for c in template[name][2]])
            if name == SECTION_SHEETS["energy"]:
                mix = [("bituminous_coal", "t"), ("natural_gas", "10^4 Nm3"), ("electricity_grid", "MWh"),
                       ("diesel", "t"), ("heat_purchased", "GJ")]
                for i in range(rows):
                    act, unit = mix[i % len(mix)]
                    row = dict.fromkeys(keys)
                    row.update(enterprise="Bench Co.", activity=act, amount=100 + i % 97, unit=unit, month=i % 12 + 1)
                    ws.append([row[k] for k in keys])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def bench_import(rows: int) -> tuple[float, float]:
    from parkcarbon.engine.template import SECTION_SHEETS, read_workbook
    from parkcarbon.inventory import imports, services
    from parkcarbon.inventory.models import Inventory
    from parkcarbon.parks.models import Enterprise, Park

    park = Park.objects.create(name="基准园区", code="bench", province="江苏", city="南通", level="industrial_park")
    ent = Enterprise.objects.create(park=park, name="基准企业", credit_code="91320600MA00000000"[:17] + "0",
                                    industry_code="3120")
    inventory = Inventory.objects.create(park=park, enterprise=ent, year=2023, region="CN-JS")
    data = workbook(rows)
    t0 = time.perf_counter()
    outcome = imports.validate(data, inventory)
    t_validate = time.perf_counter() - t0
    assert not outcome["problems"], outcome["problems"][:3]
    t0 = time.perf_counter()
    frame = read_workbook(data)
    services.replace_section(inventory, "energy", imports.line_frame(frame, "energy"), None, file_name="bench.xlsx")
    t_save = time.perf_counter() - t0
    assert SECTION_SHEETS and inventory.versions.get().lines.count() == rows
    return t_validate, t_save


def bench_park_page(enterprises: int, requests: int) -> list[float]:
    from django.test import Client
    from django.urls import reverse

    from parkcarbon.accounts.models import Membership, User
    from parkcarbon.engine import load_library
    from parkcarbon.inventory.models import Inventory, ResultSnapshot
    from parkcarbon.parks.demo import credit_code
    from parkcarbon.parks.models import Enterprise, Park

    park = Park.objects.create(name="大园区", code="big", province="江苏", city="南通", level="national_etdz")
    Enterprise.objects.bulk_create([
        Enterprise(park=park, name=f"企业{i:04d}", credit_code=credit_code(f"b{i}", "320600"),
                   industry_code=("3120", "2614", "3011", "3973", "1311")[i % 5]) for i in range(enterprises)
    ])
    # Three years of submitted inventories (the page draws the trend over all of them), half reported with SAR and
    # half with AR5, so the page reweighs every enterprise's gases with the park's set.
    Inventory.objects.bulk_create([Inventory(park=park, enterprise=e, year=year, region="CN-JS", status="submitted",
                                             gwp_set=("SAR", "AR5")[e.pk % 2])
                                   for year in (2021, 2022, 2023) for e in park.enterprises.all()])
    gases = {"CO2": 990.0, "CH4": 0.3, "N2O": 0.01}
    by_set = {name: sum(t * values[g][0] for g, t in gases.items()) for name, values in load_library().gwp.items()}
    snapshots = []
    for inv in Inventory.objects.filter(park=park):
        gwp = {g: values[0] for g, values in load_library().gwp[inv.gwp_set].items()}
        co2e = by_set[inv.gwp_set]
        section = {"energy": {"co2e": co2e, "co2e_market": co2e, "uncertainty_pct": 3.0}}
        snapshots.append(ResultSnapshot(
            inventory=inv, engine_version="bench", library_version="bench", gwp_set=inv.gwp_set, total_co2e=co2e,
            total_co2e_market=co2e, uncertainty_pct=3.0, by_section=section, by_scope={"1": section["energy"]},
            by_gas={g: {"tonnes": t, "co2e": t * gwp[g]} for g, t in gases.items()},
            gas_tonnes={"section": {"energy": gases}, "scope": {"1": gases}, "gwp": by_set}))
    ResultSnapshot.objects.bulk_create(snapshots)
    admin = User.objects.create_user("bench_admin", password="x" * 12)
    Membership.objects.create(user=admin, role="park_admin", park=park)
    client = Client()
    client.force_login(admin)
    url = reverse("inventory:park", args=[park.pk, 2023])
    assert client.get(url).status_code == 200
    times = []
    for _ in range(requests):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t0)
        assert response.status_code == 200
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--enterprises", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    setup_django()
    t_validate, t_save = bench_import(args.rows)
    print(f"import {args.rows:,} rows: validate {t_validate:.2f} s + save {t_save:.2f} s = {t_validate + t_save:.2f} s"
          f"  (target <= 20 s)")
    times = sorted(bench_park_page(args.enterprises, args.requests))
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"park page, {args.enterprises:,} enterprises: p50 {statistics.median(times) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms over {len(times)} requests  (target p95 <= 300 ms)")


if __name__ == "__main__":
    main()
