"""The demo park shows the combustion equipment of fuel lines, producer gas and the IPCC 2019 Refinement's hydrogen
production and gas distribution per km, with numbers worked by hand from the factor sources (not from the code)."""

import pytest

from parkcarbon.inventory import services
from parkcarbon.inventory.demo import load_demo_inventories
from parkcarbon.inventory.models import ActivityLine, Inventory
from parkcarbon.parks.demo import load_demo
from parkcarbon.parks.models import Park

C_TO_CO2 = 44 / 12


@pytest.fixture
def demo_2023(db):
    load_demo()
    park = Park.objects.get(code="demo-etdz")
    load_demo_inventories(park, years=(2023,))
    return park


def _result(park, industry_code):
    inventory = Inventory.objects.get(park=park, year=2023, enterprise__industry_code=industry_code)
    return inventory, services.calculate_inventory(inventory).lines


def _amount(inventory, activity, **extra):
    lines = ActivityLine.objects.filter(version__inventory=inventory, activity=activity)
    return sum(line.amount for line in lines if all((line.extra or {}).get(k) == v for k, v in extra.items()))


def test_cement_coal_lines_name_their_equipment(demo_2023):
    inventory, lines = _result(demo_2023, "3011")
    assert inventory.methodologies == ["cn_cement"]
    coal = lines[lines["activity"] == "bituminous_coal"]
    assert set(coal["equipment"]) == {"kiln", "industrial_boiler"}
    kiln_t, boiler_t = _amount(inventory, "bituminous_coal", equipment="kiln"), _amount(
        inventory, "bituminous_coal", equipment="industrial_boiler")
    assert 15 < kiln_t / boiler_t < 25  # most coal in the kiln (about 105,000 against 5,000 t a year)
    # per tonne: NCV 23.204 GJ/t (NDRC 2015 Table 2.1; the cement guideline's Table 2.1 has no bituminous coal row)
    # x 26.18 tC/TJ (cement guideline Table 2.2) = 0.60748072 tC/t; x 44/12 and the oxidation rate of Table 2.3:
    # kiln 0.60748072 x 0.98 x 44/12 = 2.18288 tCO2/t, industrial boiler 0.60748072 x 0.95 x 44/12 = 2.11606 tCO2/t
    assert coal.loc[coal["equipment"] == "kiln", "CO2"].sum() == pytest.approx(kiln_t * 2.1828807, rel=1e-6)
    assert coal.loc[coal["equipment"] == "industrial_boiler", "CO2"].sum() == pytest.approx(
        boiler_t * 2.1160578, rel=1e-6)
    assert set(coal["factor:of"]) == {"CN-CEM-060", "CN-CEM-061"}  # the rows qualified kiln / industrial_boiler


def test_glass_burns_some_producer_gas_in_its_furnaces(demo_2023):
    inventory, lines = _result(demo_2023, "3042")
    assert inventory.methodologies == ["cn_other_industry"]
    gas = lines[lines["activity"] == "producer_gas"]
    assert len(gas) == 12 and set(gas["equipment"]) == {"kiln"}
    amount = _amount(inventory, "producer_gas")
    # heat: about a twentieth of the natural gas's (1,500 x 52.27 against 4,200 x 389.31 GJ a year, before scaling)
    assert 0.03 < amount * 52.27 / (_amount(inventory, "natural_gas") * 389.31) < 0.08
    # 52.27 GJ/10^4 Nm3 (GB/T 2589-2020 Table A.1, 5 227 kJ/m3) x 0.0122 tC/GJ (NDRC 2015 Table 2.1, other gas)
    # x 99 % x 44/12 = 0.637694 x 0.99 x 3.666667 = 2.3148292 tCO2 per 10^4 Nm3
    assert gas["CO2"].sum() == pytest.approx(amount * 2.3148292, rel=1e-6)
    assert not lines["activity"].isin(["semi_coke", "semi_coke_gas", "carbide_furnace_gas"]).any()


def test_hydrogen_producer_reports_under_ipcc2019(demo_2023):
    inventory, lines = _result(demo_2023, "2619")
    assert inventory.methodologies == ["ipcc2019"] and inventory.gwp_set == "AR5"
    hydrogen = lines[lines["activity"] == "hydrogen_natural_gas"]
    # Table 3.30 natural gas reforming: FRF 165 GJ/t H2 x CCF 0.0153 tC/GJ x 44/12 = 2.5245 x 3.666667
    # = 9.2565 tCO2 per t H2
    assert hydrogen["CO2"].sum() == pytest.approx(_amount(inventory, "hydrogen_natural_gas") * 9.2565, rel=1e-6)
    assert 4_000 < _amount(inventory, "hydrogen_natural_gas") < 9_000  # t H2 a year: one reformer


def test_gas_distribution_company_reports_its_mains_per_km(demo_2023):
    inventory, lines = _result(demo_2023, "4511")
    assert inventory.methodologies == ["ipcc2019"]
    (mains,) = ActivityLine.objects.filter(version__inventory=inventory,
                                           activity="og19_gas_distribution_plastic_ldar_km")
    assert (mains.amount, mains.unit, mains.month) == (240, "km", 0)  # 240 km x growth 1.00 in 2023, whole year
    row = lines[lines["activity"] == "og19_gas_distribution_plastic_ldar_km"]
    # Table 4.2.4J, > 50 % plastic with LDAR: 0.23 tCH4/km and 0.01 tCO2/km; AR5 CH4 28:
    # 240 x 0.23 = 55.2 tCH4 x 28 = 1,545.6, plus 240 x 0.01 = 2.4 tCO2: 1,548.0 tCO2e
    assert row["CH4"].sum() == pytest.approx(55.2) and row["co2e"].sum() == pytest.approx(1548.0)


def test_history_keeps_the_mains_growing(demo_2023):
    from parkcarbon.analysis.demo import _copy

    source = Inventory.objects.get(park=demo_2023, year=2023, enterprise__industry_code="4511")
    _copy(source, 2020, 0.86)  # the year's activity index (the pandemic year)
    copied = Inventory.objects.get(park=demo_2023, year=2020, enterprise=source.enterprise)
    mains = ActivityLine.objects.get(version__inventory=copied, activity="og19_gas_distribution_plastic_ldar_km")
    assert mains.amount == 226  # a stock: 240 km x 0.94 (STOCK_HISTORY 2020) = 225.6, not 240 x 0.86 = 206.4
    diesel = _amount(copied, "road_diesel")
    assert diesel == pytest.approx(_amount(source, "road_diesel") * 0.86, abs=0.01)  # flows follow the index
