
"""The 2013 China guidelines' own fuel tables (issue 15, "constants per methodology and per source type"): the primary
aluminium, ceramics and civil aviation guidelines (NDRC 2013, 发改办气候〔2013〕2526号) each print their own appendix table of fossil-fuel
defaults (Appendix 2, Table 2.1 as transcribed: NCV, carbon content per unit heat, oxidation rate), which differ from the
NDRC 2015 table (cn_enterprise) the other China guidelines use. The values come from public calculators of the
guidelines (JS files 'template_5', enterpriseClass 5, aluminium; 'template_9', enterpriseClass 9, ceramics;
'template_10', enterpriseClass 10, civil aviation; for magnesium a public Vue calculator component of the guideline,
stored file id 23250755755), rows marked provenance "transcription". The chemicals guideline's table was read from a copy
of the published PDF (附件4, Appendix 2 Table 2.1, p.34-35) and the iron and steel guideline's from a copy of its published
text (Appendix 2 Table 2.1): rows marked provenance "official". Expected answers are CO2 = AD x NCV x CC x OF x 44/12 with the table's values,
worked by hand in each comment."""

import re

import pytest

from parkcarbon.engine import load_library
from parkcarbon.engine import methodology as M

YEAR, REGION = 2022, "CN-JS"


def calc(mid, rows, year=YEAR):
    return M.calculate_enterprise([mid], rows, year, REGION)


def co2(result, activity):
    lines = result.lines[result.lines["activity"] == activity]
    return float(lines["CO2"].sum())


def assert_co2(result, expected):
    """Each activity's CO2 equals its hand-worked figure (t, to 0.01 t)."""
    assert {a: co2(result, a) for a in expected} == pytest.approx(expected, abs=0.01)


ALU_ROWS = [{"activity": "anthracite", "amount": 1000, "unit": "t"},
            {"activity": "bituminous_coal", "amount": 2000, "unit": "t"},
            {"activity": "washed_coal", "amount": 500, "unit": "t"},
            {"activity": "diesel", "amount": 100, "unit": "t"},
            {"activity": "coke_oven_gas", "amount": 300, "unit": "10^4 Nm3"}]


# --- primary aluminium (NDRC 2013), dataset cn_aluminium_2013 -------------------------------------------------------

def test_aluminium_fuels_at_the_guidelines_own_table():
    # Aluminium guideline, Appendix 2 Table 2.1 as transcribed (template_5):
    # anthracite 20.304 GJ/t x 27.49 tC/TJ = 0.558157 tC/t x 94 % x 44/12 = 1.923781 t CO2/t x 1000 t = 1923.78 t
    # bituminous 19.570 x 0.02618 = 0.512343 x 93 % x 44/12 = 1.747088 x 2000 t = 3494.18 t
    # washed coal 26.344 x 0.0254 = 0.669138 x 90 % x 44/12 = 2.208154 x 500 t = 1104.08 t
    # diesel 42.652 x 0.0202 = 0.861570 x 98 % x 44/12 = 3.095910 x 100 t = 309.59 t
    # coke oven gas 173.54 GJ/10^4 Nm3 x 0.0121 = 2.099834 x 99 % x 44/12 = 7.622397 x 300 = 2286.72 t
    # total 9118.34 t (the NDRC 2015 table would give e.g. anthracite 24.515 GJ/t -> 2322.77 t)
    r = calc("cn_aluminium", ALU_ROWS)
    assert_co2(r, {"anthracite": 1923.78, "bituminous_coal": 3494.18, "washed_coal": 1104.08, "diesel": 309.59,
                "coke_oven_gas": 2286.72})
    assert float(r.lines["co2e"].sum()) == pytest.approx(9118.34, abs=0.02)
    anthracite = r.lines[r.lines["activity"] == "anthracite"].iloc[0]
    assert (anthracite["factor:ncv"], anthracite["factor:cc"], anthracite["factor:of"]) == (
        "CN-ALU-001", "CN-ALU-002", "CN-ALU-003")


def test_aluminium_table_applies_from_2005():
    # Defaults apply back to 2005 (issue 15): 1000 t anthracite -> 1923.78 t in 2005 as in 2030.
    for year in (2005, 2030):
        assert co2(calc("cn_aluminium", ALU_ROWS[:1], year), "anthracite") == pytest.approx(1923.78, abs=0.01)


def test_aluminium_lng_keeps_the_library_default_and_petroleum_coke_takes_the_published_row():
    # The table's LNG row (41.868 GJ/t, 17.20 tC/TJ, 98 %) is not used (CH-063..065, as CH-002): LNG keeps
    # 51.498 GJ/t (GB/T 2589 Table A.1) x 0.0153 x 99 % x 44/12 = 2.860147 x 100 t = 286.01 t. Petroleum coke, in the
    # published Table 2.1 (石油焦 32.018 GJ/t, 27.50 tC/TJ, 100 %) though not in the calculators' transcriptions:
    # 32.018 x 0.0275 = 0.880495 x 100 % x 44/12 = 3.228482 x 100 t = 322.85 t (NDRC 2015 would give 306.33 t).
    r = calc("cn_aluminium", [{"activity": "lng", "amount": 100, "unit": "t"},
                              {"activity": "petroleum_coke", "amount": 100, "unit": "t"}])
    assert_co2(r, {"lng": 286.01, "petroleum_coke": 322.85})
    assert set(r.lines["factor:ncv"]) == {"CN-FUEL-076", "CN-ALU-061"}
    coke = r.lines[r.lines["activity"] == "petroleum_coke"].iloc[0]
    assert (coke["factor:cc"], coke["factor:of"]) == ("CN-ALU-062", "CN-ALU-063")


# --- ceramics (NDRC 2013), dataset cn_ceramics_2013 -----------------------------------------------------------------

def test_ceramics_fuels_at_the_guidelines_own_table():
    # Ceramics guideline, Appendix 2 Table 2.1 as transcribed (template_9):
    # bituminous 22.30 GJ/t x 25.60 tC/TJ = 0.570880 tC/t x 93 % x 44/12 = 1.946701 x 1000 t = 1946.70 t
    # coke 28.40 x 0.0288 = 0.817920 x 93 % x 44/12 = 2.789107 x 200 t = 557.82 t
    # LPG 50.20 x 0.0172 = 0.863440 x 99 % x 44/12 = 3.134287 x 50 t = 156.71 t
    # washed coal is not in the ceramics table: NDRC 2015 Table 2.1, 26.344 x 0.0254 x 93 % x 44/12 = 2.281759
    # x 100 t = 228.18 t.
    r = calc("cn_ceramics", [{"activity": "bituminous_coal", "amount": 1000, "unit": "t"},
                             {"activity": "coke", "amount": 200, "unit": "t"},
                             {"activity": "lpg", "amount": 50, "unit": "t"},
                             {"activity": "washed_coal", "amount": 100, "unit": "t"}])
    assert_co2(r, {"bituminous_coal": 1946.70, "coke": 557.82, "lpg": 156.71, "washed_coal": 228.18})
    ncv = dict(zip(r.lines["activity"], r.lines["factor:ncv"], strict=True))
    assert ncv["bituminous_coal"].startswith("CN-CER-") and ncv["washed_coal"] == "CN-FUEL-010"


# --- civil aviation (NDRC 2013), ground fuels in dataset cn_civil_aviation_2013 -------------------------------------

def test_civil_aviation_ground_fuels_at_the_guidelines_own_table():
    # Civil aviation guideline, Appendix 2 Table 2.1 as transcribed (template_10, NCV in kJ/kg or kJ/Nm3):
    # gasoline 43 070 kJ/kg x 18.90 tC/TJ = 0.814023 tC/t x 98 % x 44/12 = 2.925056 x 200 t = 585.01 t
    # natural gas 38 931 kJ/Nm3 = 389.31 GJ/10^4 Nm3 x 0.0153 = 5.956443 x 99 % x 44/12 = 21.621888 x 10 = 216.22 t
    # (equal to NDRC 2015). LPG 50 179 kJ/kg x 17.20 tC/TJ = 0.863079 x 98 % x 44/12 = 3.101330 x 10 t = 31.01 t.
    r = calc("cn_civil_aviation", [{"activity": "road_gasoline", "amount": 200, "unit": "t"},
                                   {"activity": "natural_gas", "amount": 10, "unit": "10^4 Nm3"},
                                   {"activity": "lpg", "amount": 10, "unit": "t"}])
    assert_co2(r, {"road_gasoline": 585.01, "natural_gas": 216.22, "lpg": 31.01})


# --- magnesium smelting (NDRC 2013), dataset cn_magnesium_2013 ----------------------------------------------------

MG_ROWS = [{"activity": "anthracite", "amount": 1000, "unit": "t"},
           {"activity": "bituminous_coal", "amount": 2000, "unit": "t"},
           {"activity": "coke", "amount": 200, "unit": "t"},
           {"activity": "coke_oven_gas", "amount": 300, "unit": "10^4 Nm3"},
           {"activity": "lpg", "amount": 50, "unit": "t"},
           {"activity": "crude_benzene", "amount": 100, "unit": "t"}]


def test_magnesium_fuels_at_the_guidelines_own_table():
    # Magnesium guideline, Appendix 2 Table 2.1 常用化石燃料相关参数的推荐值 (printed p.19, read from a copy of the
    # published text; first transcribed from a Vue calculator, file id 23250755755):
    # anthracite 20.304 GJ/t x 27.49 tC/TJ = 0.558157 tC/t x 94 % x 44/12 = 1.923781 x 1000 t = 1923.78 t
    # bituminous coal 19.570 GJ/t x 26.18 tC/TJ (the published cells the transcription had garbled; equal to NDRC 2015)
    # = 0.512343 x 93 % x 44/12 = 1.747088 x 2000 t = 3494.18 t
    # coke 28.447 x 0.0295 = 0.839187 x 93 % x 44/12 = 2.861626 x 200 t = 572.33 t
    # coke oven gas 173.54 GJ/10^4 Nm3 x 0.0121 = 2.099834 x 99 % x 44/12 = 7.622397 x 300 = 2286.72 t
    # LPG 50.179 x 0.0172 = 0.863079 x 98 % x 44/12 = 3.101330 x 50 t = 155.07 t
    # crude benzene is not in the magnesium table: NDRC 2015 Table 2.1, 41.816 x 0.0227 x 98 % x 44/12 = 3.410875
    # x 100 t = 341.09 t; total 8773.16 t
    r = calc("cn_magnesium", MG_ROWS)
    assert_co2(r, {"anthracite": 1923.78, "bituminous_coal": 3494.18, "coke": 572.33, "coke_oven_gas": 2286.72,
                "lpg": 155.07, "crude_benzene": 341.09})
    assert float(r.lines["co2e"].sum()) == pytest.approx(8773.16, abs=0.02)
    ids = {a: (n, c, o) for a, n, c, o in zip(r.lines["activity"], r.lines["factor:ncv"], r.lines["factor:cc"],
                                               r.lines["factor:of"], strict=True)}
    assert ids["anthracite"] == ("CN-MG-001", "CN-MG-002", "CN-MG-003")
    assert ids["bituminous_coal"] == ("CN-MG-004", "CN-MG-056", "CN-MG-057")
    assert ids["crude_benzene"][0] == "CN-FUEL-049"


def test_magnesium_table_applies_from_2005_and_keeps_lng():
    # Defaults apply back to 2005 (issue 15): 1000 t anthracite -> 1923.78 t in 2005 as in 2030. The table's LNG row
    # (41.868 GJ/t) is not used (CH-108..110, as CH-002): 51.498 GJ/t (GB/T 2589 Table A.1) x 0.0153 x 99 % x 44/12
    # = 2.860147 x 100 t = 286.01 t.
    for year in (2005, 2030):
        assert co2(calc("cn_magnesium", MG_ROWS[:1], year), "anthracite") == pytest.approx(1923.78, abs=0.01)
    lng = calc("cn_magnesium", [{"activity": "lng", "amount": 100, "unit": "t"}])
    assert co2(lng, "lng") == pytest.approx(286.01, abs=0.01)


# --- chemicals (NDRC 2013), dataset cn_chemicals_2013 -------------------------------------------------------------

def test_chemicals_fuels_at_the_guidelines_own_table():
    # Chemicals guideline, Appendix 2 Table 2.1 (常见化石燃料特性参数缺省值, PDF p.34-35):
    # anthracite 20.304 GJ/t x 27.49 tC/TJ = 0.558157 tC/t x 94 % x 44/12 = 1.923781 x 1000 t = 1923.78 t
    # washed coal 26.334 x 0.0254 = 0.668884 x 90 % x 44/12 = 2.207316 x 500 t = 1103.66 t
    # petroleum coke 31.998 x 0.0275 = 0.879945 x 98 % x 44/12 = 3.161936 x 100 t = 316.19 t
    # LPG 47.31 x 0.0172 = 0.813732 x 98 % x 44/12 = 2.924010 x 50 t = 146.20 t
    # diesel 43.33 x 0.0202 = 0.875266 x 98 % x 44/12 = 3.145122 x 100 t = 314.51 t (equal to NDRC 2015)
    # coke oven gas 173.54 GJ/10^4 Nm3 x 0.0136 = 2.360144 x 99 % x 44/12 = 8.567323 x 300 = 2570.20 t
    r = calc("cn_chemicals", [{"activity": "anthracite", "amount": 1000, "unit": "t"},
                              {"activity": "washed_coal", "amount": 500, "unit": "t"},
                              {"activity": "petroleum_coke", "amount": 100, "unit": "t"},
                              {"activity": "lpg", "amount": 50, "unit": "t"},
                              {"activity": "diesel", "amount": 100, "unit": "t"},
                              {"activity": "coke_oven_gas", "amount": 300, "unit": "10^4 Nm3"}])
    assert_co2(r, {"anthracite": 1923.78, "washed_coal": 1103.66, "petroleum_coke": 316.19, "lpg": 146.20,
                "diesel": 314.51, "coke_oven_gas": 2570.20})
    ncv = dict(zip(r.lines["activity"], r.lines["factor:ncv"], strict=True))
    assert ncv["anthracite"] == "CN-CHEM-001" and ncv["coke_oven_gas"] == "CN-CHEM-055"


def test_chemicals_table_keeps_lng_and_jet_kerosene_at_the_library_defaults():
    # LNG row (41.868 GJ/t) not used (CH-125..127): 51.498 x 0.0153 x 99 % x 44/12 = 2.860147 x 100 t = 286.01 t.
    # Jet kerosene is not in the table: NDRC 2015 Table 2.1, 44.75 x 0.0196 x 98 % x 44/12 = 3.151763 x 10 t = 31.52 t.
    r = calc("cn_chemicals", [{"activity": "lng", "amount": 100, "unit": "t"},
                              {"activity": "jet_kerosene", "amount": 10, "unit": "t"}])
    assert_co2(r, {"lng": 286.01, "jet_kerosene": 31.52})
    assert set(r.lines["factor:ncv"]) == {"CN-FUEL-076", "CN-FUEL-037"}


# --- iron and steel (NDRC 2013), dataset cn_iron_steel_2013 -------------------------------------------------------

def test_iron_steel_fuels_at_the_guidelines_own_table():
    # Iron and steel guideline, Appendix 2 Table 2.1 (常用化石燃料相关参数缺省值):
    # anthracite 20.304 GJ/t x 27.49 tC/TJ x 94 % x 44/12 = 1.923781 x 1000 t = 1923.78 t
    # coke 28.447 x 0.0295 = 0.839187 x 93 % x 44/12 = 2.861626 x 500 t = 1430.81 t
    # blast furnace gas 33.000 GJ/10^4 Nm3 x 0.0708 = 2.336400 x 99 % x 44/12 = 8.481132 x 1000 = 8481.13 t
    # converter gas 84.000 x 0.0496 = 4.166400 x 99 % x 44/12 = 15.124032 x 100 = 1512.40 t
    # crude benzene 41.816 x 0.0227 x 98 % x 44/12 = 3.410875 x 100 t = 341.09 t (the 2015 table's values)
    # LPG 50.179 x 0.0172 x 98 % x 44/12 = 3.101330 x 10 t = 31.01 t
    r = calc("cn_iron_steel", [{"activity": "anthracite", "amount": 1000, "unit": "t"},
                               {"activity": "coke", "amount": 500, "unit": "t"},
                               {"activity": "blast_furnace_gas", "amount": 1000, "unit": "10^4 Nm3"},
                               {"activity": "converter_gas", "amount": 100, "unit": "10^4 Nm3"},
                               {"activity": "crude_benzene", "amount": 100, "unit": "t"},
                               {"activity": "lpg", "amount": 10, "unit": "t"}])
    assert_co2(r, {"anthracite": 1923.78, "coke": 1430.81, "blast_furnace_gas": 8481.13, "converter_gas": 1512.40,
                "crude_benzene": 341.09, "lpg": 31.01})
    ncv = dict(zip(r.lines["activity"], r.lines["factor:ncv"], strict=True))
    assert ncv["blast_furnace_gas"] == "CN-STEEL-046" and ncv["crude_benzene"] == "CN-STEEL-040"


# --- cement and flat glass (NDRC 2013), datasets cn_cement_2013 and cn_flat_glass_2013 ------------------------------
# Both guidelines print the same three tables (Appendix 2, read from copies of the published texts): Table 2.1 NCV,
# Table 2.2 carbon content (tC/TJ), Table 2.3 oxidation rate (coal 98 % in kilns, 95 % in industrial boilers, 91 % in
# other equipment).

CEMENT_ROWS = [{"activity": "raw_coal", "amount": 1000, "unit": "t"},
               {"activity": "anthracite", "amount": 1000, "unit": "t"},
               {"activity": "coke", "amount": 100, "unit": "t"},
               {"activity": "natural_gas", "amount": 100, "unit": "10^4 Nm3"},
               {"activity": "tar", "amount": 100, "unit": "t"}]


@pytest.mark.parametrize(("mid", "prefix"), [("cn_cement", "CN-CEM"), ("cn_flat_glass", "CN-GLASS")])
def test_cement_and_flat_glass_fuels_at_the_guidelines_own_tables(mid, prefix):
    # raw coal: Table 2.1 原煤 20 908 MJ/t x Table 2.2 原煤 26.37 tC/TJ = 0.551344 tC/t x Table 2.3 煤（窑炉）98 % (the
    #   kiln value, CH-189 / CH-233) x 44/12 = 1.981163 t CO2/t x 1000 t = 1981.16 t
    # anthracite: no NCV in Table 2.1, NDRC 2015 24.515 GJ/t x Table 2.2 无烟煤 27.49 tC/TJ = 0.673917 x 98 % x 44/12
    #   = 2.421610 x 1000 t = 2421.61 t
    # coke: 28 435 MJ/t x 29.42 tC/TJ = 0.836558 x 98 % x 44/12 = 3.006031 x 100 t = 300.60 t
    # natural gas: 38.931 MJ/m3 = 389.31 GJ/10^4 Nm3 x 15.32 tC/TJ = 5.964229 x 99.5 % x 44/12 = 21.759496 x 100 = 2175.95 t
    # coal tar: 煤焦油 33 453 MJ/t x (no Table 2.2 row: NDRC 2015 0.022 tC/GJ) = 0.735966 x 99 % x 44/12 = 2.671557 x 100
    #   = 267.16 t
    r = calc(mid, CEMENT_ROWS)
    assert_co2(r, {"raw_coal": 1981.16, "anthracite": 2421.61, "coke": 300.60, "natural_gas": 2175.95, "tar": 267.16})
    by = r.lines.set_index("activity")
    assert tuple(by.loc["raw_coal", ["factor:ncv", "factor:cc", "factor:of"]]) == (
        f"{prefix}-001", f"{prefix}-002", f"{prefix}-003")
    assert by.loc["anthracite", "factor:ncv"] == "CN-FUEL-001" and by.loc["tar", "factor:cc"] == "CN-FUEL-047"


def test_cement_coal_in_a_boiler_takes_its_own_oxidation_rate():
    # A boiler line enters Table 2.3's 煤（工业锅炉）95 %: 0.551344 tC/t x 95 % x 44/12 = 1.920515 x 1000 t = 1920.51 t;
    # other equipment 91 %: 0.551344 x 91 % x 44/12 = 1.839650 x 1000 t = 1839.65 t.
    for of, expected in ((95, 1920.51), (91, 1839.65)):
        r = calc("cn_cement", [{**CEMENT_ROWS[0], "of": of, "of_unit": "%"}])
        assert co2(r, "raw_coal") == pytest.approx(expected, abs=0.01)


def test_cement_and_flat_glass_tables_are_identical_and_the_coal_choice_is_recorded():
    lib = load_library()
    cem = {(f.subject, f.param): f.value for f in lib.factors.values() if f.dataset == "cn_cement_2013"}
    glass = {(f.subject, f.param): f.value for f in lib.factors.values() if f.dataset == "cn_flat_glass_2013"}
    assert cem == glass and len(cem) == 53  # 50 + producer gas (ncv, cc, of), release 2026.6
    coal_of = {c["used_in"]: (c["used_value"], c["other_value"]) for c in lib.choices
               if c["subject"] == "raw_coal" and c["param"] == "of" and c["other_source"].startswith("NDRC-2013")}
    assert coal_of == {"cn_cement": ("98", "95"), "cn_flat_glass": ("98", "95")}


# --- the other guidelines and the records ---------------------------------------------------------------------------

def test_other_guidelines_keep_the_2015_table():
    # NDRC 2015 Appendix 2 Table 2.1: anthracite 24.515 x 0.02749 = 0.673917 x 94 % x 44/12 = 2.322768 x 1000 t
    # = 2322.77 t under the other-industry guideline (and every methodology not reading a 2013 dataset).
    for mid in ("cn_other_industry",):
        assert co2(calc(mid, ALU_ROWS[:1]), "anthracite") == pytest.approx(2322.77, abs=0.01)
    owners = {d: [m.id for m in M.methodologies().values() if d in m.datasets]
              for d in ("cn_aluminium_2013", "cn_ceramics_2013", "cn_civil_aviation_2013", "cn_magnesium_2013",
                        "cn_chemicals_2013", "cn_iron_steel_2013", "cn_cement_2013", "cn_flat_glass_2013")}
    assert owners == {"cn_aluminium_2013": ["cn_aluminium"], "cn_ceramics_2013": ["cn_ceramics"],
                      "cn_civil_aviation_2013": ["cn_civil_aviation"], "cn_magnesium_2013": ["cn_magnesium"],
                      "cn_chemicals_2013": ["cn_chemicals"], "cn_iron_steel_2013": ["cn_iron_steel"],
                      "cn_cement_2013": ["cn_cement"], "cn_flat_glass_2013": ["cn_flat_glass"]}


@pytest.mark.parametrize(("mid", "dataset", "source", "provenance"), [
    ("cn_aluminium", "cn_aluminium_2013", "NDRC-2013-ALU", "official"),
    ("cn_ceramics", "cn_ceramics_2013", "NDRC-2013-CERAMICS", "official"),
    ("cn_civil_aviation", "cn_civil_aviation_2013", "NDRC-2013-AVIATION", "official"),
    ("cn_magnesium", "cn_magnesium_2013", "NDRC-2013-MG", "official"),
    ("cn_chemicals", "cn_chemicals_2013", "NDRC-2013-CHEM", "official"),
    ("cn_iron_steel", "cn_iron_steel_2013", "NDRC-2013-STEEL", "official"),
    ("cn_cement", "cn_cement_2013", "NDRC-2013-CEMENT", "official"),
    ("cn_flat_glass", "cn_flat_glass_2013", "NDRC-2013-GLASS", "official")])
def test_every_differing_value_is_recorded(mid, dataset, source, provenance):
    lib = load_library()
    rows = [f for f in lib.factors.values() if f.dataset == dataset and f.param in ("ncv", "cc", "of")
            and f.id not in ("CN-AVIA-001", "CN-AVIA-002", "CN-AVIA-003")]  # aviation kerosene: CH-017..019
    rows = [f for f in rows if f.subject != "aviation_gasoline"]  # no NDRC 2015 row to differ from

    def expected(f):  # checked against the published tables (issue 15); the aluminium crude benzene rows are in none
        return "transcription" if f.id in ("CN-ALU-040", "CN-ALU-041", "CN-ALU-042") else provenance
    tables = ("Appendix 2, Table 2.1", "Appendix 2, Table 2.2", "Appendix 2, Table 2.3")
    assert rows and all(f.provenance == expected(f) and f.source == source and f.valid_from == 2005
                        and f.table.startswith(tables) for f in rows)
    assert all(f.table.startswith("Appendix 2, Table 2.1 as transcribed") == (expected(f) == "transcription")
               for f in rows)
    recorded = {c["used_ref"] for c in lib.choices if c["used_in"] == mid}
    # rows qualified by a combustion equipment (Table 2.3 of cement / flat glass) are recorded by one choice per
    # equipment, which names each coal's row (CH-242..247)
    recorded |= {i for c in lib.choices if c["used_in"] == mid and c["used_ref"] in lib.factors
                 and lib.factors[c["used_ref"]].qualifier for i in re.findall(r"CN-[A-Z]+-\d{3}", c["reason"])}
    for f in rows:
        base = lib.resolve(f.subject, f.param, "", "", YEAR, ("CN",), ("cn_enterprise",))
        if base is None:  # a fuel only the guideline's table has (semi-coke, carbide furnace gas): a record says so
            assert any(c["subject"] == f.subject and c["used_in"] == mid for c in lib.choices), f.id
            continue
        differs = base.value_in(f.unit) != pytest.approx(f.value, rel=1e-9)
        assert (f.id in recorded) == differs, f"{f.id}: {f.subject} {f.param} {f.value} vs {base.id} {base.value}"
