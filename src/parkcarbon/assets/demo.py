"""Believable carbon assets for the demo park: the thermal power plant in the national market (2022 allocation
computed by the power benchmark method, pre-allocation and true-up, CCERs within the 5 % cap, allowances bought or
sold to match, 2022 surrendered in full; 2023 pre-allocated and partly sold while its inventory is being verified),
and the steel, cement and aluminium works covered from 2024 (allocated only after verification, as the 2024 plan
sets allocation = verified emissions: accounts, and allowances or CCERs bought ahead). Prices are illustrative weekly
closes, not market quotes. Everything goes through the services, as a user would have done it."""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from parkcarbon.assets import allocation as alloc
from parkcarbon.assets import services
from parkcarbon.assets.models import Account, OffsetProject, Price
from parkcarbon.parks.models import Enterprise

POWER, EXPANSION = "4412", ("3120", "3011", "3216")  # thermal power; iron and steel, cement, aluminium
PRICE_NOTE = "演示数据（示意周收盘价，非市场行情）/ demo data: illustrative weekly closes, not market quotes"


def _prices(park) -> None:
    day, end = date(2022, 1, 7), date(2025, 6, 27)
    rows = []
    while day <= end:
        t = (day - date(2022, 1, 7)).days / 7
        cea = 56 + 0.18 * t + 4 * math.sin(t / 6)  # ~56 yuan/t in 2022 to ~90 in 2024, with swings
        rows.append(Price(park=park, instrument="allowance", market="national", date=day,
                          price=Decimal(f"{cea:.2f}"), source=PRICE_NOTE))
        if day >= date(2024, 1, 5):
            rows.append(Price(park=park, instrument="ccer", market="national", date=day,
                              price=Decimal(f"{cea * 0.85:.2f}"), source=PRICE_NOTE))
        day += timedelta(days=7)
    Price.objects.bulk_create(rows)


def _price_on(park, instrument: str, on: date) -> Decimal:
    return Price.objects.filter(park=park, instrument=instrument, date__lte=on).order_by("-date").first().price


def _power(park, plant, user, project) -> None:
    verified = services.verified_emissions([plant.pk], 2022).get(plant.pk)
    if not verified:
        return
    # Two conventional coal units (300 MW class and below) with some heat supply: power supplied sized so that the
    # benchmark allocation lands near the verified emissions, as for a typical plant.
    supply = round(verified * 0.93 / 0.8729 / 1000) * 1000
    units = [alloc.UnitInput("coal_le300", supply * 0.55, 180_000, "water", 0.08, 0.83),
             alloc.UnitInput("coal_le300", supply * 0.45, 120_000, "air", 0.05, 0.78)]
    final, parts = alloc.power_allocation(2022, units)
    pre, _parts = alloc.power_allocation(2022, units, share=0.7)
    services.allocate(user, plant, 2022, "pre", pre, date(2023, 3, 20), method="power_benchmark",
                      inputs={"units": parts, "share": 0.7})
    services.allocate(user, plant, 2022, "final", final, date(2023, 10, 18), method="power_benchmark",
                      inputs={"units": parts, "share": 1})
    a22 = services.allowance_account(plant, 2022)
    obligation = services.whole_tonnes(verified)
    ccer = Account.objects.create(park=park, enterprise=plant, code=f"{plant.credit_code}-CCER-031", instrument="ccer",
                                  market="national", vintage=2024, project=project)
    offsets = math.floor(obligation * 0.05)
    services.record(user, ccer, "buy", date(2023, 11, 2), offsets + 2_000, price=Decimal("62.00"),
                    counterparty="北京绿色交易所", reference="CCER-T-231102-07", serials=[(100_001, 102_000 + offsets)])
    gap = obligation - offsets - a22.balance
    on = date(2023, 11, 6)
    if gap > 0:
        services.record(user, a22, "buy", on, gap, price=_price_on(park, "allowance", on),
                        counterparty="全国碳排放权交易系统（大宗协议）", reference="CEA-B-231106-12")
    elif gap < 0:
        services.record(user, a22, "sell", on, -gap, price=_price_on(park, "allowance", on),
                        counterparty="全国碳排放权交易系统（挂牌协议）", reference="CEA-S-231106-12")
    services.surrender(user, ccer, offsets, 2022, date(2023, 11, 10))
    services.surrender(user, a22, obligation - offsets, 2022, date(2023, 11, 10))
    # 2023 (its inventory is still being verified): a pre-allocation entered as issued, part of it sold.
    services.allocate(user, plant, 2023, "pre", services.whole_tonnes(final * 0.7), date(2024, 9, 12))
    a23 = services.allowance_account(plant, 2023)
    on = date(2024, 10, 8)
    services.record(user, a23, "sell", on, services.whole_tonnes(a23.balance * 0.03),
                    price=_price_on(park, "allowance", on), counterparty="全国碳排放权交易系统（挂牌协议）",
                    reference="CEA-S-241008-03")


def _expansion(park, enterprise, user, project, n: int) -> None:
    """Steel, cement, aluminium: covered from 2024, allocated after verification (not yet): an allowance account
    for 2024, allowances or CCERs bought ahead of the first compliance."""
    services.allowance_account(enterprise, 2024)
    on = date(2025, 6, 13) + timedelta(days=7 * n)
    if enterprise.industry_code == "3120":
        bought = services.allowance_account(enterprise, 2023)
        services.record(user, bought, "buy", on, 30_000, price=_price_on(park, "allowance", on),
                        counterparty="全国碳排放权交易系统（大宗协议）", reference=f"CEA-B-{on:%y%m%d}-21")
    elif enterprise.industry_code == "3216":
        ccer = Account.objects.create(park=park, enterprise=enterprise, code=f"{enterprise.credit_code}-CCER-031",
                                      instrument="ccer", market="national", vintage=2024, project=project)
        services.record(user, ccer, "buy", on, 5_000, price=_price_on(park, "ccer", on), counterparty="北京绿色交易所",
                        reference=f"CCER-T-{on:%y%m%d}-02", serials=[(500_001, 505_000)])


@transaction.atomic
def load_demo_assets(park) -> int:
    """Create the park's accounts, ledger and prices once (nothing happens when the park has accounts). Returns the
    number of enterprises given carbon assets."""
    if Account.objects.filter(park=park).exists() or park.code != "demo-etdz":
        return 0
    user = get_user_model().objects.filter(username="park_admin").first()
    _prices(park)
    covered = Enterprise.objects.filter(park=park, is_key_emitter=True, industry_code__in=(POWER, *EXPANSION))
    done = 0
    project = OffsetProject.objects.create(park=park, registry_id="CCER-2024-031", name="如东海上风电场二期项目",
                                           methodology="CCER-14-002-V01", serial_prefix="CN-CCER-031-2024-")
    for n, enterprise in enumerate(covered.order_by("industry_code")):
        if enterprise.industry_code == POWER:
            _power(park, enterprise, user, project)
        else:
            _expansion(park, enterprise, user, project, n)
        done += 1
    return done
