"""Emission forecasts: a statistical baseline chosen by backtest, a driver-based scenario model, and the peak.

Pure functions over plain lists (no Django): the views and the background task load annual totals from the
inventories' snapshots and call these.

* **Baseline** (:func:`baseline`): candidate methods -- a linear trend (OLS), an ARIMA(0,1,0) random walk with
  drift and Holt's additive-trend exponential smoothing (ETS A,A,N) -- each backtested by rolling origin (fit on the
  years before a cut-off, forecast the next year, compare with what was reported), all on the same cut-off years.
  The method with the smallest mean absolute error is used; ties go to the simpler method. The forecast carries 95 % prediction intervals.
* **Scenario** (:func:`scenario_path`): the base year's emissions split into coal combustion, other fuel
  combustion, purchased electricity, other purchased energy and everything else (processes, waste), each driven by
  the assumptions (output growth, energy-intensity decline, grid emission factor decline, coal-to-gas switching and
  renewable electricity share; the last two ramp up linearly to the end year).
* **Peak** (:func:`peak`): the largest value of history + projection; it is a peak only when it comes before the
  last year (a maximum in the last year means "not peaked by then").
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
import yaml

MIN_YEARS = 3  # fewer annual values: no forecast (two points always fit a line; nothing left to test it on)
ALPHA = 0.05  # 95 % prediction intervals
BACKTEST_ORIGINS = 3  # at most the last three years are forecast out of sample
MAX_HORIZON = 40  # years ahead


class SeriesTooShort(ValueError):
    def __init__(self, n: int):
        super().__init__(f"{n} annual values; at least {MIN_YEARS} are needed")
        self.n = n


@cache
def constants() -> dict:
    """The scenario model's cited constants (``analysis/data/scenario.yaml``)."""
    text = resources.files("parkcarbon.analysis").joinpath("data/scenario.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


# ---------------------------------------------------------------------------------------------- statistical baseline

@dataclass
class Projection:
    mean: list[float]
    lower: list[float]  # NaN where the method cannot give an interval (too few degrees of freedom)
    upper: list[float]


def _quiet(fit):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # statsmodels warns about short series and convergence; backtest judges
        return fit()


def linear_trend(values: list[float], horizon: int, alpha: float = ALPHA) -> Projection:
    """OLS on (1, t); prediction intervals of new observations (t distribution, n - 2 degrees of freedom)."""
    import statsmodels.api as sm

    n = len(values)
    x = sm.add_constant(np.arange(n, dtype=float))
    model = sm.OLS(np.asarray(values, dtype=float), x).fit()
    future = sm.add_constant(np.arange(n, n + horizon, dtype=float), has_constant="add")
    if n <= 2:  # an exact line: no residual degrees of freedom, hence no interval
        mean = future @ model.params
        return Projection(list(mean), [math.nan] * horizon, [math.nan] * horizon)
    frame = model.get_prediction(future).summary_frame(alpha=alpha)
    return Projection(list(frame["mean"]), list(frame["obs_ci_lower"]), list(frame["obs_ci_upper"]))


def drift(values: list[float], horizon: int, alpha: float = ALPHA) -> Projection:
    """Random walk with drift, i.e. ARIMA(0,1,0) with a constant: next year = this year + the mean annual change c.
    Closed form (fast enough for thousands of enterprises): with T annual changes and their standard deviation s,
    the h-year forecast is y_n + h c with standard error s sqrt(h (1 + h / T)) (the drift's own uncertainty
    included; Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., section 5.5)."""
    from scipy.stats import t as student_t

    diffs = np.diff(np.asarray(values, dtype=float))
    c, steps = float(diffs.mean()), np.arange(1, horizon + 1, dtype=float)
    mean = values[-1] + c * steps
    if len(diffs) < 2:  # one change: no spread to estimate
        return Projection(list(mean), [math.nan] * horizon, [math.nan] * horizon)
    se = float(diffs.std(ddof=1)) * np.sqrt(steps * (1 + steps / len(diffs)))
    q = float(student_t.ppf(1 - alpha / 2, len(diffs) - 1))
    return Projection(list(mean), list(mean - q * se), list(mean + q * se))


def holt(values: list[float], horizon: int, alpha: float = ALPHA) -> Projection:
    """Holt's linear exponential smoothing as the ETS(A,A,N) state-space model, with its prediction intervals."""
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    n = len(values)
    series = pd.Series(np.asarray(values, dtype=float))  # its prediction results need an index
    model = _quiet(lambda: ETSModel(series, error="add", trend="add").fit(disp=False))
    frame = model.get_prediction(start=n, end=n + horizon - 1).summary_frame(alpha=alpha)
    return Projection(list(frame["mean"]), list(frame["pi_lower"]), list(frame["pi_upper"]))


# method -> (function, fewest values it is fitted on); in order of simplicity (ties go to the first)
METHODS = {"linear": (linear_trend, 2), "arima": (drift, 3), "holt": (holt, 5)}


@dataclass
class Backtest:
    method: str
    errors: list[float]  # reported minus forecast, one per origin (t CO2e)
    actual: list[float]

    @property
    def mae(self) -> float:
        return float(np.mean(np.abs(self.errors)))

    @property
    def mape(self) -> float | None:
        if any(a == 0 for a in self.actual):
            return None
        return float(np.mean(np.abs(np.asarray(self.errors) / np.asarray(self.actual)))) * 100


def backtest(values: list[float], method: str) -> Backtest | None:
    """One-year-ahead errors at the last ``BACKTEST_ORIGINS`` origins the method can be fitted at (None: none)."""
    fn, fewest = METHODS[method]
    n = len(values)
    origins = range(max(fewest, n - BACKTEST_ORIGINS), n)
    if not origins:
        return None
    errors = []
    for k in origins:
        try:
            errors.append(values[k] - fn(values[:k], 1).mean[0])
        except (ValueError, np.linalg.LinAlgError):
            return None
    if not all(math.isfinite(e) for e in errors):
        return None
    return Backtest(method, errors, [values[k] for k in origins])


@dataclass
class Baseline:
    method: str
    years: list[int]  # forecast years
    projection: Projection
    backtests: dict[str, Backtest] = field(default_factory=dict)  # every method that could be tested

    @property
    def chosen(self) -> Backtest:
        return self.backtests[self.method]


def baseline(years: list[int], values: list[float], end_year: int, alpha: float = ALPHA) -> Baseline:
    """Forecast annual ``values`` (consecutive ``years``, oldest first) to ``end_year`` with the method of the
    smallest backtest error. Raises :class:`SeriesTooShort` under ``MIN_YEARS`` values."""
    if len(values) < MIN_YEARS:
        raise SeriesTooShort(len(values))
    if any(b - a != 1 for a, b in zip(years, years[1:], strict=False)):
        raise ValueError("years must be consecutive")
    horizon = max(1, min(MAX_HORIZON, end_year - years[-1]))
    tests = {m: t for m in METHODS if (t := backtest(values, m)) is not None}
    # Compared on the same years: the origins every testable method was tested at (the most recent ones).
    common = min(len(t.errors) for t in tests.values())
    tests = {m: Backtest(m, t.errors[-common:], t.actual[-common:]) for m, t in tests.items()}
    best = min(tests.values(), key=lambda t: (round(t.mae, 9), list(METHODS).index(t.method)))
    projection = METHODS[best.method][0](values, horizon, alpha)
    return Baseline(best.method, list(range(years[-1] + 1, years[-1] + 1 + horizon)), projection, tests)


# ------------------------------------------------------------------------------------------------ scenario model

# assumption -> (lowest, highest) allowed, in % (per year for rates; of the base year's quantity for shares)
LIMITS = {
    "output_growth_pct": (-99, 100),  # -100 % a year would mean no output at all
    "energy_intensity_decline_pct": (-50, 50),
    "grid_ef_decline_pct": (-50, 50),
    "coal_to_gas_pct": (0, 100),
    "renewable_share_pct": (0, 100),
}


@dataclass(frozen=True)
class Assumptions:
    output_growth_pct: float = 0.0  # output (value) growth per year
    energy_intensity_decline_pct: float = 0.0  # energy per unit output, decline per year
    grid_ef_decline_pct: float = 0.0  # grid emission factor, decline per year
    coal_to_gas_pct: float = 0.0  # share of the base year's coal combustion switched to natural gas by the end year
    renewable_share_pct: float = 0.0  # share of purchased electricity replaced by renewable supply by the end year

    def out_of_range(self) -> list[tuple[str, float, float]]:
        """(field, lowest, highest) for every assumption outside :data:`LIMITS` (or not a number)."""
        bad = []
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            if not (isinstance(value, int | float) and math.isfinite(value) and low <= value <= high):
                bad.append((name, low, high))
        return bad


@dataclass(frozen=True)
class BaseYear:
    """The base year's emissions (t CO2e) by what drives them; they add up to the total."""

    year: int
    coal: float = 0.0
    other_fuel: float = 0.0
    electricity: float = 0.0
    other_energy: float = 0.0  # purchased heat, steam, cooling
    other: float = 0.0  # processes, waste, land use

    @property
    def total(self) -> float:
        return self.coal + self.other_fuel + self.electricity + self.other_energy + self.other


def split_by_activity(year: int, co2e_by_activity: dict[str, float], category_of: dict[str, str],
                      section_of: dict[str, str]) -> BaseYear:
    """A :class:`BaseYear` from CO2e per engine activity code (with the activity's category and section)."""
    k = constants()
    coal, electricity = set(k["coal_activities"]), set(k["electricity_categories"])
    parts = dict.fromkeys(("coal", "other_fuel", "electricity", "other_energy", "other"), 0.0)
    for activity, co2e in co2e_by_activity.items():
        category, section = category_of.get(activity, ""), section_of.get(activity, "")
        if activity in coal:
            parts["coal"] += co2e
        elif category in electricity:
            parts["electricity"] += co2e
        elif category.startswith("purchased_"):
            parts["other_energy"] += co2e
        elif section == "energy":
            parts["other_fuel"] += co2e
        else:
            parts["other"] += co2e
    return BaseYear(year, **parts)


def scenario_path(base: BaseYear, a: Assumptions, end_year: int) -> tuple[list[int], list[float]]:
    """Annual emissions from the year after ``base.year`` to ``end_year`` (t CO2e).

    With t years after the base year, ramp r = t / (end_year - base year):
    energy index E = (1 + growth)^t (1 - intensity decline)^t;
    coal = coal0 E (1 - r c2g (1 - k)), k the natural-gas / coal CO2 ratio; fuel switched to gas is added to it;
    other fuel = other0 E; electricity = elec0 E (1 - grid decline)^t (1 - r renewables);
    other purchased energy = its base E; processes and the rest = their base (1 + growth)^t."""
    if a.out_of_range():
        raise ValueError(f"assumptions out of range: {a.out_of_range()}")
    k = constants()["coal_to_gas_ratio"]["value"]
    span = max(1, end_year - base.year)
    g, d = a.output_growth_pct / 100, a.energy_intensity_decline_pct / 100
    e, c2g, ren = a.grid_ef_decline_pct / 100, a.coal_to_gas_pct / 100, a.renewable_share_pct / 100
    years, values = [], []
    for t in range(1, end_year - base.year + 1):
        ramp = min(1.0, t / span)
        energy = (1 + g) ** t * (1 - d) ** t
        coal = base.coal * energy * (1 - ramp * c2g * (1 - k))
        electricity = base.electricity * energy * (1 - e) ** t * (1 - ramp * ren)
        fuel = base.other_fuel * energy + base.other_energy * energy
        years.append(base.year + t)
        values.append(coal + electricity + fuel + base.other * (1 + g) ** t)
    return years, values


@dataclass(frozen=True)
class Peak:
    year: int
    value: float
    reached: bool  # False: the maximum is the last year (still rising, or not yet known to fall)


def peak(years: list[int], values: list[float]) -> Peak | None:
    """The largest value, the first year it occurs; reached when it is not the last year (nothing later is higher,
    so a plateau counts as peaked in its first year)."""
    if not values:
        return None
    i = int(np.argmax(values))
    return Peak(years[i], float(values[i]), reached=i < len(values) - 1)
