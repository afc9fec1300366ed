import pytest

from parkcarbon.inventory.models import ActivityLine, Inventory, ResultSnapshot, SectionVersion
from parkcarbon.ops.tasks import recompute_park


@pytest.mark.django_db
def test_recompute_park_restores_every_inventory_total(world):
    inventory = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS")
    version = SectionVersion.objects.create(inventory=inventory, section="energy", number=1, source="manual")
    ActivityLine.objects.create(version=version, position=0, activity="electricity_grid", amount=10000, unit="MWh")
    other = Inventory.objects.create(park=world.other_park, enterprise=world.other_enterprise, year=2023,
                                     region="CN-ZJ")
    ResultSnapshot.objects.all().delete()
    result = recompute_park.enqueue(world.park.pk).return_value
    assert result["inventories"] == 1 and result["lines"] == 1
    # the national grid average factor for 2023 reporting, 0.5703 t CO2/MWh (as tests/inventory/test_services.py)
    assert ResultSnapshot.objects.get(inventory=inventory).total_co2e == pytest.approx(10000 * 0.5703)
    assert not ResultSnapshot.objects.filter(inventory=other).exists()  # another park is untouched
