"""One unit layer for activity data and factors.

Simple units come from ``data/units.csv``. A factor unit is ``numerator/denominator`` where the numerator may
name the substance it counts (``tC/GJ``, ``kgCH4/TJ``, ``tCO2/MWh``, ``kgN2O-N/kg``); the substance is kept so
that a carbon content is never mistaken for a CO2 factor.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from parkcarbon.engine.errors import DataFileError, UnitError

SUBSTANCES = (
    "CO2e", "CO2", "CH4-C", "CH4", "N2O-N", "N2O", "NH3-N", "NOx-N", "C", "N", "HFC-23", "HFC-32", "HFC-125",
    "HFC-134a", "HFC-143a", "HFC-152a", "HFC-227ea", "HFC-245fa", "CF4", "C2F6", "C3F8", "c-C4F8", "SF6", "NF3", "BOD", "COD",
    "DM",
)
_SUBSTANCE_RE = re.compile(r"^(?P<unit>.+?)(?P<substance>" + "|".join(re.escape(s) for s in SUBSTANCES) + r")$")


@dataclass(frozen=True)
class Unit:
    """A parsed unit: ``scale`` converts a value to base units of ``dimension`` (a tuple of (dim, power))."""

    text: str
    scale: float
    dimension: tuple[tuple[str, int], ...]
    substance: str | None = None


@cache
def _simple_units() -> dict[str, tuple[str, float]]:
    table: dict[str, tuple[str, float]] = {}
    text = resources.files("parkcarbon.engine").joinpath("data/units.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    for lineno, row in enumerate(rows, start=2):
        try:
            entry = (row["dimension"], float(row["to_base"]))
        except (KeyError, ValueError) as exc:
            raise DataFileError(f"units.csv line {lineno}: {exc}") from exc
        for name in [row["code"], *filter(None, row["aliases"].split("|"))]:
            key = _normalise(name)
            if key in table:
                raise DataFileError(f"units.csv line {lineno}: unit {name!r} defined twice")
            table[key] = entry
    return table


@cache
def _aliases() -> dict[str, tuple[str, ...]]:
    text = resources.files("parkcarbon.engine").joinpath("data/units.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    return {row["code"]: tuple(filter(None, row["aliases"].split("|"))) for row in rows}


def zh_name(unit: str) -> str:
    """A unit as a Chinese message writes it: a power of ten or a word by its Chinese alias (万Nm3, 头, 口);
    symbols (t, GJ, MWh) as they are."""
    if unit.startswith("10^") or unit in ("head", "well", "person", "facility", "yr", "month", "day", "mu"):
        return next((a for a in _aliases().get(unit, ()) if re.search(r"[\u4e00-\u9fff]", a)), unit)
    return unit


@cache
def names() -> tuple[str, ...]:
    """Every unit name as written in units.csv (codes and aliases), for pick lists."""
    text = resources.files("parkcarbon.engine").joinpath("data/units.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    return tuple(n for row in rows for n in [row["code"], *filter(None, row["aliases"].split("|"))])


def _normalise(text: str) -> str:
    return text.strip().replace(" ", "").replace("×", "").replace("*", "").replace("⁴", "^4").replace("³", "3").replace("²", "2")


def _simple(text: str) -> Unit:
    units = _simple_units()
    key = _normalise(text)
    if key in units:
        dim, scale = units[key]
        return Unit(text, scale, ((dim, 1),) if dim != "fraction" else ())
    match = _SUBSTANCE_RE.match(key)
    if match and match["unit"] in units and units[match["unit"]][0] == "mass":
        dim, scale = units[match["unit"]]
        return Unit(text, scale, (("mass", 1),), match["substance"])
    raise UnitError(f"unknown unit {text!r}")


@cache
def parse(text: str) -> Unit:
    """Parse a unit such as ``10^4 Nm3``, ``GJ/t`` or ``kgCH4/TJ``; raise UnitError if unknown."""
    if not isinstance(text, str) or not text.strip():
        raise UnitError("a unit is required")
    if "/" not in text:
        return _simple(text)
    num_text, den_text = text.split("/", 1)
    num, den = _simple(num_text), _simple(den_text)
    dims = dict(num.dimension)
    for dim, power in den.dimension:
        dims[dim] = dims.get(dim, 0) - power
    dimension = tuple(sorted((d, p) for d, p in dims.items() if p))
    return Unit(text, num.scale / den.scale, dimension, num.substance)


def factor(from_unit: str, to_unit: str) -> float:
    """Multiplier converting a value in ``from_unit`` to ``to_unit``; UnitError if they are incompatible."""
    src, dst = parse(from_unit), parse(to_unit)
    if src.dimension != dst.dimension:
        raise UnitError(f"cannot convert {from_unit!r} to {to_unit!r}: different quantities")
    if src.substance != dst.substance and None not in (src.substance, dst.substance):
        raise UnitError(f"cannot convert {from_unit!r} to {to_unit!r}: {src.substance} is not {dst.substance}")
    return src.scale / dst.scale


def dimension_of(unit: str) -> str:
    """Name of a simple unit's quantity: mass, volume, energy, count, area, ... ('fraction' if none)."""
    dims = parse(unit).dimension
    return "/".join(f"{d}^{p}" if p != 1 else d for d, p in dims) or "fraction"


def convert(values: np.ndarray, units: np.ndarray, to_unit: str) -> tuple[np.ndarray, np.ndarray]:
    """Convert an array of values with per-row unit strings to ``to_unit``.

    Returns ``(converted, ok)``; rows whose unit is unknown or incompatible get NaN and ``ok == False`` so the
    caller can report every bad row at once. Works per distinct unit, not per row.
    """
    values = np.asarray(values, dtype=float)
    units = np.asarray(units, dtype=object)
    out = np.full(values.shape, np.nan)
    ok = np.zeros(values.shape, dtype=bool)
    distinct, inverse = np.unique(units.astype(str), return_inverse=True)
    scales = np.full(len(distinct), np.nan)
    for i, unit in enumerate(distinct):
        try:
            scales[i] = factor(unit, to_unit)
        except UnitError:
            pass
    row_scale = scales[inverse.reshape(values.shape)]
    ok = ~np.isnan(row_scale)
    out[ok] = values[ok] * row_scale[ok]
    return out, ok
