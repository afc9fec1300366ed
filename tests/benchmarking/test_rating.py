"""Each benchmark rule with worked numbers (expected values worked out by hand from the standards' tables)."""

from parkcarbon.benchmarking import rating
from parkcarbon.benchmarking.library import load


def compare(product, output, co2e=0.0, tce=0.0, mwh=0.0, year=2024):
    return {c.metric: c for c in rating.compare(load(), product, output, rating.Totals(co2e, tce, mwh), year)}


def test_clinker_energy_between_advanced_and_limit_is_amber_and_meets_entry():
    # 10,500 tce over 100,000 t clinker = 105 kgce/t: above 100 (level 1), below 107 (level 2) and 117 (level 3).
    c = compare("cement_clinker", 100_000, tce=10_500)["energy"]
    assert round(c.intensity, 6) == 105 and c.light == "amber" and c.meets_entry is True


def test_clinker_energy_at_advanced_value_is_green_and_above_limit_is_red():
    assert compare("cement_clinker", 100_000, tce=10_000)["energy"].light == "green"  # exactly 100 kgce/t
    red = compare("cement_clinker", 100_000, tce=11_800)["energy"]  # 118 > 117
    assert red.light == "red" and red.meets_entry is False


def test_aluminium_ac_electricity():
    # 650,000 MWh over 50,000 t = 13,000 kWh/t: above 12,950 (level 1), equal to the entry value 13,000.
    c = compare("electrolytic_aluminium", 50_000, mwh=650_000)["electricity"]
    assert round(c.intensity, 6) == 13_000 and c.light == "amber" and c.meets_entry is True


def test_power_allowance_benchmark_applies_latest_plan_and_rates_against_it():
    # 1,000,000 MWh supplied, 900,000 t CO2: 0.900 > 0.877 (coal > 300 MW, 2019-2020 plan, the latest in the library).
    c = compare("power_coal_gt300", 1_000_000, co2e=900_000, year=2024)["co2"]
    assert c.levels["allowance"].valid_to == 2020 and c.light == "red"
    assert compare("power_gas", 1_000, co2e=380)["co2"].light == "green"  # 0.380 <= 0.392


def test_reference_values_are_not_rated():
    c = compare("cement_clinker", 100_000, co2e=85_000)["co2"]
    assert round(c.intensity, 6) == 0.85 and c.light == "none" and not c.rated


def test_missing_output_gives_no_intensity_and_no_light():
    for c in compare("cement_clinker", None, tce=10_000).values():
        assert c.intensity is None and c.missing == "output" and c.light == "none"


def test_rank_among_peers_lowest_is_first_and_ties_share():
    assert rating.rank({"a": 105.0, "b": 98.0, "c": 105.0, "d": 120.0}) == {
        "a": (2, 4), "b": (1, 4), "c": (2, 4), "d": (4, 4)}


def test_worst_light_of_an_enterprise():
    assert rating.worst(["green", "amber"]) == "amber" and rating.worst(["none"]) == "none"
