"""Methodology profiles (issue 11): loading and validation, proposal by industry, checks, options, worked cases.

China's enterprise guidelines publish formulas and default tables but no numeric worked examples (notes/worked-
examples.md s.1.0), so every expected answer below is COMPUTED BY HAND FROM THE CITED DEFAULT TABLE of the guideline
(value and table named beside each number), or taken from a derivation printed in a cited table. Each complete
methodology has at least two such cases.
"""

import re
from importlib import resources

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parkcarbon.engine import InputError, load_library
from parkcarbon.engine import methodology as M
from parkcarbon.engine.errors import DataFileError
from parkcarbon.engine.methods import METHODS

C2CO2 = 44 / 12
YEAR, REGION = 2022, "CN-JS"
COMPLETE = ("cn_power_generation", "cn_iron_steel", "cn_cement", "cn_chemicals", "cn_other_industry",
            "cn_public_buildings", "cn_land_transport", "cn_park_inventory",
            "cn_flat_glass", "cn_power_grid", "cn_machinery", "cn_mining",  # issue 15: tests/engine/test_guidelines_completed.py
            "cn_ceramics", "cn_civil_aviation",  # issue 15: own fuel tables checked against the published texts
            "cn_magnesium",  # issue 15: every default checked against the published text (test_guidelines_magnesium.py)
            "cn_aluminium",  # issue 15: Tables 2.2 / 2.3 checked against the published text (test_guidelines_aluminium.py)
            "cn_power_2013",  # issue 15: Tables 2-1 / 2-2 read in the published text (test_guidelines_power_2013.py)
            "ipcc2006", "ghg_protocol")  # issue 15: tests/engine/test_ipcc_ghgp_complete.py
# every default stated, some from a public transcription of the guideline's tables (issue 15: test_guidelines_*.py)
TRANSCRIBED = ("cn_food", "cn_nonferrous_other", "cn_coal_mining",
               "cn_fluorochemicals",
               "cn_oil_gas", "cn_petrochemicals",
               "ipcc2019", "cn_electronics")  # issue 15: tests/engine/test_guidelines_*.py, test_ipcc2019.py
FILES = sorted(p.name[:-5] for p in resources.files("parkcarbon.engine").joinpath("data/methodologies").iterdir()
               if p.name.endswith(".yaml"))


def calc(mid, rows, **kw):
    return M.calculate_enterprise([mid] if isinstance(mid, str) else mid, rows, YEAR, REGION, **kw)


def co2e(result, category=None):
    lines = result.lines if category is None else result.lines[result.lines["guideline_category"] == category]
    return float(lines["co2e"].sum())


# --- coverage and validation ----------------------------------------------------------------------------------

def test_coverage_of_issue_11():
    ms = M.methodologies()
    assert len(ms) == 29 and set(FILES) == set(ms)  # 24 China, power 2013, park, IPCC 2006, IPCC 2019, GHG Protocol
    ndrc = [m for m in ms.values() if m.source.startswith("NDRC-201") and m.level == "enterprise"]
    assert len(ndrc) == 24  # China's 24 enterprise accounting guidelines (2013, 2014 and 2015 batches)
    assert {m.id for m in ms.values() if m.status == "complete"} == set(COMPLETE)
    assert {m.id for m in ms.values() if m.status == "transcribed"} == set(TRANSCRIBED)
    assert ms["cn_park_inventory"].level == "park" and ms["cn_park_inventory"].gwp == "SAR"
    assert ms["ghg_protocol"].gwp == "AR5" and ms["ipcc2006"].combustion_non_co2


@pytest.mark.parametrize("mid", FILES)
def test_categories_resolve_to_engine_methods(mid):
    lib = load_library()
    m = M.get(mid)
    assert m.source in lib.sources and m.categories
    for cat in m.categories:
        if not cat.computable:
            assert cat.note  # the file says why the engine cannot compute it yet
            continue
        assert cat.activities
        for a in cat.activities:
            act = lib.activities[a]
            assert act.method in cat.methods and act.method in METHODS
            assert m.category_of(a) is cat
        params = {p.name for meth in cat.methods for p in METHODS[meth].params}
        assert {p.name for p in cat.parameters} <= params
    for t in m.tables:
        assert set(t.categories) <= {c.id for c in m.categories}


@pytest.mark.parametrize("mid", COMPLETE + TRANSCRIBED)
def test_complete_methodology_defaults_are_cited(mid):
    """Every parameter of every activity of a complete methodology either resolves to a cited default from the
    methodology's own datasets, or is marked as measured / optional by the file."""
    lib = load_library()
    m = M.get(mid)
    grid = {"cn_grid_reporting", "cn_grid_average"}
    for a in m.activities:
        act = lib.activities[a]
        for d in M.parameter_defaults(mid, a, YEAR, REGION):
            param = next(p for p in METHODS[act.method].params if p.name == d["name"])
            if d["rule"] != "library":
                continue
            if param.needed_for and not set(act.dimensions) & set(param.needed_for):
                continue
            if d["value"] is None:
                assert not param.required, f"{mid}: {a}.{d['name']} has no default and is not marked measured"
                continue
            f = lib.factors[d["factor_id"]]
            assert f.source in lib.sources and f.table and f.provenance in ("official", "transcription", "derived")
            assert f.dataset in m.datasets or f.dataset in grid


def _broken(text, old, new):
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(("old", "new", "needle"), [
    ("methods: [oxide_calcination]", "methods: [oxide_roasting]", "unknown engine method 'oxide_roasting'"),
    ("activities: [cement_raw_meal_carbon]", "activities: [cement_raw_meal]", "unknown activity 'cement_raw_meal'"),
    ("units: [t, 10^4 Nm3]", "units: [t, 10^4 Nmm3]", "unknown unit"),
    ("{name: cao, default: none", "{name: cao_content, default: none", "unknown parameter 'cao_content'"),
    ("gwp: SAR", "gwp: AR3", "unknown GWP set 'AR3'"),
    ("datasets: [cn_cement_2013,", "datasets: [cn_cement_2099,", "unknown dataset 'cn_cement_2099'"),
    ("industries: [C3011]", "industries: [cement]", "not a GB/T 4754-2017 code"),
    ("  tiers: [1, 2]\n", "  tiers: [1, 2]\n  colour: grey\n", "unknown key(s) colour"),
])
def test_loader_names_file_and_line(old, new, needle):
    text = resources.files("parkcarbon.engine").joinpath("data/methodologies/cn_cement.yaml").read_text("utf-8")
    with pytest.raises(DataFileError) as exc:
        M.load_file("cn_cement.yaml", _broken(text, old, new))
    assert re.match(r"cn_cement\.yaml line \d+: ", str(exc.value)) and needle in str(exc.value)


def test_an_activity_in_two_categories_is_refused():
    text = resources.files("parkcarbon.engine").joinpath("data/methodologies/cn_cement.yaml").read_text("utf-8")
    bad = _broken(text, "activities: [other_fuel]", "activities: [other_fuel, natural_gas]")
    with pytest.raises(DataFileError, match="natural_gas is already in category fuel_combustion"):
        M.load_file("cn_cement.yaml", bad)


def test_adding_a_methodology_is_data_only():
    text = """
id: my_guideline
title: {zh: 测试指南, en: Test guideline}
issuer: {zh: 测试, en: Test}
document: none
year: 2024
source: GBT32150-2015
status: listed
industries: [C2611]
gwp: AR6
combustion_non_co2: true
datasets: [ipcc2006, cn_enterprise]
categories:
- id: fuels
  title: {zh: 燃料, en: Fuels}
  section: energy
  scope: 1
  gases: [CO2, CH4, N2O]
  methods: [fuel_combustion]
  activities: [natural_gas]
  units: [10^4 Nm3]
"""
    m = M.load_file("my_guideline.yaml", text)
    assert m.category_of("natural_gas").id == "fuels" and m.match("C2611") == 5


# --- proposal by industry -------------------------------------------------------------------------------------

def test_propose_most_specific_first():
    assert [m.id for m in M.propose("D4411")][:3] == ["cn_power_generation", "cn_power_2013", "cn_other_industry"]
    assert [m.id for m in M.propose("3011")][:2] == ["cn_cement", "cn_other_industry"]  # letter added (division 30 -> C)
    assert [m.id for m in M.propose("C3216")][0] == "cn_aluminium"
    assert [m.id for m in M.propose("G5410")][0] == "cn_land_transport"
    assert [m.id for m in M.propose("H6110")][0] == "cn_public_buildings"
    general = [m.id for m in M.propose("C3216")][-3:]
    assert general == ["ghg_protocol", "ipcc2006", "ipcc2019"]
    assert "cn_park_inventory" not in [m.id for m in M.propose("C3011")]  # a park methodology is not an enterprise's


@pytest.mark.parametrize("code", [None, "", "  ", float("nan")])
def test_enterprise_without_industry_code(code):
    with pytest.raises(InputError) as exc:
        M.propose(code)
    (p,) = exc.value.problems
    assert p.column == "industry_code" and "GB/T 4754-2017" in p.message


def test_malformed_industry_code():
    with pytest.raises(InputError, match="not a GB/T 4754-2017 code"):
        M.propose("cement")


# --- bad input: a clear message naming the field and the guideline's requirement -------------------------------

def test_parameter_missing_where_the_guideline_has_no_default():
    # MEE power guideline: coal NCV must be measured; the file marks it `default: none` for coal only.
    rows = [{"activity": "bituminous_coal", "amount": 1000, "unit": "t"},
            {"activity": "natural_gas", "amount": 10, "unit": "10^4 Nm3"}]
    (p,) = M.check_rows(["cn_power_generation"], rows)
    assert (p.row, p.column) == ("1", "ncv")
    assert "power generation facilities" in p.message and "measured" in p.message
    with pytest.raises(InputError):
        calc("cn_power_generation", rows)


def test_activity_not_covered_by_the_methodology():
    (p,) = M.check_rows(["cn_public_buildings"], [{"activity": "steel_electrode", "amount": 10, "unit": "t"}])
    assert p.column == "activity" and "public building operators" in p.message
    assert M.check_rows(["cn_public_buildings", "cn_iron_steel"],
                        [{"activity": "steel_electrode", "amount": 10, "unit": "t"}]) == []


def test_unit_the_methodology_does_not_allow():
    # China's guidelines take fuel consumption in t or 10^4 Nm3 (the NCV is part of the method); GJ is refused,
    # while kg or Nm3 (same quantity) are converted. The GHG Protocol accepts heat units.
    rows = [{"activity": "natural_gas", "amount": 3893.1, "unit": "GJ"}, {"activity": "diesel", "amount": 5, "unit": "kg"}]
    (p,) = M.check_rows(["cn_other_industry"], rows)
    assert (p.row, p.column) == ("1", "unit") and "t or 10^4 Nm3" in p.message
    assert M.check_rows(["ghg_protocol"], rows) == []


def test_no_or_unknown_methodology():
    assert M.check_rows([], [{"activity": "diesel", "amount": 1, "unit": "t"}])[0].column == "methodology"
    assert "unknown methodology" in M.check_rows(["cn_nothing"], [{"activity": "diesel", "amount": 1, "unit": "t"}])[0].message


# --- options: datasets, non-CO2 from combustion, GWP set ------------------------------------------------------

def test_options_follow_the_methodology():
    o = M.options_for("cn_power_generation", YEAR, REGION)
    assert o.datasets[0] == "cn_power_2022" and not o.combustion_non_co2 and o.gwp == "SAR"
    assert o.methodologies == ("cn_power_generation",)
    g = M.options_for(["ghg_protocol"], YEAR, REGION, gwp="AR6")
    assert g.combustion_non_co2 and g.gwp == "AR6"
    combo = M.options_for(["cn_cement", "cn_power_generation"], YEAR, REGION)
    assert combo.gwp == "SAR" and combo.datasets[:3] == ("cn_cement_2013", "cn_sector", "cn_enterprise") and "cn_power_2022" in combo.datasets


def test_china_guidelines_count_co2_only_from_combustion():
    row = [{"activity": "bituminous_coal", "amount": 1000, "unit": "t"}]
    china, ghgp = calc("cn_other_industry", row), calc("ghg_protocol", row)
    assert china.lines["CH4"].sum() == 0 and china.lines["N2O"].sum() == 0 and "factor:ef_ch4" not in china.lines
    assert ghgp.lines["CH4"].sum() > 0 and ghgp.lines["N2O"].sum() > 0
    # China (NDRC 2015 other industries, Appendix 2 Table 2.1): 1000 t x 23.204 GJ/t x 0.02618 tC/GJ x 93 % x 44/12.
    assert china.lines["CO2"].sum() == pytest.approx(1000 * 23.204 * 0.02618 * 0.93 * 44 / 12)
    # GHG Protocol with IPCC 2006 Tier 1 (Vol.2 Ch.1 Table 1.2 other bituminous coal 25.8 TJ/Gg, Table 1.3 25.8 kgC/GJ,
    # full oxidation s.1.4.2.1): 1000 x 25.8 x 0.0258 x 44/12 = 2440.68 t.
    assert ghgp.lines["CO2"].sum() == pytest.approx(2440.68)


def test_inventory_records_methodology_and_gwp_and_regwp_changes_co2e_only():
    rows = [{"activity": "aluminium_cn", "amount": 300_000, "unit": "t"}]
    sar = calc("cn_aluminium", rows)
    ar5 = calc("cn_aluminium", rows, gwp="AR5")
    assert sar.gwp_set == "SAR" and sar.methodologies == ("cn_aluminium",)
    assert sar.to_dict()["methodologies"] == ["cn_aluminium"] and ar5.gwp_set == "AR5"
    for gas in ("CF4", "C2F6"):
        assert ar5.lines[gas].to_numpy() == pytest.approx(sar.lines[gas].to_numpy(), rel=0, abs=0)
    # GWP-3 style arithmetic (worked-examples s.5): 10.2 t CF4 and 1.02 t C2F6 at AR5 6630 / 11100.
    assert ar5.total_co2e == pytest.approx(10.2 * 6630 + 1.02 * 11100)


# --- worked cases per complete methodology (computed by hand from the cited default tables) --------------------

def test_power_coal_with_the_2022_default_carbon_content():
    # MEE notice of June 2022: coal CC 0.03085 tC/GJ when elemental carbon is not measured; 2022 revision: coal
    # OF 99 % without measurement; NCV measured (20.0 GJ/t). 1000 t x 20.0 x 0.03085 x 0.99 x 44/12 = 2239.71 tCO2.
    r = calc("cn_power_generation", [{"activity": "bituminous_coal", "amount": 1000, "unit": "t",
                                      "ncv": 20.0, "ncv_unit": "GJ/t"}])
    assert co2e(r) == pytest.approx(2239.71, abs=0.01)
    assert r.lines["factor:cc"][0] == "POWER-003" and r.lines["factor:of"][0] == "POWER-010"


def test_power_purchased_electricity_at_the_reporting_factor():
    # 10 000 MWh in 2022 at the national factor for 2022 reporting 0.5703 tCO2/MWh (环办气候函〔2023〕43号) = 5703 t;
    # fuel oil for ignition, generic table (NDRC 2015 Table 2.1): 10 t x 40.19 x 0.0211 x 0.98 x 44/12 = 30.47 t.
    r = calc("cn_power_generation", [{"activity": "electricity_grid", "amount": 10_000, "unit": "MWh"},
                                     {"activity": "fuel_oil", "amount": 10, "unit": "t"}])
    assert co2e(r, "purchased_electricity") == pytest.approx(5703.0)
    assert co2e(r, "fuel_combustion") == pytest.approx(10 * 40.19 * 0.0211 * 0.98 * C2CO2)


def test_steel_process_emissions_ex_p13():
    # China steel guideline 2013 Appendix 2 defaults (worked-examples EX-P13, computed): limestone 0.440, electrodes
    # 3.663, purchased pig iron 0.172 tCO2/t; crude steel carbon 0.0154 tCO2/t deducted -> 22 326 tCO2.
    rows = [{"activity": "steel_limestone_flux", "amount": 30_000, "unit": "t"},
            {"activity": "steel_electrode", "amount": 2_000, "unit": "t"},
            {"activity": "steel_purchased_pig_iron", "amount": 100_000, "unit": "t"},
            {"activity": "steel_crude_steel_carbon", "amount": 1_000_000, "unit": "t"}]
    r = calc("cn_iron_steel", rows)
    assert co2e(r) == pytest.approx(22_326.0)
    assert co2e(r, "carbon_fixed_in_products") == pytest.approx(-15_400.0)


def test_steel_by_product_gas_and_heat():
    # Coke oven gas, the steel guideline's own Appendix 2 Table 2.1 (release 2026.5; the generic NDRC 2015 table gave
    # 173.854 GJ/10^4 Nm3 and 0.0136 tC/GJ, 8582.82 t): 173.54 GJ/10^4 Nm3, 12.10 tC/TJ, 99 %;
    # 1000 x 10^4 Nm3 -> 7622.40 tCO2. Purchased heat 10 000 GJ x 0.11 tCO2/GJ = 1100 t. Dolomite 10 000 t x 0.471.
    r = calc("cn_iron_steel", [{"activity": "coke_oven_gas", "amount": 1000, "unit": "10^4 Nm3"},
                               {"activity": "heat_purchased", "amount": 10_000, "unit": "GJ"},
                               {"activity": "steel_dolomite_flux", "amount": 10_000, "unit": "t"}])
    assert co2e(r, "fuel_combustion") == pytest.approx(1000 * 173.54 * 0.0121 * 0.99 * C2CO2)
    assert co2e(r, "fuel_combustion") == pytest.approx(7622.40, abs=0.01)
    assert co2e(r, "purchased_heat") == pytest.approx(1100.0)
    assert co2e(r, "process_emissions") == pytest.approx(4710.0)


def test_cement_clinker_from_oxide_content_ex_p3():
    # China cement guideline 2013 Eq (3): EF = (CaO - CaO_nc) x 44/56 + (MgO - MgO_nc) x 44/40 with measured
    # CaO 65 %, non-carbonate CaO 1 %, MgO 2 %, non-carbonate MgO 0.1 % -> 0.523757 tCO2/t (EX-P3, computed).
    row = {"activity": "cement_clinker_oxide", "amount": 1_000_000, "unit": "t", "cao": 65, "cao_unit": "%",
           "cao_nc": 1, "cao_nc_unit": "%", "mgo": 2, "mgo_unit": "%", "mgo_nc": 0.1, "mgo_nc_unit": "%"}
    r = calc("cn_cement", [row])
    assert co2e(r) == pytest.approx(1e6 * (0.64 * 44 / 56 + 0.019 * 44 / 40))
    assert co2e(r) == pytest.approx(523_757, abs=1)


def test_cement_raw_meal_carbon_and_measured_oxides_required():
    # Raw meal non-fuel carbon, measured 0.2 % (the guideline's range 0.1-0.3 %): 1.5 Mt x 0.002 x 44/12 = 11 000 t.
    r = calc("cn_cement", [{"activity": "cement_raw_meal_carbon", "amount": 1_500_000, "unit": "t",
                            "carbon": 0.2, "carbon_unit": "%"}])
    assert co2e(r) == pytest.approx(11_000.0)
    problems = M.check_rows(["cn_cement"], [{"activity": "cement_clinker_oxide", "amount": 1000, "unit": "t"}])
    assert {p.column for p in problems} == {"cao", "mgo"}  # the guideline needs them measured (no IPCC 65 % default)


def test_chemicals_nitric_acid_at_sar():
    # IPCC 2006 Vol.3 Table 3.3 high-pressure plants 9 kg N2O/t (the chemicals guideline's default follows it):
    # 100 000 t HNO3 -> 900 t N2O; SAR N2O 310 (the guideline's GWP) -> 279 000 tCO2e (EX-P7, computed).
    r = calc("cn_chemicals", [{"activity": "nitric_acid_high", "amount": 100_000, "unit": "t"}])
    assert r.lines["N2O"].sum() == pytest.approx(900.0)
    assert co2e(r) == pytest.approx(279_000.0)


def test_chemicals_carbon_balance_with_recovery():
    # Carbon balance (chemicals guideline 2013): inputs 10 000 t at 75 % C, outputs 4 000 t at 40 % C ->
    # (7500 - 1600) x 44/12 = 21 633.33 t; CO2 recovered and supplied 1000 t deducted -> 20 633.33 t.
    rows = [{"activity": "chem_carbon_input", "amount": 10_000, "unit": "t", "carbon": 75, "carbon_unit": "%"},
            {"activity": "chem_carbon_output", "amount": 4_000, "unit": "t", "carbon": 0.40, "carbon_unit": "fraction"},
            {"activity": "co2_recovered_supplied", "amount": 1_000, "unit": "t"}]
    r = calc("cn_chemicals", rows)
    assert co2e(r, "carbon_balance") == pytest.approx(5900 * C2CO2)
    assert co2e(r) == pytest.approx(20_633.33, abs=0.01)


def test_aluminium_anode_consumption_ex_p11():
    # China aluminium guideline 2013 Eq (4): 126 000 t net anode x (1 - 2 % S - 0.4 % ash) x 44/12 = 450 912 tCO2.
    r = calc("cn_aluminium", [{"activity": "aluminium_anode_consumption", "amount": 126_000, "unit": "t"}])
    assert co2e(r) == pytest.approx(450_912.0)


def test_aluminium_anode_effect_pfcs_ex_p11():
    # Guideline defaults CF4 0.034 and C2F6 0.0034 kg/t Al, SAR 6500 / 9200: 300 000 t Al -> 75 684 tCO2e.
    r = calc("cn_aluminium", [{"activity": "aluminium_cn", "amount": 300_000, "unit": "t"}])
    assert r.lines["CF4"].sum() == pytest.approx(10.2) and r.lines["C2F6"].sum() == pytest.approx(1.02)
    assert co2e(r) == pytest.approx(75_684.0)


def test_other_industry_bituminous_coal_ex_e1():
    # NDRC 2015 other-industry guideline Appendix 2 Table 2.1: 23.204 GJ/t, 0.02618 tC/GJ, 93 % -> 2071.51 tCO2.
    r = calc("cn_other_industry", [{"activity": "bituminous_coal", "amount": 1000, "unit": "t"}])
    assert co2e(r) == pytest.approx(2071.51, abs=0.01)


def test_other_industry_wastewater_and_carbonate_ex_w6():
    # 190 t COD removed in an anaerobic reactor: Bo 0.25 kg CH4/kg COD x MCF 0.8 -> 38 t CH4 -> 798 tCO2e at SAR 21
    # (EX-W6, computed); limestone 1000 t x 0.43971 (stoichiometric CO2/CaCO3) = 439.71 t.
    r = calc("cn_other_industry", [{"activity": "industrial_wastewater_anaerobic_reactor", "amount": 190, "unit": "t"},
                                   {"activity": "carbonate_limestone", "amount": 1000, "unit": "t"}])
    assert r.lines["CH4"].sum() == pytest.approx(38.0)
    assert co2e(r, "wastewater") == pytest.approx(798.0)
    assert co2e(r, "carbonate_use") == pytest.approx(439.71)


def test_public_buildings_gas_boilers():
    # Natural gas, NDRC 2015 Table 2.1 (389.31 GJ/10^4 Nm3, 0.0153 tC/GJ, 99 %): 50 x 10^4 Nm3 -> 1081.10 tCO2.
    r = calc("cn_public_buildings", [{"activity": "natural_gas", "amount": 50, "unit": "10^4 Nm3"}])
    assert co2e(r) == pytest.approx(1081.10, abs=0.01)


def test_public_buildings_electricity_and_heat():
    # 2000 MWh at 0.5703 (2022 reporting factor) = 1140.6 t; 5000 GJ heat at 0.11 tCO2/GJ = 550 t.
    r = calc("cn_public_buildings", [{"activity": "electricity_grid", "amount": 2000, "unit": "MWh"},
                                     {"activity": "heat_purchased", "amount": 5000, "unit": "GJ"}])
    assert co2e(r) == pytest.approx(1690.6)


def test_land_transport_road_diesel():
    # Diesel, NDRC 2015 Table 2.1 (43.33 GJ/t, 0.0202 tC/GJ, 98 %): 100 t -> 314.52 tCO2; CO2 only.
    r = calc("cn_land_transport", [{"activity": "road_diesel", "amount": 100, "unit": "t"}])
    assert co2e(r) == pytest.approx(314.52, abs=0.01) and r.lines["CH4"].sum() == 0


def test_land_transport_urea_exhaust_treatment():
    # IPCC 2006 Vol.2 Ch.3 Eq 3.2.2: 10 t urea solution x 12/60 x 32.5 % x 44/12 = 2.3833 tCO2.
    r = calc("cn_land_transport", [{"activity": "vehicle_urea_solution", "amount": 10, "unit": "t"}])
    assert co2e(r) == pytest.approx(10 * 12 / 60 * 0.325 * C2CO2)


def test_park_inventory_counts_non_co2_at_sar():
    # Provincial guideline applied to a park: CO2 from the China table (2071.51 t) plus IPCC 2006 Table 2.3 CH4 10 and
    # N2O 1.5 kg/TJ on 23.204 TJ, weighted by SAR 21 / 310.
    r = M.calculate_park({"E1": (["cn_park_inventory"], [{"activity": "bituminous_coal", "amount": 1000, "unit": "t"}])},
                         YEAR, REGION)
    assert r.gwp_set == "SAR"
    assert r.total_co2e == pytest.approx(2071.5148 + 23.204 * 10e-3 * 21 + 23.204 * 1.5e-3 * 310, abs=0.01)


def test_park_inventory_sf6_and_memo_categories_ex_p14():
    # SF6 from retired (1200 kg nameplate, 1100 kg recovered) and repaired (500 / 480 kg) equipment: 120 kg x SAR 23 900
    # = 2868 tCO2e (EX-P14). Electricity from a park producer is its own memo category.
    rows = [{"activity": "sf6_equipment_retired", "amount": 1200, "unit": "kg", "recovered": 1100},
            {"activity": "sf6_equipment_repaired", "amount": 500, "unit": "kg", "recovered": 480},
            {"activity": "electricity_in_park", "amount": 100, "unit": "MWh"}]
    r = M.calculate_park({"E1": (["cn_park_inventory"], rows)}, YEAR, REGION)
    assert co2e(r, "sf6_electrical") == pytest.approx(2868.0)
    assert r.lines["guideline_category"].tolist()[-1] == "in_park_electricity"


def test_report_tables_follow_the_guideline():
    r = calc("cn_aluminium", [{"activity": "aluminium_cn", "amount": 300_000, "unit": "t"},
                              {"activity": "electricity_grid", "amount": 1000, "unit": "MWh"}])
    tables = dict((t.id, df) for t, df in M.report_tables(r, "cn_aluminium"))
    emissions = tables["emissions"].set_index("category")
    assert list(emissions.index) == [c.id for c in M.get("cn_aluminium").categories] + ["total"]
    assert emissions.loc["anode_effect", "PFCs"] == pytest.approx(11.22)
    assert emissions.loc["total", "co2e"] == pytest.approx(r.total_co2e)
    assert tables["activity_data"].set_index("category").loc["purchased_electricity", "amount"] == 1000


# --- property: a park total is the sum of its enterprises' totals, for any methodology mix ----------------------

POOL = [("bituminous_coal", "t"), ("natural_gas", "10^4 Nm3"), ("diesel", "t"), ("road_diesel", "t"),
        ("electricity_grid", "MWh"), ("heat_purchased", "GJ"), ("carbonate_limestone", "t"),
        ("steel_limestone_flux", "t"), ("aluminium_anode_consumption", "t"), ("aluminium_cn", "t"),
        ("vehicle_urea_solution", "t"), ("nitric_acid_high", "t")]
MIXES = ["cn_other_industry", "cn_public_buildings", "cn_land_transport", "cn_iron_steel", "cn_cement",
         "cn_aluminium", "cn_chemicals", "cn_power_generation", "ghg_protocol", "ipcc2006"]


def _rows_for(ids, picks):
    ms = [M.get(i) for i in ids]
    usable = [(a, u) for a, u in POOL if any(m.category_of(a) for m in ms)]
    rows = []
    for k, (i, amount) in enumerate(picks):
        a, u = usable[i % len(usable)]
        row = {"row_id": f"r{k}", "activity": a, "amount": amount, "unit": u}
        if a == "bituminous_coal":
            row.update(ncv=20.0, ncv_unit="GJ/t")  # measured NCV: required by the power guideline
        rows.append(row)
    return rows


enterprise = st.tuples(
    st.lists(st.sampled_from(MIXES), min_size=1, max_size=2, unique=True),
    st.lists(st.tuples(st.integers(0, 50), st.floats(0, 1e5, allow_nan=False)), min_size=1, max_size=6),
)


@settings(max_examples=30, deadline=None)
@given(st.lists(enterprise, min_size=1, max_size=5), st.sampled_from([None, "AR5", "AR6"]))
def test_park_total_is_the_sum_of_enterprise_totals(ents, gwp):
    data = {f"E{i}": (ids, _rows_for(ids, picks)) for i, (ids, picks) in enumerate(ents)}
    park = M.calculate_park(data, YEAR, REGION, gwp=gwp)
    n_rows = sum(len(rows) for _, rows in data.values())
    assert len(park.lines) == n_rows  # every row counted once ...
    assert not park.lines.duplicated(["enterprise", "row_id"]).any()  # ... and no row twice
    assert (park.lines["guideline_category"] != "").all()
    by_ent = park.totals("enterprise")["co2e"]
    total = 0.0
    for e, (ids, rows) in data.items():
        own = M.calculate_enterprise(ids, rows, YEAR, REGION, gwp=park.gwp_set).total_co2e
        assert by_ent[e] == pytest.approx(own, rel=1e-9, abs=1e-6)
        total += own
    assert park.total_co2e == pytest.approx(total, rel=1e-9, abs=1e-6)
    assert set(park.methodologies) == {m for ids, _ in data.values() for m in ids}
    assert isinstance(park.lines, pd.DataFrame)


def test_park_problems_name_the_enterprise():
    data = {"E1": (["cn_other_industry"], [{"activity": "diesel", "amount": 1, "unit": "t"}]),
            "E2": (["cn_other_industry"], [{"activity": "diesel", "amount": "lots", "unit": "t"}]),
            "E3": (["cn_public_buildings"], [{"activity": "steel_electrode", "amount": 1, "unit": "t"}])}
    with pytest.raises(InputError) as exc:
        M.calculate_park(data, YEAR, REGION)
    assert [p.message.split(":")[0] for p in exc.value.problems] == ["enterprise E3"]  # checks first
    del data["E3"]
    with pytest.raises(InputError) as exc:
        M.calculate_park(data, YEAR, REGION)
    assert [(p.column, p.message.split(":")[0]) for p in exc.value.problems] == [("amount", "enterprise E2")]


def test_industry_code_from_a_spreadsheet_number():
    assert M.normalise_industry_code(3011.0) == "C3011" and M.normalise_industry_code(" d 4411") == "D4411"


def test_parameter_defaults_for_forms():
    by_name = {d["name"]: d for d in M.parameter_defaults("cn_power_generation", "bituminous_coal", YEAR, REGION)}
    assert by_name["ncv"]["rule"] == "none" and by_name["ncv"]["value"] is None
    assert by_name["cc"]["value"] == 0.03085 and by_name["cc"]["source"] == "MEE-2022-JUNE"
    assert "ef_ch4" not in by_name  # not counted by the guideline
    grid = M.parameter_defaults("cn_park_inventory", "electricity_grid", YEAR, REGION)[0]
    assert grid["value"] == pytest.approx(0.5617)  # East China grid 2022 average: the park methodology's regional basis
