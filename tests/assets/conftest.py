from datetime import date

import pytest


def verified(world, enterprise, year, co2e):
    """A verified inventory of ``enterprise`` for ``year`` whose verifier concluded ``co2e`` t CO2e."""
    from parkcarbon.inventory.models import Inventory
    from parkcarbon.verification.models import Conclusion

    inventory = Inventory.objects.create(park=enterprise.park, enterprise=enterprise, year=year, region="CN-JS",
                                         status="verified")
    Conclusion.objects.create(inventory=inventory, version_number=1, opinion="verified", statement="ok",
                              reported_co2e=co2e, verified_co2e=co2e)
    return inventory


def account(enterprise, code, instrument="allowance", vintage=2023, project=None, market="national"):
    from parkcarbon.assets.models import Account

    return Account.objects.create(park=enterprise.park, enterprise=enterprise, code=code, instrument=instrument,
                                  vintage=vintage, project=project, market=market)


def project(park, registry_id="CCER-001"):
    from parkcarbon.assets.models import OffsetProject

    return OffsetProject.objects.create(park=park, registry_id=registry_id, name="风电项目",
                                        methodology="CCER-01-001-V01")


D = date(2024, 3, 1)


@pytest.fixture
def accounts(world):
    """E1 with an allowance account (vintage 2023) and a CCER account; E2 with an allowance account."""
    ccer = project(world.park)
    return {"a1": account(world.enterprise, "E1-CEA23"), "c1": account(world.enterprise, "E1-CCER", "ccer", 2021, ccer),
            "a2": account(world.enterprise2, "E2-CEA23")}


@pytest.fixture(autouse=True)
def _english():
    """Service messages are asserted in English here (pages set their language per request)."""
    from django.utils import translation

    with translation.override("en"):
        yield
