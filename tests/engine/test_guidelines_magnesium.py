"""China magnesium smelting guideline (NDRC 2013, 发改办气候〔2013〕2526号), completed in issue 15. Expected answers are
the guideline's equations with its default factors (named beside each number): energy used as raw material
E = S_ferrosilicon x EF_ferrosilicon (default 2.79 tCO2/t ferrosilicon); dolomite calcination E = D x DX x 0.478."""

import pytest

from parkcarbon.engine import methodology as M

YEAR, REGION = 2022, "CN-NM"  # Inner Mongolia, where most Pidgeon-process magnesium is made


def calc(rows):
    return M.calculate_enterprise(["cn_magnesium"], rows, YEAR, REGION)


def co2e(result, category=None):
    lines = result.lines if category is None else result.lines[result.lines["guideline_category"] == category]
    return float(lines["co2e"].sum())


def test_magnesium_is_complete_and_reports_every_category():
    m = M.get("cn_magnesium")
    assert m.status == "transcribed"  # defaults from a public transcription of the tables
    assert {c for t in m.tables for c in t.categories} == {c.id for c in m.categories}


def test_magnesium_ferrosilicon_and_dolomite_defaults():
    # 12 000 t ferrosilicon made on site x 2.79 tCO2/t = 33 480 t; 100 000 t dolomite at DX = 96 % x 0.478
    # = 45 888 t. Total 79 368 t CO2.
    r = calc([{"activity": "magnesium_ferrosilicon", "amount": 12_000, "unit": "t"},
              {"activity": "magnesium_dolomite", "amount": 100_000, "unit": "t", "fraction": 96, "fraction_unit": "%"}])
    assert co2e(r, "ferrosilicon_reductant") == pytest.approx(33_480.0)
    assert co2e(r, "dolomite_calcination") == pytest.approx(45_888.0)
    assert co2e(r) == pytest.approx(79_368.0)
    assert set(r.lines["CO2"].round(6)) == {33_480.0, 45_888.0}  # CO2 only, the guideline's single gas


def test_magnesium_dolomite_needs_the_measured_purity():
    # EF_dolomite = DX x 0.478 and the guideline gives no default DX: a row without it is refused, naming the column.
    (p,) = M.check_rows(["cn_magnesium"], [{"activity": "magnesium_dolomite", "amount": 1000, "unit": "t"}])
    assert p.column == "fraction" and "magnesium_dolomite" in p.message
    # generic dolomite (stoichiometric 0.47732) is not this guideline's source category: no double counting
    (p,) = M.check_rows(["cn_magnesium"], [{"activity": "carbonate_dolomite", "amount": 1000, "unit": "t"}])
    assert p.column == "activity"


def test_magnesium_kiln_gas_and_electricity():
    # Natural gas for the reduction kilns at NDRC 2015 Appendix 2 Table 2.1 (389.31 GJ/10^4 Nm3, 0.0153 tC/GJ, 99 %): 500 x 10^4 Nm3 -> 10 810.95 t; 20 000 MWh at the 2022
    # reporting factor 0.5703 tCO2/MWh (环办气候函〔2023〕43号) -> 11 406 t.
    r = calc([{"activity": "natural_gas", "amount": 500, "unit": "10^4 Nm3"},
              {"activity": "electricity_grid", "amount": 20_000, "unit": "MWh"}])
    assert co2e(r, "fuel_combustion") == pytest.approx(10_810.95, abs=0.01)
    assert co2e(r, "purchased_electricity") == pytest.approx(11_406.0)
