"""The ipcc2019 methodology (issue 15): the 2006 IPCC Guidelines with the 2019 Refinement's defaults where the
Refinement changes one. Expected answers are hand arithmetic from the Refinement's tables and equations named beside
each number (volume, chapter, table), never from running the engine."""

import pytest

from parkcarbon.engine import load_library
from parkcarbon.engine import methodology as M
from parkcarbon.engine.methods import METHODS

N2O = 44 / 28  # N2O-N to N2O, Vol.4 Ch.11 Eq 11.1
YEAR = 2022
AR5_CH4 = 28  # IPCC AR5 WG1 Ch.8 Table 8.A.1 (the methodology's default set)
WET, DRY = "CN-JS", "CN-BJ"  # Jiangsu (East China grid, wet climate) and Beijing (North China grid, dry climate)


def calc(rows, region=WET):
    return M.calculate_enterprise(["ipcc2019"], rows, YEAR, region)


def line(result, activity):
    return result.lines[result.lines["activity"] == activity].iloc[0]


def test_every_category_of_ipcc2006_with_every_parameter_stated():
    m, m06 = M.get("ipcc2019"), M.get("ipcc2006")
    assert m.status == "transcribed" and m.datasets[:2] == ("ipcc2019", "ipcc2006")
    assert [c.id for c in m.categories] == [c.id for c in m06.categories]
    # ipcc2006's activities plus the sources the Refinement adds (test_ipcc2019_new_sources.py), and CO2 recovered
    # (R_CO2 of hydrogen production, Vol.3 Eq 3.44-3.46)
    lib = load_library()
    added = set(m.activities) - set(m06.activities)
    assert set(m06.activities) <= set(m.activities)
    assert {lib.activities[a].category for a in added} == {"hydrogen_production", "abandoned_coal_mines",
                                                           "wastewater_n2o", "co2_recovery", "oil_gas_tier1",
                                                           "coal_mining_fugitive"}
    assert {c for t in m.tables for c in t.categories} == {c.id for c in m.categories}
    for cat in m.categories:
        stated = {p.name for p in cat.parameters}
        params = {p.name for meth in cat.methods for p in METHODS[meth].params if not p.gas or p.gas in cat.gases}
        assert params <= stated, (cat.id, params - stated)
        for p in cat.parameters:  # each rule says where its value comes from: a 2019 table or "unchanged in 2019"
            assert p.default == "optional" or p.note, (cat.id, p.name)
    rows19 = [f for f in lib.factors.values() if f.dataset == "ipcc2019"]
    assert len(rows19) >= 60
    for f in rows19:
        assert f.source == "IPCC2019" and "2019 Refinement" in f.table and "Table" in f.table
        if f.provenance == "transcription":
            assert f.valid_from == 2019
        else:  # read in the IPCC's PDF of the chapter; a factor per inventory year (Vol.2 Table 4.1.6) covers that year
            assert f.provenance in ("official", "derived") and "published PDF" in f.note
            assert f.valid_from == 2019 or f.valid_from == f.valid_to


def test_managed_soils_n2o_by_climate_and_n_input():
    # Vol.4 Ch.11 Eq 11.1, 11.9, 11.10 with the 2019 Refinement's Table 11.1 (EF1) and Table 11.3 (EF4, EF5,
    # Frac_GAS, Frac_LEACH), 100 t N each:
    # wet climate (Jiangsu): synthetic N: EF1 0.016 + Frac_GASF 0.11 x EF4 0.014 + Frac_LEACH-(H) 0.24 x EF5 0.011
    #   = 0.02018 -> 100 x 0.02018 x 44/28 = 3.17114 t N2O; manure N: EF1 (other N inputs) 0.006 + Frac_GASM 0.21 x
    #   0.014 + 0.24 x 0.011 = 0.01158 -> 1.81971 t.
    # dry climate (Beijing): EF1 0.005 for all N, EF4 0.005, no leaching (Frac_LEACH 0): synthetic 0.005 + 0.11 x 0.005
    #   = 0.00555 -> 0.87214 t; manure 0.005 + 0.21 x 0.005 = 0.00605 -> 0.95071 t.
    # the whole country (climate unknown): aggregated EF1 0.010, EF4 0.010: synthetic 0.010 + 0.11 x 0.010 + 0.24 x
    #   0.011 = 0.01374 -> 2.15914 t.
    rows = [{"activity": a, "amount": 100, "unit": "t"} for a in ("synthetic_fertiliser_n", "manure_n_applied")]
    wet, dry, country = calc(rows, WET), calc(rows, DRY), calc(rows[:1], "CN")
    assert line(wet, "synthetic_fertiliser_n")["N2O"] == pytest.approx(100 * 0.02018 * N2O)
    assert line(wet, "manure_n_applied")["N2O"] == pytest.approx(100 * 0.01158 * N2O)
    assert line(dry, "synthetic_fertiliser_n")["N2O"] == pytest.approx(100 * 0.00555 * N2O)
    assert line(dry, "manure_n_applied")["N2O"] == pytest.approx(100 * 0.00605 * N2O)
    assert line(country, "synthetic_fertiliser_n")["N2O"] == pytest.approx(100 * 0.01374 * N2O)
    lib = load_library()
    ef1 = lib.factors[line(wet, "synthetic_fertiliser_n")["factor:ef1"]]
    assert (ef1.value, ef1.qualifier, ef1.region) == (0.016, "synthetic_fertiliser_n", "CN-GRID-E")
    assert "Table 11.1" in ef1.table
    # IPCC 2006 keeps its own single values (Table 11.1 EF1 0.01, Table 11.3 0.10 / 0.01 / 0.30 / 0.0075) everywhere
    r06 = M.calculate_enterprise(["ipcc2006"], rows[:1], YEAR, DRY)
    assert r06.lines["N2O"].iloc[0] == pytest.approx(100 * (0.01 + 0.10 * 0.01 + 0.30 * 0.0075) * N2O)


def test_rice_ch4_east_asia_and_water_regime():
    # Vol.4 Ch.5 Eq 5.1/5.2 with the 2019 Table 5.11 (East Asia EFc 1.32 kg CH4/ha/day) and Table 5.12 (SFw single
    # drainage 0.71, regular rainfed 0.54), SFp 1.00 (Table 5.13, non-flooded pre-season < 180 days), SFo 1:
    # 1 000 ha x 120 days x 1.32 x 0.71 = 112.464 t CH4; rainfed 1 000 ha x 120 x 1.32 x 0.54 = 85.536 t.
    rows = [{"activity": "rice_intermittent_single", "amount": 1000, "unit": "ha", "days": 120},
            {"activity": "rice_rainfed", "amount": 1000, "unit": "ha", "days": 120}]
    r = calc(rows, "CN-HN")
    assert line(r, "rice_intermittent_single")["CH4"] == pytest.approx(1000 * 120 * 1.32 * 0.71 / 1000)
    assert line(r, "rice_rainfed")["CH4"] == pytest.approx(1000 * 120 * 1.32 * 0.54 / 1000)


def test_enteric_fermentation_table_10_11_asia():
    # Vol.4 Ch.10 Eq 10.19, Tier 1, 2019 Table 10.11 (Asia): dairy cattle 78, other cattle 54 kg CH4/head/yr;
    # Table 10.10 keeps 5 for sheep (low-productivity systems): 1 000 head each -> 78 t, 54 t, 5 t CH4.
    rows = [{"activity": a, "amount": 1000, "unit": "head"} for a in ("enteric_dairy_cattle", "enteric_other_cattle",
                                                                       "enteric_sheep")]
    r = calc(rows)
    assert [line(r, a)["CH4"] for a in ("enteric_dairy_cattle", "enteric_other_cattle", "enteric_sheep")] == \
        pytest.approx([78, 54, 5])
    assert line(r, "enteric_dairy_cattle")["co2e"] == pytest.approx(78 * AR5_CH4)


def test_wastewater_mcf_table_6_3_and_composting_table_4_1():
    # Vol.5 Ch.6 Eq 6.1-6.3: 100 000 people x 40 g BOD/day (Table 6.4, China) x 365 x I 1.25 = 1 825 t BOD x Bo 0.6
    # (Table 6.2) x MCF: centralised aerobic plant 0.03 (2019 Table 6.3; 2006: 0) -> 32.85 t CH4; discharge to
    # aquatic environments 0.11 (2019 Table 6.3, Tier 1) -> 120.45 t. Composting, Table 4.1 of the published 2006 PDF
    # (no 2019 Vol.5 Ch.4): 1 000 t wet waste x 0.24 g N2O/kg (0.6 g/kg dry matter x 40 %) -> 0.24 t N2O; CH4 4 g/kg -> 4 t.
    rows = [{"activity": a, "amount": 100_000, "unit": "person"} for a in ("domestic_wastewater_aerobic",
                                                                            "domestic_wastewater_untreated")]
    rows.append({"activity": "composting", "amount": 1000, "unit": "t"})
    r = calc(rows)
    assert line(r, "domestic_wastewater_aerobic")["CH4"] == pytest.approx(1825 * 0.6 * 0.03)
    assert line(r, "domestic_wastewater_untreated")["CH4"] == pytest.approx(1825 * 0.6 * 0.11)
    compost = line(r, "composting")
    assert (compost["CH4"], compost["N2O"]) == pytest.approx((4, 0.24))
    r06 = M.calculate_enterprise(["ipcc2006"], rows[:1], YEAR, WET)
    assert r06.lines["CH4"].iloc[0] == 0  # 2006 Table 6.3: MCF 0 for a well-managed aerobic plant


def test_defaults_the_refinement_replaced_but_the_library_lacks_are_asked_for():
    # Aluminium PFCs (the Refinement's revised Tier 1, Vol.3 Ch.4) and manure-management CH4 (Eq 10.22A replaces the
    # per-head factors of 2006 Tables 10.14-10.15): the user gives them, and is told which; ipcc2006 keeps its own.
    rows = [{"row_id": "al", "activity": "aluminium_cwpb", "amount": 1000, "unit": "t"},
            {"row_id": "pig", "activity": "manure_swine", "amount": 1000, "unit": "head"}]
    problems = {(p.row, p.column) for p in M.check_rows(["ipcc2019"], rows)}
    assert {("al", "ef_cf4"), ("al", "ef_c2f6"), ("pig", "ef_ch4")} <= problems
    assert not M.check_rows(["ipcc2006"], rows)
    rules = {d["name"]: d["rule"] for d in M.parameter_defaults("ipcc2019", "aluminium_cwpb", YEAR, WET)}
    assert rules == {"ef_co2": "library", "ef_cf4": "none", "ef_c2f6": "none"}  # the entry form shows what to give
    measured = [{**rows[0], "ef_cf4": 0.05, "ef_cf4_unit": "kgCF4/t", "ef_c2f6": 0.005, "ef_c2f6_unit": "kgC2F6/t"},
                {**rows[1], "ef_ch4": 2.5, "ef_ch4_unit": "kgCH4/head"}]
    r = calc(measured)
    assert line(r, "aluminium_cwpb")["CF4"] == pytest.approx(0.05) and line(r, "manure_swine")["CH4"] == pytest.approx(2.5)
    assert line(r, "aluminium_cwpb")["CO2"] == pytest.approx(1600)  # anode CO2 1.6 t/t (Table 4.10), unchanged in 2019
