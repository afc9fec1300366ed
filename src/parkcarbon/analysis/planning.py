"""The forecast page's numbers for a scope: history from the snapshots, the statistical baseline, the scenarios and
their peaks. Django side of ``forecast.py`` (which stays pure)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parkcarbon.analysis import forecast
from parkcarbon.analysis.figures import Chart, Filters, annual, scoped_inventories
from parkcarbon.engine import load_library
from parkcarbon.inventory.models import ResultSnapshot
from parkcarbon.inventory.park import _weigh, gwp_values
from parkcarbon.inventory.services import IN_PARK_SUPPLY_ACTIVITIES

DEFAULT_END_YEAR = 2035
METHOD_LABELS = {"linear": gettext_lazy("Linear trend (OLS)"), "arima": gettext_lazy("ARIMA(0,1,0) with drift"),
                 "holt": gettext_lazy("Holt exponential smoothing (ETS A,A,N)")}


@dataclass
class ScenarioResult:
    scenario: object  # analysis.models.Scenario
    years: list[int]
    values: list[float]
    peak: forecast.Peak | None


@dataclass
class Plan:
    years: list[int] = field(default_factory=list)  # history used (consecutive, newest run)
    values: list[float] = field(default_factory=list)
    skipped_years: list[int] = field(default_factory=list)  # older years before a gap
    too_short: bool = False
    baseline: forecast.Baseline | None = None
    baseline_peak: forecast.Peak | None = None
    base: forecast.BaseYear | None = None
    scenarios: list[ScenarioResult] = field(default_factory=list)
    end_year: int = DEFAULT_END_YEAR

    @property
    def method_label(self) -> str:
        return str(METHOD_LABELS[self.baseline.method]) if self.baseline else ""

    @property
    def backtest_rows(self) -> list[tuple[str, bool, object]]:
        """(method label, chosen?, backtest) of every method that could be tested."""
        return [(str(METHOD_LABELS[m]), m == self.baseline.method, t) for m, t in self.baseline.backtests.items()]

    def chart(self) -> Chart:
        """History, baseline with its interval and every scenario on one table (one row per year)."""
        cols = [_("Year"), _("Reported"), _("Baseline forecast"), _("95% interval, lower"), _("95% interval, upper")]
        cols += [s.scenario.name for s in self.scenarios]
        rows = {y: [y, round(v, 3), None, None, None] + [None] * len(self.scenarios)
                for y, v in zip(self.years, self.values, strict=True)}
        if self.baseline:
            p = self.baseline.projection
            for i, y in enumerate(self.baseline.years):
                rows.setdefault(y, [y, None, None, None, None] + [None] * len(self.scenarios))
                rows[y][2:5] = [round(p.mean[i], 3), _finite(p.lower[i]), _finite(p.upper[i])]
        for j, s in enumerate(self.scenarios):
            if self.years:  # each scenario starts at the last reported year so the lines join
                rows[self.years[-1]][5 + j] = round(self.values[-1], 3)
            for y, v in zip(s.years, s.values, strict=True):
                rows.setdefault(y, [y, None, None, None, None] + [None] * len(self.scenarios))
                rows[y][5 + j] = round(v, 3)
        return Chart("forecast", _("Emissions forecast"), "forecast", "t CO2e", cols,
                     [[str(r[0]), *r[1:]] for _y, r in sorted(rows.items())])


def _finite(value: float) -> float | None:
    return None if value != value else round(max(0.0, value), 3)  # NaN: no interval; emissions are never negative


def latest_run(years: list[int], values: list[float]) -> tuple[list[int], list[float], list[int]]:
    """The newest run of consecutive years (a gap breaks a series), and the years left out."""
    start = len(years) - 1
    while start > 0 and years[start] - years[start - 1] == 1:
        start -= 1
    return years[start:], values[start:], years[:start]


def base_year(park, inventories, year: int, net: bool) -> forecast.BaseYear:
    """The year's emissions by driver, from the snapshots' gas tonnes per activity in the park's GWP set."""
    gwp, missing = gwp_values(park.gwp_set), set()
    by_activity: dict[str, float] = {}
    for tonnes in ResultSnapshot.objects.filter(inventory__in=inventories.filter(year=year)).values_list(
            "gas_tonnes", flat=True):
        for activity, gas_t in tonnes.get("activity", {}).items():
            if not (net and activity in IN_PARK_SUPPLY_ACTIVITIES):
                by_activity[activity] = by_activity.get(activity, 0.0) + _weigh(gas_t, gwp, missing)
    acts = load_library().activities
    return forecast.split_by_activity(year, by_activity, {k: a.category for k, a in acts.items()},
                                      {k: a.section for k, a in acts.items()})


def plan(park, user, filters: Filters, scenarios, end_year: int = DEFAULT_END_YEAR) -> Plan:
    inventories = scoped_inventories(park, user, filters)
    net = filters.is_part_of_park
    totals = {y: v["co2e"] for y, v in annual(park, inventories, net).items()}
    result = Plan(end_year=end_year)
    result.years, result.values, result.skipped_years = latest_run(list(totals), list(totals.values()))
    if not result.years:
        return result
    if len(result.years) < forecast.MIN_YEARS:
        result.too_short = True
    else:
        result.baseline = forecast.baseline(result.years, result.values, end_year)
        result.baseline_peak = forecast.peak(result.years + result.baseline.years,
                                             result.values + result.baseline.projection.mean)
    result.base = base_year(park, inventories, result.years[-1], net)
    for scenario in scenarios:
        if scenario.assumptions.out_of_range():
            continue  # the form never saves one; an old row out of today's limits is listed but not drawn
        years, values = forecast.scenario_path(result.base, scenario.assumptions, scenario.end_year)
        result.scenarios.append(ScenarioResult(scenario, years, values,
                                               forecast.peak(result.years + years, result.values + values)))
    return result
