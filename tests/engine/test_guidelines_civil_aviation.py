"""Civil aviation guideline (中国民用航空企业温室气体排放核算方法与报告指南（试行）, NDRC 2013, 发改办气候〔2013〕2526号),
issue 15: status 'complete'. The guideline's own appendix 2 defaults for aviation fuels, as two public calculators
of the guideline transcribe them and as a copy of the published text prints them (Appendix 2 Table 2.1, provenance
"official"):

    航空煤油 (aviation kerosene)  NCV 44 100 kJ/kg, carbon content 19.50 tC/TJ, oxidation rate 100 %
    航空汽油 (aviation gasoline)  NCV 44 300 kJ/kg, carbon content 19.10 tC/TJ, oxidation rate 100 %

E = AD x NCV x CC x OF x 44/12 (the guideline's fuel combustion formula). Expected answers are hand arithmetic from
those rows, never from running the engine. Under this guideline they replace the NDRC 2015 Table 2.1 jet kerosene
values (44.75 GJ/t, 0.0196 tC/GJ, 98 %), which stay in force under the other China guidelines (choices.csv
CH-017..019). The fuels of ground equipment and vehicles follow the same appendix table (CN-AVIA-007..057, the JS
calculator 'template_10'; choices.csv CH-066..088), fuels it lacks the NDRC 2015 table."""

import pytest

from parkcarbon.engine import load_library
from parkcarbon.engine import methodology as M

C2CO2 = 44 / 12
YEAR, REGION = 2022, "CN-JS"


def calc(mid, rows, year=YEAR):
    return M.calculate_enterprise([mid], rows, year, REGION)


def test_civil_aviation_is_complete_and_reports_every_category():
    m = M.get("cn_civil_aviation")
    assert m.status == "complete" and m.datasets[0] == "cn_civil_aviation_2013"
    assert {c for t in m.tables for c in t.categories} == {c.id for c in m.categories}
    assert "aviation_gasoline" in next(c for c in m.categories if c.id == "fuel_combustion").activities


def test_flights_on_aviation_kerosene_at_the_guidelines_appendix_values():
    # 12 000 t of aviation kerosene on flights: 12 000 t x 44 100 kJ/kg = 529 200 GJ; x 19.50 tC/TJ = 10 319.4 t C;
    # x 100 % x 44/12 = 37 837.8 t CO2 (3.15315 t CO2/t).
    r = calc("cn_civil_aviation", [{"activity": "aviation_jet_kerosene", "amount": 12000, "unit": "t"}])
    assert 12000 * 44.1 * 19.50 / 1000 * 1.00 * C2CO2 == pytest.approx(37837.8)
    assert r.lines["CO2"][0] == pytest.approx(37837.8)
    assert r.total_co2e == pytest.approx(37837.8)
    assert (r.lines["factor:ncv"][0], r.lines["factor:cc"][0], r.lines["factor:of"][0]) == (
        "CN-AVIA-001", "CN-AVIA-002", "CN-AVIA-003")
    assert r.lines["CH4"][0] == 0 and r.lines["N2O"][0] == 0  # the guideline counts CO2 only


def test_general_aviation_gasoline_at_the_guidelines_appendix_values():
    # 250 t of aviation gasoline (piston aircraft): 250 x 44.3 GJ/t = 11 075 GJ; x 19.10 tC/TJ = 211.5325 t C;
    # x 100 % x 44/12 = 775.619 t CO2.
    r = calc("cn_civil_aviation", [{"activity": "aviation_gasoline", "amount": 250, "unit": "t"}])
    assert r.lines["CO2"][0] == pytest.approx(250 * 44.3 * 19.10 / 1000 * C2CO2)
    assert r.lines["CO2"][0] == pytest.approx(775.619, abs=0.001)
    assert r.lines["factor:ncv"][0] == "CN-AVIA-004" and r.lines["guideline_category"][0] == "fuel_combustion"


def test_ground_and_flight_kerosene_share_the_guidelines_values_ground_fuels_use_its_table():
    # Airport ground equipment's kerosene (jet_kerosene) is the same fuel: 100 t -> 315.315 t CO2. Diesel of ground
    # vehicles at the guideline's own fuel table (Appendix 2 Table 2.1 as transcribed, template_10: 42 652 kJ/kg,
    # 20.20 tC/TJ, 98 %; CN-AVIA-031..033): 100 x 42.652 x 0.0202 = 86.157 t C x 98 % x 44/12 = 309.591 t (NDRC 2015's
    # 43.33 GJ/t would give 314.512 t). Washed coal, not in the guideline's table, keeps NDRC 2015 Table 2.1 (26.344 GJ/t,
    # 0.0254 tC/GJ, 93 %): 100 t x 0.669138 t C/t x 93 % x 44/12 = 228.176 t.
    r = calc("cn_civil_aviation", [{"activity": "jet_kerosene", "amount": 100, "unit": "t"},
                                   {"activity": "diesel", "amount": 100, "unit": "t"},
                                   {"activity": "washed_coal", "amount": 100, "unit": "t"}])
    assert r.lines["CO2"].tolist() == pytest.approx([100 * 44.1 * 0.0195 * C2CO2, 100 * 42.652 * 0.0202 * 0.98 * C2CO2,
                                                     100 * 26.344 * 0.0254 * 0.93 * C2CO2])
    assert r.lines["CO2"].tolist() == pytest.approx([315.315, 309.591, 228.176], abs=0.001)
    assert r.lines["factor:ncv"].tolist() == ["CN-AVIA-001", "CN-AVIA-031", "CN-FUEL-010"]


def test_other_china_guidelines_keep_the_2015_jet_kerosene_values():
    # Under the food guideline jet kerosene keeps NDRC 2015 Table 2.1: 100 t x 44.75 x 0.0196 x 98 % x 44/12 = 315.171 t.
    r = calc("cn_food", [{"activity": "jet_kerosene", "amount": 100, "unit": "t"}])
    assert r.lines["CO2"][0] == pytest.approx(315.171, abs=0.001)
    assert r.lines["factor:ncv"][0] == "CN-FUEL-037"


def test_measured_values_override_the_appendix_defaults():
    # Tier 2: measured NCV 43.2 GJ/t and carbon content 0.0197 tC/GJ, oxidation left at the appendix 100 %:
    # 1000 t x 43.2 x 0.0197 x 1.00 x 44/12 = 3120.48 t CO2.
    r = calc("cn_civil_aviation", [{"activity": "aviation_jet_kerosene", "amount": 1000, "unit": "t",
                                    "ncv": 43.2, "ncv_unit": "GJ/t", "cc": 0.0197, "cc_unit": "tC/GJ"}])
    assert r.lines["CO2"][0] == pytest.approx(3120.48)


@pytest.mark.parametrize("year", [2005, 2013, 2030])
def test_the_appendix_defaults_reach_back_to_2005(year):
    r = calc("cn_civil_aviation", [{"activity": "aviation_gasoline", "amount": 1, "unit": "t"}], year=year)
    assert r.lines["CO2"][0] == pytest.approx(44.3 * 0.0191 * C2CO2)


def test_choices_record_the_2013_and_2015_values():
    lib = load_library()
    rec = {c["param"]: c for c in lib.choices if c["subject"] == "jet_kerosene" and c["used_in"] == "cn_civil_aviation"}
    assert {p: (float(c["used_value"]), float(c["other_value"])) for p, c in rec.items()} == {
        "ncv": (44.1, 44.75), "cc": (0.0195, 0.0196), "of": (100, 98)}
    for c in rec.values():
        f = lib.factors[c["used_ref"]]
        assert f.dataset == "cn_civil_aviation_2013" and f.source == "NDRC-2013-AVIATION"
        assert f.provenance == "official"  # checked against a copy of the published Table 2.1 (issue 15)


def test_aviation_gasoline_under_ipcc2006_tier1():
    # IPCC 2006 Vol.2: 100 t x Table 1.2 44.3 TJ/Gg = 4.43 TJ; Table 1.3 19.1 kgC/GJ, full oxidation -> 310.248 t CO2
    # (Table 3.6.4: 4.43 x 70.0 = 310.1); Table 3.6.5 CH4 0.5 and N2O 2 kg/TJ -> 2.215 kg CH4, 8.86 kg N2O.
    r = calc("ipcc2006", [{"activity": "aviation_gasoline", "amount": 100, "unit": "t"}])
    line = r.lines.iloc[0]
    assert line["CO2"] == pytest.approx(4.43 * 19.1 * C2CO2)
    assert line["CO2"] == pytest.approx(4.43 * 70.0, rel=0.001)
    assert (line["CH4"], line["N2O"]) == pytest.approx((0.002215, 0.00886))
