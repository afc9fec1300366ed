"""Other non-ferrous metal smelting and rolling guideline (NDRC 2015, 发改办气候〔2015〕1722号), completed in issue 15.
Expected answers are the guideline's equations with its Appendix 2 defaults (named beside each number): reductants
E = sum AD_i x EF_i (semi-coke 2.853, coke 2.862, anthracite 1.924 tCO2/t, natural gas 21.622 tCO2/10^4 Nm3);
carbonates E = sum AD_i x EF_i x PUR_i; oxalic acid E = AD x 0.349 x PUR (PUR 99.6 % unless the supplier states it)."""

import pytest

from parkcarbon.engine import methodology as M

YEAR, REGION = 2022, "CN-YN"  # Yunnan: lead, zinc and tin smelters


def calc(rows):
    return M.calculate_enterprise(["cn_nonferrous_other"], rows, YEAR, REGION)


def co2e(result, category=None):
    lines = result.lines if category is None else result.lines[result.lines["guideline_category"] == category]
    return float(lines["co2e"].sum())


def test_nonferrous_is_complete_and_reports_every_category():
    m = M.get("cn_nonferrous_other")
    assert m.status == "transcribed"  # defaults from a public transcription of the tables
    assert {c for t in m.tables for c in t.categories} == {c.id for c in m.categories}


def test_nonferrous_reductants_at_the_appendix_factors():
    # 1000 t semi-coke x 2.853 + 500 t coke x 2.862 + 200 t anthracite x 1.924 = 2853 + 1431 + 384.8 = 4668.8 t;
    # natural gas 100 x 10^4 Nm3 x 21.622 = 2162.2 t (389.31 GJ/10^4 Nm3 x 15.3 tC/TJ x 99 % x 44/12 = 21.6219).
    r = calc([{"activity": "nonferrous_reductant_semi_coke", "amount": 1000, "unit": "t"},
              {"activity": "nonferrous_reductant_coke", "amount": 500, "unit": "t"},
              {"activity": "nonferrous_reductant_anthracite", "amount": 200, "unit": "t"},
              {"activity": "nonferrous_reductant_natural_gas", "amount": 100, "unit": "10^4 Nm3"}])
    assert r.lines["co2e"].tolist()[:3] == pytest.approx([2853.0, 1431.0, 384.8])
    assert r.lines["co2e"].tolist()[3] == pytest.approx(2162.2, abs=0.05)
    assert co2e(r, "reductants") == pytest.approx(4668.8 + 2162.2, abs=0.05)
    assert co2e(r, "fuel_combustion") == 0  # a reductant is not counted again as fuel


def test_nonferrous_oxalic_acid_and_carbonates():
    # Oxalic acid 50 t at the default PUR 99.6 %: 50 x 0.349 x 0.996 = 17.3802 t; 20 t at the supplier's 99.9 %:
    # 20 x 0.349 x 0.999 = 6.97302 t. Limestone 1000 t at PUR 90 %: 1000 x 0.43971 x 0.9 = 395.739 t (CaCO3
    # 0.4397 tCO2/t in the guideline's carbonate table, the stoichiometric ratio).
    r = calc([{"activity": "nonferrous_oxalic_acid", "amount": 50, "unit": "t"},
              {"activity": "nonferrous_oxalic_acid", "amount": 20, "unit": "t", "fraction": 99.9, "fraction_unit": "%"},
              {"activity": "carbonate_limestone", "amount": 1000, "unit": "t", "fraction": 90, "fraction_unit": "%"}])
    assert r.lines["co2e"].tolist() == pytest.approx([17.3802, 6.97302, 395.739], abs=1e-4)
    assert co2e(r, "oxalate_decomposition") == pytest.approx(24.35322, abs=1e-4)
    assert co2e(r, "carbonate_use") == pytest.approx(395.739, abs=1e-3)


def test_nonferrous_reductant_is_refused_in_another_unit_of_quantity():
    # the guideline takes reductants by mass or volume: heat (GJ) of coke used as reductant is refused with a message
    (p,) = M.check_rows(["cn_nonferrous_other"], [{"activity": "nonferrous_reductant_coke", "amount": 10, "unit": "GJ"}])
    assert p.column == "unit"
