"""China oil and gas production enterprise guideline (NDRC 2014): process venting and fugitive CH4 of production,
storage and transport, added in issue 15 (the guideline stays `listed`: flaring, exploration and processing are
missing, see the file header). Expected answers are the guideline's equation, facilities x the default factor per
facility and year (t CH4, named beside each number), at the guideline's GWP (SAR, CH4 = 21)."""

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
