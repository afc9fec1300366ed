import pytest

from parkcarbon.inventory.models import Inventory
from tests.inventory.conftest import add_lines


def electricity_inventory(world, release="2025.1", status="draft", basis="regional", enterprise=None):
    """A 2023 inventory in Jiangsu (East China grid) computed with the regional average grid factor, pinned to
    ``release`` (as if created when that release was the newest): 10,000 MWh of grid electricity and 1,000 t of coal."""
    inv = Inventory.objects.create(park=world.park, enterprise=enterprise or world.enterprise, year=2023,
                                   region="CN-JS", grid_basis=basis, factor_release=release)
    add_lines(inv, "energy", [
        {"activity": "electricity_grid", "amount": 10000, "unit": "MWh"},
        {"activity": "bituminous_coal", "amount": 1000, "unit": "t", "month": 1},
    ])
    if status != "draft":
        Inventory.objects.filter(pk=inv.pk).update(status=status)
        inv.refresh_from_db()
    return inv


@pytest.fixture
def pinned(world):
    return electricity_inventory(world)
