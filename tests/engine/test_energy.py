"""Energy activities against worked examples.

China's enterprise guidelines (GB/T 32150-2015, NDRC 2015 "other industrial enterprises") publish formulas and
default tables but no numeric worked example, so the China cases below are computed by hand in the test from the
guideline's default table (values cited beside each number). IPCC cases use the tabulated IPCC 2006 defaults.
"""

import pytest

from parkcarbon.engine import InputError

C2CO2 = 44 / 12


def co2(result):
    return result.lines["CO2"].sum()


def test_bituminous_coal_china_default(calc):
    # NDRC 2015 other-industry guideline, Appendix 2 Table 2.1: NCV 23.204 GJ/t, CC 0.02618 tC/GJ, OF 93 %.
    # 1000 t x 23.204 x 0.02618 x 0.93 x 44/12 = 2071.51 tCO2 (23204 GJ -> 607.481 tC -> 564.957 tC).
    r = calc([{"activity": "bituminous_coal", "amount": 1000, "unit": "t"}])
    assert co2(r) == pytest.approx(2071.51, abs=0.01)
    assert r.lines["factor:ncv"][0] == "CN-FUEL-004"


def test_natural_gas_china_default(calc):
    # Same table: natural gas NCV 389.31 GJ/10^4 Nm3, CC 0.01530 tC/GJ, OF 99 % -> 100 x 10^4 Nm3 = 2162.2 tCO2.
    r = calc([{"activity": "natural_gas", "amount": 100, "unit": "10^4 Nm3"}])
    assert co2(r) == pytest.approx(100 * 389.31 * 0.0153 * 0.99 * C2CO2, rel=1e-9)
    assert co2(r) == pytest.approx(2162.19, abs=0.01)


def test_diesel_china_default_in_10k_tonnes(calc):
    # Diesel NCV 43.33 GJ/t, CC 0.0202 tC/GJ, OF 98 %: 50 t -> 157.26 tCO2; 0.005 x 10^4 t is the same 50 t.
    r = calc([{"activity": "diesel", "amount": 0.005, "unit": "万吨"}])
    assert co2(r) == pytest.approx(157.26, abs=0.01)


def test_ipcc_tier1_manufacturing_coal_with_measured_parameters(calc):
    # IPCC 2006 Vol.2: other bituminous coal NCV 25.8 TJ/Gg (Table 1.2), CC 25.8 kgC/GJ (Table 1.3), Tier 1 OF = 1,
    # so EF 94 600 kgCO2/TJ (Table 1.4); manufacturing CH4 10 / N2O 1.5 kg/TJ (Table 2.3).
    # 1000 t -> 25.8 TJ: CO2 2440.68 t, CH4 0.258 t, N2O 0.0387 t; CO2e (AR5) 2458.2 t.
    row = {"activity": "bituminous_coal", "amount": 1000, "unit": "t", "sector": "industry",
           "ncv": 25.8, "ncv_unit": "TJ/Gg", "cc": 25.8, "cc_unit": "kgC/GJ", "of": 100, "of_unit": "%"}
    r = calc([row], gwp="AR5")
    line = r.lines.iloc[0]
    assert line["CO2"] == pytest.approx(2440.68, abs=0.01)
    assert line["CH4"] == pytest.approx(0.258)
    assert line["N2O"] == pytest.approx(0.0387)
    assert line["co2e"] == pytest.approx(2458.2, abs=0.05)
    assert line["factor:ncv"] == "measured" and line["factor:ef_ch4"].startswith("IPCC-COMB")


def test_ipcc_road_diesel(calc):
    # IPCC 2006 Vol.2 Ch.3: diesel NCV 43.0 TJ/Gg, CO2 EF 74 100 kg/TJ (Table 3.2.1: CC 20.2 kgC/GJ; the table
    # rounds 20.2 x 44/12 = 74.07 up to 74.1), CH4 3.9 and N2O 3.9 kg/TJ (Table 3.2.2). 10 t: 0.43 TJ ->
    # CO2 31.86 t, CH4 1.677 kg, N2O 1.677 kg.
    row = {"activity": "road_diesel", "amount": 10, "unit": "t",
           "ncv": 43.0, "ncv_unit": "TJ/Gg", "cc": 20.2, "cc_unit": "kgC/GJ", "of": 1, "of_unit": "fraction"}
    line = calc([row]).lines.iloc[0]
    assert line["CO2"] == pytest.approx(31.863, rel=1e-3)
    assert line["CH4"] == pytest.approx(0.001677)
    assert line["N2O"] == pytest.approx(0.001677)
    assert line["sector"] == "transport" and line["category"] == "mobile_combustion"


def test_amount_in_heat_units_needs_no_ncv(calc):
    r = calc([{"activity": "natural_gas", "amount": 38931, "unit": "GJ"},
              {"activity": "natural_gas", "amount": 100, "unit": "10^4 Nm3"}])
    assert r.lines["CO2"][0] == pytest.approx(r.lines["CO2"][1])
    assert r.lines["factor:ncv"].isna()[0]


@pytest.mark.parametrize(
    ("basis", "factor_id_prefix", "expected"),
    [
        # 10 000 MWh bought in Jiangsu in 2022 under each factor product:
        ("reporting", "CN-GRID", 5703.0),  # national factor for 2022 reporting, 0.5703 (环办气候函〔2023〕43号)
        ("national", "CN-GRID", 5366.0),  # MEE/NBS 2022 national average 0.5366
        ("regional", "CN-GRID", 5617.0),  # MEE/NBS 2022 East China grid 0.5617
        ("provincial", "CN-GRID", 5978.0),  # MEE/NBS 2022 Jiangsu 0.5978
    ],
)
def test_grid_factor_basis(calc, basis, factor_id_prefix, expected):
    r = calc([{"activity": "electricity_grid", "amount": 10000, "unit": "MWh"}], grid_basis=basis)
    assert r.lines["CO2"][0] == pytest.approx(expected)
    assert r.lines["scope"][0] == 2


def test_grid_factor_follows_region_and_year(calc):
    # Sichuan (Southwest grid) 2021 provincial 0.1255; Tibet has no provincial factor -> Southwest grid 2021 0.2113.
    sichuan = calc([{"activity": "electricity_grid", "amount": 1, "unit": "万千瓦时"}], year=2021, region="CN-SC",
                   grid_basis="provincial")
    assert sichuan.lines["CO2"][0] == pytest.approx(10 * 0.1255)
    tibet = calc([{"activity": "electricity_grid", "amount": 1000, "unit": "kWh"}], year=2021, region="CN-XZ",
                 grid_basis="provincial")
    assert tibet.lines["CO2"][0] == pytest.approx(0.2113)
    # After the latest published year the latest factor applies until superseded (2023 East China 0.5500).
    later = calc([{"activity": "electricity_grid", "amount": 1, "unit": "MWh"}], year=2025, grid_basis="regional")
    assert later.lines["CO2"][0] == pytest.approx(0.5500)


def test_year_before_the_reporting_factors_uses_the_earliest_and_says_so(calc):
    # Reporting years 2013-2020 take the East China 2012 regional average 0.7035 the NDRC guidelines prescribe
    # (NDRC-2014-GRIDAVG, CH-390; a 2019 line took the 2021 national 0.5810 flagged before, issue 15 grid2012). The
    # first reporting factor in the library is for 2013: a 2010 line takes it and names it as used outside its
    # years; a year before 2005 is refused as a whole.
    r = calc([{"row_id": "E7", "activity": "electricity_grid", "amount": 1, "unit": "MWh"}], year=2019)
    assert r.lines["co2e"][0] == pytest.approx(0.7035) and r.lines["out_of_validity"][0] == ""
    r = calc([{"row_id": "E7", "activity": "electricity_grid", "amount": 1, "unit": "MWh"}], year=2010)
    assert r.lines["co2e"][0] == pytest.approx(0.7035) and r.lines["out_of_validity"][0] == "CN-GRID-129"
    with pytest.raises(InputError) as exc:
        calc([{"row_id": "E7", "activity": "electricity_grid", "amount": 1, "unit": "MWh"}], year=2004)
    assert exc.value.problems[0].column == "year" and "2005" in exc.value.problems[0].message


def test_green_electricity_is_market_based_only(calc):
    # 10 000 MWh from the grid of which 2 000 MWh is backed by green certificates, 2022 reporting factor 0.5703:
    # location-based 5703 t; market-based (10 000 - 2 000) x 0.5703 = 4562.4 t.
    r = calc([{"activity": "electricity_grid", "amount": 10000, "unit": "MWh"},
              {"activity": "electricity_green", "amount": 2000, "unit": "MWh"}])
    total = r.totals()
    assert total["co2e"][0] == pytest.approx(5703.0)
    assert total["co2e_market"][0] == pytest.approx(4562.4)


def test_green_electricity_above_purchases_is_rejected(calc):
    with pytest.raises(InputError, match="exceeds"):
        calc([{"activity": "electricity_grid", "amount": 10, "unit": "MWh", "enterprise": "A"},
              {"activity": "electricity_green", "amount": 20, "unit": "MWh", "enterprise": "A"}])


def test_purchased_heat_and_steam(calc):
    # Heat: default 0.11 tCO2/GJ (NDRC 2015 guideline). Steam by mass: AD = Ma x (En - 83.74) x 10^-3 GJ;
    # 1000 t at 2777 kJ/kg -> 2693.26 GJ -> 296.26 tCO2 (hand arithmetic from the guideline's formula).
    r = calc([{"activity": "heat_purchased", "amount": 1000, "unit": "GJ"},
              {"activity": "steam_purchased", "amount": 1000, "unit": "t", "enthalpy": 2777, "enthalpy_unit": "kJ/kg"}])
    assert r.lines["CO2"][0] == pytest.approx(110.0)
    assert r.lines["CO2"][1] == pytest.approx(296.26, abs=0.01)


def test_steam_without_enthalpy_and_cooling_without_factor_are_errors(calc):
    with pytest.raises(InputError) as exc:
        calc([{"activity": "steam_purchased", "amount": 1, "unit": "t"},
              {"activity": "cooling_purchased", "amount": 1, "unit": "GJ"}])
    assert {p.column for p in exc.value.problems} == {"enthalpy", "ef_cooling"}


def test_biomass_co2_is_a_memo_item(calc):
    # IPCC 2006 Vol.2 Table 1.2/1.3 wood: NCV 15.6 TJ/Gg, CC 30.5 kgC/GJ -> 10 t: 0.156 TJ x 30.5 x 44/12 = 17.446 t
    # biogenic CO2, reported separately; its CH4 and N2O count (30 and 4 kg/TJ in manufacturing, Table 2.3).
    r = calc([{"activity": "wood", "amount": 10, "unit": "t"}])
    line = r.lines.iloc[0]
    assert line["CO2"] == 0
    assert line["CO2_biogenic"] == pytest.approx(0.156 * 30.5 * C2CO2, rel=1e-9)
    assert line["co2e"] == pytest.approx(0.156 * 30e-3 * 28 + 0.156 * 4e-3 * 265)


@pytest.mark.parametrize(("year", "factor"), [(2021, 0.5810), (2022, 0.5703), (2023, 0.5703), (2024, 0.5366), (2026, 0.5306)])
def test_reporting_factor_is_the_one_in_force_when_the_year_is_reported(calc, year, factor):
    # 2021: 环办气候函〔2022〕111号; 2022-2023: 〔2023〕43号 (0.5366 was announced in Dec 2024, after 2023 reports
    # were due); 2024: MEE/NBS 2022 average; 2025 on: MEE/NBS 2023 average until superseded.
    r = calc([{"activity": "electricity_grid", "amount": 1, "unit": "MWh"}], year=year)
    assert r.lines["CO2"][0] == pytest.approx(factor)


def test_steam_enthalpy_below_the_feed_water_is_refused(calc):
    """Walk of 2026-11-29 (walker4): purchased steam measured at 0.5 kJ/kg went in as a negative emission (AD = Ma x
    (En - 83.74) x 10^-3 GJ < 0) and a negative energy use. Steam cannot hold less heat than the 20 degC feed water
    the guideline's formula subtracts (83.74 kJ/kg), so such a value is refused with its row and column."""
    with pytest.raises(InputError) as exc:
        calc([{"row_id": "7", "activity": "steam_purchased", "amount": 10, "unit": "t", "enthalpy": 0.5,
               "enthalpy_unit": "kJ/kg"},
              {"row_id": "8", "activity": "steam_purchased", "amount": 10, "unit": "t", "enthalpy": 2.777,
               "enthalpy_unit": "GJ/t"}])  # 2,777 kJ/kg in GJ/t: fine
    [problem] = exc.value.problems
    assert (problem.row, problem.column) == ("7", "enthalpy")
    assert "83.74 kJ/kg" in problem.message and "蒸汽热焓应不小于 83.74 kJ/kg" in problem.message_zh
    # at exactly the feed water's enthalpy the steam brings no heat: zero, not refused
    r = calc([{"activity": "steam_purchased", "amount": 10, "unit": "t", "enthalpy": 83.74, "enthalpy_unit": "kJ/kg"}])
    assert r.lines["CO2"][0] == pytest.approx(0.0, abs=1e-9)
