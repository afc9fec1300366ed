"""Allowance allocation by the national ETS power-sector benchmark method (pure: no Django). Benchmarks, correction
factors and market rules are read from the cited files in ``data/``; every result keeps the values it used."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"
UNIT_TYPES = ("coal_gt300", "coal_le300", "coal_unconventional", "gas")
COOLING = ("water", "air")


def _rows(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@dataclass(frozen=True)
class Benchmark:
    year: int
    unit_type: str
    electricity: float  # t CO2 / MWh supplied
    heat: float  # t CO2 / GJ supplied
    confidence: str
    source: str


@cache
def benchmarks() -> dict[tuple[int, str], Benchmark]:
    out = {}
    for r in _rows("power_benchmarks.csv"):
        b = Benchmark(int(r["year"]), r["unit_type"], float(r["electricity_tco2_per_mwh"]),
                      float(r["heat_tco2_per_gj"]), r["confidence"], r["source"])
        out[(b.year, b.unit_type)] = b
    return out


@cache
def corrections() -> dict:
    return yaml.safe_load((DATA / "power_corrections.yaml").read_text(encoding="utf-8"))


def benchmark_years() -> list[int]:
    return sorted({year for year, _unit in benchmarks()})


@dataclass(frozen=True)
class MarketRule:
    market: str
    year: int
    offset_cap_share: float
    deadline: date
    source: str


@cache
def market_rules() -> dict[tuple[str, int], MarketRule]:
    return {(r["market"], int(r["year"])): MarketRule(r["market"], int(r["year"]), float(r["offset_cap_share"]),
                                                      date.fromisoformat(r["deadline"]), r["source"])
            for r in _rows("markets.csv")}


def load_correction(load_factor: float | None) -> float:
    """F_load of a conventional pure-condensing coal unit at load factor ``load_factor`` (0-1)."""
    if load_factor is None:
        return 1.0
    c = corrections()["load"]
    pct = 100 * load_factor
    if load_factor >= c["full_at"]:
        return 1.0
    if load_factor >= c["band_80"]["from"]:
        return 1 + c["band_80"]["slope"] * (100 * c["full_at"] - pct)
    if load_factor >= c["band_75"]["from"]:
        return c["band_75"]["base"] * (1 + c["band_75"]["slope"] * (100 * c["band_80"]["from"] - pct))
    return c["below_75"]["base"] ** (c["below_75"]["a"] - c["below_75"]["b"] * load_factor)


@dataclass(frozen=True)
class UnitInput:
    """One generating unit's year: power supplied (MWh), heat supplied (GJ), cooling, heat-supply ratio (0-1), and
    the load factor (0-1) of a conventional pure-condensing coal unit (None: no load correction)."""

    unit_type: str
    supply_mwh: float
    heat_gj: float = 0.0
    cooling: str = "water"
    heat_ratio: float = 0.0
    load_factor: float | None = None


class AllocationError(ValueError):
    pass


def power_unit(year: int, unit: UnitInput) -> dict:
    """Allowances of one unit (t, unrounded) with every factor used."""
    b = benchmarks().get((year, unit.unit_type))
    if b is None:
        raise AllocationError(f"no cited benchmark for {unit.unit_type} in {year}")
    if unit.cooling not in COOLING:
        raise AllocationError(f"unknown cooling {unit.cooling!r}")
    if min(unit.supply_mwh, unit.heat_gj) < 0 or not 0 <= unit.heat_ratio < 1:
        raise AllocationError("supply and heat must be >= 0 and the heat-supply ratio between 0 and 1")
    if unit.load_factor is not None and not 0 < unit.load_factor <= 1:
        raise AllocationError("the load factor must be between 0 and 1")
    c = corrections()
    gas = unit.unit_type == "gas"
    f_heat = 1 - c["heat_supply"]["gas" if gas else "coal"] * unit.heat_ratio
    f_cooling = 1.0 if gas else c["cooling"][unit.cooling]
    f_load = 1.0 if gas or unit.unit_type == "coal_unconventional" else load_correction(unit.load_factor)
    electricity = unit.supply_mwh * b.electricity * f_cooling * f_heat * f_load
    heat = unit.heat_gj * b.heat
    return {"unit_type": unit.unit_type, "supply_mwh": unit.supply_mwh, "heat_gj": unit.heat_gj,
            "benchmark_electricity": b.electricity, "benchmark_heat": b.heat, "f_cooling": f_cooling,
            "f_heat": f_heat, "f_load": f_load, "electricity_t": electricity, "heat_t": heat,
            "allowances_t": electricity + heat, "confidence": b.confidence, "source": b.source}


def power_allocation(year: int, units: list[UnitInput], share: float = 1.0) -> tuple[int, list[dict]]:
    """Allocation of a power enterprise for ``year``: the sum over its units, times ``share`` (0.7 for a
    pre-allocation on the prior year's output), rounded to whole tonnes (allowances are issued in whole tonnes)."""
    if not units:
        raise AllocationError("at least one unit is needed")
    parts = [power_unit(year, u) for u in units]
    return int(math.floor(sum(p["allowances_t"] for p in parts) * share + 0.5)), parts
