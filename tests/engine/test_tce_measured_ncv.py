"""Energy (tce) of a computed Result uses the heat content of the CO2 path when the NCV was measured (issue 15)."""

import pytest

from parkcarbon.engine import Options, calculate
from parkcarbon.engine.tce import GJ_PER_TCE, energy_tce

ROWS = [{"activity": "bituminous_coal", "amount": 1000, "unit": "t", "ncv": 20, "ncv_unit": "GJ/t"},
        {"activity": "natural_gas", "amount": 10, "unit": "10^4 Nm3", "ncv": 38, "ncv_unit": "MJ/Nm3"},
        {"activity": "diesel", "amount": 10, "unit": "t"}]


def test_result_and_rows_give_the_same_tce():
    # GB/T 2589-2020: 1 kgce = 29 307 kJ, measured heat first. Coal 1000 t x 20 GJ/t = 20 000 GJ -> 682.431 tce;
    # gas 10 x 10^4 Nm3 x 38 MJ/Nm3 = 3800 GJ -> 129.662 tce; diesel without NCV: GB/T 2589 Table A.1 1.4571 kgce/kg.
    result = calculate(ROWS, Options(year=2022, region="CN-JS"))
    from_result, from_rows = energy_tce(result).lines, energy_tce(ROWS, year=2022).lines
    assert from_result["tce"].tolist() == pytest.approx(from_rows["tce"].tolist())
    assert from_result["tce"].tolist() == pytest.approx([20_000 / GJ_PER_TCE, 3800 / GJ_PER_TCE, 14.571])
    assert from_result["basis"].tolist()[:2] == ["measured ncv", "measured ncv"]
    # and the heat is the one the CO2 line was computed with
    assert result.lines["heat_TJ"][0] * 1000 / GJ_PER_TCE == pytest.approx(from_result["tce"][0])


def test_default_ncv_lines_keep_the_gbt2589_table():
    # Bituminous coal without a measured NCV: GB/T 2589-2020 Table A.1 coefficient, not the CO2 path's NCV.
    result = calculate([{"activity": "diesel", "amount": 1, "unit": "t"}], Options(year=2022, region="CN-JS"))
    assert energy_tce(result).lines["basis"].tolist() == ["GB/T 2589 table"]
