"""Intensities beside benchmarks, the traffic light and the rank among peers (pure Python, no Django).

The rule, stated on every page that shows a light:
* graded standards (GB energy-consumption limits): green at or below the advanced value (level 1), amber above it but
  at or below the limit value (level 3), red above the limit; whether the entry value (level 2, for new plants) is met
  is shown beside it;
* carbon-market allowance benchmarks: green at or below the benchmark (allowance surplus), red above it (deficit);
* reference values (drafts, orientation figures): shown, never rated.
Without the product's output there is no intensity and no light: the comparison says what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parkcarbon.benchmarking.library import Benchmark, Library

GREEN, AMBER, RED, NONE = "green", "amber", "red", "none"


@dataclass(frozen=True)
class Totals:
    """An enterprise's figures for one year, all from its inventory: tCO2e, tce (electricity at calorific value) and
    electricity bought (MWh)."""

    co2e_t: float
    energy_tce: float
    electricity_mwh: float


@dataclass
class Comparison:
    product: str
    metric: str
    unit: str
    intensity: float | None
    levels: dict[str, Benchmark] = field(default_factory=dict)
    light: str = NONE
    meets_entry: bool | None = None
    missing: str = ""  # "output" when the product's quantity is not given

    @property
    def rated(self) -> bool:
        return self.light != NONE


def intensity(metric: str, totals: Totals, output: float) -> float:
    """Per unit of product: kgce (energy), kWh (electricity) or tCO2e (co2)."""
    if metric == "energy":
        return totals.energy_tce * 1000 / output
    if metric == "electricity":
        return totals.electricity_mwh * 1000 / output
    return totals.co2e_t / output


def light_for(value: float, levels: dict[str, Benchmark]) -> str:
    if "allowance" in levels:
        return GREEN if value <= levels["allowance"].value else RED
    if "advanced" in levels and "limit" in levels:
        if value <= levels["advanced"].value:
            return GREEN
        return AMBER if value <= levels["limit"].value else RED
    return NONE


def compare(library: Library, product: str, output: float | None, totals: Totals, year: int) -> list[Comparison]:
    """One comparison per metric the library has for ``product`` in ``year`` (the latest earlier values when none is
    valid that year: see ``benchmarks_for``)."""
    by_metric: dict[str, dict[str, Benchmark]] = {}
    for b in benchmarks_for(library, product, year):
        by_metric.setdefault(b.metric, {})[b.level] = b
    result = []
    for metric, levels in by_metric.items():
        unit = next(iter(levels.values())).unit
        if not output or output <= 0:
            result.append(Comparison(product, metric, unit, None, levels, missing="output"))
            continue
        value = intensity(metric, totals, output)
        c = Comparison(product, metric, unit, value, levels, light_for(value, levels))
        if "entry" in levels:
            c.meets_entry = value <= levels["entry"].value
        result.append(c)
    return result


def benchmarks_for(library: Library, product: str, year: int) -> list[Benchmark]:
    """Values valid in ``year``; for a metric and level with none valid, the most recent one before (marked by its own
    validity, which the page shows), so a 2024 power plant is measured against the latest plan in the library."""
    chosen: dict[tuple[str, str], Benchmark] = {}
    for b in library.for_product(product):
        key = (b.metric, b.level)
        if b.valid_from > year:
            continue
        current = chosen.get(key)
        if current is None or (b.valid_in(year), b.valid_from) > (current.valid_in(year), current.valid_from):
            chosen[key] = b
    return list(chosen.values())


def rank(values: dict[object, float]) -> dict[object, tuple[int, int]]:
    """Rank among peers, 1 = lowest intensity (best); ties share the better rank. Returns {key: (rank, peers)}."""
    ordered = sorted(values.values())
    return {key: (ordered.index(v) + 1, len(ordered)) for key, v in values.items()}


def worst(lights: list[str]) -> str:
    for light in (RED, AMBER, GREEN):
        if light in lights:
            return light
    return NONE
