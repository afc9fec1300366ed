"""Believable product outputs and roof areas for the demo enterprises, derived from their own activity data so the
intensities land where such plants are: clinker and aluminium from the production lines of the inventory, electricity
and heat supplied from the plant's emissions at a typical intensity (0.90 t CO2/MWh for a coal unit, 0.12 t CO2/GJ of
heat)."""

from __future__ import annotations

import random

from django.db import transaction
from django.db.models import Sum

from parkcarbon.benchmarking.models import ProductOutput, SiteFacts
from parkcarbon.inventory.models import ActivityLine, Inventory

FROM_LINES = {"3011": ("cement_clinker", "cement_clinker_oxide"), "3216": ("electrolytic_aluminium", "aluminium_cn")}
FROM_EMISSIONS = {"4412": ("power_coal_gt300", 0.90), "4430": ("heat_coal", 0.12)}


@transaction.atomic
def load_demo_outputs(park) -> int:
    """Outputs for every enterprise inventory of ``park`` with a benchmarked product (idempotent); returns how many."""
    count = 0
    for inventory in Inventory.objects.filter(park=park, enterprise__isnull=False).select_related("enterprise",
                                                                                                  "snapshot"):
        code = inventory.enterprise.industry_code
        rng = random.Random(f"{inventory.enterprise.credit_code}-roof")
        if code[:1] in "123" and not hasattr(inventory, "site_facts"):
            SiteFacts.objects.create(inventory=inventory, roof_area_m2=round(rng.uniform(8_000, 60_000), -2))
        quantity = None
        if code in FROM_LINES:
            product, activity = FROM_LINES[code]
            quantity = ActivityLine.objects.filter(version__inventory=inventory, activity=activity).aggregate(
                t=Sum("amount"))["t"]
        elif code in FROM_EMISSIONS and getattr(inventory, "snapshot", None):
            product, intensity = FROM_EMISSIONS[code]
            quantity = round(inventory.snapshot.total_co2e / intensity * rng.uniform(0.97, 1.03), -2)
        if quantity:
            ProductOutput.objects.get_or_create(inventory=inventory, product=product,
                                                defaults={"quantity": round(quantity), "note": "生产统计报表"})
            count += 1
    return count
