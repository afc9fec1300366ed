"""IPCC 2006 Vol.2 Tier 1 fuel tables (issue 15 item 1), used by the ipcc2006 and ghg_protocol methodologies.

Expected values are hand arithmetic from the IPCC 2006 tables named beside each number, not from the engine.
"""

import pytest

from parkcarbon.engine import load_library
from parkcarbon.engine import methodology as M

YEAR, REGION = 2022, "CN-JS"
C2CO2 = 44 / 12
# Vol.2 Ch.1 Table 1.4 default CO2 emission factors (kg CO2/TJ), an independent check of the Table 1.3 carbon contents.
TABLE_1_4 = {
    "anthracite": 98_300, "bituminous_coal": 94_600, "lignite": 101_000, "washed_coal": 94_600, "briquette": 97_500,
    "coke": 107_000, "petroleum_coke": 97_500, "crude_oil": 73_300, "fuel_oil": 77_400, "gasoline": 69_300,
    "diesel": 74_100, "kerosene": 71_900, "jet_kerosene": 71_500, "other_petroleum_products": 73_300, "tar": 80_700,
    "aviation_gasoline": 70_000,
    "lpg": 63_100, "refinery_gas": 57_600, "lng": 56_100, "natural_gas": 56_100, "coke_oven_gas": 44_400,
    "blast_furnace_gas": 260_000, "converter_gas": 182_000, "other_gas": 44_400,
}
NO_IPCC_CATEGORY = {"raw_coal", "other_washed_coal", "crude_benzene", "other_fuel",  # ipcc2006.yaml note
                    "semi_coke", "semi_coke_gas", "producer_gas", "carbide_furnace_gas"}


def ipcc(subject, param):
    lib = load_library()
    return lib.resolve(subject, param, "", "", YEAR, ("CN",), ("ipcc2006",))


@pytest.mark.parametrize("fuel", sorted(TABLE_1_4))
def test_carbon_content_matches_table_1_4(fuel):
    f = ipcc(fuel, "cc")
    assert f.source == "IPCC2006-V2" and "Table 1.3" in f.table and f.uncertainty_pct > 0
    assert f.value_in("kgC/TJ") * C2CO2 == pytest.approx(TABLE_1_4[fuel], rel=0.005)


def test_every_fuel_has_ipcc_values_or_is_named_as_country_specific():
    lib = load_library()
    fuels = {a.fuel for a in lib.activities.values() if a.method == "fuel_combustion" and not a.biogenic}
    for fuel in fuels - NO_IPCC_CATEGORY:
        assert ipcc(fuel, "cc") is not None and ipcc(fuel, "of").value == 100, fuel
    for fuel in NO_IPCC_CATEGORY:
        assert ipcc(fuel, "cc") is None
    note = M.get("ipcc2006").note
    assert all(w in note for w in ("raw coal", "other washed coal", "crude benzene", "per mass", "producer gas",
                                   "Semi-coke"))


def test_diesel_in_manufacturing_tier1():
    # 100 t gas/diesel oil: Table 1.2 43.0 TJ/Gg -> 4.3 TJ; Table 1.3 20.2 kgC/GJ, full oxidation -> 318.49 t CO2
    # (Table 1.4: 4.3 x 74.1 = 318.63); Table 2.3 (manufacturing) oil CH4 3, N2O 0.6 kg/TJ -> 12.9 kg, 2.58 kg.
    r = M.calculate_enterprise(["ipcc2006"], [{"activity": "diesel", "amount": 100, "unit": "t"}], YEAR, REGION)
    line = r.lines.iloc[0]
    assert line["CO2"] == pytest.approx(4.3 * 20.2 * C2CO2)
    assert line["CO2"] == pytest.approx(4.3 * 74.1, rel=0.001)
    assert (line["CH4"], line["N2O"]) == pytest.approx((0.0129, 0.00258))
    # AR5 (the methodology's default): 318.487 + 0.0129 x 28 + 0.00258 x 265
    assert line["co2e"] == pytest.approx(4.3 * 20.2 * C2CO2 + 0.0129 * 28 + 0.00258 * 265)


def test_road_diesel_tier1():
    # 100 t road diesel: 4.3 TJ; Table 3.2.1 CO2 74 100 kg/TJ (= Table 1.3 20.2 x 44/12), Table 3.2.2 CH4 3.9 and
    # N2O 3.9 kg/TJ -> 16.77 kg each.
    r = M.calculate_enterprise(["ghg_protocol"], [{"activity": "road_diesel", "amount": 100, "unit": "t"}], YEAR, REGION)
    line = r.lines.iloc[0]
    assert line["CO2"] == pytest.approx(4.3 * 20.2 * C2CO2)
    assert (line["CH4"], line["N2O"]) == pytest.approx((0.01677, 0.01677))


def test_natural_gas_in_a_commercial_building():
    # 10 x 10^4 Nm3 at China's 389.31 GJ/10^4 Nm3 (Table 1.2 has NCVs per mass only) = 3.8931 TJ; Table 1.3 15.3
    # kgC/GJ -> 218.403 t CO2; Table 2.4 (commercial/institutional) gas CH4 5, N2O 0.1 kg/TJ.
    r = M.calculate_enterprise(["ipcc2006"], [{"activity": "natural_gas", "amount": 10, "unit": "10^4 Nm3",
                                               "sector": "buildings"}], YEAR, REGION)
    line = r.lines.iloc[0]
    assert line["CO2"] == pytest.approx(3.8931 * 15.3 * C2CO2)
    assert (line["CH4"], line["N2O"]) == pytest.approx((3.8931 * 5e-3, 3.8931 * 0.1e-3))
    assert line["factor:ncv"].startswith("CN-FUEL") and line["factor:cc"].startswith("IPCC-FUEL")


def test_ipcc_and_china_results_differ_as_their_tables_do():
    # Bituminous coal 1000 t: IPCC Tier 1 25.8 x 25.8 x 44/12 = 2440.68 t; NDRC 2015 23.204 x 0.02618 x 0.93 x 44/12
    # = 2071.51 t: the international methodology no longer takes the national values (issue 15 item 1).
    row = [{"activity": "bituminous_coal", "amount": 1000, "unit": "t"}]
    ipcc_r = M.calculate_enterprise(["ipcc2006"], row, YEAR, REGION)
    china = M.calculate_enterprise(["cn_other_industry"], row, YEAR, REGION)
    assert ipcc_r.lines["CO2"][0] == pytest.approx(2440.68)
    assert china.lines["CO2"][0] == pytest.approx(1000 * 23.204 * 0.02618 * 0.93 * C2CO2)
