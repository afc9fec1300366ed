"""Inventories with numbers a person can check: grid electricity only (one gas, CO2), whose factor for 2022 and
2023 reporting is 0.5703 tCO2/MWh (MEE 2023 No. 43, the national grid factor for enterprise reporting), and
electricity's energy at calorific value 0.1229 tce/MWh (GB/T 2589-2020, Appendix A)."""

import pytest

from parkcarbon.alerts.models import Rule
from parkcarbon.inventory import services
from parkcarbon.inventory.models import ActivityLine, Inventory, SectionVersion

GRID_2023 = 0.5703  # tCO2/MWh, MEE 2023 No. 43
TCE_PER_MWH = 0.1229  # tce/MWh, GB/T 2589-2020 Appendix A (electricity, calorific value)


def monthly(mwh: dict[int, float], activity="electricity_grid", unit="MWh", **fields) -> list[dict]:
    return [{"activity": activity, "amount": amount, "unit": unit, "month": m, **fields} for m, amount in mwh.items()]


def add_lines(inventory, rows, section="energy"):
    """Store lines as a new version and refresh the stored result (as the inventory views do)."""
    number = inventory.versions.filter(section=section).count() + 1
    version = SectionVersion.objects.create(inventory=inventory, section=section, number=number, source="manual")
    ActivityLine.objects.bulk_create([ActivityLine(version=version, position=i, **row) for i, row in enumerate(rows)])
    services.refresh_snapshot(inventory)
    return version


def make_inventory(park, enterprise, year, rows, **fields):
    inventory = Inventory.objects.create(park=park, enterprise=enterprise, year=year, region="CN-JS", **fields)
    add_lines(inventory, rows)
    return inventory


@pytest.fixture
def e1_years(world):
    """E1 2022: 1,000 MWh every month. E1 2023: the same but 1,500 MWh in July; output value 5,000 and value
    added 1,000 (10^4 yuan)."""
    before = make_inventory(world.park, world.enterprise, 2022, monthly(dict.fromkeys(range(1, 13), 1000)))
    july = dict.fromkeys(range(1, 13), 1000) | {7: 1500}
    now = make_inventory(world.park, world.enterprise, 2023, monthly(july), output_value_10k_yuan=5000,
                         value_added_10k_yuan=1000)
    return before, now


def rule(world, metric, threshold, **fields) -> Rule:
    return Rule.objects.create(park=fields.pop("park", world.park), name=fields.pop("name", metric), metric=metric,
                               threshold=threshold, **fields)
