"""Inventories for report tests, built directly from model rows (no inventory views involved)."""

import pytest

from parkcarbon.inventory import services
from parkcarbon.inventory.models import ActivityLine, Inventory, SectionVersion

E1_ROWS = {
    "energy": [
        {"activity": "bituminous_coal", "amount": 1000, "unit": "t", "note": "煤炭购销台账"},
        {"activity": "natural_gas", "amount": 100, "unit": "10^4 Nm3", "note": "=HYPERLINK(\"http://x\")"},
        {"activity": "electricity_grid", "amount": 10000, "unit": "MWh", "note": "电费结算单"},
        {"activity": "wood", "amount": 50, "unit": "t"},
    ],
    "ippu": [{"activity": "lime_high_calcium", "amount": 2000, "unit": "t"}],
}


def add_lines(inventory, section, rows, source="manual"):
    number = inventory.versions.filter(section=section).count() + 1
    version = SectionVersion.objects.create(inventory=inventory, section=section, number=number, source=source)
    ActivityLine.objects.bulk_create([ActivityLine(version=version, position=i, **row) for i, row in enumerate(rows)])
    services.refresh_snapshot(inventory)
    return version


def make_inventory(park, enterprise, year, rows, region="CN-JS", status="submitted"):
    """Submitted unless told otherwise: park totals count submitted inventories, and a draft's report says so."""
    inv = Inventory.objects.create(park=park, enterprise=enterprise, year=year, region=region, status=status)
    for section, lines in rows.items():
        add_lines(inv, section, lines)
    return inv


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def inventory(world):
    """E1 (甲钢铁有限公司) 2023, energy in version 2 (the first version is replaced), with an earlier year."""
    inv = make_inventory(world.park, world.enterprise, 2023, {"energy": [{"activity": "diesel", "amount": 1, "unit": "t"}]})
    add_lines(inv, "energy", E1_ROWS["energy"], source="upload")
    add_lines(inv, "ippu", E1_ROWS["ippu"])
    make_inventory(world.park, world.enterprise, 2022, {"energy": E1_ROWS["energy"][:2]})
    return inv


@pytest.fixture
def park_inventory(world, inventory):
    """Park A 2023: the park's own sources, E1 (above) and E2; E2 buys electricity from a producer in the park."""
    make_inventory(world.park, world.enterprise2, 2023, {"energy": [
        {"activity": "natural_gas", "amount": 50, "unit": "10^4 Nm3"},
        {"activity": "electricity_in_park", "amount": 1000, "unit": "MWh"},
    ]})
    return make_inventory(world.park, None, 2023, {"energy": [{"activity": "gasoline", "amount": 20, "unit": "t"}]})


@pytest.fixture
def other_inventory(world):
    return make_inventory(world.other_park, world.other_enterprise, 2023, {"energy": [{"activity": "diesel", "amount": 10, "unit": "t"}]},
                          region="CN-ZJ")
