"""China oil and gas production enterprise guideline (NDRC 2014), `transcribed` (issue 15): process venting and
fugitive CH4 of production, storage and transport, flaring (normal and accident, CO2 and unburnt CH4), exploration
venting, gas processing (venting CH4, acid-gas removal CO2, fugitive CH4) and CH4 recovered. Expected answers are the
guideline's equations with its defaults as a public calculator of the guideline transcribes them (each number named
beside it): facilities x the default factor per facility and year; flaring E_CO2 = Q x (CC_non-CO2 x OF x 44/12 +
V_CO2 x rho_CO2), E_CH4 = Q x V_CH4 x (1 - OF) x 7.17, OF 98 %; gas processing 13.83 (venting) and 40.34 (fugitive)
t CH4 per 10^8 Nm3 processed; acid-gas removal CO2 = (inlet CO2 - outlet CO2) x rho_CO2; vented and recovered CH4 x
7.17 t per 10^4 Nm3; all at the guideline's GWP (SAR, CH4 = 21). rho_CO2 is the library's 19.77 t per 10^4 Nm3 (the
guideline writes 19.7; the difference is named where it matters)."""

import pytest

from parkcarbon.engine import methodology as M

YEAR, REGION = 2022, "CN-XJ"  # Xinjiang


def calc(rows):
    return M.calculate_enterprise(["cn_oil_gas"], rows, YEAR, REGION)


def test_oil_gas_production_and_transport_facilities():
    # Gas field: 4 gathering stations, venting 23.6 + fugitive 27.9 t CH4 each = 206 t; 120 gas wellheads, fugitive
    # 2.50 = 300 t. Transmission: 2 compressor stations, venting 10.05 + fugitive 85.05 = 190.2 t. Crude oil pipelines
    # carrying 0.5 x 10^8 t: 0.5 x 753.29 = 376.645 t. Total 1072.845 t CH4 -> 22 529.745 t CO2e at SAR 21.
    r = calc([{"activity": "og_vent_gas_gathering_station", "amount": 4, "unit": "facility"},
              {"activity": "og_fug_gas_gathering_station", "amount": 4, "unit": "个"},
              {"activity": "og_fug_gas_wellhead", "amount": 120, "unit": "facility"},
              {"activity": "og_vent_compressor_station", "amount": 2, "unit": "座"},
              {"activity": "og_fug_compressor_station", "amount": 2, "unit": "facility"},
              {"activity": "og_fug_crude_pipeline", "amount": 0.5, "unit": "10^8 t"}])
    assert r.lines["CH4"].tolist() == pytest.approx([94.4, 111.6, 300.0, 20.1, 170.1, 376.645])
    assert float(r.lines["co2e"].sum()) == pytest.approx(1072.845 * 21)
    assert set(r.lines["guideline_category"]) == {"venting_fugitive"}


def test_oil_gas_wellhead_venting_needs_a_measured_factor():
    # no default venting factor for oil and gas wellheads: the row names the column to fill
    (p,) = M.check_rows(["cn_oil_gas"], [{"activity": "og_vent_gas_wellhead", "amount": 3, "unit": "facility"}])
    assert p.column == "ef_ch4"
    # with the measured factor: 30 wellheads x 0.05 t CH4 each = 1.5 t
    r = calc([{"activity": "og_vent_gas_wellhead", "amount": 30, "unit": "facility",
               "ef_ch4": 0.05, "ef_ch4_unit": "tCH4/facility"}])
    assert float(r.lines["CH4"].sum()) == pytest.approx(1.5)


def lines_of(result, category, column="co2e"):
    return float(result.lines.loc[result.lines["guideline_category"] == category, column].sum())


def test_oil_gas_flaring_normal_and_accident_co2_and_unburnt_ch4():
    # Normal operation: 100 x 10^4 Nm3 flared, 0.5 t C per 10^4 Nm3 in non-CO2 compounds: 100 x 0.5 x 0.98 x 44/12 =
    # 179.6667 t CO2; 3 % CO2 by volume: 3 x 10^4 Nm3 x 19.77 = 59.31 t CO2 (the guideline's 19.7 gives 59.1); 80 % CH4:
    # 80 x 10^4 Nm3 x (1 - 0.98) x 7.17 = 11.472 t CH4. Accident: 2 x 10^4 Nm3/h for 3 h = 6 x 10^4 Nm3 with 0.6 t C
    # per 10^4 Nm3: 6 x 0.6 x 0.98 x 44/12 = 12.936 t CO2.
    r = calc([{"activity": "og_flare_gas", "amount": 100, "unit": "10^4 Nm3",
               "flare_carbon": 0.5, "flare_carbon_unit": "tC/10^4 Nm3"},
              {"activity": "og_flare_gas_co2", "amount": 3, "unit": "10^4 Nm3"},
              {"activity": "og_flare_gas_ch4", "amount": 80, "unit": "万Nm3"},
              {"activity": "og_flare_accident", "amount": 6, "unit": "10^4 Nm3",
               "flare_carbon": 0.6, "flare_carbon_unit": "tC/10^4 Nm3"}])
    assert r.lines["CO2"].tolist()[:2] == pytest.approx([100 * 0.5 * 0.98 * 44 / 12, 59.31])
    assert float(r.lines["CH4"].sum()) == pytest.approx(11.472)
    assert lines_of(r, "flaring", "CO2") == pytest.approx(179.66667 + 59.31 + 12.936, rel=1e-6)
    assert lines_of(r, "flaring") == pytest.approx(179.66667 + 59.31 + 12.936 + 11.472 * 21, rel=1e-6)
    # the flared gas's composition is measured (no default carbon content, in accidents either): the row names it
    (p,) = M.check_rows(["cn_oil_gas"], [{"activity": "og_flare_accident", "amount": 1, "unit": "10^4 Nm3"}])
    assert p.column == "flare_carbon"


def test_oil_gas_gas_processing_venting_acid_gas_and_fugitive():
    # 5 x 10^8 Nm3 of natural gas processed: venting 5 x 13.83 = 69.15 t CH4, fugitive 5 x 40.34 = 201.7 t CH4.
    # Acid-gas removal: inlet 500 x 10^4 Nm3 at 4 % CO2 (20) minus outlet 480 x 10^4 Nm3 at 0.5 % CO2 (2.4) = 17.6 x 10^4
    # Nm3 CO2 x 19.77 = 347.952 t CO2 (the guideline's 19.7 gives 346.72).
    r = calc([{"activity": "og_processing_vent_ch4", "amount": 5, "unit": "10^8 Nm3"},
              {"activity": "og_processing_fug_ch4", "amount": 5, "unit": "亿Nm3"},
              {"activity": "og_processing_acid_gas_co2", "amount": 500 * 0.04 - 480 * 0.005, "unit": "10^4 Nm3"}])
    assert r.lines["CH4"].tolist()[:2] == pytest.approx([69.15, 201.7])
    assert lines_of(r, "gas_processing", "CO2") == pytest.approx(347.952)
    assert lines_of(r, "gas_processing") == pytest.approx((69.15 + 201.7) * 21 + 347.952)


def test_oil_gas_exploration_venting_and_ch4_recovered():
    # Well testing vented 12 x 10^4 Nm3 of gas at 90 % CH4: 10.8 x 10^4 Nm3 x 7.17 = 77.436 t CH4; CH4 recovered and
    # supplied 4 x 10^4 Nm3 (pure CH4) x 7.17 = 28.68 t deducted. Net 48.756 t CH4 = 1023.876 t CO2e at SAR 21.
    r = calc([{"activity": "og_exploration_vent_ch4", "amount": 12 * 0.9, "unit": "10^4 Nm3"},
              {"activity": "og_ch4_recovered", "amount": 4, "unit": "10^4 Nm3"}])
    assert lines_of(r, "exploration", "CH4") == pytest.approx(77.436)
    assert lines_of(r, "ch4_recovered", "CH4") == pytest.approx(-28.68)
    assert float(r.lines["co2e"].sum()) == pytest.approx(48.756 * 21)
