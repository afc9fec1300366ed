"""Compute emissions for activity rows: validate, resolve factors, apply methods, weigh gases by GWP.

Text columns (activity, unit, sector) become integer codes once (a categorical column's own codes are used). Every
check and factor look-up then runs once per distinct (activity, unit, sector) key into small per-key tables, rows
take their values by one gather per parameter, and each method runs once over all of its rows. A method linear in
the amount (``Method.linear``) whose parameters are all library defaults runs once over its keys instead, for one
unit of amount, and each line is its amount times its key's figure. No step loops over rows in Python.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd

from parkcarbon import __version__
from parkcarbon.engine import equipment, units
from parkcarbon.engine.errors import InputError, Problem, bilingual
from parkcarbon.engine.library import SECTORS, Activity, Library, load_library
from parkcarbon.engine.methods import METHODS, GasOutput, Method, MethodInput, Param
from parkcarbon.engine.methods.base import QUALIFIER_KEYWORDS
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
    factor prescribed for enterprise reporting of the year (the national factor of MEE from reporting year 2021; the
    average factor of the enterprise's regional grid before, choices.csv CH-390); ``national``, ``regional`` and
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
    # (activity, datasets) where an activity's own guideline prefers other datasets than ``datasets`` (an inventory
    # under two guidelines: each activity takes the defaults of the guideline that covers it, not the first one's)
    activity_datasets: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def datasets_for(self, activity: str) -> tuple[str, ...]:
        return self._by_activity.get(activity, self.datasets)

    @cached_property
    def _by_activity(self) -> dict[str, tuple[str, ...]]:
        return dict(self.activity_datasets)


@dataclass
class _Rows:
    """The input as codes. ``act`` indexes ``activities`` (-1 unknown), ``unit`` indexes ``unit_names`` (-1 blank),
    ``sector`` indexes SECTORS (None: every activity in its default sector). ``key`` indexes the distinct
    (activity, unit, sector) triples: every check and every factor look-up runs once per key, and rows take the
    result by one gather."""

    df: pd.DataFrame
    act: np.ndarray
    activities: list
    amount: np.ndarray
    month: np.ndarray
    sector: np.ndarray | None
    unit: np.ndarray
    unit_names: list[str]
    ad_unc: np.ndarray | None  # per row where the input gives it, else None (the activity's default, per key)
    ad_key: np.ndarray = None  # type: ignore[assignment]
    key: np.ndarray = None  # type: ignore[assignment]
    key_act: np.ndarray = None  # type: ignore[assignment]
    key_unit: list = None  # type: ignore[assignment]
    key_sector: np.ndarray = None  # type: ignore[assignment]
    filled: dict[str, bool] = field(default_factory=dict)

    def has_values(self, column: str) -> bool:
        """Whether any row has a value in ``column``: an upload carries every optional column of its sheet, most
        of them empty, and an empty measured column must cost (and give) what no column does."""
        if column not in self.filled:
            self.filled[column] = column in self.df and bool(self.df[column].notna().any())
        return self.filled[column]

    @cached_property
    def any_negative(self) -> bool:
        """Whether any amount is below zero (rows are checked method by method only then)."""
        return bool((self.amount < 0).any())

    def per_key(self, attr: str, fill=None) -> list:
        """An activity-catalogue attribute per key."""
        return [getattr(self.activities[a], attr) if a >= 0 else fill for a in self.key_act]


@dataclass
class _Context:
    lib: Library
    options: Options
    regions: tuple[str, ...]
    grid_regions: tuple[str, ...]
    grid_datasets: tuple[str, ...]
    df: pd.DataFrame | None = None
    problems: list[Problem] = field(default_factory=list)

    def defaults(self, method: Method, param: Param) -> Callable[[Activity, str], tuple | None]:
        """A look-up of the library's factor for ``param`` by (activity, qualifier): (value in the method's unit,
        uncertainty %, factor id, quantity it is per), or None. Looked up once per library: a look-up costs more
        than a small calculation, and the library does not change once loaded. Within one parameter, year, regions
        and dataset preferences, the activity's code and the qualifier decide the answer."""
        options = self.options
        regions, datasets = (self.grid_regions, self.grid_datasets) if param.grid else (self.regions, None)
        memo = _library_memo(self.lib).setdefault(
            (method.id, param, options.year, regions, datasets or (options.datasets, options.activity_datasets)), {})

        def lookup(activity: Activity, qualifier: str) -> tuple | None:
            key = (activity.code, qualifier)
            if key not in memo:
                f = self.lib.resolve(_subject(param, activity), param.name, param.gas, qualifier, options.year, regions,
                                     datasets or options.datasets_for(activity.code),
                                     qualified_within_dataset=param.qualifier not in ("", "sector"))
                if f is None:
                    memo[key] = None
                else:
                    unit, per = _param_unit(method, param, f.unit)
                    memo[key] = (f.value_in(unit), f.uncertainty_pct, f.id, per)
            return memo[key]

        return lookup

    def problem(self, mask: np.ndarray, column: str, message: str | tuple[str, str], idx: np.ndarray | None = None) -> None:
        """Record a problem for every row in ``mask`` (positions within ``idx`` when given); ``message`` is English
        or an (English, Chinese) pair."""
        if not mask.any():
            return
        en, zh = (message, "") if isinstance(message, str) else message
        positions = np.flatnonzero(mask)
        if idx is not None:
            positions = idx[positions]
        ids = self.df["row_id"].to_numpy()
        sheets = self.df["_sheet"].to_numpy() if "_sheet" in self.df else None
        for i in positions[:500]:
            self.problems.append(Problem(str(ids[i]), column, en, None if sheets is None else str(sheets[i]), zh))


_MEMO: dict[tuple[int, str], dict] = {}


# units.csv's dimensions in Chinese, for the message of a unit of the wrong quantity (walk of 2026-11-29, walker4: the
# Chinese message said "（volume or energy）")
DIMENSIONS_ZH = {"mass": "质量", "volume": "体积", "energy": "能量", "count": "数量", "area": "面积", "time": "时间",
                 "length": "长度", "fraction": "比例", "freight": "货物周转量", "population": "人口"}


def _gwp_gaps(ctx, gas_t: dict, lib: Library, options) -> None:
    """Raise one problem per line that emits a gas the chosen GWP set has no value for (the inventory-wide message
    alone left a workbook's author searching which rows; walk of 2026-11-29, walker4)."""
    from parkcarbon.engine.result import GAS_GROUPS

    for gas, tonnes in gas_t.items():
        if gas in GAS_GROUPS and gas not in lib.gwp[options.gwp] and tonnes is not None and np.any(tonnes):
            ctx.problem(np.asarray(tonnes) != 0, "activity", bilingual(
                f"this line emits {gas}, for which GWP set {options.gwp} has no value: choose another GWP set "
                "(e.g. AR5) in the inventory's basic information, or leave the line out",
                f"该行排放 {gas}，GWP版本 {options.gwp} 没有其数值：请在清单基本信息中选择其他GWP版本（如 AR5），或删去该行"))
    if ctx.problems:
        raise InputError(ctx.problems)


def _library_memo(lib: Library) -> dict:
    """Factor look-ups of one library. Keyed by the object and its version (a digest of its data files), so a
    library loaded again, or another object in the same place, never sees another's values."""
    key = (id(lib), lib.version)
    if key not in _MEMO:
        if len(_MEMO) > 8:  # libraries are few (one per data directory); forget the oldest
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[key] = {}
    return _MEMO[key]


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
    # reporting: the grid chain as well, since the factor prescribed for reporting years before 2021 was the regional
    # grid's (cn_grid_reporting rows of a grid region); from 2021 the dataset has national rows only (CH-390)
    grids = tuple(r for r in chain if lib.regions[r]["level"] != "province")
    grid_regions = {"reporting": grids, "national": ("CN",), "provincial": chain, "regional": grids}[options.grid_basis]
    grid_datasets = ("cn_grid_reporting",) if options.grid_basis == "reporting" else ("cn_grid_average",)
    return _Context(lib, options, chain, grid_regions, grid_datasets)


def normalise_rows(rows: pd.DataFrame | list[dict]) -> pd.DataFrame:
    """Accept a DataFrame or a list of dicts; add the optional identity columns."""
    if not isinstance(rows, pd.DataFrame):
        df = pd.DataFrame(rows)
    elif rows.index.equals(pd.RangeIndex(len(rows))):
        df = rows
    else:
        df = rows.reset_index(drop=True)
    missing = [c for c in ("activity", "amount", "unit") if c not in df]
    if missing:
        raise InputError([Problem("-", c, "column is missing", message_zh="缺少该列") for c in missing])
    defaults = {"row_id": lambda: np.arange(1, len(df) + 1).astype(str), "enterprise": lambda: "", "month": lambda: 0}
    added = {c: make() for c, make in defaults.items() if c not in df}
    return df.assign(**added) if added else df


def _blank(series: pd.Series) -> np.ndarray:
    missing = series.isna().to_numpy()
    if series.dtype.kind in "biufc" or missing.all():  # all missing: an optional column nobody filled
        return missing
    # Only text can be blank: the text cells' distinct values are stripped once (an upload's month column holds
    # numbers; a text column repeats a few values)
    cells = series.to_numpy(dtype=object)
    kind, kinds = pd.factorize(np.fromiter(map(type, cells), dtype=object, count=len(cells)))
    text = np.array([issubclass(k, str) for k in kinds], dtype=bool)[kind]
    if not text.any():
        return missing
    codes, uniques = pd.factorize(cells[text])
    blank = missing.copy()
    blank[text] = np.array([not v.strip() for v in uniques], dtype=bool)[codes]
    return blank


_DISTINCT_HINT = 256  # distinct values expected in a text column (activities, units, enterprises)


def _factorize(series: pd.Series) -> tuple[np.ndarray, list]:
    """(codes, values) of a text column, -1 for missing; a categorical column's own codes are used as they are."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(), series.cat.categories.tolist()
    # on the values (for str columns the object array itself): faster than through the pandas array type. A text
    # column repeats a few values: a small starting hash table (it grows when needed) saves allocating one per row
    codes, values = pd.factorize(series.to_numpy(), use_na_sentinel=True, size_hint=_DISTINCT_HINT)
    return codes, values.tolist()


def _encode(ctx: _Context, df: pd.DataFrame) -> _Rows:
    lib = ctx.lib
    act, act_names = _factorize(df["activity"])
    activities = [lib.activities.get(str(code)) for code in act_names]
    unknown = None
    if None in activities or (act < 0).any():
        unknown = np.array([a is None for a in activities] + [True])[act]
        ctx.problem(unknown, "activity", bilingual("unknown activity (choose one from the list of the section)",
                                                  "未知的活动（请从本部门的列表中选择）"))
        act = np.where(unknown, -1, act)

    amount_raw = df["amount"]
    amount = amount_raw.to_numpy(dtype=float) if amount_raw.dtype.kind in "iuf" else \
        pd.to_numeric(amount_raw, errors="coerce").to_numpy(dtype=float)
    if not np.isfinite(amount).all():
        ctx.problem(~np.isfinite(amount) if unknown is None else ~unknown & ~np.isfinite(amount), "amount",
                    bilingual("a number is required", "应填写数字"))
    month_raw = df["month"]
    if month_raw.dtype.kind in "iu":  # the usual case: whole numbers, nothing blank
        month = month_raw.to_numpy()
        bad_month = (month < 0) | (month > 12) if len(month) and (month.min() < 0 or month.max() > 12) else None
    else:
        month = np.where(_blank(month_raw), 0, pd.to_numeric(month_raw, errors="coerce").to_numpy(dtype=float))
        month = np.nan_to_num(month, nan=-1)  # text that is not a month
        bad_month = (month < 0) | (month > 12) | (month != np.round(month))
    if bad_month is not None:
        ctx.problem(bad_month, "month", bilingual("month must be 0 (whole year) or 1-12", "月份应为 0（全年）或 1-12"))

    sector = None  # the activity's default sector unless the input names one
    if "sector" in df:
        default_sector = np.array([SECTORS.index(a.sector) if a else 0 for a in activities] + [0], dtype=np.int16)[act]
        codes, names = _factorize(df["sector"])
        lookup = np.array([SECTORS.index(s) if s in SECTORS else (-2 if str(s).strip() else -1) for s in names] + [-1])
        given = lookup[codes]
        ctx.problem(given == -2, "sector", bilingual(f"sector must be one of {', '.join(SECTORS)}",
                                                     f"部门应为以下之一：{', '.join(SECTORS)}"))
        sector = np.where(given >= 0, given, default_sector).astype(np.int16)
    unit, unit_names = _factorize(df["unit"])
    rows = _Rows(df, act, activities, amount, month.astype(int, copy=False), sector, unit, [str(u) for u in unit_names],
                 None)
    _key_rows(rows)
    rows.ad_key = np.array(rows.per_key("ad_uncertainty_pct", 0.0), dtype=float)
    if rows.has_values("ad_uncertainty_pct"):  # else every line takes its activity's default, per key
        given_unc = pd.to_numeric(df["ad_uncertainty_pct"], errors="coerce").to_numpy(dtype=float)
        if not np.isnan(given_unc).all():
            rows.ad_unc = np.where(np.isnan(given_unc), rows.ad_key[rows.key], given_unc)
    return rows


def _key_rows(r: _Rows) -> None:
    """Give every row the index of its (activity, unit, sector) triple; code 0 stands for unknown / blank."""
    n_units = len(r.unit_names) + 1
    n_sectors = len(SECTORS) if r.sector is not None else 1
    raw = r.act.astype(np.int64)  # computed in place: this runs over every row
    raw += 1
    raw *= n_units
    raw += r.unit
    raw += 1
    if r.sector is not None:
        raw *= n_sectors
        raw += r.sector
    distinct, r.key = _dense_groups(raw, (len(r.activities) + 1) * n_units * n_sectors)
    r.key_act = distinct // (n_units * n_sectors) - 1
    r.key_unit = [r.unit_names[u - 1] if u > 0 else "" for u in distinct // n_sectors % n_units]
    if r.sector is not None:
        r.key_sector = distinct % n_sectors
    else:
        r.key_sector = np.array([SECTORS.index(r.activities[a].sector) if a >= 0 else 0 for a in r.key_act], dtype=int)


class _Clock:
    """Seconds per named stage; every lap is charged to a stage, so the stages add up to the total."""

    def __init__(self) -> None:
        self.stages = {"encode": 0.0, "convert": 0.0, "resolve": 0.0, "compute": 0.0, "check": 0.0, "result": 0.0}
        self.start = self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] += now - self.last
        self.last = now

    def done(self) -> dict[str, float]:
        return {**self.stages, "total": time.perf_counter() - self.start}


def calculate(rows: pd.DataFrame | list[dict], options: Options, library: Library | None = None) -> Result:
    """Compute every row; raise InputError listing every problem, never a partial result."""
    lib = library or load_library()
    clock = _Clock()
    ctx = _context(options, lib)
    ctx.df = df = normalise_rows(rows)
    r = _encode(ctx, df)
    n = len(df)
    method_names = r.per_key("method", "")
    method_ids = list(dict.fromkeys(m for m in method_names if m))  # in order of first appearance
    method_of_key = np.array([method_ids.index(m) if m else -1 for m in method_names], dtype=np.int16)
    method_of_row = method_of_key[r.key]
    # the rows of each method, in order: one comparison per method costs far less than sorting the rows
    rows_of = {m: np.flatnonzero(method_of_row == code) for code, m in enumerate(method_ids)}
    out = _Outputs(n, len(r.key_act))
    clock.lap("encode")
    for code, method_id in enumerate(method_ids):
        _run_method(ctx, METHODS[method_id], r, rows_of[method_id], np.flatnonzero(method_of_key == code), out, clock)
    _check_green_power(ctx, r, rows_of)
    if ctx.problems:
        raise InputError(ctx.problems)
    clock.lap("check")

    columns = {
        "row_id": df["row_id"], "enterprise": df["enterprise"], "month": _own(df, "month", r.month),
        "activity": df["activity"],
        "section": _text_column(r.per_key("section"), r.key), "category": _text_column(r.per_key("category"), r.key),
        "scope": np.array(r.per_key("scope", 0), dtype=int)[r.key],
        "sector": _text_column([SECTORS[s] for s in r.key_sector], r.key), "method": _text_column(method_names, r.key),
        "amount": _own(df, "amount", r.amount), "unit": df["unit"],
    }
    named = equipment_column(df) if r.has_values(equipment.COLUMN) else None
    if named is not None:  # the combustion equipment the lines name (it chose their oxidation rate where the
        columns[equipment.COLUMN] = named  # guideline has per-equipment values)
    factor_ids = out.factor_columns(r.key)
    biogenic_key = np.array(r.per_key("biogenic", False), dtype=bool)
    biogenic = biogenic_key[r.key] if biogenic_key.any() else None
    market = tuple(np.concatenate(part) for part in zip(*out.market, strict=True)) if out.market else None
    gas_t = out.gas_columns(r)
    try:
        result = Result.build(columns, gas_t, out.uncertainty_columns(r.key), market, biogenic, factor_ids, lib,
                              options)
    except InputError:  # a gas the GWP set has no value for: name the lines that emit it (sheet, row, activity)
        _gwp_gaps(ctx, gas_t, lib, options)
        raise
    clock.lap("result")
    result.timings = clock.done()  # seconds per stage, for benchmarks
    return result


def _own(df: pd.DataFrame, name: str, values: np.ndarray):
    """``values`` for the lines table, or the input's column when they are a read-only view of it: pandas then
    copies on the first write to either, and the caller's data never changes."""
    return df[name] if not values.flags.writeable else values


def _text_column(per_key: list[str], key: np.ndarray) -> pd.Categorical:
    """A text column from a per-key table, as a categorical with sorted categories (it groups and sorts like text)."""
    values = sorted(set(per_key))
    codes = np.array([values.index(v) for v in per_key], dtype=_code_dtype(len(values)))
    return pd.Categorical.from_codes(codes[key], dtype=_text_dtype(tuple(values)), validate=False)


def _code_dtype(n_values: int) -> type:
    """The integer type pandas keeps categorical codes in (so that it does not convert them again)."""
    return np.int8 if n_values < 127 else np.int16 if n_values < 32767 else np.int32


@lru_cache(maxsize=1024)
def _text_dtype(values: tuple[str, ...]) -> pd.CategoricalDtype:
    """One dtype per set of values: building categories costs more than a small calculation."""
    return pd.CategoricalDtype(pd.Index(values, dtype="str" if all(isinstance(v, str) for v in values) else object))


@dataclass
class _Outputs:
    n: int
    n_keys: int
    tonnes: dict[str, np.ndarray] = field(default_factory=dict)  # per row: methods computed row by row (0 elsewhere)
    per_unit: dict[str, np.ndarray] = field(default_factory=dict)  # per key: tonnes per unit of amount as given, of
    # the methods computed per key (0 on other keys)
    gases: dict[str, None] = field(default_factory=dict)  # every gas and memo, in order of first appearance
    uncertainty: dict[str, tuple[np.ndarray, list]] = field(default_factory=dict)  # per key, and per-row patches
    factor_codes: dict[str, tuple[np.ndarray, dict[str, int], list]] = field(default_factory=dict)
    market: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)  # (rows, market-based CO2) if it differs

    def column(self, store: dict, name: str, size: int) -> np.ndarray:
        self.gases.setdefault(name)
        return store.setdefault(name, np.zeros(size))

    def gas_columns(self, r: _Rows) -> dict[str, np.ndarray]:
        """Tonnes per line of every gas and memo: amount x its key's figure on the lines of methods computed per
        key, plus the lines of methods computed row by row."""
        columns = {}
        for gas in self.gases:
            lines = self.tonnes.get(gas)
            if gas in self.per_unit:
                from_keys = self.per_unit[gas][r.key]
                from_keys *= r.amount  # 0 on the lines of other methods' keys
                if lines is not None:
                    from_keys += lines
                elif r.any_negative:
                    from_keys += 0.0  # a negative amount times 0 is -0.0: written as 0
                lines = from_keys
            columns[gas] = lines
        return columns

    def record_factors(self, param: str, res: _Resolved, idx: np.ndarray, keys: np.ndarray) -> None:
        """Keep the factor id used per key (or per row where measured values may differ) as a code into one list
        of ids per parameter."""
        table, names, rows = self.factor_codes.setdefault(param, (np.full(self.n_keys, -1, dtype=np.int64), {}, []))
        remap = np.array([names.setdefault(i, len(names)) for i in res.ids] + [-1], dtype=np.int32)
        if res.by_key:
            table[keys] = remap[res.codes[keys]]
        else:
            rows.append((idx, remap[res.codes]))

    def uncertainty_columns(self, key: np.ndarray) -> dict[str, np.ndarray]:
        columns = {}
        for gas, (table, patches) in self.uncertainty.items():
            columns[gas] = table[key]
            for idx, values in patches:
                columns[gas][idx] = values
        return columns

    def factor_columns(self, key: np.ndarray) -> dict[str, pd.Categorical]:
        columns = {}
        for name, (table, names, rows) in self.factor_codes.items():
            codes = table.astype(_code_dtype(len(names)))[key]
            for idx, row_codes in rows:
                codes[idx] = row_codes
            columns[name] = pd.Categorical.from_codes(codes, dtype=_text_dtype(tuple(names)), validate=False)
        return columns


@dataclass
class _Resolved:
    """A parameter for a method's rows: ``values``, ``unc2`` (squared uncertainty in %, 0 where there is no value)
    and ``codes`` (index into ``ids``, -1 for none), tables over every key when ``by_key``, else per row."""

    values: np.ndarray
    unc2: np.ndarray
    codes: np.ndarray
    ids: list[str]
    by_key: bool


def _dense_groups(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(distinct keys, index of each row's key) for non-negative integer keys below ``size``: in O(n) without
    sorting when ``size`` is small, by sorting when it is not (thousands of distinct texts)."""
    if size > 4 * len(keys) + 65536:
        distinct, inverse = np.unique(keys, return_inverse=True)
        return distinct, inverse.reshape(-1)
    present = np.zeros(size, dtype=bool)
    present[keys] = True
    distinct = np.flatnonzero(present)
    position = np.full(size, -1, dtype=np.intp)  # index arrays of the platform's size gather fastest
    position[distinct] = np.arange(len(distinct))
    return distinct, position[keys]


def _run_method(ctx: _Context, method: Method, r: _Rows, idx: np.ndarray, keys: np.ndarray, out: _Outputs,
                clock: _Clock) -> None:
    scale, dims = _convert_amounts(ctx, method, r, keys)
    kin = r.key[idx]
    if not method.allow_negative and r.any_negative:
        ctx.problem(r.amount[idx] * scale[kin] < 0, "amount", bilingual("must not be negative", "不能为负数"), idx)
    clock.lap("convert")
    resolved = {}
    for param in method.params:
        if _not_counted(ctx.options, method, param):  # zero, and no factor id recorded for it
            resolved[param.name] = _Resolved(np.zeros(len(r.key_act)), np.zeros(len(r.key_act)), np.array([]), [], True)
            continue
        resolved[param.name] = res = _resolve_param(ctx, method, param, r, idx, kin, keys, dims)
        out.record_factors(param.name, res, idx, keys)
    clock.lap("resolve")
    if ctx.problems:
        return
    dim_names = tuple(sorted(set(dims)))
    dim_codes = np.array([dim_names.index(d) for d in dims], dtype=np.int8)

    def dimension(at: np.ndarray) -> pd.Categorical:
        return pd.Categorical.from_codes(dim_codes[at], dtype=_text_dtype(dim_names), validate=False)

    once_per_key = method.linear and not method.row_fields and all(res.by_key for res in resolved.values())
    if once_per_key:
        # every figure is proportional to the amount: computed once per key for one unit of the amount as given
        # (``scale`` of the method's unit); the lines take amount x their key's figure, all gases and methods at once
        # (Outputs.gas_columns), instead of one gather per parameter and one pass per operation over these rows
        one_unit = MethodInput(scale[keys], dimension(keys), {name: res.values[keys] for name, res in resolved.items()},
                               None, ctx.options.year)
        results = {gas: GasOutput(_spread(g.tonnes, keys, len(r.key_act)), g.params)
                   for gas, g in method.compute(one_unit).items()}
    else:
        fields = [f for f in method.row_fields if f in r.df]  # copy only the columns the method reads
        extra = r.df[fields].iloc[idx] if method.row_fields else None
        params = {name: res.values[kin] if res.by_key else res.values for name, res in resolved.items()}
        results = method.compute(MethodInput(r.amount[idx] * scale[kin], dimension(kin), params, extra,
                                             ctx.options.year))
    for gas, g in results.items():
        if gas == "market:CO2":
            out.market.append((idx, r.amount[idx] * g.tonnes[kin] if once_per_key else g.tonnes))
            continue
        if once_per_key:
            out.column(out.per_unit, gas, len(r.key_act))[keys] = g.tonnes[keys]
        else:
            out.column(out.tonnes, gas, out.n)[idx] = g.tonnes
        per_key, per_row = _uncertainty(r, idx, kin, [resolved[p] for p in g.params])
        table, patches = out.uncertainty.setdefault(gas, (np.zeros(len(r.key_act)), []))
        if per_row is None:
            table[keys] = per_key[keys]
        else:
            patches.append((idx, per_row))
    clock.lap("compute")


def _spread(values: np.ndarray, keys: np.ndarray, n_keys: int) -> np.ndarray:
    """A table over every key holding ``values`` at ``keys`` (0 elsewhere)."""
    table = np.zeros(n_keys)
    table[keys] = values
    return table


def _uncertainty(r: _Rows, idx: np.ndarray, kin: np.ndarray, params: list[_Resolved]):
    """IPCC 2006 Vol.1 Ch.3 Eq 3.1 for one gas of a line: activity data and the parameters the gas depends on.
    (per key, None), or (None, per row) where a measured value or the input's own activity-data uncertainty makes
    lines of a key differ."""
    per_key = sum(p.unc2 for p in params if p.by_key)  # 0 when none
    per_row = [p.unc2 for p in params if not p.by_key]
    if r.ad_unc is None and not per_row:
        return np.sqrt(r.ad_key ** 2 + per_key), None
    ad = r.ad_unc[idx] if r.ad_unc is not None else r.ad_key[kin]
    unc2 = sum(per_row, ad ** 2)
    if isinstance(per_key, np.ndarray):
        unc2 = unc2 + per_key[kin]
    return None, np.sqrt(unc2)


def _not_counted(options: Options, method: Method, param: Param) -> bool:
    """A CH4/N2O factor of fuel combustion when the methodology counts CO2 only from combustion."""
    return not options.combustion_non_co2 and method.id == "fuel_combustion" and param.gas in ("CH4", "N2O")


def _convert_amounts(ctx: _Context, method: Method, r: _Rows, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per key: the scale to the method's unit for the amount's quantity, and that quantity ("" if the unit is
    unknown or does not fit the activity: a problem for its rows)."""
    scale = np.full(len(r.key_act), np.nan)
    dims = [""] * len(r.key_act)
    for k in keys:
        activity, unit = r.activities[r.key_act[k]], r.key_unit[k]
        try:
            dim = units.dimension_of(unit)
        except units.UnitError:
            ctx.problem(r.key == k, "unit", bilingual(f"unknown unit {unit!r}", f"未知单位 {unit!r}") if unit
                        else bilingual("a unit is required", "应填写单位"))
            continue
        if dim not in method.units or dim not in activity.dimensions:
            allowed = [d for d in activity.dimensions if d in method.units]
            allowed_zh = "或".join(DIMENSIONS_ZH.get(d, d) for d in allowed)
            ctx.problem(r.key == k, "unit", bilingual(
                f"{unit} is not a unit of {' or '.join(allowed)} for {activity.name_en}",
                f"{unit} 不是{activity.name_zh}可用的单位（应为{allowed_zh}单位）"))
            continue
        scale[k], dims[k] = units.factor(unit, method.units[dim]), dim
    return scale, np.array(dims)


def _param_unit(method: Method, param: Param, given_unit: str) -> tuple[str, str]:
    """(unit to convert to, quantity it is per) for a value written in ``given_unit``."""
    if "{amount}" not in param.unit:
        return param.unit, ""
    per_dim = next((d for d, p in units.parse(given_unit).dimension if p == -1), "")
    if per_dim not in method.units:
        raise units.UnitError(f"{given_unit} is not per unit of {' or '.join(method.units)}")
    return param.unit.format(amount=method.units[per_dim]), per_dim


def _subject(param: Param, activity) -> str:
    if param.subject.startswith("="):
        return param.subject[1:]
    return getattr(activity, "code" if param.subject == "activity" else param.subject)


def _qualifier(param: Param, activity, sector: str) -> str:
    """The factor qualifier of a key: the row's sector (``qualifier="sector"``), the activity's own code
    (``qualifier="activity"``: a value one activity of a shared subject has, e.g. the 2019 Refinement's EF1 for
    synthetic fertiliser, before the subject's value) or none."""
    if param.qualifier == "sector":
        return sector
    return activity.code if param.qualifier == "activity" else ""


def _qualifier_codes(ctx: _Context, column: str, values: pd.Series, idx: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """(code per row, qualifier values) of a qualifying column; the equipment column's labels (工业锅炉, Industrial
    boiler) become their codes, and an unknown value is a problem of its rows."""
    qual, names = pd.factorize(values.fillna("").astype(str).to_numpy(dtype=object))
    names = [str(n) for n in names]
    if column == equipment.COLUMN:
        codes = [equipment.canonical(n) for n in names]
        unknown = np.array([c is None for c in codes] + [False])[qual]
        ctx.problem(unknown, column, bilingual(
            f"unknown combustion equipment: use {equipment.allowed_text(False)}, or leave it empty",
            f"未知的燃烧设备：请填写{equipment.allowed_text(True)}，或留空"), idx)
        names = [c or "" for c in codes]
    return qual, names


def equipment_column(df: pd.DataFrame):
    """The equipment codes of the lines (labels as their codes, "" where none or unknown), or None when no line
    names its equipment: a result's lines carry the column only then (and nothing changes for other inputs)."""
    if equipment.COLUMN not in df or not df[equipment.COLUMN].notna().any():
        return None
    codes, names = pd.factorize(df[equipment.COLUMN].to_numpy(dtype=object))
    canonical = [equipment.canonical(n) or "" for n in names]
    if not any(canonical):
        return None
    values = sorted(set(canonical) | {""})
    position = np.array([values.index(c) for c in canonical] + [values.index("")], dtype=np.int8)
    return pd.Categorical.from_codes(position[codes], dtype=_text_dtype(tuple(values)), validate=False)


def _resolve_param(ctx: _Context, method: Method, param: Param, r: _Rows, idx: np.ndarray, kin: np.ndarray,
                   keys: np.ndarray, dims: np.ndarray) -> _Resolved:
    """The library default per key (and qualifier), then measured overrides per row. A value that does not apply
    to a row is NaN, with no uncertainty and no id."""
    n_keys = len(r.key_act)
    if param.qualifier and param.qualifier not in QUALIFIER_KEYWORDS and r.has_values(param.qualifier):  # a column
        # (an empty column, as every upload carries, costs and gives what no column does: one group per key)
        qual, names = _qualifier_codes(ctx, param.qualifier, r.df[param.qualifier].iloc[idx], idx)
        groups, inverse = _dense_groups(kin.astype(np.int64) * len(names) + qual, n_keys * len(names))
        group_key = groups // len(names)
        todo = [(g, group_key[g], names[q % len(names)]) for g, q in enumerate(groups)]
    else:  # one group per key (tables for every key, filled for this method's): rows index them by key
        inverse, group_key = kin, np.arange(n_keys)
        todo = [(k, k, _qualifier(param, r.activities[r.key_act[k]], SECTORS[r.key_sector[k]])) for k in keys]
    values, uncert = np.full(len(group_key), np.nan), np.full(len(group_key), np.nan)
    fid, per = np.full(len(group_key), -1), np.full(len(group_key), "", dtype=object)
    ids: dict[str, int] = {}
    lookup = ctx.defaults(method, param)
    found = [(g, f) for g, k, qualifier in todo if (f := lookup(r.activities[r.key_act[k]], qualifier)) is not None]
    if found:  # filled in one assignment per table
        at = np.array([g for g, _ in found])
        values[at], uncert[at], factor_ids, per[at] = zip(*(f for _, f in found), strict=True)
        fid[at] = [ids.setdefault(i, len(ids)) for i in factor_ids]
    group_dims = dims[group_key]
    if param.overridable and r.has_values(param.name):  # tier 2: every row may bring its own value
        columns = [c for c in (param.name, f"{param.name}_unit", f"{param.name}_uncertainty_pct") if c in r.df]
        v, u, fid_rows, v_per = _apply_measured(ctx, method, param, r.df[columns].iloc[idx], idx, values[inverse],
                                                uncert[inverse], fid[inverse], per[inverse], len(ids))
        v, u2, fid_rows, mismatch, missing = _applicable(param, v, u, fid_rows, v_per, group_dims[inverse])
        res = _Resolved(v, u2, fid_rows, [*ids, "measured"], False)
    else:  # defaults only: decide per group, then one gather per row
        v, u2, fid_g, mismatch_g, missing_g = _applicable(param, values, uncert, fid, per, group_dims)
        by_key = inverse is kin
        res = _Resolved(v if by_key else v[inverse], u2 if by_key else u2[inverse], fid_g if by_key else fid_g[inverse],
                        [*ids, "measured"], by_key)
        mine = keys if by_key else slice(None)  # the tables cover every key; this method's rows use ``keys``
        mismatch = mismatch_g[inverse] if mismatch_g[mine].any() else mismatch_g[:0]  # spread only a problem
        missing = missing_g[inverse] if missing_g[mine].any() else missing_g[:0]
    if mismatch.any():
        ctx.problem(mismatch, "unit", bilingual(
            f"the {param.label_en or param.name} of this activity is per unit of another quantity: give the amount "
            "in a unit of the default's quantity",
            f"该活动的{param.label_zh or param.name}按另一种计量（质量/体积）给出：请用与缺省值相同计量的单位填写数量"), idx)
    if missing.any():
        ctx.problem(missing, param.name, bilingual(
            f"no default {param.label_en or param.name} for this activity in {ctx.options.year} / "
            f"{ctx.options.region}: enter a measured value with its unit",
            f"{ctx.options.year}年 {ctx.options.region} 没有该活动的{param.label_zh or param.name}缺省值：请填写实测值及单位"),
            idx)
    return res


def _applicable(param: Param, v, u, fid, v_per, dims):
    """Keep a value only where the parameter applies (``needed_for``) and is per the amount's quantity. Returns
    (value, squared uncertainty, id code, per-quantity mismatch, required but missing), all decided element by
    element, so a line's result never depends on the other lines of the call."""
    needed = np.ones(len(v), dtype=bool)
    if param.needed_for:  # a few quantities: comparisons cost less than np.isin on small tables
        needed = np.logical_or.reduce([dims == d for d in param.needed_for])
    mismatch = np.zeros(len(v), dtype=bool)
    if "{amount}" in param.unit:
        mismatch = needed & ~np.isnan(v) & (v_per != dims)
        v = np.where(needed & (v_per == dims), v, np.nan)
    missing = needed & np.isnan(v) if param.required else np.zeros(len(v), dtype=bool)
    has = ~np.isnan(v)
    fid = np.where(needed & has, fid, -1)
    u2 = np.where(has & ~np.isnan(u), u * u, 0.0)  # no value, no uncertainty (NCV of a fuel given as heat)
    return v, u2, fid, mismatch, missing


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
        if param.upper is not None:
            outside = sel & ((measured * scale < 0) | (measured * scale > param.upper))
            ctx.problem(outside, param.name, bilingual(f"{param.name} is a share: it must lie between 0 and {param.upper:g} "
                                                       f"(0-{param.upper * 100:g} %)",
                                                       f"{param.label_zh or param.name}为比例，应在0至{param.upper:g}之间"
                                                       f"（0-{param.upper * 100:g}%）"), idx)
        if param.lower is not None:  # steam at 0.5 kJ/kg made purchased steam a negative emission (walker4)
            ctx.problem(sel & (measured * scale < param.lower), param.name, bilingual(
                f"{param.label_en or param.name} must be at least {param.lower:g} {param.unit}",
                f"{param.label_zh or param.name}应不小于 {param.lower:g} {param.unit}"), idx)
        v = np.where(sel, measured * scale, v)
        v_per = np.where(sel, per_dim, v_per)
        fid = np.where(sel, measured_code, fid)
        u = np.where(sel, np.nan_to_num(measured_unc, nan=MEASURED_UNCERTAINTY_PCT), u)
    return v, u, fid, v_per


def _check_green_power(ctx: _Context, r: _Rows, rows_of: dict[str, np.ndarray]) -> None:
    """Green electricity claimed beyond the electricity purchased would make market-based emissions negative
    (per enterprise: the one rule where lines of a call meet)."""
    green = rows_of.get("green_electricity", np.zeros(0, dtype=int))
    if not len(green):
        return
    rows = np.concatenate([green, rows_of.get("grid_electricity", np.zeros(0, dtype=int))])
    sign = np.where(np.arange(len(rows)) < len(green), 1.0, -1.0)
    to_mwh = np.array([_mwh(u) for u in r.key_unit])
    enterprise = r.df["enterprise"]
    if isinstance(enterprise.dtype, pd.CategoricalDtype):
        ent = enterprise.cat.codes.to_numpy()[rows] + 1  # -1 (blank) is a group of its own
    else:
        ent, _ = pd.factorize(enterprise.to_numpy()[rows], use_na_sentinel=False, size_hint=_DISTINCT_HINT)
    balance = np.bincount(ent, weights=sign * r.amount[rows] * to_mwh[r.key[rows]])
    excess = np.zeros(len(r.key), dtype=bool)
    excess[green] = (balance > 1e-9)[ent[:len(green)]]
    ctx.problem(excess, "amount",
                bilingual("green electricity exceeds the electricity purchased from the grid", "绿色电力超过了外购电网电量"))


@lru_cache(maxsize=1024)
def _mwh(unit: str) -> float:
    try:
        return units.factor(unit, "MWh")
    except units.UnitError:
        return np.nan
