"""Two enterprises of park A with grid electricity only: 0.5703 t CO2/MWh (MEE 2023 No. 43, the national grid
factor for enterprise reporting of 2022 and 2023) and 0.1229 tce/MWh (GB/T 2589-2020 Appendix A), so every figure
can be checked by hand: E1 (zone A1) 1,500 MWh in 2022 and 2,000 MWh in 2023 (855.45 and 1,140.6 t), E2 (zone
A2) 1,000 MWh in 2023 (570.3 t). All submitted; E1 2023 has an output value of 5,000 (10^4 yuan)."""

import pytest

from tests.alerts.conftest import make_inventory, monthly


@pytest.fixture
def grid_park(world):
    make_inventory(world.park, world.enterprise, 2022, monthly({1: 1500}), status="submitted")
    make_inventory(world.park, world.enterprise, 2023, monthly({1: 1000, 7: 1000}), status="submitted",
                   output_value_10k_yuan=5000)
    make_inventory(world.park, world.enterprise2, 2023, monthly({2: 1000}), status="submitted")
    return world


@pytest.fixture(autouse=True)
def empty_cache():
    """The dashboard's figures are cached by the park's data version; each test starts without any."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
