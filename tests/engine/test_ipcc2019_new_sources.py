"""Source categories the 2019 Refinement adds (issue 15): hydrogen production, abandoned underground coal mines,
wastewater treatment-plant and effluent N2O. Expected answers are hand arithmetic from the Refinement's equations and
tables named beside each number (read in the IPCC's published PDFs of the chapters), never from running the engine."""

import re

import pytest

from parkcarbon.engine import load_library
from parkcarbon.engine import methodology as M

N2O = 44 / 28  # N2O-N to N2O (Vol.5 Ch.6 Eq 6.7 / 6.9)
CO2 = 44 / 12  # C to CO2 (Vol.3 Eq 3.44 / 3.45)
CH4_DENSITY = 0.67e-6 * 1e3 * 1e6  # Eq 4.1.10 conversion factor 0.67 x 10^-6 Gg/m3 -> t per 10^6 m3 (= 670)
REGION = "CN-SX"  # Shanxi: coal mines, a coal-to-hydrogen plant


def calc(rows, year=2022, gwp=None):
    return M.calculate_enterprise(["ipcc2019"], rows, year, REGION, gwp=gwp)


def by_activity(result, column):
    return dict(zip(result.lines["activity"], result.lines[column], strict=True))


def mines(count, period, gassy):
    return {"activity": f"abandoned_mines_{period}", "amount": count, "unit": "facility",
            "gassy_fraction": gassy, "gassy_fraction_unit": "fraction"}


def test_hydrogen_production_tier_1b_and_1c_table_3_30():
    # Vol.3 Ch.3 s.3.11, Table 3.30 (new): natural gas reforming FRF 165 GJ/t H2, CCF 0.0153 t C/GJ; coal gasification
    # CCF 0.0258; general default FRF 175, CCF 0.0183.
    # Eq 3.45 (Tier 1b): 1 000 t H2 x 165 x 0.0153 x 44/12 = 9 256.5 t CO2.
    # Eq 3.44 (Tier 1c): 100 000 GJ of coal x 0.0258 x 44/12 = 9 460 t CO2 (no FRF).
    # Eq 3.46 (Tier 1a, general default): 500 t H2 x 175 x 0.0183 x 44/12 = 5 871.25 t CO2.
    # R_CO2: 2 000 t recovered and supplied (line co2_recovered_supplied) is deducted.
    rows = [{"activity": "hydrogen_natural_gas", "amount": 1000, "unit": "t"},
            {"activity": "hydrogen_coal", "amount": 100, "unit": "TJ"},
            {"activity": "hydrogen_unspecified", "amount": 500, "unit": "t"},
            {"activity": "co2_recovered_supplied", "amount": 2000, "unit": "t"}]
    r = calc(rows)
    co2 = by_activity(r, "CO2")
    assert co2["hydrogen_natural_gas"] == pytest.approx(1000 * 165 * 0.0153 * CO2)
    assert co2["hydrogen_natural_gas"] == pytest.approx(9256.5)
    assert co2["hydrogen_coal"] == pytest.approx(9460.0)
    assert co2["hydrogen_unspecified"] == pytest.approx(5871.25)
    assert r.lines["CO2"].sum() == pytest.approx(9256.5 + 9460 + 5871.25 - 2000)
    assert set(r.lines["guideline_category"]) == {"2_ippu"}
    lib = load_library()
    frf = lib.factors[r.lines["factor:frf"].iloc[0]]
    assert (frf.value, frf.unit, frf.uncertainty_pct) == (165, "GJ/t", 10) and "Table 3.30" in frf.table
    # a line given as feedstock heat uses no FRF (Tier 1c): no FRF factor on it
    assert not isinstance(r.lines["factor:frf"].iloc[1], str)
    # a measured CCF (Tier 2c): 100 000 GJ of lignite-type coal at 0.0276 t C/GJ -> 10 120 t CO2
    measured = [{**rows[1], "ccf": 0.0276, "ccf_unit": "tC/GJ"}]
    assert calc(measured).lines["CO2"].iloc[0] == pytest.approx(100_000 * 0.0276 * CO2)


def test_hydrogen_is_not_offered_under_ipcc2006():
    rows = [{"row_id": "h2", "activity": "hydrogen_natural_gas", "amount": 10, "unit": "t"}]
    assert any(p.row == "h2" for p in M.check_rows(["ipcc2006"], rows))
    assert not M.check_rows(["ipcc2019"], rows)


def test_abandoned_mines_example_of_table_4_1_7():
    # Vol.2 Ch.4 s.4.1.5.2, Table 4.1.7 (worked example, inventory year 2005): mines closed per interval 20 / 15 / 10 /
    # 5 / 1, gassy fractions 0.1 / 0.5 / 0.75 / 1.0 / 1.0, Table 4.1.6 factors for 2005 0.256 / 0.301 / 0.382 / 0.601 /
    # 1.265 million m3 per mine; Eq 4.1.10 x 0.67 Gg/10^6 m3: 0.343, 1.513, 1.919, 2.013, 0.848 Gg CH4, total 6.64 Gg
    # as the table prints (it prints 2.07 for the 1976-2000 band, which its own total of 6.64 does not include:
    # 0.34 + 1.51 + 1.92 + 2.07 + 0.85 = 6.69; 5 x 1.0 x 0.601 x 0.67 = 2.013).
    rows = [mines(20, "1901_1925", 0.1), mines(15, "1926_1950", 0.5), mines(10, "1951_1975", 0.75),
            mines(5, "1976_2000", 1.0), mines(1, "2001_2025", 1.0)]
    r = calc(rows, year=2005)
    ch4 = by_activity(r, "CH4")
    assert ch4["abandoned_mines_1901_1925"] == pytest.approx(20 * 0.1 * 0.256 * CH4_DENSITY)  # 343.04 t
    assert [ch4[f"abandoned_mines_{p}"] / 1000 for p in ("1901_1925", "1926_1950", "1951_1975", "2001_2025")] == \
        pytest.approx([0.34, 1.51, 1.92, 0.85], abs=0.005)
    assert ch4["abandoned_mines_1976_2000"] == pytest.approx(5 * 0.601 * CH4_DENSITY)
    assert r.lines["CH4"].sum() / 1000 == pytest.approx(6.64, abs=0.005)
    assert not any(r.lines["out_of_validity"])  # Table 4.1.6 has a factor for every inventory year


def test_abandoned_mines_factor_follows_the_inventory_year_and_is_fossil_ch4():
    # Table 4.1.6: mines closed 2001-2025 emit 1.265 million m3 per mine in 2005 and 0.542 in 2022; AR6 weighs fossil CH4
    # with 29.8 (WG1 Ch.7 Table 7.15): 3 gassy mines in 2022 -> 3 x 0.542 x 670 = 1 089.42 t CH4 -> 32 464.716 t CO2e.
    row = [mines(3, "2001_2025", 1.0)]
    assert calc(row, year=2005).lines["CH4"].iloc[0] == pytest.approx(3 * 1.265 * CH4_DENSITY)
    r = calc(row, year=2022, gwp="AR6")
    assert r.lines["CH4"].iloc[0] == pytest.approx(1089.42)
    assert r.lines["co2e"].iloc[0] == pytest.approx(1089.42 * 29.8)


def test_gassy_fraction_is_asked_for_and_bounded():
    # Table 4.1.5 gives a low-high range per closure interval (e.g. 1976-2000: 8-100 %), not one default.
    row = {"row_id": "m", "activity": "abandoned_mines_1976_2000", "amount": 4, "unit": "facility"}
    assert ("m", "gassy_fraction") in {(p.row, p.column) for p in M.check_rows(["ipcc2019"], [row])}
    rules = {d["name"]: d["rule"] for d in M.parameter_defaults("ipcc2019", "abandoned_mines_1976_2000", 2022, REGION)}
    assert rules == {"gassy_fraction": "none", "ef_ch4": "library"}
    with pytest.raises(Exception, match="gassy_fraction"):
        calc([{**row, "gassy_fraction": 1.5, "gassy_fraction_unit": "fraction"}])


def test_wastewater_plant_and_effluent_n2o_tables_6_8a_and_6_10c():
    # Vol.5 Ch.6: Eq 6.9 plant N2O = TN x EF_plant x 44/28, EF_plant of a centralised aerobic plant 0.016 (Table 6.8A);
    # Eq 6.8 effluent N = TN x (1 - N_REM), N_REM secondary 0.40, tertiary 0.80 (Table 6.10C); Eq 6.7 effluent N2O =
    # N_effluent x EF_effluent 0.005 (Table 6.8A, Tier 1) x 44/28.
    # 100 t N into a secondary plant: (1.6 + 60 x 0.005) t N2O-N = 1.9 x 44/28 = 2.985714 t N2O;
    # tertiary: (1.6 + 20 x 0.005) = 1.7 x 44/28 = 2.671429 t. Effluent N measured, 50 t: 0.25 x 44/28 = 0.392857 t;
    # to nutrient-impacted / hypoxic waters, EF 0.019 (Table 6.8A, Tier 3): 0.95 x 44/28 = 1.492857 t.
    rows = [{"activity": a, "amount": n, "unit": "t"} for a, n in (
        ("wwtp_n2o_secondary", 100), ("wwtp_n2o_tertiary", 100), ("wastewater_effluent_n", 50),
        ("wastewater_effluent_n_eutrophic", 50))]
    n2o = by_activity(calc(rows), "N2O")
    assert n2o["wwtp_n2o_secondary"] == pytest.approx(1.9 * N2O)
    assert n2o["wwtp_n2o_tertiary"] == pytest.approx(1.7 * N2O)
    assert n2o["wastewater_effluent_n"] == pytest.approx(0.25 * N2O)
    assert n2o["wastewater_effluent_n_eutrophic"] == pytest.approx(0.95 * N2O)
    # the plant's own measured removal (e.g. 0.9 of the nitrogen) replaces Table 6.10C: 1.6 + 10 x 0.005 = 1.65
    measured = [{**rows[1], "n_rem": 0.9, "n_rem_unit": "fraction"}]
    assert calc(measured).lines["N2O"].iloc[0] == pytest.approx(1.65 * N2O)


def test_oil_and_gas_systems_tier_1_tables_4_2_4a_to_4_2_4j():
    # Vol.2 Ch.4 s.4.2, Eq 4.2.10-4.2.16: each gas = volume x the segment's factor.
    # Table 4.2.4A, onshore oil production with higher-emitting practices, per thousand m3: CH4 3.43, CO2 12.40,
    #   N2O 1.9E-04 -> 200 thousand m3: 686 t CH4, 2 480 t CO2, 0.038 t N2O.
    # Table 4.2.4C, refining, per thousand m3 refined: CH4 0.03, CO2 5.85, N2O 8.77E-05 -> 1 000 thousand m3 (10^6 m3):
    #   30 t CH4, 5 850 t CO2, 0.0877 t N2O.
    # Table 4.2.4I, transmission with limited LDAR, per million m3 consumed: CH4 3.36, CO2 0.23, N2O NA -> 5 x 10^8 m3
    #   = 500 million m3: 1 680 t CH4, 115 t CO2, no N2O.
    # Table 4.2.4J, distribution with > 50 % plastic pipes and LDAR: CH4 0.62, CO2 0.02 -> 500 million m3: 310 t, 10 t.
    rows = [{"activity": "og19_oil_onshore_high", "amount": 200, "unit": "10^3 m3"},
            {"activity": "og19_oil_refining", "amount": 1_000_000, "unit": "m3"},
            {"activity": "og19_gas_transmission_limited_ldar", "amount": 5, "unit": "10^8 m3"},
            {"activity": "og19_gas_distribution_plastic_ldar", "amount": 500, "unit": "10^6 m3"}]
    r = calc(rows, gwp="AR6")
    gases = {a: (ch4, co2, n2o) for a, ch4, co2, n2o in zip(r.lines["activity"], r.lines["CH4"], r.lines["CO2"],
                                                            r.lines["N2O"], strict=True)}
    assert gases["og19_oil_onshore_high"] == pytest.approx((686, 2480, 0.038))
    assert gases["og19_oil_refining"] == pytest.approx((30, 5850, 0.0877))
    assert gases["og19_gas_transmission_limited_ldar"] == pytest.approx((1680, 115, 0))
    assert gases["og19_gas_distribution_plastic_ldar"] == pytest.approx((310, 10, 0))
    # fugitive CH4 of fossil fuels takes AR6's fossil GWP 29.8 (WG1 Ch.7 Table 7.15), N2O 273 (Table 7.SM.7)
    oil = r.lines[r.lines["activity"] == "og19_oil_onshore_high"].iloc[0]
    assert oil["co2e"] == pytest.approx(2480 + 686 * 29.8 + 0.038 * 273)


def test_overloaded_aerobic_plants_take_the_single_2019_mcf():
    # Vol.5 Ch.6 s.6.2.2.2 and Table 6.3 (updated): no separate MCF for "not well managed" centralised aerobic plants any
    # more, one MCF 0.03 (2006 Table 6.3: 0.3). 100 000 people x 40 g BOD/day (Table 6.4, Asia) x 365 x I 1.25 (Eq 6.3)
    # = 1 825 t BOD x Bo 0.6 (Table 6.2) x 0.03 = 32.85 t CH4 (2006: x 0.3 = 328.5 t). Industrial, Table 6.8 (updated):
    # centralised aerobic 0 -> 0 t CH4 for 1 000 t COD (2006: 1 000 x 0.25 x 0.3 = 75 t).
    rows = [{"activity": "domestic_wastewater_aerobic_overloaded", "amount": 100_000, "unit": "person"},
            {"activity": "industrial_wastewater_aerobic_overloaded", "amount": 1000, "unit": "tCOD"}]
    ch4 = by_activity(calc(rows), "CH4")
    assert ch4["domestic_wastewater_aerobic_overloaded"] == pytest.approx(1825 * 0.6 * 0.03)
    assert ch4["industrial_wastewater_aerobic_overloaded"] == 0
    r06 = M.calculate_enterprise(["ipcc2006"], rows, 2022, REGION)
    assert list(r06.lines["CH4"]) == pytest.approx([1825 * 0.6 * 0.3, 1000 * 0.25 * 0.3])


def test_the_new_factors_cite_the_refinement_tables():
    lib = load_library()
    new = [f for f in lib.factors.values() if f.id.startswith(("IPPU-R19-", "IPCC-R19-AM-", "IPCC-R19-OG-"))
           or f.id in {f"WASTE-R19-{n:03d}" for n in range(4, 15)}]
    assert len(new) == 16 + 8 + 165 + 11 + 52 + 76
    for f in new:
        assert f.dataset == "ipcc2019" and f.source == "IPCC2019" and "2019 Refinement" in f.table
        assert f.provenance in ("official", "derived") and "published PDF" in f.note
    tables = {re.search(r"Table [0-9.A-Z]+ \(2019 Refinement, \w+\)", f.table)[0] for f in new}
    assert tables == {"Table 3.30 (2019 Refinement, new)", "Table 4.1.6 (2019 Refinement, updated)",
                      "Table 6.8A (2019 Refinement, new)", "Table 6.10C (2019 Refinement, new)",
                      "Table 6.3 (2019 Refinement, updated)", "Table 6.8 (2019 Refinement, updated)",
                      *(f"Table 4.2.4{t} (2019 Refinement, new)" for t in "ABCEFGHIJ"),
                      "Table 4.2.4 (2019 Refinement, updated)"}


def test_coal_mining_co2_equations_4_1_3a_and_4_1_7a():
    # Vol.2 Ch.4 (2019 Refinement, new): Eq 4.1.3A underground mining, average CO2 factor 5.9 m3/t; Eq 4.1.7A surface
    # mining, 0.44 m3/t; conversion factor (CO2 density at 20 C, 1 atm) 1.84 x 10^-6 Gg/m3 = 1.84 kg/m3.
    # 1 000 000 t underground: 10^6 x 5.9 x 1.84 / 1000 = 10 856 t CO2; 2 000 000 t surface: 2 x 10^6 x 0.44 x 1.84 /
    # 1000 = 1 619.2 t CO2. The same coal's CH4 (Eq 4.1.3, 18 m3/t x 0.67 kg/m3) stays its own line: 12 060 t CH4.
    rows = [{"activity": "coal_underground_mining_co2", "amount": 1_000_000, "unit": "t"},
            {"activity": "coal_surface_mining_co2", "amount": 200, "unit": "万t"},
            {"activity": "coal_underground_mining", "amount": 1_000_000, "unit": "t"}]
    r = calc(rows)
    co2, ch4 = by_activity(r, "CO2"), by_activity(r, "CH4")
    assert co2["coal_underground_mining_co2"] == pytest.approx(1e6 * 5.9 * 1.84 / 1000)
    assert co2["coal_underground_mining_co2"] == pytest.approx(10856)
    assert co2["coal_surface_mining_co2"] == pytest.approx(1619.2)
    assert ch4["coal_underground_mining"] == pytest.approx(12060)
    assert set(r.lines["guideline_category"]) == {"1B_fugitive"}
    lib = load_library()
    under = lib.factors[r.lines["factor:ef_co2"].iloc[0]]
    surface = lib.factors[r.lines["factor:ef_co2"].iloc[1]]
    # uncertainty: Table 4.1.2 (Tier 1 mining CO2 -50 % to +100 %), Table 4.1.4 (Tier 1 surface CO2 -67 % to +200 %)
    assert (under.value, under.unit, under.uncertainty_pct) == (10.856, "kgCO2/t", 100)
    assert (surface.value, surface.unit, surface.uncertainty_pct) == (0.8096, "kgCO2/t", 200)
    assert "Equation 4.1.3A" in under.table and "Equation 4.1.7A" in surface.table
    # a mine's own factor (Tier 2, from ventilation-air analysis), e.g. 8 m3/t x 1.84 = 14.72 kg/t: 14 720 t CO2
    measured = [{**rows[0], "ef_co2": 14.72, "ef_co2_unit": "kgCO2/t"}]
    assert calc(measured).lines["CO2"].iloc[0] == pytest.approx(14720)


def test_coal_mining_co2_only_under_ipcc2019_and_needs_a_mass():
    # the 2006 Guidelines and the China coal-mining guideline have no Tier 1 CO2 factor for mining
    row = {"row_id": "c", "activity": "coal_underground_mining_co2", "amount": 10, "unit": "t"}
    assert any(p.row == "c" for p in M.check_rows(["ipcc2006"], [row]))
    assert any(p.row == "c" for p in M.check_rows(["cn_coal_mining"], [row]))
    assert not M.check_rows(["ipcc2019"], [row])
    with pytest.raises(Exception, match="unit"):
        calc([{**row, "unit": "10^3 m3"}])


def gases(result):
    return {a: (ch4, co2, n2o) for a, ch4, co2, n2o in zip(result.lines["activity"], result.lines["CH4"],
                                                        result.lines["CO2"], result.lines["N2O"], strict=True)}


def test_oil_and_gas_per_well_and_per_km_tables_4_2_4_to_4_2_4j():
    # Vol.2 Ch.4 s.4.2.2 (2019 Refinement), each gas = wells (or km, or volume) x the sub-segment's factor:
    # Table 4.2.4 (updated), onshore conventional oil exploration, per well drilled in a year: CH4 0.53, CO2 12.44,
    #   N2O 9.0E-05 -> 50 wells: 26.5 t CH4, 622 t CO2, 0.0045 t N2O.
    # Table 4.2.4F (new), unconventional gas exploration with flaring or gas capture, per well drilled: CH4 1.30,
    #   CO2 47.0, N2O 3.4E-04 -> 20 wells (given as 口): 26 t, 940 t, 0.0068 t.
    # Table 4.2.4F, conventional gas exploration per million m3 produced: 0.06 / 0.05 / 3.6E-07 -> 100: 6 / 5 / 3.6E-05.
    # Table 4.2.4G (new), onshore gas production with higher-emitting practices, per active well: 7.07 / 2.51 /
    #   4.3E-05 -> 200 wells: 1 414 t, 502 t, 0.0086 t.
    # Table 4.2.4I (new), transmission with limited LDAR, per km: CH4 4.10, CO2 0.28, N2O NA -> 1 000 km: 4 100 / 280 / 0.
    # Table 4.2.4J (new), distribution < 50 % plastic, per km: 1.17 / 0.03 -> 500 km: 585 / 15; town gas 0.58 /
    #   18.3E-03 per km -> 1 x 10^4 km: 5 800 / 183.
    rows = [{"activity": "og19_oil_expl_conv_drilled", "amount": 50, "unit": "well"},
            {"activity": "og19_gas_expl_flare_drilled", "amount": 20, "unit": "口"},
            {"activity": "og19_gas_expl_conv_prod", "amount": 100, "unit": "10^6 m3"},
            {"activity": "og19_gas_onshore_high_wells", "amount": 200, "unit": "well"},
            {"activity": "og19_gas_transmission_limited_ldar_km", "amount": 1000, "unit": "km"},
            {"activity": "og19_gas_distribution_limited_km", "amount": 500, "unit": "km"},
            {"activity": "og19_town_gas_distribution_km", "amount": 1, "unit": "10^4 km"}]
    g = gases(calc(rows))
    assert g["og19_oil_expl_conv_drilled"] == pytest.approx((26.5, 622, 0.0045))
    assert g["og19_gas_expl_flare_drilled"] == pytest.approx((26, 940, 0.0068))
    assert g["og19_gas_expl_conv_prod"] == pytest.approx((6, 5, 3.6e-05))
    assert g["og19_gas_onshore_high_wells"] == pytest.approx((1414, 502, 0.0086))
    assert g["og19_gas_transmission_limited_ldar_km"] == pytest.approx((4100, 280, 0))
    assert g["og19_gas_distribution_limited_km"] == pytest.approx((585, 15, 0))
    assert g["og19_town_gas_distribution_km"] == pytest.approx((5800, 183, 0))


def test_abandoned_wells_table_4_2_4e():
    # Table 4.2.4E (new), CH4 per abandoned well, onshore: plugged 2.0E-05, unplugged 8.8E-02, all wells 1.2E-02 (the
    # table's note b: from a plugging rate of 86.2 %: 0.862 x 2.0E-05 + 0.138 x 0.088 = 0.01216, printed 1.2E-02);
    # offshore = onshore x 0.02 (note c): 3.5E-07, 1.8E-03, 2.4E-04. CO2 and N2O NA.
    # 862 plugged + 138 unplugged onshore: 0.01724 + 12.144 = 12.16124 t CH4; the same 1 000 wells, status unknown:
    # 12 t; 1 000 offshore wells, status unknown: 0.24 t.
    rows = [{"activity": "og19_abandoned_wells_onshore_plugged", "amount": 862, "unit": "well"},
            {"activity": "og19_abandoned_wells_onshore_unplugged", "amount": 138, "unit": "well"},
            {"activity": "og19_abandoned_wells_onshore_all", "amount": 1000, "unit": "well"},
            {"activity": "og19_abandoned_wells_offshore_all", "amount": 1000, "unit": "well"}]
    r = calc(rows, gwp="AR6")
    g = gases(r)
    assert g["og19_abandoned_wells_onshore_plugged"] == pytest.approx((0.01724, 0, 0))
    assert g["og19_abandoned_wells_onshore_unplugged"] == pytest.approx((12.144, 0, 0))
    assert g["og19_abandoned_wells_onshore_all"] == pytest.approx((12, 0, 0))
    assert g["og19_abandoned_wells_offshore_all"] == pytest.approx((0.24, 0, 0))
    # fossil CH4 under AR6: 29.8 (WG1 Ch.7 Table 7.15): 12 t -> 357.6 t CO2e
    assert r.lines["co2e"].iloc[2] == pytest.approx(12 * 29.8)
    lib = load_library()
    f = lib.factors[r.lines["factor:ef_ch4"].iloc[1]]
    assert (f.value, f.unit, f.uncertainty_pct) == (0.088, "tCH4/well", 150) and "Table 4.2.4E" in f.table


def test_wells_and_km_need_their_unit_and_exist_under_ipcc2019_only():
    row = {"row_id": "w", "activity": "og19_oil_expl_conv_drilled", "amount": 5, "unit": ""}
    with pytest.raises(Exception, match="a unit is required"):
        calc([row])
    with pytest.raises(Exception, match="t is not a unit of count"):
        calc([{**row, "unit": "t"}])
    with pytest.raises(Exception, match="is not a unit of length"):
        calc([{**row, "activity": "og19_gas_distribution_limited_km", "unit": "well"}])
    assert any(p.row == "w" for p in M.check_rows(["ipcc2006"], [{**row, "unit": "well"}]))


def test_biogenic_hydrogen_feedstocks_are_a_memo_item():
    # Vol.3 Ch.3 s.3.11.2.1 / 3.11.2.3 / 3.11.2.4: CO2 of biogenic feedstocks is reported as a memo item and excluded
    # from hydrogen production. Table 3.30: black liquor gasification FRF 150, CCF 0.0260; wood waste 260 / 0.0305;
    # wood sludge 195 / 0.0305; bio-steam reforming of bioethanol CCF 0.0217.
    # Eq 3.45: 100 t H2 from black liquor x 150 x 0.0260 x 44/12 = 1 430 t CO2; 50 t from wood waste x 260 x 0.0305 x
    # 44/12 = 1 453.8333 t; 50 t from wood sludge x 195 x 0.0305 x 44/12 = 1 090.375 t. Eq 3.44: 10 000 GJ of
    # bioethanol x 0.0217 x 44/12 = 795.6667 t. A fossil line beside them (1 000 t H2 by natural gas reforming,
    # 9 256.5 t CO2) is the only CO2 in the total.
    rows = [{"activity": "hydrogen_black_liquor", "amount": 100, "unit": "t"},
            {"activity": "hydrogen_wood_waste", "amount": 50, "unit": "t"},
            {"activity": "hydrogen_wood_sludge", "amount": 50, "unit": "t"},
            {"activity": "hydrogen_bioethanol", "amount": 10_000, "unit": "GJ"},
            {"activity": "hydrogen_natural_gas", "amount": 1000, "unit": "t"}]
    r = calc(rows)
    bio, co2 = by_activity(r, "CO2_biogenic"), by_activity(r, "CO2")
    assert bio["hydrogen_black_liquor"] == pytest.approx(1430)
    assert bio["hydrogen_wood_waste"] == pytest.approx(50 * 260 * 0.0305 * CO2)
    assert bio["hydrogen_wood_waste"] == pytest.approx(1453.8333, abs=1e-4)
    assert bio["hydrogen_wood_sludge"] == pytest.approx(1090.375)
    assert bio["hydrogen_bioethanol"] == pytest.approx(795.6667, abs=1e-4)
    assert bio["hydrogen_natural_gas"] == 0
    assert co2["hydrogen_natural_gas"] == pytest.approx(9256.5) and co2["hydrogen_black_liquor"] == 0
    assert r.lines["co2e"].sum() == pytest.approx(9256.5)
    assert r.total_co2e == pytest.approx(9256.5)
    lib = load_library()
    ccf = lib.factors[r.lines["factor:ccf"].iloc[0]]
    assert (ccf.value, ccf.uncertainty_pct) == (0.026, 15.4) and "black liquor" in ccf.table  # (0.0300-0.0260)/0.0260
    assert M.check_rows(["ipcc2006"], [{"row_id": "b", **rows[0]}])
