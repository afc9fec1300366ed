"""Two reference implementations of the engine's energy methods, written without its code, to check it and to
time it against: a per-row Python loop with dict look-ups, and a short pandas version (factorize the text columns,
resolve per distinct key, gather). Both give every per-line figure of ``Result.lines``: tonnes per gas, the
biogenic memo, CO2e, market-based CO2e and the uncertainty of CO2e (IPCC 2006 Vol.1 Ch.3 Eq 3.1 per gas, Eq 3.2
over the gases of a line).

Covered: fuel combustion (by mass, volume or heat), purchased grid and green electricity and purchased heat, with
library defaults (no measured parameters). Factors come from the library (``Library.resolve``), units from
``engine.units``: what is checked is the engine's arithmetic, key handling and table assembly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from parkcarbon.engine import Options, units
from parkcarbon.engine.library import Library

METHODS = ("fuel_combustion", "grid_electricity", "green_electricity", "purchased_heat")
GASES = ("CO2", "CH4", "N2O")
C_TO_CO2 = 44.0 / 12.0
COLUMNS = ("CO2_biogenic", *GASES, "co2e", "co2e_market", "uncertainty_pct")


@dataclass(frozen=True)
class Pair:
    """What one (activity, unit) needs: ``scale`` converts the amount to the method's unit; ``p`` holds
    (value, uncertainty %) per parameter in the method's units; ``market`` is True for green electricity."""

    method: str
    scale: float
    by_heat: bool
    biogenic: bool
    fossil_ch4: bool  # CH4 from a fossil source (energy / IPPU, not biomass): AR6 weighs it 29.8 (WG1 Table 7.15)
    ad_unc: float
    p: dict[str, tuple[float, float]]


def pair(lib: Library, options: Options, activity: str, unit: str) -> Pair:
    """Resolve one (activity, unit) from the library, as the NDRC / IPCC equations need it."""
    act = lib.activities[activity]
    chain = lib.region_chain(options.region)
    grids = tuple(r for r in chain if lib.regions[r]["level"] != "province")  # reporting too (choices.csv CH-390)
    grid_regions = {"reporting": grids, "national": ("CN",), "provincial": chain, "regional": grids}[options.grid_basis]
    grid_sets = ("cn_grid_reporting",) if options.grid_basis == "reporting" else ("cn_grid_average",)

    def get(subject, name, gas, to_unit, qualifier="", grid=False):
        f = lib.resolve(subject, name, gas, qualifier, options.year, *((grid_regions, grid_sets) if grid
                                                                       else (chain, options.datasets)))
        return (f.value_in(to_unit), f.uncertainty_pct) if f else (0.0, 0.0)

    dim = units.dimension_of(unit)
    p: dict[str, tuple[float, float]] = {}
    if act.method == "fuel_combustion":
        to = {"mass": "t", "volume": "10^4 Nm3", "energy": "GJ"}[dim]
        if dim != "energy":
            p["ncv"] = get(act.fuel, "ncv", "", f"GJ/{to}")
        p["cc"], p["of"] = get(act.fuel, "cc", "", "tC/GJ"), get(act.fuel, "of", "", "fraction")
        if options.combustion_non_co2:
            p["ef_ch4"] = get(act.nonco2, "ef_ch4", "CH4", "tCH4/GJ", act.sector)
            p["ef_n2o"] = get(act.nonco2, "ef_n2o", "N2O", "tN2O/GJ", act.sector)
    elif act.method in ("grid_electricity", "green_electricity"):
        to = "MWh"
        p["ef"] = get("electricity_grid", "ef_grid", "CO2", "tCO2/MWh", grid=True)
    elif act.method == "purchased_heat":
        to = "GJ"
        p["ef"] = get("heat_purchased", "ef_heat", "CO2", "tCO2/GJ")
    else:
        raise ValueError(f"the reference does not cover {act.method}")
    fossil_ch4 = act.section in ("energy", "ippu") and not act.biogenic
    return Pair(act.method, units.factor(unit, to), dim == "energy", act.biogenic, fossil_ch4, act.ad_uncertainty_pct, p)


def _gas_tonnes(pr: Pair, amount: float) -> tuple[dict[str, float], dict[str, float], float | None]:
    """(tonnes per gas, uncertainty % per gas, market-based CO2 or None) of one line."""
    a, p, ad2 = amount * pr.scale, pr.p, pr.ad_unc ** 2
    if pr.method == "fuel_combustion":
        ncv, ncv_u = p.get("ncv", (1.0, 0.0))
        heat = a if pr.by_heat else a * ncv
        base = ad2 + ncv_u ** 2
        ch4, n2o = p.get("ef_ch4", (0.0, 0.0)), p.get("ef_n2o", (0.0, 0.0))
        t = {"CO2": heat * p["cc"][0] * p["of"][0] * C_TO_CO2, "CH4": heat * ch4[0], "N2O": heat * n2o[0]}
        u = {"CO2": math.sqrt(base + p["cc"][1] ** 2 + p["of"][1] ** 2), "CH4": math.sqrt(base + ch4[1] ** 2),
             "N2O": math.sqrt(base + n2o[1] ** 2)}
        return t, u, None
    ef, ef_u = p["ef"]
    if pr.method == "green_electricity":  # zero location-based, a deduction market-based
        return {"CO2": 0.0}, {"CO2": math.sqrt(ad2)}, -a * ef
    return {"CO2": a * ef}, {"CO2": math.sqrt(ad2 + ef_u ** 2)}, None


def rows_reference(df: pd.DataFrame, options: Options, lib: Library) -> dict[str, list[float]]:
    """Per-row Python: one dict look-up per row for its (activity, unit), then the equations in floats."""
    gwp = {g: lib.gwp[options.gwp][g][0] for g in GASES}
    gwp_fossil_ch4 = lib.gwp[options.gwp].get("CH4_fossil", (gwp["CH4"],))[0]  # sets without one weigh all CH4 alike
    pairs: dict[tuple[str, str], Pair] = {}
    out: dict[str, list[float]] = {c: [] for c in COLUMNS}
    for activity, unit, amount in zip(df["activity"], df["unit"], df["amount"], strict=True):
        pr = pairs.get((activity, unit))
        if pr is None:
            pr = pairs[(activity, unit)] = pair(lib, options, activity, unit)
        t, u, market = _gas_tonnes(pr, float(amount))
        co2 = t.get("CO2", 0.0)
        biogenic = co2 if pr.biogenic else 0.0
        t["CO2"] = 0.0 if pr.biogenic else co2
        co2e = unc_sq = 0.0
        for g in GASES:
            weighted = t.get(g, 0.0) * (gwp_fossil_ch4 if g == "CH4" and pr.fossil_ch4 else gwp[g])
            co2e += weighted
            unc_sq += (u.get(g, 0.0) * weighted) ** 2
        out["CO2_biogenic"].append(biogenic)
        for g in GASES:
            out[g].append(t.get(g, 0.0))
        out["co2e"].append(co2e)
        out["co2e_market"].append(co2e if market is None else co2e - t["CO2"] + market)
        out["uncertainty_pct"].append(math.sqrt(unc_sq) / abs(co2e) if co2e else 0.0)
    return out


def pair_table(df: pd.DataFrame, options: Options, lib: Library) -> tuple[np.ndarray, pd.DataFrame]:
    """(index of each row's (activity, unit) pair, one line of unit amount per pair)."""
    act, acts = pd.factorize(df["activity"])
    unit, unit_names = pd.factorize(df["unit"])
    key, pairs = pd.factorize(act.astype(np.int64) * len(unit_names) + unit)
    per_unit = pd.DataFrame(rows_reference(pd.DataFrame({
        "activity": acts[pairs // len(unit_names)], "unit": unit_names[pairs % len(unit_names)], "amount": 1.0,
    }), options, lib))
    return key, per_unit


def pandas_reference(df: pd.DataFrame, options: Options, lib: Library) -> pd.DataFrame:
    """pandas: factorize (activity, unit), compute one line of unit amount per distinct pair, gather, multiply.
    Every figure is proportional to the amount, so the uncertainty of a line is its pair's."""
    key, per_unit = pair_table(df, options, lib)
    amount = df["amount"].to_numpy(dtype=float)
    lines = {c: amount * per_unit[c].to_numpy()[key] for c in COLUMNS if c != "uncertainty_pct"}
    lines["uncertainty_pct"] = np.where(lines["co2e"] != 0, per_unit["uncertainty_pct"].to_numpy()[key], 0.0)
    return pd.DataFrame(lines, copy=False)


def numpy_floor(key: np.ndarray, amount: np.ndarray, tonnes_per_unit: np.ndarray, gwp: np.ndarray,
                group: np.ndarray, n_groups: int) -> np.ndarray:
    """The least any engine must do, on pre-encoded codes: gather a per-key factor per gas, multiply by the
    amount, weigh by GWP, sum per group (enterprise x month)."""
    tonnes = amount[:, None] * tonnes_per_unit[key]
    return np.bincount(group, weights=tonnes @ gwp, minlength=n_groups)


def mismatch(engine_lines: pd.DataFrame, reference, rtol: float = 1e-12) -> dict[str, float]:
    """Largest relative difference per column between the engine's lines and a reference (0 when equal)."""
    worst = {}
    for c in COLUMNS:
        a = engine_lines[c].to_numpy(dtype=float) if c in engine_lines else np.zeros(len(engine_lines))
        b = np.asarray(reference[c], dtype=float)
        scale = np.maximum(np.abs(a), np.abs(b))
        diff = np.abs(a - b)
        rel = np.divide(diff, scale, out=np.zeros_like(diff), where=scale > 0)
        worst[c] = float(rel.max()) if len(rel) else 0.0
    return worst
