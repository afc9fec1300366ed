"""Agriculture, forestry and land use against worked examples.

IPCC 2006 Vol.4 gives no stored numeric worked examples (research notes /work/notes/worked-examples.md s.4); the
cases below are computed by hand from the cited Tier 1 defaults (EX-A1 ... EX-A7 of the notes). The arithmetic is
written in each test with the cited numbers.
"""

import pytest

from parkcarbon.engine import InputError, Options, calculate

N2O_PER_N = 44 / 28
CO2_PER_C = 44 / 12


def problems(exc_info):
    return {(p.row, p.column) for p in exc_info.value.problems}


def test_enteric_fermentation_asia_tier1(calc):
    """EX-A1: IPCC 2006 Vol.4 Ch.10 Table 10.11, dairy cattle Asia 68 and other cattle Asia 47 kg CH4/head/yr; Table
    10.10 swine (developing) 1.0: 1 000 dairy cattle -> 68.0 t, 1 000 other cattle -> 47.0 t, 5 000 pigs -> 5.0 t.
    Round trip of the Asian dairy EF: GE 159.5 MJ/day x Ym 6.5 % x 365 / 55.65 MJ/kg CH4 = 68.0 kg."""
    assert 159.5 * 0.065 * 365 / 55.65 == pytest.approx(68.0, abs=0.05)
    r = calc([{"activity": "enteric_dairy_cattle", "amount": 1000, "unit": "头"},
              {"activity": "enteric_other_cattle", "amount": 1000, "unit": "head"},
              {"activity": "enteric_swine", "amount": 5000, "unit": "head"}])
    assert list(r.lines["CH4"]) == pytest.approx([68.0, 47.0, 5.0])
    assert set(r.lines["category"]) == {"enteric_fermentation"}


def test_managed_soils_direct_and_indirect_n2o(calc):
    """EX-A2 (IPCC 2006 Vol.4 Ch.11 Tables 11.1/11.3): 100 t synthetic N -> direct 100 000 x 0.01 x 44/28 =
    1 571.4 kg; volatilisation 100 000 x 0.10 x 0.01 x 44/28 = 157.1 kg; leaching 100 000 x 0.30 x 0.0075 x 44/28
    = 353.6 kg; total 2 082.1 kg N2O = 551.8 t CO2e (AR5). EX-A3 (2019 Refinement aggregated, an inventory of the
    whole country: EF1 0.010, Frac_GASF 0.11, EF4 0.010, Frac_LEACH 0.24, EF5 0.011): 2 159.1 kg; in Jiangsu (wet
    climate, Tables 11.1/11.3 disaggregated: EF1 synthetic 0.016, EF4 0.014): 100 x (0.016 + 0.11 x 0.014 + 0.24 x
    0.011) x 44/28 = 3 171.1 kg."""
    rows = [{"activity": "synthetic_fertiliser_n", "amount": 100, "unit": "t"}]
    r = calc(rows, gwp="AR5")
    assert r.lines["N2O"].iloc[0] == pytest.approx(2.0821, abs=1e-4)
    assert r.total_co2e == pytest.approx(551.77, abs=0.01)
    r19 = calculate(rows, Options(year=2022, region="CN", datasets=("ipcc2019", "ipcc2006")))
    assert r19.lines["N2O"].iloc[0] == pytest.approx(100_000 * (0.010 + 0.11 * 0.010 + 0.24 * 0.011) * N2O_PER_N / 1000)
    assert r19.lines["N2O"].iloc[0] == pytest.approx(2.1591, abs=1e-4)
    wet = calculate(rows, Options(year=2022, region="CN-JS", datasets=("ipcc2019", "ipcc2006")))
    assert wet.lines["N2O"].iloc[0] == pytest.approx(100 * (0.016 + 0.11 * 0.014 + 0.24 * 0.011) * N2O_PER_N)


def test_manure_n_uses_its_own_volatilisation_fraction_and_dry_region_override(calc):
    """Frac_GASM 0.20 (Table 11.3) for manure N; with Frac_LEACH set to 0 for a dry region (Table 11.3 note):
    10 t N x (0.01 + 0.20 x 0.01) x 44/28 = 0.18857 t N2O."""
    r = calc([{"activity": "manure_n_applied", "amount": 10, "unit": "t", "frac_leach": 0, "frac_leach_unit": "fraction"}])
    assert r.lines["N2O"].iloc[0] == pytest.approx(10 * (0.01 + 0.20 * 0.01) * N2O_PER_N)


def test_urea_and_liming_co2(calc):
    """EX-A4 (IPCC 2006 Vol.4 Ch.11 Eq 11.12/11.13): 1 000 t urea x 0.20 x 44/12 = 733.3 t; limestone x 0.12 = 440.0 t;
    dolomite x 0.13 = 476.7 t."""
    r = calc([{"activity": a, "amount": 1000, "unit": "t"} for a in ("urea_application", "liming_limestone", "liming_dolomite")])
    assert list(r.lines["CO2"]) == pytest.approx([733.33, 440.0, 476.67], abs=0.01)


def test_rice_scaling_factors(calc):
    """EX-A5 (IPCC 2006 Vol.4 Ch.5 Eq 5.1-5.3, Tables 5.11-5.13): 1 000 ha, 120 days, single aeration SFw 0.60,
    SFp 1.0, 6 t/ha straw shortly before cultivation SFo = (1 + 6 x 1.0)^0.59 = 3.1522: EF = 1.30 x 0.60 x 3.1522 =
    2.4587 kg/ha/day -> 295.04 t CH4. Continuously flooded without amendment: 1.30 x 120 x 1 000 = 156.0 t (2006),
    142.8 t with the 2019 global EFc 1.19 (an inventory of the whole country) and 158.4 t with the 2019 East Asia EFc
    1.32 (Table 5.11, a province). 15 000 mu = 1 000 ha."""
    sfo = (1 + 6 * 1.0) ** 0.59
    r = calc([{"activity": "rice_intermittent_single", "amount": 1000, "unit": "ha", "days": 120, "sfo": sfo, "sfo_unit": "fraction"},
              {"activity": "rice_continuously_flooded", "amount": 15000, "unit": "亩", "days": 120}])
    assert list(r.lines["CH4"]) == pytest.approx([295.04, 156.0], abs=0.01)
    r19 = calculate([{"activity": "rice_continuously_flooded", "amount": 1000, "unit": "ha", "days": 120}],
                    Options(year=2022, region="CN", datasets=("ipcc2019", "ipcc2006")))
    assert r19.lines["CH4"].iloc[0] == pytest.approx(142.8)
    hunan = calculate([{"activity": "rice_continuously_flooded", "amount": 1000, "unit": "ha", "days": 120}],
                      Options(year=2022, region="CN-HN", datasets=("ipcc2019", "ipcc2006")))
    assert hunan.lines["CH4"].iloc[0] == pytest.approx(1.32 * 120 * 1000 / 1000)


def test_forest_gain_is_a_negative_co2_sink(calc):
    """EX-A6 (IPCC 2006 Vol.4 Ch.2 Eq 2.9/2.10, CF 0.47 Table 4.3): 1 000 ha x 5 t d.m./ha/yr x (1 + 0.2) x 0.47
    = 2 820 t C -> removal of 10 340 t CO2, reported as -10 340. With the China provincial CF 0.5 (the default
    preferred for Chinese inventories): 1 000 x 5 x 1.2 x 0.5 x 44/12 = 11 000 t removed."""
    growth = {"growth": 5, "growth_unit": "t/ha", "root_ratio": 0.2, "root_ratio_unit": "fraction"}
    r = calc([{"activity": "forest_growth", "amount": 1000, "unit": "ha", **growth, "cf": 0.47, "cf_unit": "tC/t"},
              {"activity": "forest_growth", "amount": 1000, "unit": "ha", **growth}])
    assert list(r.lines["CO2"]) == pytest.approx([-10_340, -11_000])
    assert r.total_co2e < 0
    assert r.lines["factor:cf"].iloc[1].startswith("AFOLU-")


def test_china_volume_method_sink_and_loss(calc):
    """EX-A7 (China provincial guideline 2011 volume method, illustrative parameters): dV 5 000 m3, SVD 0.5 t/m3,
    BEF 1.4, R 0.25, CF 0.5 -> 2 187.5 t C -> -8 020.8 t CO2. A negative volume change (harvest exceeds growth) is a
    loss: -1 000 m3 -> +1 604.2 t CO2."""
    p = {"svd": 0.5, "svd_unit": "t/m3", "bef": 1.4, "bef_unit": "fraction", "root_ratio": 0.25, "root_ratio_unit": "fraction"}
    r = calc([{"activity": "forest_volume_change", "amount": 5000, "unit": "m3", **p},
              {"activity": "forest_volume_change", "amount": -1000, "unit": "m3", **p}])
    assert list(r.lines["CO2"]) == pytest.approx([-8020.83, 1604.17], abs=0.01)


def test_land_conversion_stock_loss(calc):
    """IPCC 2006 Vol.4 Eq 2.16, Tier 1: cropland (4.7 t C/ha, Ch.8 Table 8.4, annual crops) to settlement (0 after
    conversion, s.8.3.1.2): 20 ha x 4.7 x 44/12 = 344.67 t CO2. Forest to settlement with a measured 80 t C/ha:
    10 x 80 x 44/12 = 2 933.3 t."""
    r = calc([{"activity": "cropland_to_settlement", "amount": 20, "unit": "ha"},
              {"activity": "forest_to_settlement", "amount": 10, "unit": "ha", "c_before": 80, "c_before_unit": "tC/ha"}])
    assert list(r.lines["CO2"]) == pytest.approx([344.67, 2933.33], abs=0.01)


def test_bad_afolu_inputs(calc):
    """A sink needs its growth data (no national default): the row and column are named; negative areas are refused;
    rice needs its cultivation period."""
    with pytest.raises(InputError) as exc:
        calc([{"row_id": "f", "activity": "forest_growth", "amount": 10, "unit": "ha", "root_ratio": 0.2, "root_ratio_unit": "fraction"},
              {"row_id": "g", "activity": "forest_growth", "amount": -10, "unit": "ha", "growth": 5, "growth_unit": "t/ha",
               "root_ratio": 0.2, "root_ratio_unit": "fraction"},
              {"row_id": "h", "activity": "forest_to_settlement", "amount": 1, "unit": "ha"}])
    assert problems(exc) == {("f", "growth"), ("g", "amount"), ("h", "c_before")}
    with pytest.raises(InputError) as exc:
        calc([{"row_id": "r", "activity": "rice_rainfed", "amount": 10, "unit": "ha"}])
    assert problems(exc) == {("r", "days")}
