"""The pure forecast functions on synthetic series whose answers are known without the code."""

import math

import numpy as np
import pytest

from parkcarbon.analysis import forecast as f


def test_a_linear_trend_is_forecast_linearly():
    years = list(range(2015, 2025))
    values = [1000 + 50 * i for i in range(10)]  # +50 t a year
    b = f.baseline(years, values, 2030)
    assert b.years == [2025, 2026, 2027, 2028, 2029, 2030]
    assert b.projection.mean == pytest.approx([1500, 1550, 1600, 1650, 1700, 1750], abs=1e-6)
    assert b.method == "linear"  # every method is exact on a line: the simplest wins the tie
    assert b.chosen.mae == pytest.approx(0, abs=1e-6)


def test_noisy_trend_has_an_interval_that_contains_the_line_and_widens():
    rng = np.random.default_rng(7)
    years = list(range(2010, 2024))
    values = [2000 + 100 * i + rng.normal(0, 40) for i in range(14)]
    b = f.baseline(years, values, 2030)
    p = b.projection
    truth = [2000 + 100 * (14 + h) for h in range(7)]
    assert all(lo < t < hi for lo, t, hi in zip(p.lower, truth, p.upper, strict=True))
    widths = [hi - lo for lo, hi in zip(p.lower, p.upper, strict=True)]
    assert widths == sorted(widths)  # further ahead, less certain
    assert set(b.backtests) == {"linear", "arima", "holt"}
    assert len({len(t.errors) for t in b.backtests.values()}) == 1  # compared on the same years


def test_drift_is_arima_010_with_constant():
    """The closed form equals statsmodels' ARIMA(0,1,0) with a trend term (mean forecast)."""
    from statsmodels.tsa.arima.model import ARIMA

    values = [100.0, 112.0, 118.0, 131.0, 139.0, 152.0]
    ours = f.drift(values, 3).mean
    theirs = ARIMA(np.array(values), order=(0, 1, 0), trend="t").fit().get_forecast(3).predicted_mean
    assert ours == pytest.approx(list(theirs), rel=1e-6)
    assert ours == pytest.approx([152 + 10.4, 152 + 20.8, 152 + 31.2])  # mean change (152 - 100) / 5 = 10.4


def test_a_random_walk_with_drift_is_chosen_over_a_line():
    """A series that turned: the line through all of it lags, the last level plus the mean change does not."""
    values = [100, 100, 100, 100, 100, 140, 180, 220]
    b = f.baseline(list(range(2016, 2024)), values, 2025)
    assert b.backtests["arima"].mae < b.backtests["linear"].mae


def test_known_peak_is_found():
    years = list(range(2020, 2036))
    values = [1000 - (y - 2028) ** 2 * 5 for y in years]  # a parabola with its top in 2028
    peak = f.peak(years, values)
    assert (peak.year, peak.value, peak.reached) == (2028, 1000, True)


def test_rising_series_has_not_peaked():
    peak = f.peak([2024, 2025, 2026], [1.0, 2.0, 3.0])
    assert (peak.year, peak.reached) == (2026, False)


def test_series_too_short():
    with pytest.raises(f.SeriesTooShort) as err:
        f.baseline([2023, 2024], [10.0, 11.0], 2030)
    assert err.value.n == 2


def test_three_years_forecast_with_the_line_only():
    b = f.baseline([2022, 2023, 2024], [100.0, 110.0, 120.0], 2026)
    assert b.method == "linear" and set(b.backtests) == {"linear"}
    assert b.projection.mean == pytest.approx([130, 140])


def test_scenario_worked_example():
    """Base 2024: coal 100, other fuel 20, electricity 50, heat 10, processes 30 t. One year later with output
    +10 %, energy intensity -5 %, grid factor -2 %, 100 % coal to gas by 2025 and 20 % renewable electricity:
    energy index 1.1 x 0.95 = 1.045; coal 100 x 1.045 x (1 - 1 x (1 - 0.593)) = 61.9685; other fuel 20.9;
    electricity 50 x 1.045 x 0.98 x 0.8 = 40.964; heat 10.45; processes 33."""
    base = f.BaseYear(2024, coal=100, other_fuel=20, electricity=50, other_energy=10, other=30)
    a = f.Assumptions(output_growth_pct=10, energy_intensity_decline_pct=5, grid_ef_decline_pct=2,
                      coal_to_gas_pct=100, renewable_share_pct=20)
    years, values = f.scenario_path(base, a, 2025)
    assert years == [2025]
    assert values[0] == pytest.approx(61.9685 + 20.9 + 40.964 + 10.45 + 33)


def test_scenario_without_change_stays_flat_and_peaks_in_base_year():
    base = f.BaseYear(2024, coal=10, electricity=5)
    years, values = f.scenario_path(base, f.Assumptions(), 2030)
    assert values == pytest.approx([15] * 6)
    falling = f.scenario_path(base, f.Assumptions(energy_intensity_decline_pct=3), 2030)[1]
    peak = f.peak([2024, *years], [15, *falling])
    assert (peak.year, peak.reached) == (2024, True)


def test_ramp_reaches_the_share_in_the_end_year():
    base = f.BaseYear(2020, electricity=100)
    _y, values = f.scenario_path(base, f.Assumptions(renewable_share_pct=50), 2030)
    assert values[4] == pytest.approx(75)  # half-way: 25 % replaced
    assert values[-1] == pytest.approx(50)


@pytest.mark.parametrize(("field", "value"), [("output_growth_pct", -100), ("output_growth_pct", -150),
                                              ("coal_to_gas_pct", 120), ("renewable_share_pct", -1),
                                              ("grid_ef_decline_pct", math.nan)])
def test_assumptions_out_of_range(field, value):
    a = f.Assumptions(**{field: value})
    assert [bad[0] for bad in a.out_of_range()] == [field]
    with pytest.raises(ValueError):
        f.scenario_path(f.BaseYear(2024, coal=1), a, 2030)


def test_split_by_activity():
    base = f.split_by_activity(
        2024, {"bituminous_coal": 10, "natural_gas": 4, "electricity_grid": 6, "heat_purchased": 2, "clinker": 5},
        {"bituminous_coal": "stationary_combustion", "natural_gas": "stationary_combustion",
         "electricity_grid": "purchased_electricity", "heat_purchased": "purchased_heat", "clinker": "cement"},
        {"bituminous_coal": "energy", "natural_gas": "energy", "electricity_grid": "energy",
         "heat_purchased": "energy", "clinker": "ippu"})
    assert (base.coal, base.other_fuel, base.electricity, base.other_energy, base.other) == (10, 4, 6, 2, 5)
    assert base.total == 27


def test_constants_are_cited():
    k = f.constants()["coal_to_gas_ratio"]
    assert k["value"] == pytest.approx(56.1 / 94.6, abs=5e-4)
    assert "IPCC" in k["source"] and "Table 1.4" in k["source"]
