"""Compute emissions for activity rows: validate, resolve factors, apply methods, weigh gases by GWP.

Text columns (activity, unit, sector) are turned into integer codes once; factor resolution then runs once per
distinct (activity, qualifier) pair and is broadcast to the rows by indexing, and each method runs once over all
of its rows. No step loops over rows in Python.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from parkcarbon import __version__
from parkcarbon.engine import units
from parkcarbon.engine.errors import InputError, Problem, bilingual
from parkcarbon.engine.library import SECTORS, Library, load_library
from parkcarbon.engine.methods import METHODS, Method, MethodInput, Param
from parkcarbon.engine.result import Result

ENGINE_VERSION = __version__
GWP_SETS = ("SAR", "AR4", "AR5", "AR5_ccf", "AR6")  # AR5_ccf: AR5 with climate-carbon feedback
DEFAULT_GWP = "AR5"  # China's first Biennial Transparency Report (2024) uses AR5 under decision 18/CMA.1
GRID_BASES = ("reporting", "national", "regional", "provincial")
DEFAULT_DATASETS = ("cn_enterprise", "cn_sector", "cn_provincial", "ipcc2006", "ipcc2019", "stoichiometric")
MEASURED_UNCERTAINTY_PCT = 2.0  # a parameter measured by a calibrated method, when the user states none


@dataclass(frozen=True)
class Options:
    """What an inventory is computed for. ``grid_basis`` chooses the electricity factor: ``reporting`` is the
    national factor MEE prescribes for enterprise reporting of the year; ``national``, ``regional`` and
    ``provincial`` are the MEE/NBS average factors at that level (falling back to the next wider region)."""

    year: int
    region: str
    gwp: str = DEFAULT_GWP
    grid_basis: str = "reporting"
    datasets: tuple[str, ...] = DEFAULT_DATASETS  # factor datasets in order of preference (first that has a value)
    # CH4 and N2O from fuel combustion: IPCC 2006 and the GHG Protocol count them; China's enterprise guidelines
    # (NDRC 2013-2015, GB/T 32150-2015, MEE power 2022) count CO2 only. When False those gases are zero and their
    # factors are not looked up (see parkcarbon.engine.methodology.options_for).
    combustion_non_co2: bool = True
    methodologies: tuple[str, ...] = ()  # recorded on the result only: the methodology files the options came from


@dataclass
class _Rows:
    """The input as codes: ``act`` indexes ``activities`` (-1 unknown), ``unit`` indexes ``unit_names``,
    ``sector`` indexes SECTORS (-1 invalid)."""

    df: pd.DataFrame
    act: np.ndarray
    activities: list
    amount: np.ndarray
    month: np.ndarray
    sector: np.ndarray
    unit: np.ndarray
    unit_names: list[str]
    ad_unc: np.ndarray

    def per_activity(self, attr: str, fill=None, dtype=object) -> np.ndarray:
        """An activity-catalogue attribute broadcast to every row."""
        table = np.array([getattr(a, attr) if a else fill for a in self.activities] + [fill], dtype=dtype)
        return table[self.act]


@dataclass
class _Context:
    lib: Library
    options: Options
    regions: tuple[str, ...]
    grid_regions: tuple[str, ...]
    grid_datasets: tuple[str, ...]
    df: pd.DataFrame | None = None
    problems: list[Problem] = field(default_factory=list)

    def problem(self, mask: np.ndarray, column: str, message: str | tuple[str, str], idx: np.ndarray | None = None) -> None:
        """Record a problem for every row in ``mask`` (positions within ``idx`` when given); ``message`` is English
        or an (English, Chinese) pair."""
        en, zh = (message, "") if isinstance(message, str) else message
        positions = np.flatnonzero(mask)
        if idx is not None:
            positions = idx[positions]
        ids = self.df["row_id"].to_numpy()
        sheets = self.df["_sheet"].to_numpy() if "_sheet" in self.df else None
        for i in positions[:500]:
            self.problems.append(Problem(str(ids[i]), column, en, None if sheets is None else str(sheets[i]), zh))


def _context(options: Options, lib: Library) -> _Context:
    problems = []
    if options.gwp not in GWP_SETS or options.gwp not in lib.gwp:
        problems.append(Problem("-", "gwp", f"unknown GWP set {options.gwp!r}; choose one of {', '.join(GWP_SETS)}",
                                message_zh=f"未知的GWP版本 {options.gwp!r}，请选择 {', '.join(GWP_SETS)}"))
    if options.grid_basis not in GRID_BASES:
        problems.append(Problem("-", "grid_basis", f"grid basis must be one of {', '.join(GRID_BASES)}"))
    if not isinstance(options.year, int | np.integer) or not lib.first_year <= options.year <= lib.last_year:
        span = f"{lib.first_year}-{lib.last_year}"
        problems.append(Problem("-", "year", f"the reporting year must be {span}: base years reach back to {lib.first_year}, "
                                f"and no factor in the library covers a later year than {lib.last_year}",
                                message_zh=f"报告年度应在 {span} 之间：基准年最早为 {lib.first_year} 年，因子库没有适用于 "
                                f"{lib.last_year} 年以后的因子"))
    if options.region not in lib.regions:
        problems.append(Problem("-", "region", f"unknown region {options.region!r} (use a code such as CN-JS)",
                                message_zh=f"未知地区 {options.region!r}（请使用如 CN-JS 的代码）"))
    if problems:
        raise InputError(problems)
    chain = lib.region_chain(options.region)
    grid_regions = {
        "reporting": ("CN",), "national": ("CN",), "provincial": chain,
        "regional": tuple(r for r in chain if lib.regions[r]["level"] != "province"),
    }[options.grid_basis]
    grid_datasets = ("cn_grid_reporting",) if options.grid_basis == "reporting" else ("cn_grid_average",)
    return _Context(lib, options, chain, grid_regions, grid_datasets)


def normalise_rows(rows: pd.DataFrame | list[dict]) -> pd.DataFrame:
    """Accept a DataFrame or a list of dicts; add the optional identity columns."""
    df = pd.DataFrame(rows) if not isinstance(rows, pd.DataFrame) else rows.reset_index(drop=True)
    missing = [c for c in ("activity", "amount", "unit") if c not in df]
    if missing:
        raise InputError([Problem("-", c, "column is missing", message_zh="缺少该列") for c in missing])
    defaults = {"row_id": lambda: np.arange(1, len(df) + 1).astype(str), "enterprise": lambda: "", "month": lambda: 0}
    return df.assign(**{c: make() for c, make in defaults.items() if c not in df})


def _blank(series: pd.Series) -> np.ndarray:
    missing = series.isna().to_numpy()
    if series.dtype.kind in "biufc":
        return missing
    return missing | (series.astype(str).str.strip() == "").to_numpy()


def _encode(ctx: _Context, df: pd.DataFrame) -> _Rows:
    lib, n = ctx.lib, len(df)
    act, act_names = pd.factorize(df["activity"], use_na_sentinel=True)
    activities = [lib.activities.get(str(code)) for code in act_names]
    unknown = np.array([a is None for a in activities] + [True])[act]
    ctx.problem(unknown, "activity", bilingual("unknown activity (choose one from the list of the section)",
                                              "未知的活动（请从本部门的列表中选择）"))
    act = np.where(unknown, -1, act)

    amount = pd.to_numeric(df["amount"], errors="coerce").to_numpy(dtype=float)
    ctx.problem(~unknown & ~np.isfinite(amount), "amount", bilingual("a number is required", "应填写数字"))
    month_raw = df["month"]
    month = np.where(_blank(month_raw), 0, pd.to_numeric(month_raw, errors="coerce").to_numpy(dtype=float))
    month = np.nan_to_num(month, nan=-1)  # text that is not a month
    ctx.problem((month < 0) | (month > 12) | (month != np.round(month)), "month",
                bilingual("month must be 0 (whole year) or 1-12", "月份应为 0（全年）或 1-12"))

    rows = _Rows(df, act, activities, amount, month.astype(int), np.zeros(n, dtype=np.int16), np.zeros(n, dtype=int), [],
                 np.zeros(n))
    default_sector = np.array([SECTORS.index(a.sector) if a else 0 for a in activities] + [0], dtype=np.int16)[act]
    if "sector" in df:
        codes, names = pd.factorize(df["sector"], use_na_sentinel=True)
        lookup = np.array([SECTORS.index(s) if s in SECTORS else (-2 if str(s).strip() else -1) for s in names] + [-1])
        given = lookup[codes]
        ctx.problem(given == -2, "sector", bilingual(f"sector must be one of {', '.join(SECTORS)}",
                                                     f"部门应为以下之一：{', '.join(SECTORS)}"))
        rows.sector = np.where(given >= 0, given, default_sector).astype(np.int16)
    else:
        rows.sector = default_sector
    rows.unit, names = pd.factorize(df["unit"], use_na_sentinel=True)
    rows.unit_names = [str(u) for u in names]
    if "ad_uncertainty_pct" in df:
        given_unc = pd.to_numeric(df["ad_uncertainty_pct"], errors="coerce").to_numpy(dtype=float)
    else:
        given_unc = np.full(n, np.nan)
    rows.ad_unc = np.where(np.isnan(given_unc), rows.per_activity("ad_uncertainty_pct", 0.0, float), given_unc)
    return rows


def calculate(rows: pd.DataFrame | list[dict], options: Options, library: Library | None = None) -> Result:
    """Compute every row; raise InputError listing every problem, never a partial result."""
    lib = library or load_library()
    clock = time.perf_counter()
    ctx = _context(options, lib)
    ctx.df = df = normalise_rows(rows)
    r = _encode(ctx, df)
    n = len(df)
    encoded = time.perf_counter()
    method_of_row = r.per_activity("method", "")
    out = _Outputs(n)
    out.stages["encode"] = encoded - clock
    for method_id in pd.unique(method_of_row[r.act >= 0]):
        _run_method(ctx, METHODS[method_id], r, np.flatnonzero(method_of_row == method_id), out)
    _check_green_power(ctx, r, method_of_row)
    if ctx.problems:
        raise InputError(ctx.problems)

    lines = pd.DataFrame({
        "row_id": df["row_id"].to_numpy(), "enterprise": df["enterprise"].to_numpy(), "month": r.month,
        "activity": df["activity"].to_numpy(), "section": r.per_activity("section"),
        "category": r.per_activity("category"), "scope": r.per_activity("scope", 0, int),
        "sector": np.array(SECTORS, dtype=object)[r.sector], "method": method_of_row,
        "amount": r.amount, "unit": df["unit"].to_numpy(),
    })
    factor_ids = {name: pd.Categorical.from_codes(codes, names) for name, (codes, names) in out.factor_codes.items()}
    biogenic = r.per_activity("biogenic", False, bool)
    assembled = time.perf_counter()
    result = Result.build(lines, out.tonnes, out.uncertainty, r.ad_unc, out.market_co2, biogenic, factor_ids, lib, options)
    out.stages["result"] = time.perf_counter() - assembled
    out.stages["total"] = time.perf_counter() - clock
    result.timings = out.stages  # seconds per stage, for benchmarks
    return result


@dataclass
class _Outputs:
    n: int
    tonnes: dict[str, np.ndarray] = field(default_factory=dict)
    uncertainty: dict[str, np.ndarray] = field(default_factory=dict)
    factor_codes: dict[str, tuple[np.ndarray, list[str]]] = field(default_factory=dict)
    stages: dict[str, float] = field(default_factory=lambda: {"encode": 0.0, "resolve": 0.0, "compute": 0.0})
    market_co2: np.ndarray = None  # type: ignore[assignment]

    def __post_init__(self):
        self.market_co2 = np.full(self.n, np.nan)

    def column(self, store: dict, name: str) -> np.ndarray:
        return store.setdefault(name, np.zeros(self.n))

    def record_factors(self, param: str, idx: np.ndarray, local_codes: np.ndarray, local_ids: list) -> None:
        """Store the factor id used per row (``local_codes`` index ``local_ids``, -1 = none) as a code into a
        per-parameter list of ids."""
        codes, names = self.factor_codes.setdefault(param, (np.full(self.n, -1, dtype=np.int32), []))
        remap = np.array([-1 if i is None else _code_of(names, i) for i in local_ids] + [-1], dtype=np.int32)
        codes[idx] = remap[local_codes]


def _dense_groups(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(distinct keys, index of each row's key) for small non-negative integer keys, in O(n) without sorting."""
    present = np.zeros(size, dtype=bool)
    present[keys] = True
    distinct = np.flatnonzero(present)
    position = np.full(size, -1, dtype=np.int64)
    position[distinct] = np.arange(len(distinct))
    return distinct, position[keys]


def _code_of(names: list[str], name: str) -> int:
    if name not in names:
        names.append(name)
    return names.index(name)


def _run_method(ctx: _Context, method: Method, r: _Rows, idx: np.ndarray, out: _Outputs) -> None:
    started = time.perf_counter()
    dims, amount = _convert_amounts(ctx, method, r, idx)
    if not method.allow_negative:
        ctx.problem(amount < 0, "amount", bilingual("must not be negative", "不能为负数"), idx)
    params, param_unc = {}, {}
    for param in method.params:
        if _not_counted(ctx.options, method, param):  # zero, and no factor id recorded for it
            params[param.name] = param_unc[param.name] = np.zeros(len(idx))
            continue
        values, unc, id_codes, ids = _resolve_param(ctx, method, param, r, idx, dims)
        params[param.name], param_unc[param.name] = values, unc
        out.record_factors(param.name, idx, id_codes, ids)
    resolved = time.perf_counter()
    out.stages["resolve"] += resolved - started
    if ctx.problems:
        return
    fields = [f for f in method.row_fields if f in r.df]  # copy only the columns the method reads
    results = method.compute(MethodInput(amount, dims, params, r.df[fields].iloc[idx], ctx.options.year))
    for gas, g in results.items():
        if gas == "market:CO2":
            out.market_co2[idx] = g.tonnes
            continue
        out.column(out.tonnes, gas)[idx] = g.tonnes
        unc_sq = r.ad_unc[idx] ** 2 + sum(np.nan_to_num(param_unc[p]) ** 2 for p in g.params)
        out.column(out.uncertainty, gas)[idx] = np.sqrt(unc_sq)
    out.stages["compute"] += time.perf_counter() - resolved


def _not_counted(options: Options, method: Method, param: Param) -> bool:
    """A CH4/N2O factor of fuel combustion when the methodology counts CO2 only from combustion."""
    return not options.combustion_non_co2 and method.id == "fuel_combustion" and param.gas in ("CH4", "N2O")


def _convert_amounts(ctx: _Context, method: Method, r: _Rows, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Amounts in the method's unit for their quantity; a unit that is unknown or does not fit the activity is a
    problem. Checked once per distinct (activity, unit) pair."""
    n_units = len(r.unit_names) + 1
    unit_code = np.where(r.unit[idx] < 0, n_units - 1, r.unit[idx])  # a blank unit gets the last code
    pairs, inverse = _dense_groups(r.act[idx].astype(np.int64) * n_units + unit_code, len(r.activities) * n_units)
    scale = np.full(len(pairs), np.nan)
    dim_of_pair = np.full(len(pairs), "", dtype=object)
    for k, p in enumerate(pairs):
        activity, unit_code = r.activities[p // n_units], p % n_units
        unit = r.unit_names[unit_code] if unit_code < len(r.unit_names) else ""
        sel = inverse == k
        try:
            dim = units.dimension_of(unit)
        except units.UnitError:
            ctx.problem(sel, "unit", bilingual(f"unknown unit {unit!r}", f"未知单位 {unit!r}") if unit
                        else bilingual("a unit is required", "应填写单位"), idx)
            continue
        if dim not in method.units or dim not in activity.dimensions:
            allowed = " or ".join(d for d in activity.dimensions if d in method.units)
            ctx.problem(sel, "unit", bilingual(f"{unit} is not a unit of {allowed} for {activity.name_en}",
                                              f"{unit} 不是{activity.name_zh}可用的单位（{allowed}）"), idx)
            continue
        scale[k], dim_of_pair[k] = units.factor(unit, method.units[dim]), dim
    return dim_of_pair[inverse], r.amount[idx] * scale[inverse]


def _param_unit(method: Method, param: Param, given_unit: str) -> tuple[str, str]:
    """(unit to convert to, quantity it is per) for a value written in ``given_unit``."""
    if "{amount}" not in param.unit:
        return param.unit, ""
    per_dim = next((d for d, p in units.parse(given_unit).dimension if p == -1), "")
    if per_dim not in method.units:
        raise units.UnitError(f"{given_unit} is not per unit of {' or '.join(method.units)}")
    return param.unit.format(amount=method.units[per_dim]), per_dim


def _subjects(param: Param, r: _Rows) -> np.ndarray:
    """Lookup subject per distinct activity (index -1 = unknown)."""
    if param.subject.startswith("="):
        return np.array([param.subject[1:]] * (len(r.activities) + 1), dtype=object)
    attr = "code" if param.subject == "activity" else param.subject
    return np.array([getattr(a, attr) if a else "" for a in r.activities] + [""], dtype=object)


def _resolve_param(ctx: _Context, method: Method, param: Param, r: _Rows, idx: np.ndarray, dims: np.ndarray):
    """Per-row (value, uncertainty %, factor id): library default per distinct key, then measured overrides."""
    n = len(idx)
    if param.qualifier == "sector":
        qual_codes, qual_names = r.sector[idx].astype(np.int64), list(SECTORS)
    elif param.qualifier and param.qualifier in r.df:
        qual_codes, qual_names = pd.factorize(r.df[param.qualifier].iloc[idx].fillna("").astype(str))
        qual_names = list(qual_names)
    else:
        qual_codes, qual_names = np.zeros(n, dtype=np.int64), [""]
    keys, inverse = _dense_groups(r.act[idx].astype(np.int64) * len(qual_names) + qual_codes,
                                  len(r.activities) * len(qual_names))
    subjects = _subjects(param, r)
    values, uncert = np.full(len(keys), np.nan), np.full(len(keys), np.nan)
    ids, per = np.full(len(keys), None, dtype=object), np.full(len(keys), "", dtype=object)
    regions, datasets = (ctx.grid_regions, ctx.grid_datasets) if param.grid else (ctx.regions, ctx.options.datasets)
    for k, key in enumerate(keys):
        subject, qualifier = subjects[key // len(qual_names)], qual_names[key % len(qual_names)]
        f = ctx.lib.resolve(subject, param.name, param.gas, qualifier, ctx.options.year, regions, datasets)
        if f is not None:
            unit, per[k] = _param_unit(method, param, f.unit)
            values[k], uncert[k], ids[k] = f.value_in(unit), f.uncertainty_pct, f.id
    v, u, fid, v_per = values[inverse], uncert[inverse], inverse, per[inverse]
    local_ids = [*ids, "measured"]
    if param.overridable and param.name in r.df:
        columns = [c for c in (param.name, f"{param.name}_unit", f"{param.name}_uncertainty_pct") if c in r.df]
        v, u, fid, v_per = _apply_measured(ctx, method, param, r.df[columns].iloc[idx], idx, v, u, fid, v_per, len(ids))

    needed = np.isin(dims, param.needed_for) if param.needed_for else np.ones(n, dtype=bool)
    if "{amount}" in param.unit:
        mismatch = needed & ~np.isnan(v) & (v_per != dims)
        ctx.problem(mismatch, "unit", bilingual(
            f"the {param.label_en or param.name} of this activity is per unit of another quantity: give the amount "
            "in a unit of the default's quantity",
            f"该活动的{param.label_zh or param.name}按另一种计量（质量/体积）给出：请用与缺省值相同计量的单位填写数量"), idx)
        v = np.where(needed & (v_per == dims), v, np.nan)
    if param.required:
        ctx.problem(needed & np.isnan(v), param.name, bilingual(
            f"no default {param.label_en or param.name} for this activity in {ctx.options.year} / "
            f"{ctx.options.region}: enter a measured value with its unit",
            f"{ctx.options.year}年 {ctx.options.region} 没有该活动的{param.label_zh or param.name}缺省值：请填写实测值及单位"),
            idx)
    fid = np.where(needed & ~np.isnan(v), fid, -1)
    return v, u, fid, local_ids


def _apply_measured(ctx, method: Method, param: Param, rows: pd.DataFrame, idx, v, u, fid, v_per, measured_code):
    """Tier 2: a measured value (with its unit, and optionally its uncertainty) replaces the default."""
    raw = rows[param.name]
    measured = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float)
    given = ~_blank(raw)
    ctx.problem(given & np.isnan(measured), param.name, bilingual("a number is required", "应填写数字"), idx)
    has = given & ~np.isnan(measured)
    unit_col, unc_col = f"{param.name}_unit", f"{param.name}_uncertainty_pct"
    unit_vals = rows[unit_col].fillna("").astype(str).to_numpy(dtype=object) if unit_col in rows else np.full(len(rows), "", dtype=object)
    example = param.unit.format(amount=next(iter(method.units.values())))
    ctx.problem(has & (unit_vals == ""), unit_col, bilingual(f"a measured {param.name} needs its unit (e.g. {example})",
                                                           f"实测{param.label_zh or param.name}须填写单位（如 {example}）"), idx)
    measured_unc = pd.to_numeric(rows[unc_col], errors="coerce").to_numpy(dtype=float) if unc_col in rows else np.full(len(rows), np.nan)
    for unit in pd.unique(unit_vals[has & (unit_vals != "")]):
        sel = has & (unit_vals == unit)
        try:
            target, per_dim = _param_unit(method, param, unit)
            scale = units.factor(unit, target)
        except units.UnitError as exc:
            ctx.problem(sel, unit_col, str(exc), idx)
            continue
        v = np.where(sel, measured * scale, v)
        v_per = np.where(sel, per_dim, v_per)
        fid = np.where(sel, measured_code, fid)
        u = np.where(sel, np.nan_to_num(measured_unc, nan=MEASURED_UNCERTAINTY_PCT), u)
    return v, u, fid, v_per


def _check_green_power(ctx: _Context, r: _Rows, method_of_row: np.ndarray) -> None:
    """Green electricity claimed beyond the electricity purchased would make market-based emissions negative."""
    green = method_of_row == "green_electricity"
    if not green.any():
        return
    grid = method_of_row == "grid_electricity"
    to_mwh = np.array([_mwh(u) for u in r.unit_names] + [np.nan])[r.unit]
    mwh = pd.Series(r.amount * to_mwh)
    ent = r.df["enterprise"].astype(str)
    excess = mwh[green].groupby(ent[green]).sum().sub(mwh[grid].groupby(ent[grid]).sum(), fill_value=0) > 1e-9
    ctx.problem(green & ent.isin(excess[excess].index).to_numpy(), "amount",
                bilingual("green electricity exceeds the electricity purchased from the grid", "绿色电力超过了外购电网电量"))


def _mwh(unit: str) -> float:
    try:
        return units.factor(unit, "MWh")
    except units.UnitError:
        return np.nan
