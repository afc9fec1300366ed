"""Disclosure fixtures: E1's 2023 inventory taken through the verification workflow by the cast (submitted by its
manager, accepted by the park administrator, verified by the park's verifier), its 2022 inventory likewise, and a
second manager of E1 (the second person who may approve the first manager's disclosure)."""

import pytest

from parkcarbon.disclosure import services
from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import Inventory
from parkcarbon.verification import services as verification
from tests.conftest import PASSWORD
from tests.inventory.conftest import add_lines

# 10,000 MWh of grid electricity in 2023 at the national factor prescribed for reporting, 0.5703 t CO2/MWh
# (环办气候函〔2023〕43号; engine/data/factors/energy_scope2.csv): 5,703 t CO2e of location-based scope 2.
ELECTRICITY_MWH = 10000
GRID_2023 = 0.5703


def make_inventory(world, year, electricity=ELECTRICITY_MWH, enterprise=None):
    inventory = Inventory.objects.create(park=world.park, enterprise=enterprise or world.enterprise, year=year,
                                         region="CN-JS", output_value_10k_yuan=50000, value_added_10k_yuan=12000)
    add_lines(inventory, "energy", [
        {"activity": "bituminous_coal", "amount": 1000, "unit": "t", "month": 1},
        {"activity": "electricity_grid", "amount": electricity, "unit": "MWh"},
    ])
    return inventory


def verify(world, inventory, adjust_electricity_to=None, opinion="verified"):
    inventory_services.submit(inventory, world.users["park_admin"])
    verification.accept(inventory, world.users["park_admin"])
    if adjust_electricity_to is not None:
        line = inventory_services.current_lines(inventory).get(activity="electricity_grid")
        verification.record_adjustment(inventory, world.users["verifier"], line.pk, adjust_electricity_to,
                                       "Settlement bills of the grid company")
    verification.conclude(inventory, world.users["verifier"], opinion, "Data complete and accurate.")
    inventory.refresh_from_db()
    return inventory


@pytest.fixture(autouse=True)
def english():
    """Service messages in English unless a test says otherwise (another test may leave Chinese active)."""
    from django.utils.translation import override

    with override("en"):
        yield


@pytest.fixture
def verified(world):
    """E1: 2022 and 2023 inventories, both verified."""
    verify(world, make_inventory(world, 2022, electricity=11000))
    return verify(world, make_inventory(world, 2023))


@pytest.fixture
def second_manager(world, django_user_model):
    from parkcarbon.accounts.models import Membership

    user = django_user_model.objects.create_user("second_manager", "second@example.com", PASSWORD)
    Membership.objects.create(user=user, role="enterprise_manager", park=world.park, enterprise=world.enterprise)
    return user


def draft(world, user=None, **fields):
    """A draft disclosure of E1 for 2023 by its manager, with the given fields set."""
    d = services.create(user or world.users["enterprise_manager"], world.park, world.enterprise, 2023)
    for name, value in fields.items():
        setattr(d, name, value)
    d.save()
    return d


def published(world, approver, **fields):
    d = draft(world, **fields)
    manager = world.users["enterprise_manager"]
    d = services.submit(d, manager)
    d = services.approve(d, approver)
    return services.publish(d, manager)
