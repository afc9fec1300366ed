"""China magnesium smelting guideline (NDRC 2013, 发改办气候〔2013〕2526号), completed in issue 15. Expected answers are
the guideline's equations with its default factors (named beside each number), read from a copy of the published text
(issue 15, helper mgocr): energy used as raw material E = S_ferrosilicon x EF_ferrosilicon (eq. 5; default 2.79
tCO2/t-FeSi, Appendix 2 Table 2.2); dolomite calcination E = D x DX x 0.478 (eqs. 6-7; default DX 98 %, s.5(3) and
Appendix 2 Table 2.3)."""

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
    assert m.status == "complete"  # every default checked against the published text
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


def test_magnesium_dolomite_default_purity():
    # DX defaults to the guideline's 98 % (s.5(3), 中国有色金属工业协会的推荐值为98%; Appendix 2 Table 2.3) when the
    # enterprise has no batch analysis: 1000 t dolomite x 98 % x 0.478 = 468.44 t CO2 (not 478, pure dolomite).
    r = calc([{"activity": "magnesium_dolomite", "amount": 1000, "unit": "t"}])
    assert co2e(r, "dolomite_calcination") == pytest.approx(468.44)
    assert list(r.lines["factor:fraction"]) == ["SECTOR-MG-003"]
    assert M.check_rows(["cn_magnesium"], [{"activity": "magnesium_dolomite", "amount": 1000, "unit": "t"}]) == []
    # generic dolomite (stoichiometric 0.47732) is not this guideline's source category: no double counting
    (p,) = M.check_rows(["cn_magnesium"], [{"activity": "carbonate_dolomite", "amount": 1000, "unit": "t"}])
    assert p.column == "activity"


def test_magnesium_other_coal_products_and_heat():
    # Appendix 2 Table 2.1: 其他煤制品 17.460 GJ/t x 33.60 tC/TJ = 0.586656 tC/t x 90 % x 44/12 = 1.935965 x 100 t
    # = 193.60 t (CN-MG-058..060); Table 2.4: heat 0.11 tCO2/GJ x 1000 GJ = 110 t.
    r = calc([{"activity": "briquette", "amount": 100, "unit": "t"},
              {"activity": "heat_purchased", "amount": 1000, "unit": "GJ"}])
    assert co2e(r, "fuel_combustion") == pytest.approx(193.60, abs=0.01)
    assert co2e(r, "purchased_heat") == pytest.approx(110.0)
    assert list(r.lines.loc[r.lines["activity"] == "briquette", "factor:ncv"]) == ["CN-MG-058"]


def test_magnesium_kiln_gas_and_electricity():
    # Natural gas for the reduction kilns at NDRC 2015 Appendix 2 Table 2.1 (389.31 GJ/10^4 Nm3, 0.0153 tC/GJ, 99 %): 500 x 10^4 Nm3 -> 10 810.95 t; 20 000 MWh at the 2022
    # reporting factor 0.5703 tCO2/MWh (环办气候函〔2023〕43号) -> 11 406 t.
    r = calc([{"activity": "natural_gas", "amount": 500, "unit": "10^4 Nm3"},
              {"activity": "electricity_grid", "amount": 20_000, "unit": "MWh"}])
    assert co2e(r, "fuel_combustion") == pytest.approx(10_810.95, abs=0.01)
    assert co2e(r, "purchased_electricity") == pytest.approx(11_406.0)
