"""China electronic equipment manufacturing guideline (NDRC 2015, 发改办气候〔2015〕1722号): fluorinated gases from
etching and CVD chamber cleaning by IPCC 2006 Vol.3 Ch.6 Tier 2a (Eq 6.2, 6.3), the method the guideline follows.
Expected answers are the equations with the defaults of IPCC 2006 Vol.3 Table 6.3 (semiconductors: 1 - Ui, B_CF4),
Table 6.6 (destruction efficiency d) and the default heel h = 0.10, named beside each number; CO2e at the guideline's
GWP (SAR: CF4 6500, C2F6 9200, HFC-23 11 700, SF6 23 900)."""

import pytest

from parkcarbon.engine import methodology as M
from parkcarbon.engine.errors import InputError

YEAR, REGION = 2022, "CN-JS"


def calc(rows, **kw):
    return M.calculate_enterprise(["cn_electronics"], rows, YEAR, REGION, **kw)


def test_electronics_reports_every_category_and_the_new_activities():
    m = M.get("cn_electronics")
    assert {c for t in m.tables for c in t.categories} == {c.id for c in m.categories}
    assert {"etch_cf4", "etch_c2f6", "etch_chf3", "etch_nf3", "etch_nf3_remote", "etch_sf6"} <= set(m.activities)


def test_c2f6_cleaning_with_cf4_by_product_no_abatement():
    # 100 kg C2F6 fed in: E = (1 - 0.10) x 100 x 0.6 (Table 6.3, C2F6 1-Ui) = 54 kg C2F6;
    # by-product CF4 = (1 - 0.10) x 100 x 0.2 (Table 6.3, C2F6 B_CF4) = 18 kg.
    # CO2e at SAR: 0.054 x 9200 + 0.018 x 6500 = 496.8 + 117 = 613.8 t.
    r = calc([{"activity": "etch_c2f6", "amount": 100, "unit": "kg"}])
    assert r.lines["C2F6"].sum() == pytest.approx(0.054)
    assert r.lines["CF4"].sum() == pytest.approx(0.018)
    assert float(r.lines["co2e"].sum()) == pytest.approx(613.8)


def test_chf3_and_sf6_etching_with_abatement():
    # CHF3, 50 kg, 80 % of it through destruction tools (Table 6.6, CHF3 d = 0.9):
    #   HFC-23 = 0.9 x 50 x 0.4 x (1 - 0.8 x 0.9) = 5.04 kg; CF4 = 0.9 x 50 x 0.07 x (1 - 0.8 x 0.9 (Table 6.6, CF4))
    #   = 0.882 kg. SF6, 20 kg, no abatement: 0.9 x 20 x 0.2 (Table 6.3, SF6) = 3.6 kg.
    # CO2e at SAR: 0.00504 x 11 700 + 0.000882 x 6500 + 0.0036 x 23 900 = 58.968 + 5.733 + 86.04 = 150.741 t.
    r = calc([{"activity": "etch_chf3", "amount": 50, "unit": "kg", "abated_fraction": 0.8,
               "abated_fraction_unit": "fraction"},
              {"activity": "etch_sf6", "amount": 20, "unit": "kg"}])
    assert r.lines["HFC-23"].sum() == pytest.approx(0.00504)
    assert r.lines["CF4"].sum() == pytest.approx(0.000882)
    assert r.lines["SF6"].sum() == pytest.approx(0.0036)
    assert float(r.lines["co2e"].sum()) == pytest.approx(150.741)


def test_nf3_remote_plasma_cleaning_at_ar4():
    # SAR has no NF3 value, so this inventory is weighed at AR4 (NF3 17 200, CF4 7390).
    # 1000 kg NF3 in remote plasma cleaning: 0.9 x 1000 x 0.02 (Table 6.3, NF3 remote 1-Ui) = 18 kg NF3;
    # CF4 = 0.9 x 1000 x 0.02 (B_CF4) = 18 kg -> 0.018 x 17 200 + 0.018 x 7390 = 442.62 t CO2e.
    r = calc([{"activity": "etch_nf3_remote", "amount": 1, "unit": "t"}], gwp="AR4")
    assert r.lines["NF3"].sum() == pytest.approx(0.018)
    assert float(r.lines["co2e"].sum()) == pytest.approx(442.62)


def test_measured_heel_and_utilisation_replace_the_defaults():
    # Cylinder records show 5 % heel; the fab measured 1 - U = 0.3 for CF4: 0.95 x 100 x 0.3 = 28.5 kg CF4.
    r = calc([{"activity": "etch_cf4", "amount": 100, "unit": "kg", "heel": 5, "heel_unit": "%",
               "one_minus_u": 0.3, "one_minus_u_unit": "fraction"}])
    assert r.lines["CF4"].sum() == pytest.approx(0.0285)


def test_ch2f2_with_abatement_needs_a_destruction_efficiency():
    # Table 6.6 gives no destruction efficiency for CH2F2: a row with abatement must give it.
    row = {"activity": "etch_ch2f2", "amount": 10, "unit": "kg", "abated_fraction": 0.5,
           "abated_fraction_unit": "fraction"}
    with pytest.raises(InputError) as err:
        calc([row])
    assert err.value.problems[0].column == "destruction"
    assert "去除效率" in err.value.problems[0].text("zh-hans")
    # without abatement no efficiency is needed: 0.9 x 10 x 0.1 = 0.9 kg HFC-32, CF4 0.9 x 10 x 0.08 = 0.72 kg
    r = calc([{"activity": "etch_ch2f2", "amount": 10, "unit": "kg"}])
    assert r.lines["HFC-32"].sum() == pytest.approx(0.0009)
    assert r.lines["CF4"].sum() == pytest.approx(0.00072)
