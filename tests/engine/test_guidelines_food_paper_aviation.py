"""China enterprise guidelines of issue 15 worked by helper guidesa: food, tobacco, beverages and tea (complete), pulp
and paper and civil aviation (civil aviation transcribed since the guideline's own aviation fuel defaults were cited,
test_guidelines_civil_aviation.py; paper still lists one default to cite). Expected answers are computed by
hand from the cited tables (value and table beside each number); the guidelines publish formulas and default tables,
not numeric worked examples. GWP: SAR (CH4 21), the guidelines' own."""

import pytest

from parkcarbon.engine import methodology as M
from parkcarbon.engine.errors import InputError

C2CO2 = 44 / 12
YEAR, REGION = 2022, "CN-JS"
CH4_SAR = 21


def calc(mid, rows):
    return M.calculate_enterprise([mid], rows, YEAR, REGION)


def co2e(result, category=None):
    lines = result.lines if category is None else result.lines[result.lines["guideline_category"] == category]
    return float(lines["co2e"].sum())


def test_food_is_complete_and_reports_every_category():
    m = M.get("cn_food")
    assert m.status == "transcribed"  # defaults from a public transcription of the tables
    assert {c for t in m.tables for c in t.categories} == {c.id for c in m.categories}


# --- food, tobacco, beverages and tea (NDRC 2015, 发改办气候〔2015〕1722号) -------------------------------------------

def test_food_wastewater_mcf_by_sub_industry_less_recovery():
    # E = (TOW - S) x Bo x MCF - R; Bo 0.25 kg CH4/kg COD and MCF by sub-industry from the guideline's appendix 2:
    # food manufacturing 0.7, tobacco 0.3, liquor/beverages/tea 0.5.
    # 1000 t COD x 0.25 x 0.7 = 175 t; 200 x 0.25 x 0.3 = 15 t; 400 x 0.25 x 0.5 = 50 t; R = 20 t -> 220 t CH4
    # x 21 (SAR) = 4620 t CO2e.
    r = calc("cn_food", [{"activity": "food_wastewater_cod", "amount": 1000, "unit": "tCOD"},
                         {"activity": "tobacco_wastewater_cod", "amount": 200, "unit": "tCOD"},
                         {"activity": "beverage_wastewater_cod", "amount": 400, "unit": "tCOD"},
                         {"activity": "biogas_ch4_recovered", "amount": 20, "unit": "t"}])
    assert r.lines["CH4"].tolist() == pytest.approx([175.0, 15.0, 50.0, -20.0])
    assert co2e(r, "wastewater") == pytest.approx(240 * CH4_SAR)
    assert co2e(r) == pytest.approx(4620.0)
    assert r.lines["factor:mcf"][0] == "WASTE-FOOD-004"  # the guideline's value, not IPCC's anaerobic-reactor 0.8


def test_food_measured_mcf_overrides_the_default():
    # tier 2: a measured MCF of 0.6 for a food plant: 1000 x 0.25 x 0.6 = 150 t CH4 -> 3150 t CO2e
    r = calc("cn_food", [{"activity": "food_wastewater_cod", "amount": 1000, "unit": "tCOD",
                         "mcf": 0.6, "mcf_unit": "fraction"}])
    assert co2e(r) == pytest.approx(3150.0)


def test_food_purchased_co2_needs_its_purity():
    # E = Q x PUR: 100 t of purchased CO2 at 99.5 % purity used to carbonate drinks -> 99.5 t CO2.
    r = calc("cn_food", [{"activity": "co2_purchased_used", "amount": 100, "unit": "t",
                          "fraction": 99.5, "fraction_unit": "%"}])
    assert co2e(r, "purchased_co2") == pytest.approx(99.5)
    (p,) = M.check_rows(["cn_food"], [{"activity": "co2_purchased_used", "amount": 1, "unit": "t"}])
    assert p.column == "fraction"  # the guideline has no default purity: the user is asked for it


def test_food_gas_boiler_counts_co2_only():
    # Natural gas, NDRC 2015 Appendix 2 Table 2.1 (389.31 GJ/10^4 Nm3, 0.0153 tC/GJ, 99 %): 100 x 10^4 Nm3 -> 2162.19 t
    r = calc("cn_food", [{"activity": "natural_gas", "amount": 100, "unit": "10^4 Nm3"}])
    assert co2e(r) == pytest.approx(100 * 389.31 * 0.0153 * 0.99 * C2CO2)
    assert co2e(r) == pytest.approx(2162.19, abs=0.01)
    assert r.lines["CH4"][0] == 0 and r.lines["N2O"][0] == 0


# --- pulp and paper (NDRC 2015) --------------------------------------------------------------------------------------

def test_paper_wastewater_and_recovery():
    # E = (TOW - S) x Bo x MCF - R with the guideline's Bo 0.25 kg CH4/kg COD and MCF 0.5 (appendix 2):
    # 2000 t COD -> 250 t CH4; 50 t recovered and flared -> 200 t CH4 x 21 = 4200 t CO2e.
    r = calc("cn_pulp_paper", [{"activity": "paper_wastewater_cod", "amount": 2000, "unit": "tCOD"},
                               {"activity": "biogas_ch4_recovered", "amount": 50, "unit": "t"}])
    assert r.lines["CH4"].tolist() == pytest.approx([250.0, -50.0])
    assert co2e(r) == pytest.approx(4200.0)
    assert r.lines["factor:mcf"][0] == "WASTE-PAPER-002"


def test_paper_lime_kiln_make_up_carbonate():
    # 1000 t of make-up limestone at 95 % CaCO3 x 0.43971 (IPCC 2006 Vol.3 Table 2.1) = 417.72 t CO2
    r = calc("cn_pulp_paper", [{"activity": "carbonate_limestone", "amount": 1000, "unit": "t",
                                "fraction": 95, "fraction_unit": "%"}])
    assert co2e(r, "carbonate_use") == pytest.approx(417.72, abs=0.01)


def test_paper_reports_every_category():
    m = M.get("cn_pulp_paper")
    assert {c for t in m.tables for c in t.categories} == {c.id for c in m.categories}


# --- civil aviation (NDRC 2013, 发改办气候〔2013〕2526号) --------------------------------------------------------------

# t CO2 per t of jet kerosene under the civil aviation guideline: its appendix 2 aviation kerosene defaults (航空煤油
# 44 100 kJ/kg, 19.50 tC/TJ, oxidation 100 %, as transcribed; CN-AVIA-001..003) = 3.15315
JET = 44.1 * 0.0195 * 1.00 * C2CO2


def test_aviation_blended_fuel_counts_the_fossil_share():
    # 1000 t of blended fuel with 10 % biofuel: 1000 x 44.1 x 0.0195 x 1.00 x 44/12 = 3153.15 t CO2 in all;
    # 90 % fossil = 2837.835 t counted, 315.315 t biogenic memo (not in the total).
    r = calc("cn_civil_aviation", [{"activity": "jet_kerosene_bio_blend", "amount": 1000, "unit": "t",
                                    "bio_share": 10, "bio_share_unit": "%"}])
    assert 1000 * JET == pytest.approx(3153.15, abs=0.01)
    assert co2e(r, "blended_fuel") == pytest.approx(2837.835, abs=0.01)
    assert r.lines["CO2_biogenic"][0] == pytest.approx(315.315, abs=0.01)
    assert r.total_co2e == pytest.approx(2837.835, abs=0.01)


def test_aviation_blend_needs_its_biofuel_share_and_fossil_fuel_is_unchanged():
    (p,) = M.check_rows(["cn_civil_aviation"], [{"activity": "jet_kerosene_bio_blend", "amount": 1, "unit": "t"}])
    assert p.column == "bio_share"
    # pure jet kerosene of flights: 500 t -> 1576.575 t; a blend with 0 % biofuel gives the same
    r = calc("cn_civil_aviation", [{"activity": "jet_kerosene", "amount": 500, "unit": "t"},
                                   {"activity": "jet_kerosene_bio_blend", "amount": 500, "unit": "t",
                                    "bio_share": 0, "bio_share_unit": "fraction"}])
    assert r.lines["co2e"].tolist() == pytest.approx([1576.575, 1576.575], abs=0.001)


@pytest.mark.parametrize(("mid", "row"), [
    ("cn_civil_aviation", {"activity": "jet_kerosene_bio_blend", "amount": 10, "unit": "t",
                           "bio_share": 150, "bio_share_unit": "%"}),
    ("cn_food", {"activity": "co2_purchased_used", "amount": 10, "unit": "t", "fraction": -0.2, "fraction_unit": "fraction"}),
])
def test_a_share_outside_0_to_100_percent_is_refused(mid, row):
    # a biofuel share of 150 % would make fossil CO2 negative; a negative purity has no meaning: the row is refused
    with pytest.raises(InputError) as exc:
        calc(mid, [row])
    (p,) = exc.value.problems
    assert p.column in ("bio_share", "fraction") and "0-100 %" in p.message and "0-100%" in p.message_zh
