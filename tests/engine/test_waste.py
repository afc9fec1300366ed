"""Waste against worked examples.

No stored source gives a year-by-year FOD example (research notes /work/notes/worked-examples.md s.3.1), so the FOD
cases are computed by hand here from the IPCC 2006 Vol.5 equations (Eq 3.4-3.6, Annex 3A1) and cited defaults
(Table 3.3 k, Table 2.4 DOC, DOCf 0.5, F 0.5, MCF 1.0), following the IPCC Waste Model convention of a 6-month
delay (deposits start decaying on 1 January of the next year). The asymptote cross-check (EX-W3) is the China
provincial guideline's mass-balance method. Other cases: EX-W4 ... EX-W8 of the notes.
"""

import math

import pytest

from parkcarbon.engine import InputError, Options, calculate

CH4_PER_C = 16 / 12


def problems(exc_info):
    return {(p.row, p.column) for p in exc_info.value.problems}


def food_deposit(year, amount=1000, **kw):
    return {"activity": "landfill_food", "amount": amount, "unit": "t", "deposit_year": year, **kw}


def test_fod_single_deposit_year_by_year(calc):
    """EX-W1 (computed from IPCC 2006 Vol.5 defaults): 1 000 t food waste, DOC 0.15, DOCf 0.5, MCF 1, F 0.5,
    k 0.185 (Table 3.3, boreal/temperate wet - Jiangsu). DDOCm = 75 t C; CH4 in deposit year +1 = 75 x (1 - e^-0.185)
    x 0.5 x 16/12 = 8.4448 t, then 7.0185, 5.8331, 4.8479, 4.0291, 3.3486 t; nothing in the deposit year."""
    expected = [0.0, 8.4448, 7.0185, 5.8331, 4.8479, 4.0291, 3.3486]
    got = [calc([food_deposit(2015)], year=2015 + i).lines["CH4"].iloc[0] for i in range(7)]
    assert got == pytest.approx(expected, abs=1e-4)
    assert 75 * (1 - math.exp(-0.185)) * 0.5 * CH4_PER_C == pytest.approx(8.4448, abs=1e-4)


def test_fod_consecutive_years_decay_by_e_minus_k(calc):
    """After the delay a single deposit emits e^-k times the previous year's CH4 (Annex 3A1 Eq 3A1.1 integrated)."""
    y1 = calc([food_deposit(2010)], year=2014).lines["CH4"].iloc[0]
    y2 = calc([food_deposit(2010)], year=2015).lines["CH4"].iloc[0]
    assert y2 / y1 == pytest.approx(math.exp(-0.185))


def test_fod_multi_year_deposits_with_oxidation(calc):
    """EX-W2 (computed): 100 t/yr bulk MSW deposited in years 1-5, DOC 0.15 (measured; bulk MSW has no default DOC),
    k 0.09 (bulk waste, temperate wet), OX 0.1 -> emitted 0.3873 t in year 2, 1.3605 t in year 5, 1.6307 t in year 6."""
    rows = [{"activity": "landfill_msw", "amount": 100, "unit": "t", "deposit_year": 2010 + i, "doc": 0.15,
             "doc_unit": "fraction", "ox": 0.1, "ox_unit": "fraction"} for i in range(5)]
    for year, expected in ((2011, 0.3873), (2014, 1.3605), (2015, 1.6307)):
        assert calc(rows, year=year).lines["CH4"].sum() == pytest.approx(expected, abs=1e-4)


def test_fod_total_equals_china_mass_balance_method(calc):
    """EX-W3: the China provincial guideline (2011) mass-balance method, E = MSW x MCF x DOC x DOCf x F x 16/12 =
    1 000 x 1 x 0.15 x 0.5 x 0.5 x 16/12 = 50.0 t CH4, is the FOD asymptote. 400 deposits of 1 000 t in consecutive
    years seen in one inventory year add up to one deposit's emissions over 400 years."""
    rows = [food_deposit(2020 - i) for i in range(400)]
    assert calc(rows, year=2020).lines["CH4"].sum() == pytest.approx(1000 * 1 * 0.15 * 0.5 * 0.5 * CH4_PER_C, rel=1e-6)


def test_fod_delay_and_climate_follow_inputs_and_region(calc):
    """Delay 0 months: decay starts mid-deposit-year, so the deposit year emits DDOCm x (1 - e^(-k x 6/12)) (IPCC Waste
    Model: M = 13 - delay ... fraction (13 - M)/12 = 0.5). Climate: Beijing is temperate dry (food k 0.06), Guangdong
    tropical wet (food k 0.40) in Table 3.3."""
    r = calc([food_deposit(2020, delay=0, delay_unit="month")], year=2020)
    assert r.lines["CH4"].iloc[0] == pytest.approx(75 * (1 - math.exp(-0.185 * 0.5)) * 0.5 * CH4_PER_C)
    for region, k in (("CN-BJ", 0.06), ("CN-GD", 0.40), ("CN-SC", 0.185)):
        ch4 = calc([food_deposit(2019)], year=2020, region=region).lines["CH4"].iloc[0]
        assert ch4 == pytest.approx(75 * (1 - math.exp(-k)) * 0.5 * CH4_PER_C), region


def test_landfill_recovery_is_deducted_before_oxidation(calc):
    """IPCC 2006 Vol.5 Eq 3.1: emitted = (generated - R) x (1 - OX). Computed: 8.4448 t generated, 3 t recovered,
    OX 0.1 -> (8.4448 - 3) x 0.9 = 4.9003 t."""
    ox = {"ox": 0.1, "ox_unit": "fraction"}
    r = calc([food_deposit(2019, **ox), {"activity": "landfill_ch4_recovered", "amount": 3, "unit": "t", **ox}], year=2020)
    assert r.lines["CH4"].sum() == pytest.approx((8.44480 - 3) * 0.9, abs=1e-4)
    assert r.lines["CH4"].iloc[1] == pytest.approx(-2.7)


def test_incineration_fossil_and_biogenic_co2(calc):
    """EX-W5 (computed). China provincial guideline 2011 defaults (carbon 20 % of wet MSW, fossil 39 %, efficiency
    95 %): 1 000 t x 0.20 x 0.39 x 0.95 x 44/12 = 271.7 t fossil CO2; the non-fossil 61 % = 424.97 t is biogenic and
    kept out of CO2e. N2O 50 g/t (IPCC Table 5.6) = 0.05 t. IPCC variant with dm 0.6, CF 0.4, FCF 0.4, OF 1: 352.0 t."""
    r = calc([{"activity": "incineration_msw", "amount": 1000, "unit": "t"}], gwp="AR5")
    line = r.lines.iloc[0]
    assert line["CO2"] == pytest.approx(271.7)
    assert line["CO2_biogenic"] == pytest.approx(1000 * 0.20 * 0.61 * 0.95 * 44 / 12)
    assert line["N2O"] == pytest.approx(0.05)
    assert r.total_co2e == pytest.approx(271.7 + 0.05 * 265 + 0.0002 * 28)
    assert r.totals()["CO2_biogenic"].iloc[0] == pytest.approx(424.9667, abs=1e-3)
    ipcc = {"dm": 0.6, "dm_unit": "fraction", "cf": 0.4, "cf_unit": "fraction", "fcf": 0.4, "fcf_unit": "fraction",
            "of": 1, "of_unit": "fraction"}
    r = calc([{"activity": "incineration_msw", "amount": 1000, "unit": "t", **ipcc}])
    assert r.lines["CO2"].iloc[0] == pytest.approx(352.0)


def test_composting_table_4_1_and_2019_refinement(calc):
    """EX-W4: 1 000 t wet waste composted, IPCC 2006 Vol.5 Table 4.1 (the IPCC's published PDF, p. 4.6): CH4 4 g/kg,
    N2O 0.24 g/kg wet weight -> 4 t, 0.24 t; AR5: 4 x 28 + 0.24 x 265 = 112 + 63.6 = 175.6 t CO2e. The 2019 dataset
    (WASTE-088, the same 0.24) gives the same 175.6 t."""
    rows = [{"activity": "composting", "amount": 1000, "unit": "t"}]
    r = calc(rows, gwp="AR5")
    assert (r.lines["CH4"].iloc[0], r.lines["N2O"].iloc[0]) == pytest.approx((4.0, 0.24))
    assert r.total_co2e == pytest.approx(175.6)
    r19 = calculate(rows, Options(year=2022, region="CN-JS", gwp="AR5", datasets=("ipcc2019", "ipcc2006")))
    assert r19.total_co2e == pytest.approx(175.6)


def test_wastewater_cod_bod_and_effluent_n2o(calc):
    """EX-W6: 190 t COD removed in an anaerobic reactor x 0.25 x 0.8 = 38.0 t CH4 (1 064 t CO2e AR5).
    EX-W7: 100 000 people x 40 g BOD/day x 365 x 1.25 = 1 825 t BOD x 0.6 x 0.3 (overloaded aerobic) = 328.5 t CH4.
    EX-W8: 100 000 x 36.5 kg protein x 0.16 x 1.1 x 1.25 = 803 000 kg N x 0.005 x 44/28 = 6.3093 t N2O.
    All computed from IPCC 2006 Vol.5 Ch.6 defaults (Tables 6.2, 6.3, 6.4, 6.8, 6.11)."""
    r = calc([{"activity": "industrial_wastewater_anaerobic_reactor", "amount": 190_000, "unit": "kgCOD"},
              {"activity": "domestic_wastewater_aerobic_overloaded", "amount": 100_000, "unit": "person"},
              {"activity": "wastewater_n2o_effluent", "amount": 100_000, "unit": "person", "protein": 36.5,
               "protein_unit": "kg/person"},
              {"activity": "biogas_ch4_recovered", "amount": 8, "unit": "t"}], gwp="AR5")
    ch4 = list(r.lines["CH4"])
    assert ch4[:2] == pytest.approx([38.0, 328.5])
    assert r.lines["co2e"].iloc[0] == pytest.approx(1064)
    assert r.lines["N2O"].iloc[2] == pytest.approx(6.3093, abs=1e-4)
    assert ch4[3] == pytest.approx(-8)
    plant = calc([{"activity": "domestic_wastewater_cod_aerobic_overloaded", "amount": 100, "unit": "tCOD"}])
    assert plant.lines["CH4"].iloc[0] == pytest.approx(100 * 0.25 * 0.3)  # municipal plant by COD: Bo 0.25 x MCF 0.3


def test_bad_waste_inputs_name_row_and_column(calc):
    with pytest.raises(InputError) as exc:
        calc([{"row_id": "a", "activity": "landfill_food", "amount": 10, "unit": "t"}])
    assert problems(exc) == {("a", "deposit_year")}
    with pytest.raises(InputError) as exc:
        calc([{"row_id": "b", "activity": "landfill_food", "amount": 10, "unit": "t", "deposit_year": "last year"}])
    assert problems(exc) == {("b", "deposit_year")}
    later = calc([{"activity": "landfill_food", "amount": 10, "unit": "t", "deposit_year": 2030}], year=2022)
    assert later.lines["CH4"].iloc[0] == 0  # a deposit history may run past the inventory year
    with pytest.raises(InputError) as exc:  # bulk MSW: no default DOC; negative amount
        calc([{"row_id": "c", "activity": "landfill_msw", "amount": 10, "unit": "t", "deposit_year": 2020},
              {"row_id": "d", "activity": "composting", "amount": -1, "unit": "t"}])
    assert problems(exc) == {("c", "doc"), ("d", "amount")}
    with pytest.raises(InputError) as exc:  # hazardous waste: carbon content must be measured
        calc([{"row_id": "e", "activity": "incineration_hazardous", "amount": 10, "unit": "t"}])
    assert problems(exc) == {("e", "cf")}


def test_landfill_k_climate_zone_labels_are_the_ipcc_criteria():
    # IPCC 2006 Vol.5 Ch.3 Table 3.3 (V5_3_Ch3_SWDS.pdf, p. 3.17) and its notes: boreal and temperate (MAT <= 20 C)
    # dry MAP/PET < 1, wet MAP/PET > 1; tropical (MAT > 20 C) dry MAP < 1000 mm, moist and wet MAP >= 1000 mm. The
    # 1000 mm threshold is the tropical one only: the boreal/temperate labels must not carry it.
    from parkcarbon.engine import load_library
    from parkcarbon.engine import methodology as M

    lib = load_library()
    k_rows = [f for f in lib.factors.values() if f.param == "k" and f.subject.startswith("landfill_")]
    assert len(k_rows) == 63  # 7 waste types x 9 regions
    for f in k_rows:
        for text in (f.table, f.note):
            assert "MAP < 1000" not in text and "MAP > 1000" not in text and "tropical wet" not in text
    assert "boreal/temperate dry (MAT <= 20 C, MAP/PET < 1)" in lib.factors["WASTE-003"].table  # food, North grid
    assert "boreal/temperate wet (MAT <= 20 C, MAP/PET > 1)" in lib.factors["WASTE-002"].table  # food, China default
    assert "tropical moist and wet (MAT > 20 C, MAP >= 1000 mm)" in lib.factors["WASTE-008"].table  # food, Guangdong
    assert "MAP/PET" in lib.factors["WASTE-066"].note  # bulk MSW, Tibet
    for mid in ("ipcc2006", "ipcc2019", "ghg_protocol"):
        notes = [p.note for c in M.get(mid).categories for p in c.parameters if p.name == "k"]
        assert notes and all("dry MAP/PET < 1, wet MAP/PET > 1" in n and "dry MAP < 1000 mm" in n for n in notes)
