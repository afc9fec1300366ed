"""Constants per methodology and per source type (issue 15 item 4), and the AR5 set with climate-carbon feedback.

Expected values are hand arithmetic from the cited defaults (named beside each number), not from the engine.
"""

import pytest

from parkcarbon.engine import Options, calculate
from parkcarbon.engine import methodology as M

YEAR, REGION = 2022, "CN-JS"


def test_ar6_weighs_fossil_ch4_with_the_fossil_value():
    # Road gasoline 10 t: NCV 44.8 GJ/t (NDRC 2015 other industries, Appendix 2 Table 2.1) x CH4 33 kg/TJ (IPCC 2006
    # Vol.2 Ch.3 Table 3.2.2, uncontrolled) = 0.014784 t CH4, fossil: x 29.8 (AR6 WG1 Table 7.15) = 0.4405632 t CO2e.
    r = calculate([{"activity": "road_gasoline", "amount": 10, "unit": "t"}], Options(year=YEAR, region=REGION, gwp="AR6"))
    line = r.lines.iloc[0]
    assert line["ch4_fossil"] and line["CH4"] == pytest.approx(0.014784)
    assert line["co2e"] - line["CO2"] - line["N2O"] * 273 == pytest.approx(0.014784 * 29.8)
    assert r.gwp["CH4"] == 27.9 and r.gwp["CH4_fossil"] == 29.8


def test_ar6_weighs_biogenic_ch4_with_the_generic_value():
    # Dairy cattle 100 head x 68 kg CH4/head/yr (IPCC 2006 Vol.4 Ch.10 Table 10.11, Asia) = 6.8 t CH4 x 27.9
    # (AR6 WG1 Table 7.SM.7, generic) = 189.72 t CO2e; wood 10 t burnt: its CH4 is biogenic too.
    rows = [{"activity": "enteric_dairy_cattle", "amount": 100, "unit": "head"},
            {"activity": "wood", "amount": 10, "unit": "t"}]
    r = calculate(rows, Options(year=YEAR, region=REGION, gwp="AR6"))
    cattle, wood = r.lines.iloc[0], r.lines.iloc[1]
    assert not cattle["ch4_fossil"] and not wood["ch4_fossil"]
    assert cattle["co2e"] == pytest.approx(6.8 * 27.9)
    assert wood["co2e"] == pytest.approx(wood["CH4"] * 27.9 + wood["N2O"] * 273)


def test_by_gas_sums_fossil_and_biogenic_ch4_with_their_own_values():
    rows = [{"activity": "enteric_dairy_cattle", "amount": 100, "unit": "head"},
            {"activity": "road_gasoline", "amount": 10, "unit": "t"}]
    r = calculate(rows, Options(year=YEAR, region=REGION, gwp="AR6"))
    ch4 = r.by_gas().set_index("gas").loc["CH4"]
    assert ch4["co2e"] == pytest.approx(6.8 * 27.9 + 0.014784 * 29.8)
    assert ch4["tonnes"] == pytest.approx(6.8 + 0.014784) and 27.9 < ch4["gwp"] < 29.8
    assert r.totals()["co2e"][0] == pytest.approx(r.by_gas()["co2e"].sum())


@pytest.mark.parametrize("gwp", ["SAR", "AR4", "AR5", "AR5_ccf"])
def test_sets_without_a_fossil_value_use_one_ch4_value(gwp):
    expected = {"SAR": 21, "AR4": 25, "AR5": 28, "AR5_ccf": 34}[gwp]
    r = calculate([{"activity": "road_gasoline", "amount": 10, "unit": "t"}], Options(year=YEAR, region=REGION, gwp=gwp))
    line = r.lines.iloc[0]
    assert line["co2e"] == pytest.approx(line["CO2"] + line["CH4"] * expected + line["N2O"] * r.gwp["N2O"])
    assert "CH4_fossil" not in r.gwp


def test_ar5_with_climate_carbon_feedback():
    # AR5 WG1 Table 8.A.1, with climate-carbon feedback: SF6 26 087, N2O 298, CH4 34. 1 t SF6 in retired equipment,
    # none recovered (China grid guideline 2013 Eq (3)) = 26 087 t CO2e; 100 dairy cattle 6.8 t CH4 x 34 = 231.2.
    rows = [{"activity": "sf6_equipment_retired", "amount": 1, "unit": "t", "recovered": 0},
            {"activity": "enteric_dairy_cattle", "amount": 100, "unit": "head"}]
    r = calculate(rows, Options(year=YEAR, region=REGION, gwp="AR5_ccf"))
    assert list(r.lines["co2e"]) == pytest.approx([26087, 231.2])
    assert r.gwp_set == "AR5_ccf"


CLINKER = [{"activity": "cement_clinker_oxide", "amount": 1000, "unit": "t", "cao": 0.65, "cao_unit": "fraction",
            "mgo": 0, "mgo_unit": "fraction"}]


def test_cao_to_co2_is_44_over_56_under_the_china_cement_guideline():
    # China cement guideline 2013 Eq (3): 1000 t clinker x 65 % CaO x 44/56 = 510.714 t CO2.
    r = M.calculate_enterprise(["cn_cement"], CLINKER, YEAR, REGION)
    assert r.lines["CO2"][0] == pytest.approx(1000 * 0.65 * 44 / 56) and r.lines["factor:cao_co2"][0] == "IPPU-CAO-CN"


@pytest.mark.parametrize("mid", ["ipcc2006", "ghg_protocol"])
def test_cao_to_co2_is_0785_under_ipcc_2006(mid):
    # IPCC 2006 Vol.3 Ch.2 Eq 2.4: 1000 t x 0.65 x 0.785 = 510.25 t CO2.
    r = M.calculate_enterprise([mid], CLINKER, YEAR, REGION)
    assert r.lines["CO2"][0] == pytest.approx(510.25) and r.lines["factor:cao_co2"][0] == "IPPU-CAO-IPCC"


def test_ipcc2006_never_takes_a_2019_refinement_value():
    # Managed soils, 1000 t synthetic N: IPCC 2006 Vol.4 Ch.11 Table 11.1 EF1 0.01; the 2019 Refinement's values
    # (dataset ipcc2019) apply only under the methodology ipcc2019.
    rows = [{"activity": a, "amount": 1000, "unit": "t"} for a in ("synthetic_fertiliser_n", "manure_n_applied")]
    lib_factors = M.load_library().factors
    for mid, allowed in (("ipcc2006", {"ipcc2006"}), ("ipcc2019", {"ipcc2006", "ipcc2019"})):
        r = M.calculate_enterprise([mid], rows, YEAR, REGION)
        used = {lib_factors[f].dataset for f in r.factors_used["id"]}
        assert used <= allowed | {"stoichiometric"}
        assert ("ipcc2019" in used) == (mid == "ipcc2019")
