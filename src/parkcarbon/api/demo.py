"""Demo interface data: the energy monitoring system's meters of three enterprises with daily readings of the newest
demo year, matched to their electricity and gas lines (the last two months not yet sent, so the meters show gaps), and
a read token of the park administrator for that system."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from parkcarbon.api.models import ApiToken, Meter, MeterReading
from parkcarbon.api.tokens import create_token
from parkcarbon.engine import units
from parkcarbon.inventory.models import Inventory
from parkcarbon.inventory.services import current_lines

METERED = {"electricity_grid": ("kWh", "EM"), "natural_gas": ("Nm3", "GM")}
MONTHS_SENT = 10  # readings until the end of October: November and December show as gaps
TOKEN_NAME = "能源在线监测系统（演示）"


@transaction.atomic
def load_demo_meters(park, enterprises: int = 3) -> int:
    """Meters and readings for the park's largest metered enterprises (idempotent). Returns the readings stored."""
    tz = ZoneInfo("Asia/Shanghai")
    stored = 0
    year = Inventory.objects.filter(park=park, enterprise__isnull=False).order_by("-year").values_list(
        "year", flat=True).first()
    if year is None:
        return 0
    inventories = Inventory.objects.filter(park=park, year=year, enterprise__isnull=False).select_related("enterprise")
    chosen = 0
    for inventory in inventories.order_by("enterprise__name"):
        lines = current_lines(inventory).filter(activity__in=METERED).values_list("activity", "amount", "unit", "month")
        if not lines or chosen >= enterprises:
            continue
        chosen += 1
        monthly: dict[tuple[str, int], float] = {}
        for activity, amount, unit, month in lines:
            meter_unit = METERED[activity][0]
            value = amount * units.factor(unit, meter_unit)
            for m in ([month] if month else range(1, 13)):
                monthly[activity, m] = monthly.get((activity, m), 0.0) + (value if month else value / 12)
        for activity in sorted({a for a, _m in monthly}):
            unit, prefix = METERED[activity]
            meter, _created = Meter.objects.get_or_create(
                enterprise=inventory.enterprise, code=f"{prefix}-{inventory.enterprise.pk:03d}-01",
                defaults={"activity": activity, "section": "energy", "unit": unit,
                          "name": "总表" if activity == "electricity_grid" else "天然气总表"})
            if meter.readings.exists():
                continue
            readings = []
            for month in range(1, MONTHS_SENT + 1):
                days = calendar.monthrange(year, month)[1]
                daily = monthly.get((activity, month), 0.0) / days
                start = datetime(year, month, 1, tzinfo=tz)
                readings += [MeterReading(meter=meter, timestamp=start + timedelta(days=d + 1), quantity=round(daily, 3),
                                          unit=unit) for d in range(days)]
            MeterReading.objects.bulk_create(readings)
            stored += len(readings)
    admin = get_user_model().objects.filter(memberships__park=park, memberships__role="park_admin").first()
    if admin and not ApiToken.objects.filter(user=admin, name=TOKEN_NAME).exists():
        create_token(admin, TOKEN_NAME, "read", days=365, created_by=admin)  # the secret is not kept anywhere
    return stored
