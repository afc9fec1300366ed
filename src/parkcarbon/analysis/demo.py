"""Believable analysis data for the demo park: three earlier years of history, the park's planning scenarios and
one forecast of every enterprise.

* **History 2019-2021.** Each inventory is its 2022 inventory's lines scaled by the park's activity index of the
  year (2020 lower: the pandemic year) with a fixed per-enterprise variation of a few per cent, submitted. With the
  demo's 2022-2023 submitted years the park has five reported years, enough for every baseline method but Holt
  (which needs six: include drafts for 2024).
* **Scenarios** (to 2035), anchored on published national targets: the 14th Five-Year Plan's cuts of energy use per
  unit of GDP by 13.5 % and CO2 per unit of GDP by 18 % over 2021-2025 (State Council, Guo Fa [2021] No. 33 /
  the Outline of the 14th Five-Year Plan, 2021), about 2.9 % and 3.9 % a year.
"""

from __future__ import annotations

import random

from django.db import transaction

from parkcarbon.analysis.models import ForecastRun, Scenario
from parkcarbon.analysis.tasks import run_forecast
from parkcarbon.inventory import services
from parkcarbon.inventory.demo import STOCK_UNITS
from parkcarbon.inventory.models import ActivityLine, Inventory, SectionVersion

HISTORY = {2019: 0.90, 2020: 0.86, 2021: 0.96}  # activity of the year relative to 2022
# a stock (pipeline km, wells) does not follow the year's activity: the network grows about 3 % a year to 2022
STOCK_HISTORY = {2019: 0.91, 2020: 0.94, 2021: 0.97}
COPIED = ("activity", "unit", "month", "sector", "ad_uncertainty_pct", "measured", "extra")

SCENARIOS = [
    # name, end year, output growth, energy-intensity decline, grid factor decline, coal to gas, renewable share
    ("现行政策 Current policies", 2035, 5.0, 2.9, 2.0, 10.0, 15.0),
    ("加速转型 Accelerated transition", 2035, 5.0, 4.0, 3.5, 40.0, 40.0),
    ("高速增长 High growth", 2035, 8.0, 2.0, 1.0, 0.0, 5.0),
]


def _copy(source: Inventory, year: int, factor: float) -> None:
    inventory, created = Inventory.objects.get_or_create(
        park=source.park, enterprise=source.enterprise, year=year,
        defaults={"region": source.region, "standard": source.standard, "gwp_set": source.gwp_set,
                  "grid_basis": source.grid_basis, "methodologies": source.methodologies, "status": "submitted",
                  "contact_name": source.contact_name,
                  "output_value_10k_yuan": round(source.output_value_10k_yuan * factor)
                  if source.output_value_10k_yuan else None,
                  "value_added_10k_yuan": round(source.value_added_10k_yuan * factor)
                  if source.value_added_10k_yuan else None})
    if not created or inventory.versions.exists():
        return  # idempotent
    by_section: dict[str, list] = {}
    for line in services.current_lines(source).select_related("version"):
        by_section.setdefault(line.version.section, []).append(line)
    for section, lines in by_section.items():
        version = SectionVersion.objects.create(inventory=inventory, section=section, number=1, source="manual")
        ActivityLine.objects.bulk_create([
            ActivityLine(version=version, position=i, amount=round(line.amount * STOCK_HISTORY[year])
                         if line.unit in STOCK_UNITS else round(line.amount * factor, 3),
                         **{f: getattr(line, f) for f in COPIED}) for i, line in enumerate(lines)])
    services.refresh_snapshot(inventory)


@transaction.atomic
def load_demo_analysis(park, user=None) -> int:
    """History, scenarios and a forecast run for ``park`` (idempotent); returns the number of history inventories."""
    count = 0
    for source in Inventory.objects.filter(park=park, year=2022).select_related("park", "enterprise"):
        seed = source.enterprise.credit_code if source.enterprise_id else park.code
        for year, index in HISTORY.items():
            _copy(source, year, index * random.Random(f"{seed}-{year}-analysis").uniform(0.95, 1.05))
            count += 1
    for name, end_year, growth, intensity, grid, coal, renewable in SCENARIOS:
        Scenario.objects.get_or_create(park=park, name=name, defaults={
            "end_year": end_year, "output_growth_pct": growth, "energy_intensity_decline_pct": intensity,
            "grid_ef_decline_pct": grid, "coal_to_gas_pct": coal, "renewable_share_pct": renewable,
            "created_by": user})
    if not ForecastRun.objects.filter(park=park).exists():
        run_forecast(ForecastRun.objects.create(park=park, created_by=user))
    return count
