"""Compute emissions for activity rows: validate, resolve factors, apply methods, weigh gases by GWP.

Everything is done per column: factor resolution runs once per distinct key and is broadcast with ``take``;
each method runs once over all its rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from parkcarbon import __version__
from parkcarbon.engine import units
from parkcarbon.engine.errors import InputError, Problem
from parkcarbon.engine.library import SECTORS, Library, load_library
from parkcarbon.engine.methods import METHODS, Method, MethodInput, Param
from parkcarbon.engine.result import Result

GWP_SETS = ("SAR", "AR4", "AR5", "AR6")
DEFAULT_GWP = "AR5"  # China's first Biennial Transparency Report (2024) uses AR5 under decision 18/CMA.1
GRID_BASES = ("reporting", "national", "regional", "provincial")
DEFAULT_DATASETS = ("cn_enterprise", "cn_sector", "cn_provincial", "ipcc2006", "ipcc2019", "stoichiometric")
BASE_COLUMNS = ("row_id", "enterprise", "month", "activity", "amount", "unit", "sector", "ad_uncertainty_pct")


@dataclass(frozen=True)
class Options:
    """What an inventory is computed for. ``grid_basis`` chooses the electricity factor: ``reporting`` is the
    national factor MEE prescribes for enterprise reporting of the year; ``national``, ``regional`` and
    ``provincial`` are the MEE/NBS average factors at that level (falling back to the next wider region)."""

    year: int
    region: str
    gwp: str = DEFAULT_GWP
    grid_basis: str = "reporting"
    datasets: tuple[str, ...] = DEFAULT_DATASETS


@dataclass
class _Resolved:
    values: np.ndarray
    uncertainty: np.ndarray
    factor_ids: pd.Categorical


@dataclass
class _Context:
    lib: Library
    options: Options
    regions: tuple[str, ...]
    grid_regions: tuple[str, ...]
    grid_datasets: tuple[str, ...]
    problems: list[Problem] = field(default_factory=list)

    def problem(self, rows: pd.DataFrame, mask: np.ndarray, column: str, message: str) -> None:
        sheets = rows["_sheet"].to_numpy() if "_sheet" in rows else None
        for i in np.flatnonzero(mask)[:200]:  # enough to fix a file; the count is in the first message
            self.problems.append(Problem(str(rows["row_id"].iat[i]), column, message, sheets[i] if sheets is not None else None))


def _context(options: Options, lib: Library) -> _Context:
    problems = []
    if options.gwp not in GWP_SETS or options.gwp not in lib.gwp:
        problems.append(Problem("-", "gwp", f"unknown GWP set {options.gwp!r}; choose one of {', '.join(GWP_SETS)}"))
    if options.grid_basis not in GRID_BASES:
        problems.append(Problem("-", "grid_basis", f"grid basis must be one of {', '.join(GRID_BASES)}"))
    if not isinstance(options.year, int | np.integer) or not 1990 <= options.year <= 2100:
        problems.append(Problem("-", "year", "the reporting year is required (1990-2100)"))
    if options.region not in lib.regions:
        problems.append(Problem("-", "region", f"unknown region {options.region!r} (use a code such as CN-JS)"))
    if problems:
        raise InputError(problems)
    chain = lib.region_chain(options.region)
    levels = {"reporting": ("CN",), "national": ("CN",), "regional": tuple(r for r in chain if lib.regions[r]["level"] != "province"),
              "provincial": chain}
    grid_datasets = ("cn_grid_reporting",) if options.grid_basis == "reporting" else ("cn_grid_average",)
    return _Context(lib, options, chain, levels[options.grid_basis], grid_datasets)


def normalise_rows(rows: pd.DataFrame | list[dict]) -> pd.DataFrame:
    """Accept a DataFrame or a list of dicts; fill optional columns with their defaults."""
    df = pd.DataFrame(rows) if not isinstance(rows, pd.DataFrame) else rows.reset_index(drop=True)
    for col in ("activity", "amount", "unit"):
        if col not in df:
            raise InputError([Problem("-", col, "column is missing")])
    if "row_id" not in df:
        df = df.assign(row_id=np.arange(1, len(df) + 1).astype(str))
    if "enterprise" not in df:
        df = df.assign(enterprise="")
    if "month" not in df:
        df = df.assign(month=0)
    return df


def calculate(rows: pd.DataFrame | list[dict], options: Options, library: Library | None = None) -> Result:
    """Compute every row; raise InputError listing every problem, never a partial result."""
    lib = library or load_library()
    ctx = _context(options, lib)
    df = normalise_rows(rows)
    n = len(df)

    act_codes, act_names = pd.factorize(df["activity"].astype(str), sort=False)
    catalogue = [lib.activities.get(code) for code in act_names]
    unknown = np.array([a is None for a in catalogue] + [False])[act_codes]
    ctx.problem(df, unknown, "activity", "unknown activity (choose one from the list of the section)")
    known = ~unknown

    def cat(attr: str, fill=""):
        values = np.array([getattr(a, attr) if a else fill for a in catalogue] + [fill], dtype=object)
        return values[act_codes]

    amount = pd.to_numeric(df["amount"], errors="coerce").to_numpy(dtype=float)
    ctx.problem(df, known & ~np.isfinite(amount), "amount", "a number is required")
    blank_month = df["month"].isna().to_numpy() | (df["month"].astype(str).str.strip() == "").to_numpy()
    month = np.where(blank_month, 0, pd.to_numeric(df["month"], errors="coerce").fillna(-1).to_numpy())
    ctx.problem(df, (month < 0) | (month > 12) | (month != np.round(month)), "month", "month must be 0 (whole year) or 1-12")
    sector = df["sector"].fillna("").astype(str).to_numpy(dtype=object) if "sector" in df else np.full(n, "", dtype=object)
    sector = np.where(sector == "", cat("sector", "industry"), sector)
    ctx.problem(df, ~np.isin(sector, SECTORS), "sector", f"sector must be one of {', '.join(SECTORS)}")
    ad_unc = pd.to_numeric(df["ad_uncertainty_pct"], errors="coerce").to_numpy() if "ad_uncertainty_pct" in df else np.full(n, np.nan)
    ad_unc = np.where(np.isnan(ad_unc), cat("ad_uncertainty_pct", 0.0).astype(float), ad_unc)

    method_ids = cat("method")
    gas_t: dict[str, np.ndarray] = {}
    gas_unc: dict[str, np.ndarray] = {}
    market_co2 = np.full(n, np.nan)
    factor_cols: dict[str, pd.Categorical] = {}
    for method_id in pd.unique(method_ids[known]):
        idx = np.flatnonzero(known & (method_ids == method_id))
        _run_method(ctx, METHODS[method_id], df, idx, amount, sector, ad_unc, cat, gas_t, gas_unc, market_co2, factor_cols)
    _check_green_power(ctx, df, cat("method"), amount)
    if ctx.problems:
        raise InputError(ctx.problems)

    biogenic = cat("biogenic", False).astype(bool)
    lines = pd.DataFrame({
        "row_id": df["row_id"].astype(str).to_numpy(), "enterprise": df["enterprise"].astype(str).to_numpy(),
        "month": month.astype(int), "activity": df["activity"].astype(str).to_numpy(),
        "section": cat("section"), "category": cat("category"), "scope": cat("scope", 0).astype(int),
        "sector": sector, "method": method_ids, "amount": df["amount"].to_numpy(), "unit": df["unit"].to_numpy(),
    })
    factor_ids = {name: pd.Categorical.from_codes(codes, names) for name, (codes, names) in factor_cols.items()}
    return Result.build(lines, gas_t, gas_unc, ad_unc, market_co2, biogenic, factor_ids, lib, options)


def _run_method(ctx, method: Method, df, idx, amount, sector, ad_unc, cat, gas_t, gas_unc, market_co2, factor_cols) -> None:
    rows = df.iloc[idx]
    unit_arr = df["unit"].to_numpy(dtype=object)[idx]
    dims = np.full(len(idx), "", dtype=object)
    converted = np.full(len(idx), np.nan)
    codes, uniq_units = pd.factorize(pd.Series(unit_arr).fillna("").astype(str))
    acts = df["activity"].to_numpy(dtype=object)[idx]
    for u_i, unit in enumerate(uniq_units):
        sel = codes == u_i
        try:
            dim = units.dimension_of(unit)
        except units.UnitError:
            ctx.problem(rows, sel, "unit", f"unknown unit {unit!r}" if unit else "a unit is required")
            continue
        if dim not in method.units:
            ctx.problem(rows, sel, "unit", f"{unit} is not a unit of {' or '.join(method.units)} for this activity")
            continue
        ok_act = np.array([dim in ctx.lib.activities[a].dimensions for a in acts[sel]])
        sub = np.flatnonzero(sel)
        ctx.problem(rows, _mask(len(idx), sub[~ok_act]), "unit", f"{unit} does not fit this activity")
        dims[sub[ok_act]] = dim
        converted[sub[ok_act]] = amount[idx][sub[ok_act]] * units.factor(unit, method.units[dim])
    if not method.allow_negative:
        ctx.problem(rows, converted < 0, "amount", "must not be negative")

    params = {}
    param_unc = {}
    for param in method.params:
        res = _resolve_param(ctx, method, param, rows, idx, dims, sector, cat)
        params[param.name], param_unc[param.name] = res.values, res.uncertainty
        codes, names = factor_cols.setdefault(param.name, (np.full(len(df), -1, dtype=np.int32), []))
        remap = np.array([_code_of(names, c) for c in res.factor_ids.categories] + [-1], dtype=np.int32)
        codes[idx] = remap[res.factor_ids.codes]
    if ctx.problems:
        return
    out = method.compute(MethodInput(converted, dims, params, rows, ctx.options.year))
    for gas, g in out.items():
        target = market_co2 if gas == "market:CO2" else gas_t.setdefault(gas, np.zeros(len(df)))
        target[idx] = g.tonnes
        if gas == "market:CO2":
            continue
        unc_sq = ad_unc[idx] ** 2 + sum(np.nan_to_num(param_unc[p]) ** 2 for p in g.params)
        gas_unc.setdefault(gas, np.zeros(len(df)))[idx] = np.sqrt(unc_sq)


def _code_of(names: list[str], name: str) -> int:
    if name not in names:
        names.append(name)
    return names.index(name)


def _mask(n: int, positions: np.ndarray) -> np.ndarray:
    m = np.zeros(n, dtype=bool)
    m[positions] = True
    return m


def _param_unit(method: Method, param: Param, given_unit: str) -> tuple[str, str]:
    """(unit to convert to, quantity it is per) for a value written in ``given_unit``."""
    if "{amount}" not in param.unit:
        return param.unit, ""
    per = units.parse(given_unit).dimension
    per_dim = next((d for d, p in per if p == -1), "")
    if per_dim not in method.units:
        raise units.UnitError(f"{given_unit} is not per unit of {' or '.join(method.units)}")
    return param.unit.format(amount=method.units[per_dim]), per_dim


def _resolve_param(ctx: _Context, method: Method, param: Param, rows: pd.DataFrame, idx, dims, sector, cat) -> _Resolved:
    """Default from the library per distinct key, then per-row measured overrides (tier 2)."""
    n = len(idx)
    if param.subject.startswith("="):
        subjects = np.full(n, param.subject[1:], dtype=object)
    else:
        subjects = cat("code" if param.subject == "activity" else param.subject)[idx]
    if not param.qualifier:
        qualifiers = np.full(n, "", dtype=object)
    elif param.qualifier == "sector":
        qualifiers = sector[idx]
    else:
        qualifiers = rows[param.qualifier].fillna("").astype(str).to_numpy(dtype=object)
    keys, uniq = pd.factorize(pd.Series(subjects.astype(str)) + "\x1f" + pd.Series(qualifiers.astype(str)))
    values, uncert = np.full(len(uniq), np.nan), np.full(len(uniq), np.nan)
    ids, per = np.full(len(uniq), None, dtype=object), np.full(len(uniq), "", dtype=object)
    regions, datasets = (ctx.grid_regions, ctx.grid_datasets) if param.grid else (ctx.regions, ctx.options.datasets)
    for k, key in enumerate(uniq):
        subject, qualifier = key.split("\x1f")
        f = ctx.lib.resolve(subject, param.name, param.gas, qualifier, ctx.options.year, regions, datasets)
        if f is not None:
            unit, per[k] = _param_unit(method, param, f.unit)
            values[k], uncert[k], ids[k] = f.value_in(unit), f.uncertainty_pct, f.id
    v, u, fid, v_per = values[keys], uncert[keys], ids[keys], per[keys]

    if param.overridable and param.name in rows:
        raw = rows[param.name]
        measured = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float)
        given = raw.notna().to_numpy() & (raw.astype(str).str.strip() != "").to_numpy()
        ctx.problem(rows, given & np.isnan(measured), param.name, "a number is required")
        has = given & ~np.isnan(measured)
        unit_name = f"{param.name}_unit"
        unit_vals = rows[unit_name].fillna("").astype(str).to_numpy(dtype=object) if unit_name in rows else np.full(n, "", dtype=object)
        example = param.unit.format(amount=next(iter(method.units.values())))
        ctx.problem(rows, has & (unit_vals == ""), unit_name, f"a measured {param.name} needs its unit (e.g. {example})")
        unc_name = f"{param.name}_uncertainty_pct"
        measured_unc = pd.to_numeric(rows[unc_name], errors="coerce").to_numpy() if unc_name in rows else np.full(n, np.nan)
        for unit in pd.unique(unit_vals[has & (unit_vals != "")]):
            sel = has & (unit_vals == unit)
            try:
                target, per_dim = _param_unit(method, param, unit)
                scale = units.factor(unit, target)
            except units.UnitError as exc:
                ctx.problem(rows, sel, unit_name, str(exc))
                continue
            v = np.where(sel, measured * scale, v)
            v_per = np.where(sel, per_dim, v_per)
            fid = np.where(sel, "measured", fid)
            u = np.where(sel, np.nan_to_num(measured_unc, nan=2.0), u)  # 2 %: calibrated measurement
    needed = np.isin(dims, param.needed_for) if param.needed_for else np.ones(n, dtype=bool)
    if "{amount}" in param.unit:
        mismatch = needed & ~np.isnan(v) & (v_per != dims)
        ctx.problem(rows, mismatch, "unit", f"the {param.label_en or param.name} of this activity is per unit of another quantity: "
                    "give the amount in the unit of the default (see the activity list)")
        v = np.where(needed & (v_per == dims), v, np.nan)
    fid = np.where(needed, fid, None)
    if param.required:
        label = param.label_en or param.name
        ctx.problem(rows, needed & np.isnan(v), param.name,
                    f"no default {label} for this activity in {ctx.options.year} / {ctx.options.region}: enter a measured value with its unit")
    return _Resolved(v, u, pd.Categorical(fid))


def _check_green_power(ctx: _Context, df: pd.DataFrame, methods: np.ndarray, amount: np.ndarray) -> None:
    """Green electricity claimed beyond the electricity purchased would make market-based emissions negative."""
    green, grid = methods == "green_electricity", methods == "grid_electricity"
    if not green.any():
        return
    codes, uniq = pd.factorize(df["unit"].astype(str))
    mwh = pd.Series(amount * np.array([_mwh(u) for u in uniq])[codes], index=df.index)
    ent = df["enterprise"].astype(str)
    over = mwh[green].groupby(ent[green]).sum().sub(mwh[grid].groupby(ent[grid]).sum(), fill_value=0) > 1e-9
    bad = green & ent.isin(over[over].index).to_numpy()
    ctx.problem(df, bad, "amount", "green electricity exceeds the electricity purchased from the grid")


def _mwh(unit: str) -> float:
    try:
        return units.factor(unit, "MWh")
    except units.UnitError:
        return np.nan


ENGINE_VERSION = __version__
