"""China independent coking enterprise guideline (NDRC 2014, NDRC-2014-COKING), status transcribed in issue 15.

E = E_combustion + E_process (coking + by-product processing, carbon balance) - R_CO2 recovered + E_electricity + E_heat.
Expected answers are the guideline's equations worked by hand with the default tables the methodology uses (named
beside each number) or with the measured carbon contents the guideline requires for the carbon balance (it gives the
balance equation E = (sum input x C - sum output x C) x 44/12; the contents are the enterprise's analyses).
"""

import pytest

from parkcarbon.engine import InputError
from parkcarbon.engine import methodology as M
from tests.engine.guideline_results import category

YEAR, REGION = 2022, "CN-SX"  # Shanxi
C2CO2 = 44 / 12


def calc(rows):
    return M.calculate_enterprise(["cn_coking"], rows, YEAR, REGION)


def test_coking_states_every_category_and_stays_listed():
    m = M.get("cn_coking")
    assert m.status == "listed"  # the balance's default carbon contents of the appendix were not found: measured only
    assert [c.id for c in m.categories] == ["fuel_combustion", "coking_process", "other_processes", "co2_recovered",
                                            "purchased_electricity", "purchased_heat"]
    assert {c for t in m.tables for c in t.categories} == {c.id for c in m.categories}
    assert not any(c.id.endswith("flaring") for c in m.categories)  # the guideline has no flaring source


def test_coking_process_carbon_balance():
    # Coking process (炼焦过程), carbon balance with the plant's measured contents:
    # in:  coking coal 1 300 000 t x 0.78                     = 1 014 000 t C
    # out: coke 1 000 000 t x 0.85                             =   850 000 t C
    #      coke oven gas 45 000 x 10^4 Nm3 x 2.1 t C/10^4 Nm3  =    94 500 t C
    #      tar 45 000 t x 0.90                                 =    40 500 t C
    #      crude benzene 13 000 t x 0.92                       =    11 960 t C
    # E = (1 014 000 - 996 960) x 44/12 = 17 040 x 44/12 = 62 480 t CO2
    r = calc([
        {"activity": "chem_carbon_input", "amount": 1_300_000, "unit": "t", "carbon": 0.78, "carbon_unit": "fraction"},
        {"activity": "chem_carbon_output", "amount": 1_000_000, "unit": "t", "carbon": 0.85, "carbon_unit": "fraction"},
        {"activity": "coking_coke_oven_gas_output", "amount": 45_000, "unit": "10^4 Nm3",
         "carbon_volume": 2.1, "carbon_volume_unit": "tC/10^4 Nm3"},
        {"activity": "chem_carbon_output", "amount": 45_000, "unit": "t", "carbon": 0.90, "carbon_unit": "fraction"},
        {"activity": "chem_carbon_output", "amount": 13_000, "unit": "t", "carbon": 0.92, "carbon_unit": "fraction"},
    ])
    assert category(r, "coking_process", "CO2") == pytest.approx(62_480.0)
    assert category(r, "coking_process") == pytest.approx(62_480.0)


def test_coke_oven_gas_carbon_from_its_composition():
    # Carbon per 10^4 Nm3 from the volume fractions (CH4 25 %, CO 7 %, CO2 2.5 %, CmHn 2.5 % as C2):
    # 12/22.4 x 10 x (0.25 + 0.07 + 0.025 + 2 x 0.025) = 5.357143 x 0.395 = 2.116071 t C per 10^4 Nm3;
    # 10 000 x 10^4 Nm3 leaving the coking balance: -10 000 x 2.116071 x 44/12 = -77 589.3 t CO2
    cv = 12 / 22.4 * 10 * (0.25 + 0.07 + 0.025 + 2 * 0.025)
    assert cv == pytest.approx(2.116071, abs=1e-6)
    r = calc([{"activity": "coking_coke_oven_gas_output", "amount": 10_000, "unit": "10^4 Nm3",
               "carbon_volume": cv, "carbon_volume_unit": "tC/10^4 Nm3"}])
    assert category(r, "coking_process", "CO2") == pytest.approx(-77_589.3, abs=0.1)
    # the same gas given in m3 at standard conditions converts: 1e8 Nm3 = 10 000 x 10^4 Nm3
    r2 = calc([{"activity": "coking_coke_oven_gas_output", "amount": 1e8, "unit": "Nm3",
                "carbon_volume": cv, "carbon_volume_unit": "tC/10^4 Nm3"}])
    assert category(r2, "coking_process", "CO2") == pytest.approx(-77_589.3, abs=0.1)


def test_by_product_processing_coke_oven_gas_to_methanol():
    # Other processes (焦化产品延伸加工): coke oven gas to methanol.
    # in:  gas fed 20 000 x 10^4 Nm3 x 2.1 t C/10^4 Nm3 = 42 000 t C
    # out: methanol 100 000 t x 12/32 (CH3OH carbon)    = 37 500 t C
    #      purge gas 3 000 x 10^4 Nm3 x 1.0             =  3 000 t C
    # E = (42 000 - 40 500) x 44/12 = 5 500 t CO2
    r = calc([
        {"activity": "coking_ext_gas_input", "amount": 20_000, "unit": "10^4 Nm3",
         "carbon_volume": 2.1, "carbon_volume_unit": "tC/10^4 Nm3"},
        {"activity": "coking_ext_carbon_output", "amount": 100_000, "unit": "t", "carbon": 12 / 32,
         "carbon_unit": "fraction"},
        {"activity": "coking_ext_gas_output", "amount": 3_000, "unit": "10^4 Nm3",
         "carbon_volume": 1.0, "carbon_volume_unit": "tC/10^4 Nm3"},
    ])
    assert category(r, "other_processes", "CO2") == pytest.approx(5_500.0)
    assert category(r, "coking_process") == 0


def test_fuel_combustion_recovery_and_purchased_energy_at_the_default_tables():
    # Coke oven gas burnt to heat the ovens, 20 000 x 10^4 Nm3, at the China fuel table (NDRC 2015 Appendix 2,
    # Table 2.1, as transcribed: CN-FUEL-061..063): NCV 173.854 GJ/10^4 Nm3, 0.0136 t C/GJ, oxidation 99 %:
    # 20 000 x 173.854 x 0.0136 x 0.99 x 44/12 = 171 656.5 t CO2.
    # CO2 recovered and sold 5 000 t: deducted (identity, SECTOR-001).
    # Purchased heat 100 000 GJ x 0.11 t CO2/GJ (the guideline's default, CN-GRID-088) = 11 000 t CO2.
    # Net purchased electricity 50 000 MWh x 0.5703 t CO2/MWh (MEE reporting factor for 2022, CN-GRID-002)
    # = 28 515 t CO2.
    r = calc([
        {"activity": "coke_oven_gas", "amount": 20_000, "unit": "10^4 Nm3"},
        {"activity": "co2_recovered_supplied", "amount": 5_000, "unit": "t"},
        {"activity": "heat_purchased", "amount": 100_000, "unit": "GJ"},
        {"activity": "electricity_grid", "amount": 50_000, "unit": "MWh"},
    ])
    assert category(r, "fuel_combustion") == pytest.approx(20_000 * 173.854 * 0.0136 * 0.99 * C2CO2)
    assert category(r, "fuel_combustion") == pytest.approx(171_656.5, abs=0.1)
    assert category(r, "co2_recovered") == pytest.approx(-5_000.0)
    assert category(r, "purchased_heat") == pytest.approx(11_000.0)
    assert category(r, "purchased_electricity") == pytest.approx(28_515.0)


def test_carbon_contents_are_measured_and_a_missing_one_names_the_line():
    problems = M.check_rows(["cn_coking"], [
        {"row_id": "coal", "activity": "chem_carbon_input", "amount": 1_000, "unit": "t"},
        {"row_id": "cog", "activity": "coking_coke_oven_gas_output", "amount": 10, "unit": "10^4 Nm3"},
        {"row_id": "tar", "activity": "coking_ext_carbon_input", "amount": 10, "unit": "t"},
    ])
    assert {(p.row, p.column) for p in problems} == {("coal", "carbon"), ("cog", "carbon_volume"), ("tar", "carbon")}
    assert all("no default" in p.message and "未给出" in p.message_zh for p in problems)


def test_coke_oven_gas_output_is_refused_in_tonnes():
    with pytest.raises(InputError) as exc:
        calc([{"row_id": "cog", "activity": "coking_coke_oven_gas_output", "amount": 5, "unit": "t",
               "carbon_volume": 2.1, "carbon_volume_unit": "tC/10^4 Nm3"}])
    assert [(p.row, p.column) for p in exc.value.problems] == [("cog", "unit")]
