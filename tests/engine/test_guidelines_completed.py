"""China enterprise guidelines completed in issue 15 (flat glass, ceramics, power grid), and the activities every
methodology must place. Expected answers are computed by hand from the cited tables (value and table named beside
each number); China's guidelines publish formulas and default tables, not numeric worked examples."""

import pytest

from parkcarbon.engine import load_library
from parkcarbon.engine import methodology as M

C2CO2 = 44 / 12
YEAR, REGION = 2022, "CN-JS"  # Jiangsu: East China regional grid


def calc(mid, rows):
    return M.calculate_enterprise([mid], rows, YEAR, REGION)


def co2e(result, category=None):
    lines = result.lines if category is None else result.lines[result.lines["guideline_category"] == category]
    return float(lines["co2e"].sum())


@pytest.mark.parametrize(("mid", "status"), [("cn_flat_glass", "complete"), ("cn_power_grid", "complete"),
                                             ("cn_machinery", "complete"), ("cn_mining", "complete"),
                                             # its own fuel table, checked against the published text (CN-CER-*)
                                             ("cn_ceramics", "complete")])
def test_completed_guidelines_are_complete(mid, status):
    m = M.get(mid)
    assert m.status == status and m.tables
    assert {c for t in m.tables for c in t.categories} == {c.id for c in m.categories}  # every category reported


# --- flat glass (NDRC 2013, 发改办气候〔2013〕2526号) ------------------------------------------------------------------

def test_flat_glass_carbonate_decomposition():
    # E = sum M_i x EF_i x F_i. EF = stoichiometric CO2 per tonne of carbonate (IPCC 2006 Vol.3 Table 2.1: CaCO3
    # 0.43971, CaMg(CO3)2 0.47732): 1000 t limestone fully calcined + 3000 t dolomite at F = 98 % = 1843.03 t CO2.
    r = calc("cn_flat_glass", [{"activity": "carbonate_limestone", "amount": 1000, "unit": "t"},
                               {"activity": "carbonate_dolomite", "amount": 3000, "unit": "t",
                                "fraction": 98, "fraction_unit": "%"}])
    assert co2e(r, "raw_material_decomposition") == pytest.approx(1000 * 0.43971 + 3000 * 0.47732 * 0.98)
    assert co2e(r) == pytest.approx(1843.03, abs=0.01)


def test_flat_glass_carbon_powder_and_furnace_gas():
    # Carbon powder 500 t at a measured 85 % C: 500 x 0.85 x 44/12 = 1558.33 t. Natural gas for the furnace, the flat
    # glass guideline's own Appendix 2 Tables 2.1-2.3 (38.931 MJ/m3 = 389.31 GJ/10^4 Nm3, 15.32 tC/TJ, 99.5 %):
    # 389.31 x 0.01532 x 0.995 x 44/12 = 21.759496 t/10^4 Nm3 x 1000 -> 21 759.50 t CO2.
    r = calc("cn_flat_glass", [{"activity": "glass_carbon_powder", "amount": 500, "unit": "t",
                                "carbon": 85, "carbon_unit": "%"},
                               {"activity": "natural_gas", "amount": 1000, "unit": "10^4 Nm3"}])
    assert co2e(r, "carbon_powder") == pytest.approx(1558.33, abs=0.01)
    assert co2e(r, "fuel_combustion") == pytest.approx(21_759.50, abs=0.01)
    (p,) = M.check_rows(["cn_flat_glass"], [{"activity": "glass_carbon_powder", "amount": 1, "unit": "t"}])
    assert p.column == "carbon"  # the guideline asks for the measured carbon content: no silent default


# --- ceramics (NDRC 2013) -----------------------------------------------------------------------------------------

def test_ceramics_firing_carbonates():
    # 2000 t of body material with 60 % CaCO3 and 500 t of magnesite at 90 % MgCO3 (IPCC 2006 Vol.3 Table 2.1:
    # 0.43971, 0.52197): 2000 x 0.6 x 0.43971 + 500 x 0.9 x 0.52197 = 527.652 + 234.887 = 762.54 t CO2.
    r = calc("cn_ceramics", [{"activity": "carbonate_limestone", "amount": 2000, "unit": "t", "fraction": 60, "fraction_unit": "%"},
                             {"activity": "carbonate_magnesite", "amount": 500, "unit": "t", "fraction": 0.9, "fraction_unit": "fraction"}])
    assert co2e(r) == pytest.approx(762.54, abs=0.01)


def test_ceramics_kiln_gas_and_production_electricity_only():
    # Natural gas 200 x 10^4 Nm3 at the ceramics guideline's own fuel table (Appendix 2 Table 2.1 as transcribed,
    # CN-CER-043..045: 389.30 GJ/10^4 Nm3, 15.30 tC/TJ, 99 %): 200 x 389.30 x 0.0153 x 0.99 x 44/12 = 4324.27 t
    # (NDRC 2015's 389.31 would give 4324.38); 5000 MWh of net purchased production electricity at the 2022 reporting
    # factor 0.5703 tCO2/MWh (环办气候函〔2023〕43号) -> 2851.5 t.
    r = calc("cn_ceramics", [{"activity": "natural_gas", "amount": 200, "unit": "10^4 Nm3"},
                             {"activity": "electricity_grid", "amount": 5000, "unit": "MWh"}])
    assert co2e(r, "fuel_combustion") == pytest.approx(4324.27, abs=0.01)
    assert co2e(r, "purchased_electricity") == pytest.approx(2851.5)
    # the ceramics guideline has no purchased-heat category: such a row is not covered by it
    (p,) = M.check_rows(["cn_ceramics"], [{"activity": "heat_purchased", "amount": 10, "unit": "GJ"}])
    assert p.column == "activity"


# --- power grid (NDRC 2013) ---------------------------------------------------------------------------------------

def test_power_grid_sf6_from_repair_and_retirement():
    # Eq: (nameplate capacity - recovered) x GWP, SAR SF6 23 900 (the guideline's GWP): retired 1200 - 1100 kg,
    # repaired 500 - 480 kg -> 0.12 t SF6 -> 2868 t CO2e.
    r = calc("cn_power_grid", [{"activity": "sf6_equipment_retired", "amount": 1200, "unit": "kg", "recovered": 1100},
                               {"activity": "sf6_equipment_repaired", "amount": 500, "unit": "kg", "recovered": 480}])
    assert r.lines["SF6"].sum() == pytest.approx(0.12) and co2e(r) == pytest.approx(2868.0)


def test_power_grid_losses_at_the_regional_grid_factor():
    # Losses = supplied + imported - exported - sold = 60 000 MWh; East China regional grid average factor for data
    # year 2022, 0.5617 tCO2/MWh (MEE/NBS 2024 publication) -> 33 702 t CO2.
    r = calc("cn_power_grid", [{"activity": "electricity_td_losses", "amount": 60_000, "unit": "MWh"}])
    assert co2e(r, "grid_losses") == pytest.approx(33_702.0)
    assert r.lines["factor:ef_grid"][0] == "CN-GRID-014"


# --- every activity has a guideline (item 4) ------------------------------------------------------------------------

def test_every_catalogue_activity_is_placed_by_some_methodology():
    covered = {a for m in M.methodologies().values() for a in m.activities}
    assert set(load_library().activities) <= covered


@pytest.mark.parametrize("mid", ["ghg_protocol", "cn_park_inventory"])
def test_renewable_generation_is_a_memo_of_avoided_emissions(mid):
    # 1000 MWh at the MEE/NBS national fossil-power factor for 2022, 0.8325 tCO2/MWh: 832.5 t avoided, never in a total.
    rows = [{"activity": "electricity_renewable_generated", "amount": 1000, "unit": "MWh"}]
    r = M.calculate_park({"E1": ([mid], rows)}, YEAR, REGION) if mid == "cn_park_inventory" else calc(mid, rows)
    assert r.lines["guideline_category"][0] == "avoided_renewable_generation"
    assert r.lines["avoided_CO2"][0] == pytest.approx(832.5) and r.total_co2e == 0


# --- machinery (NDRC 2015, 发改办气候〔2015〕1722号) -------------------------------------------------------------------

def test_machinery_co2_shielding_gas():
    # E = shielding gas used x its CO2 share: 20 t of pure CO2 + 10 t of an Ar/CO2 mixture with 20 % CO2 by mass = 22 t.
    r = calc("cn_machinery", [{"activity": "welding_co2_shielding_gas", "amount": 20, "unit": "t"},
                              {"activity": "welding_co2_shielding_gas", "amount": 10, "unit": "t",
                               "fraction": 20, "fraction_unit": "%"}])
    assert co2e(r, "shielding_gas") == pytest.approx(22.0)


def test_machinery_fgas_balance_at_sar():
    # (stock at start + purchased - stock at end - charged into products shipped) x SAR GWP (the guideline's):
    # switchgear SF6 (0.5 + 2 - 0.8 - 1.5) = 0.2 t x 23 900 = 4780 t; refrigerators HFC-134a (10 - 1 - 8.5) = 0.5 t
    # x 1300 = 650 t; CF4 (100 - 90) kg = 0.01 t x 6500 = 65 t.
    r = calc("cn_machinery", [
        {"activity": "fgas_sf6", "amount": 2, "unit": "t", "inventory_start": 0.5, "inventory_end": 0.8, "disposed": 1.5},
        {"activity": "fgas_hfc134a", "amount": 10, "unit": "t", "inventory_end": 1, "disposed": 8.5},
        {"activity": "fgas_cf4", "amount": 100, "unit": "kg", "disposed": 90}])
    assert r.lines["co2e"].tolist() == pytest.approx([4780.0, 650.0, 65.0])
    assert co2e(r, "fgas_use") == pytest.approx(5495.0)


# --- mining (NDRC 2015) ---------------------------------------------------------------------------------------------

def test_mining_ore_roasting_and_carbonation():
    # Decomposition: AD x n x EF x PUR = 10 000 t ore x 95 % decomposed x 80 % CaCO3 x 0.43971 (IPCC 2006 Vol.3
    # Table 2.1) = 3341.80 t. Carbonation absorbs AD x EF x PUR: 5000 t product at 98 % CaCO3 = 4900 t CaCO3 x
    # 0.43971 = 2154.58 t, deducted -> 1187.22 t.
    r = calc("cn_mining", [{"activity": "carbonate_limestone", "amount": 10_000, "unit": "t",
                            "fraction": 0.95 * 0.8, "fraction_unit": "fraction"},
                           {"activity": "carbonation_caco3", "amount": 5000 * 0.98, "unit": "t"}])
    assert co2e(r, "carbonate_use") == pytest.approx(3341.80, abs=0.01)
    assert co2e(r, "carbonation") == pytest.approx(-2154.58, abs=0.01)
    assert co2e(r) == pytest.approx(1187.22, abs=0.01)


def test_mining_diesel_and_purchased_heat():
    # Diesel for haul trucks, NDRC 2015 Table 2.1 (43.33 GJ/t, 0.0202 tC/GJ, 98 %): 500 t -> 1572.56 t; hot water
    # 1000 GJ x 0.11 tCO2/GJ (the guideline's heat factor) = 110 t.
    r = calc("cn_mining", [{"activity": "diesel", "amount": 500, "unit": "t"},
                           {"activity": "heat_purchased", "amount": 1000, "unit": "GJ"}])
    assert co2e(r, "fuel_combustion") == pytest.approx(500 * 43.33 * 0.0202 * 0.98 * C2CO2)
    assert co2e(r, "fuel_combustion") == pytest.approx(1572.56, abs=0.01)
    assert co2e(r, "purchased_heat") == pytest.approx(110.0)
