import pytest

from parkcarbon.inventory import services
from parkcarbon.inventory.models import ActivityLine, Inventory, SectionVersion


def add_lines(inventory, section, rows):
    version = SectionVersion.objects.create(inventory=inventory, section=section,
                                            number=inventory.versions.filter(section=section).count() + 1, source="manual")
    for i, row in enumerate(rows):
        ActivityLine.objects.create(version=version, position=i, **row)
    services.refresh_snapshot(inventory)
    return version


@pytest.fixture
def inventory(world):
    """E1's 2023 inventory (Jiangsu) with coal, gas and grid electricity."""
    inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS")
    add_lines(inv, "energy", [
        {"activity": "bituminous_coal", "amount": 1000, "unit": "t", "month": 1},
        {"activity": "natural_gas", "amount": 100, "unit": "10^4 Nm3", "month": 2},
        {"activity": "electricity_grid", "amount": 10000, "unit": "MWh"},
    ])
    return inv


@pytest.fixture
def other_inventory(world):
    inv = Inventory.objects.create(park=world.other_park, enterprise=world.other_enterprise, year=2023, region="CN-ZJ")
    add_lines(inv, "energy", [{"activity": "diesel", "amount": 10, "unit": "t"}])
    return inv
