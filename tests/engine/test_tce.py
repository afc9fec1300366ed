"""Energy in tce by GB/T 2589-2020 (issue 11 s.5).

Expected answers: the TCE-1..4 cases of notes/worked-examples.md s.6, COMPUTED BY HAND from the tabulated
coefficients of GB/T 2589-2020 Appendix A Table A.1 (raw coal 0.7143 kgce/kg, electricity 0.1229 kgce/kWh, heat
0.03412 kgce/MJ, natural gas 1.3300 kgce/m3). Flag F2: the coefficients are kcal-based and must not be re-derived as
NCV / 29 307.
"""

import math

import pytest

from parkcarbon.engine import InputError, Options, calculate, load_library
from parkcarbon.engine.tce import coefficients, energy_tce, intensities


def tce_of(rows, **kw):
    return energy_tce(rows, year=2022, **kw)


def test_tce1_raw_coal_uses_the_tabulated_coefficient():
    # 1000 t raw coal x 0.7143 = 714.3 tce; the naive NCV route 20 908 / 29 307 would give 713.4 (flag F2).
    r = tce_of([{"activity": "raw_coal", "amount": 1000, "unit": "t"}])
    assert r.total_tce == pytest.approx(714.3)
    assert r.total_tce != pytest.approx(1000 * 20.908 / 29.307, abs=0.5)
    assert r.lines["basis"][0] == "GB/T 2589 table" and r.lines["source"][0] == "GBT2589-2020"


def test_tce2_electricity_calorific_and_equivalent():
    # 1000 MWh x 0.1229 kgce/kWh (当量值) = 122.9 tce. The equivalent value (等价值) is the year's coal use per kWh
    # supplied: not stored (no citable source); with a caller's 0.300 kgce/kWh it is 300 tce, without it NaN.
    rows = [{"activity": "electricity_grid", "amount": 1000, "unit": "MWh"}]
    r = tce_of(rows)
    assert r.total_tce == pytest.approx(122.9)
    assert math.isnan(r.total_tce_equivalent)
    r_eq = tce_of(rows, electricity_equivalent_kgce_per_kwh=0.300)
    assert r_eq.total_tce_equivalent == pytest.approx(300.0) and r_eq.total_tce == pytest.approx(122.9)


def test_tce3_heat():
    # 10 000 GJ x 0.03412 kgce/MJ = 341.2 tce (10 TJ written in another unit gives the same).
    assert tce_of([{"activity": "heat_purchased", "amount": 10_000, "unit": "GJ"}]).total_tce == pytest.approx(341.2)
    assert tce_of([{"activity": "heat_purchased", "amount": 10, "unit": "TJ"}]).total_tce == pytest.approx(341.2)


def test_tce4_natural_gas_table_and_measured():
    # 100 000 m3 x 1.3300 kgce/m3 = 133.0 tce; with a measured 35 588 kJ/m3: 35 588 / 29 307 x 100 = 121.43 tce.
    assert tce_of([{"activity": "natural_gas", "amount": 10, "unit": "10^4 Nm3"}]).total_tce == pytest.approx(133.0)
    r = tce_of([{"activity": "natural_gas", "amount": 10, "unit": "10^4 Nm3", "ncv": 35588, "ncv_unit": "kJ/m3"}])
    assert r.total_tce == pytest.approx(121.43, abs=0.01) and r.lines["basis"][0] == "measured ncv"


def test_coefficients_are_cited_and_kcal_consistent():
    # Each stored coefficient equals (table NCV in kcal) / 7000, the NCV converted at 4.1816 kJ/kcal (4.1868 for
    # refinery dry gas): the arithmetic check of worked-examples s.6 that catches a transcription error.
    lib = load_library()
    text = coefficients()
    assert {"raw_coal", "electricity", "heat", "natural_gas", "diesel"} <= set(text)
    import csv
    from importlib import resources

    raw = resources.files("parkcarbon.engine").joinpath("data/tce_gbt2589.csv").read_text("utf-8")
    for row in csv.DictReader(line for line in raw.splitlines() if line and not line.startswith("#")):
        c = text[row["subject"]]
        assert c.source in lib.sources and c.table and c.provenance in ("official", "transcription", "derived")
        if row["ncv_kj"] and row["subject"] != "electricity":
            kcal = float(row["ncv_kj"]) / (4.1868 if row["subject"] == "refinery_gas" else 4.1816)
            assert c.value == pytest.approx(round(kcal) / 7000, abs=6e-5), row["subject"]
    assert text["electricity"].value == 0.1229 and text["heat"].value == 0.03412


def test_mobile_fuel_maps_to_its_fuel_and_non_energy_rows_count_zero():
    # Road diesel is diesel (1.4571 kgce/kg); green electricity is already inside the purchased total; clinker is
    # not energy.
    rows = [{"activity": "road_diesel", "amount": 10, "unit": "t"},
            {"activity": "electricity_green", "amount": 50, "unit": "MWh"},
            {"activity": "cement_clinker_oxide", "amount": 100, "unit": "t"}]
    r = tce_of(rows)
    assert r.lines["tce"].tolist() == pytest.approx([14.571, 0, 0])
    assert r.lines["basis"][1] == "not energy consumption"


def test_fuel_outside_the_table_uses_the_default_ncv_and_says_so():
    # Anthracite is not in Table A.1: NDRC 2015 default NCV 24.515 GJ/t / 29.307 -> 0.8365 tce/t (derived).
    r = tce_of([{"activity": "anthracite", "amount": 100, "unit": "t"}])
    assert r.total_tce == pytest.approx(100 * 24.515 / 29.307)
    assert "CN-FUEL-001" in r.lines["basis"][0]


def test_steam_by_mass_needs_enthalpy():
    # 1000 t steam at 2777 kJ/kg: (2777 - 83.74) x 10^-3 x 1000 = 2693.26 GJ x 0.03412 = 91.894 tce.
    r = tce_of([{"activity": "steam_purchased", "amount": 1000, "unit": "t", "enthalpy": 2777}])
    assert r.total_tce == pytest.approx(2693.26 * 34.12 / 1000)
    with pytest.raises(InputError) as exc:
        tce_of([{"activity": "steam_purchased", "amount": 1000, "unit": "t"}])
    assert exc.value.problems[0].column == "enthalpy"


def test_by_activity_and_enterprise_with_totals():
    rows = [{"activity": "raw_coal", "amount": 1000, "unit": "t", "enterprise": "A"},
            {"activity": "raw_coal", "amount": 2, "unit": "万吨", "enterprise": "B"},
            {"activity": "electricity_grid", "amount": 1000, "unit": "MWh", "enterprise": "B"}]
    r = tce_of(rows, electricity_equivalent_kgce_per_kwh=0.3)
    act = r.by_activity().set_index("activity")
    assert act.loc["raw_coal", "tce"] == pytest.approx(21_000 * 0.7143)  # 1000 t + 2 x 10^4 t
    assert act.loc["total", "tce"] == pytest.approx(r.total_tce) and act.loc["raw_coal", "name_zh"] == "原煤"
    ent = r.by("enterprise").set_index("enterprise")
    assert ent.loc["B", "tce_equivalent"] == pytest.approx(20_000 * 0.7143 + 300)
    assert ent.loc["total", "tce"] == pytest.approx(714.3 + 14_286 + 122.9)


def test_from_a_result_and_unknown_input():
    rows = [{"activity": "diesel", "amount": 10, "unit": "t"}, {"activity": "electricity_grid", "amount": 1, "unit": "MWh"}]
    result = calculate(rows, Options(year=2022, region="CN-JS"))
    assert energy_tce(result).total_tce == pytest.approx(tce_of(rows).total_tce)
    with pytest.raises(InputError) as exc:
        tce_of([{"activity": "diesel", "amount": 1, "unit": "parsec"}])
    assert exc.value.problems[0].column == "unit"


def test_intensities():
    # 10 000 tCO2e and 4 000 tce against 20 000 (10^4 yuan) output and 5 000 value added.
    out = intensities(10_000, 4_000, output_value_10k_yuan=20_000, value_added_10k_yuan=5_000)
    assert out["co2e_per_10k_yuan_output"] == 0.5 and out["tce_per_10k_yuan_output"] == 0.2
    assert out["co2e_per_10k_yuan_value_added"] == 2.0 and out["tce_per_10k_yuan_value_added"] == 0.8
    assert out["co2e_per_tce"] == 2.5
    assert intensities(1, 1)["tce_per_10k_yuan_output"] is None
    with pytest.raises(InputError) as exc:
        intensities(1, 1, output_value_10k_yuan=0)
    assert exc.value.problems[0].column == "output_value_10k_yuan"
    assert intensities(1, float("nan"), 10)["tce_per_10k_yuan_output"] is None


def test_by_activity_follows_the_catalogue_order():
    """Walk of 2026-11-29 (walker4): the energy table listed activities by their codes' alphabet (anthracite,
    aviation gasoline, bituminous coal ... electricity among the fuels); it follows the catalogue as the entry form
    does: coal, then gas, then purchased electricity, then the total."""
    rows = [{"activity": "electricity_grid", "amount": 1000, "unit": "MWh"},
            {"activity": "natural_gas", "amount": 10, "unit": "万Nm3"},
            {"activity": "anthracite", "amount": 10, "unit": "t"},
            {"activity": "raw_coal", "amount": 10, "unit": "t"}]
    r = tce_of(rows)
    assert r.by("activity")["activity"].tolist() == ["raw_coal", "anthracite", "natural_gas", "electricity_grid",
                                                     "total"]
    assert r.by_activity()["activity"].tolist()[-1] == "total"
