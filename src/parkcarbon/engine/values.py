"""Values of activity rows checked once, the same way for every entry path (form, upload, CLI, API).

``check_values`` gives the problems of values that no calculation should ever see: numbers that are not finite or
outside documented bounds (an amount of 1e308 overflows to inf, an uncertainty of -50 % is meaningless), text with
control characters (PostgreSQL refuses NUL) or longer than the field that stores it. ``compute_checked`` runs the
check and the calculation together, so the user gets every problem of the input in one round.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from parkcarbon.engine import equipment
from parkcarbon.engine.errors import InputError, Problem
from parkcarbon.engine.library import Library, load_library
from parkcarbon.engine.methods import METHODS

MAX_AMOUNT = 1e12  # in the unit given: 10^12 t is ~25x the world's annual CO2; anything larger is a typing error
MAX_PARAM = 1e9  # a measured parameter (GJ/t, tC/GJ, fraction ...) in its unit
MAX_PROBLEMS = 200  # problems shown at once; the rest are counted
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")  # tab, LF and CR are allowed in notes only
CONTROL_LINE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True)
class Field:
    """A checked input field: bilingual label, bounds, and (for method fields) an example value for templates."""

    label_zh: str
    label_en: str
    low: float | None = None
    high: float | None = None
    integer: bool = False
    max_length: int = 0  # text fields
    required: bool = False  # method fields: required by the methods that read them
    example: float | str | None = None
    choices: dict[str, tuple[str, str]] | None = None  # a text field of a few codes (code -> Chinese, English label)


FIELDS = {
    "amount": Field("活动数据", "Amount", None, MAX_AMOUNT),  # the sign is the method's (removals may be negative)
    "month": Field("月份", "Month", 0, 12, integer=True),
    "ad_uncertainty_pct": Field("活动数据不确定性（%）", "AD uncertainty (%)", 0, 1000),
    "activity": Field("活动", "Activity", max_length=60),
    "unit": Field("单位", "Unit", max_length=20),
    "sector": Field("部门", "Sector", max_length=20),
    "enterprise": Field("企业", "Enterprise", max_length=200),
    "note": Field("备注", "Note", max_length=500),
    # fields read by particular methods (engine/methods row_fields); the unit of the amount applies to masses
    "deposit_year": Field("填埋年份", "Year deposited", 1900, 2100, integer=True, required=True, example=2015),
    "days": Field("种植天数", "Cultivation period (days)", 1, 366, integer=True, required=True, example=120),
    "recovered": Field("回收量（与数量同单位）", "Recovered (unit of the amount)", 0, MAX_AMOUNT, required=True,
                       example=0),
    "hfc23_destroyed": Field("HFC-23销毁量（与数量同单位）", "HFC-23 destroyed (unit of the amount)", 0, MAX_AMOUNT,
                             example=0),
    "destroyed": Field("捕集销毁量（与数量同单位）", "Captured and destroyed (unit of the amount)", 0, MAX_AMOUNT,
                       example=0),
    "inventory_start": Field("期初库存（与数量同单位）", "Stock at start (unit of the amount)", 0, MAX_AMOUNT, example=0),
    "inventory_end": Field("期末库存（与数量同单位）", "Stock at end (unit of the amount)", 0, MAX_AMOUNT, example=0),
    "disposed": Field("处置量（与数量同单位）", "Disposed of (unit of the amount)", 0, MAX_AMOUNT, example=0),
    "nameplate_new": Field("新装设备铭牌容量（与数量同单位）", "Nameplate capacity of new equipment (unit of the amount)", 0,
                           MAX_AMOUNT, example=0),
    "nameplate_retired": Field("退役设备铭牌容量（与数量同单位）", "Nameplate capacity of retired equipment (unit of the amount)",
                               0, MAX_AMOUNT, example=0),
    "refrigerant": Field("制冷剂ASHRAE编号（如 410 = R-410A）", "Refrigerant ASHRAE number (e.g. 410 = R-410A)", 1, 9999,
                         integer=True, required=True, example=410),
    "evidence": Field("证明文件（合同、供应商披露或证书编号）", "Evidence (contract, supplier disclosure or certificate)",
                      max_length=500, required=True, example="PPA-2023-001"),  # text: a supplier factor needs it
    # optional: selects the guideline's per-equipment default (coal oxidation rate, engine/equipment.py)
    equipment.COLUMN: Field("燃烧设备（窑炉/工业锅炉/其他燃烧设备）", "Combustion equipment (kiln / industrial boiler / other)",
                            max_length=40, choices=equipment.EQUIPMENT, example="industrial_boiler"),
}
IDENTITY_FIELDS = ("row_id", "unit")  # in methods' row_fields only so that methods can name rows and convert


def method_fields() -> dict[str, Field]:
    """Fields the methods read besides amount and unit (``Method.input_fields``: row fields and qualifying columns
    such as the combustion equipment); each must be described above."""
    names = dict.fromkeys(f for m in METHODS.values() for f in m.input_fields if f not in IDENTITY_FIELDS)
    missing = [n for n in names if n not in FIELDS]
    if missing:
        raise RuntimeError(f"method fields without bounds in engine/values.py: {', '.join(missing)}")
    return {n: FIELDS[n] for n in names}


def measured_params() -> dict[str, object]:
    """Every parameter a user may give measured (name -> Param), across methods."""
    out: dict[str, object] = {}
    for method in METHODS.values():
        for p in method.params:
            if p.overridable:
                out.setdefault(p.name, p)
    return out


def _problems(df: pd.DataFrame, mask: np.ndarray, column: str, en: str, zh: str, out: list[Problem]) -> None:
    ids = df["row_id"].astype(str).to_numpy()
    sheets = df["_sheet"].to_numpy() if "_sheet" in df else None
    for i in np.flatnonzero(mask)[: MAX_PROBLEMS * 5]:
        out.append(Problem(ids[i], column, en, None if sheets is None else str(sheets[i]), zh))


def _strings(raw: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(cells as objects, which of them are text), without a Python call per cell through pandas."""
    cells = raw.to_numpy(dtype=object)
    if pd.isna(cells).all():  # an optional column nobody filled (most of them): no cell to look at
        return cells, np.zeros(len(cells), dtype=bool)
    return cells, np.fromiter(map(type, cells), dtype=object, count=len(cells)) == str  # noqa: E721 - elementwise, exact str


def _blank(raw: pd.Series) -> np.ndarray:
    blank = raw.isna().to_numpy().copy()
    if raw.dtype.kind in "biufcM" or blank.all():
        return blank
    cells, is_str = _strings(raw)
    if is_str.any():  # each distinct text stripped once
        codes, uniques = pd.factorize(cells[is_str])
        blank[is_str] = np.array([not v.strip() for v in uniques], dtype=bool)[codes]
    return blank


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if x == int(x) else f"{x:g}"


def _number(df: pd.DataFrame, column: str, low: float | None, high: float, integer: bool, out: list[Problem]) -> None:
    """A finite number within [low, high] (|value| <= high when ``low`` is None); blank is left to the method."""
    raw = df[column]
    given = ~_blank(raw)
    if not given.any():  # every problem below is of a given cell
        return
    if raw.dtype.kind == "b":
        boolean = given
    else:
        boolean = np.zeros(len(raw), dtype=bool)
    values = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float)
    if raw.dtype.kind == "O":  # True would pass as 1: only cells equal to 0 or 1 can be booleans
        maybe = np.flatnonzero((values == 0) | (values == 1))
        cells = raw.to_numpy(dtype=object)
        boolean[maybe] = [isinstance(cells[i], bool | np.bool_) for i in maybe]
    not_number = given & (np.isnan(values) | boolean)
    _problems(df, not_number, column, "a number is required", "应填写数字", out)
    ok = given & ~not_number
    with np.errstate(invalid="ignore"):
        if low is None:
            outside = ok & ~(np.abs(values) <= high)
            en, zh = f"must be a number not larger than {_fmt(high)}", f"应为不超过 {_fmt(high)} 的数"
        else:
            outside = ok & ~((values >= low) & (values <= high))
            en, zh = f"must be a number from {_fmt(low)} to {_fmt(high)}", f"应为 {_fmt(low)} 至 {_fmt(high)} 之间的数"
    _problems(df, outside, column, en, zh, out)
    if integer:
        _problems(df, ok & ~outside & (values != np.round(values)), column, "a whole number is required",
                  "应填写整数", out)


def _text(df: pd.DataFrame, column: str, max_length: int, out: list[Problem], lines: bool = False) -> None:
    """Text without control characters (tab and line breaks only in notes), at most ``max_length`` characters."""
    raw = df[column]
    if raw.dtype.kind in "biufcmM":
        return
    cells, is_str = _strings(raw)
    positions = np.flatnonzero(is_str)
    if not len(positions):
        return
    codes, uniques = pd.factorize(cells[positions])  # each distinct text checked once (columns repeat a lot)
    text = [v.strip() for v in uniques]  # as forms and uploads store it
    pattern = CONTROL if lines else CONTROL_LINE
    bad = np.zeros(len(df), dtype=bool)
    if pattern.search("\u2028".join(text)):  # one search over the column; text by text only when something is there
        bad[positions] = np.array([bool(pattern.search(v)) for v in text], dtype=bool)[codes]
    _problems(df, bad, column, "remove the control characters (invisible characters such as NUL)",
              "请删除控制字符（如 NUL 等不可见字符）", out)
    long = np.zeros(len(df), dtype=bool)
    long[positions] = (np.fromiter(map(len, text), dtype=np.int64, count=len(text)) > max_length)[codes]
    _problems(df, long & ~bad, column, f"at most {max_length:,} characters", f"最多 {max_length:,} 个字符", out)


def check_values(rows: pd.DataFrame | list[dict], lib: Library | None = None) -> list[Problem]:
    """Problems of the values in ``rows`` (row, column, English and Chinese message; sheet when rows carry
    ``_sheet``). Vectorised per column; unknown columns are left to the calculation."""
    lib = lib or load_library()
    df = pd.DataFrame(rows) if not isinstance(rows, pd.DataFrame) else rows.reset_index(drop=True)
    if "row_id" not in df:
        df = df.assign(row_id=np.arange(1, len(df) + 1).astype(str))
    out: list[Problem] = []
    for name in ("amount", "month", "ad_uncertainty_pct", *method_fields()):
        if name in df:
            f = FIELDS[name]
            if f.max_length:  # a text field of a method (evidence)
                _text(df, name, f.max_length, out)
                if f.choices:
                    _choice(df, name, lib, out)
            else:
                _number(df, name, f.low, f.high, f.integer, out)
    for name in measured_params():
        if name in df:
            _number(df, name, 0, MAX_PARAM, False, out)
        if f"{name}_uncertainty_pct" in df:
            _number(df, f"{name}_uncertainty_pct", 0, 1000, False, out)
        if f"{name}_unit" in df:
            _text(df, f"{name}_unit", FIELDS["unit"].max_length, out)
    for name in ("activity", "unit", "sector", "enterprise", "note"):
        if name in df:
            _text(df, name, FIELDS[name].max_length, out, lines=name == "note")
    _required_fields(df, lib, out)
    return out


def _choice(df: pd.DataFrame, name: str, lib: Library, out: list[Problem]) -> None:
    """A field of a few codes (the combustion equipment): a code or its label in Chinese or English; another value,
    or a value on a line whose method does not read the field, is a problem of that cell."""
    raw = df[name]
    given = ~_blank(raw)
    if not given.any():
        return
    codes, names = pd.factorize(raw.to_numpy(dtype=object))
    unknown = np.array([equipment.canonical(v) is None for v in names] + [False])[codes] & given
    _problems(df, unknown, name, f"unknown combustion equipment: use {equipment.allowed_text(False)}, or leave it empty",
              f"未知的燃烧设备：请填写{equipment.allowed_text(True)}，或留空", out)
    if "activity" in df:
        readers = {m.id for m in METHODS.values() if name in m.input_fields}
        methods = df["activity"].map({code: act.method for code, act in lib.activities.items()})
        known = df["activity"].isin(list(lib.activities)).to_numpy()
        other = given & ~unknown & known & ~methods.isin(readers).to_numpy()
        _problems(df, other, name, "only a fuel combustion line names its combustion equipment: leave it empty",
                  "仅化石燃料燃烧的行可填写燃烧设备：请留空", out)


def _required_fields(df: pd.DataFrame, lib: Library, out: list[Problem]) -> None:
    """Method fields without a default (e.g. a landfill deposit's year) asked for with the row's other problems."""
    if "activity" not in df:
        return
    methods = df["activity"].map({code: act.method for code, act in lib.activities.items()})
    for name, f in method_fields().items():
        if not f.required:
            continue
        readers = [m.id for m in METHODS.values() if name in m.input_fields]
        needs = methods.isin(readers).to_numpy()
        if needs.any():
            blank = _blank(df[name]) if name in df else np.ones(len(df), dtype=bool)
            _problems(df, needs & blank, name, "required for this activity", "该活动必须填写", out)


def _cleared(df: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """``df`` with the cells that have a problem emptied, so the calculation can still check the rest of each row."""
    if not problems:
        return df
    where = {(p.sheet, p.row, p.column) for p in problems}
    ids = df["row_id"].astype(str).to_numpy()
    sheets = df["_sheet"].astype(str).to_numpy() if "_sheet" in df else np.full(len(df), None, dtype=object)
    df = df.copy()
    for column in {p.column for p in problems if p.column in df}:
        hit = np.array([(s, r, column) in where for s, r in zip(sheets, ids, strict=True)])
        df[column] = df[column].astype(object).where(~hit, None)
    return df


def compute_checked(rows: pd.DataFrame | list[dict], compute: Callable, prior: Iterable[Problem] = (),
                    lib: Library | None = None):
    """``compute(rows)`` after ``check_values``; raises InputError with ``prior`` problems (e.g. the workbook's
    structure), the value problems and the calculation's problems together, each place named once."""
    df = pd.DataFrame(rows) if not isinstance(rows, pd.DataFrame) else rows.reset_index(drop=True)
    if "row_id" not in df:
        df = df.assign(row_id=np.arange(1, len(df) + 1).astype(str))
    problems = list(prior)
    found = check_values(df, lib) if len(df) else []
    problems += found
    result = None
    if len(df) or not problems:
        try:
            result = compute(_cleared(df, found))
        except InputError as exc:
            problems += _with_sheets(exc.problems, df)
    if problems:
        raise InputError(_unique(problems))
    return result


def _with_sheets(problems: list[Problem], df: pd.DataFrame) -> list[Problem]:
    """A method names rows by row_id only; add the sheet when the row number is on one sheet."""
    unnamed = [p for p in problems if p.sheet is None and p.row != "-"]
    if "_sheet" not in df or not unnamed:
        return problems
    pairs = df[["row_id", "_sheet"]].astype(str).drop_duplicates()
    once = pairs[~pairs["row_id"].duplicated(keep=False)]
    sheet_of = dict(zip(once["row_id"], once["_sheet"], strict=True))
    for p in unnamed:
        p.sheet = sheet_of.get(p.row)
    return problems


def _unique(problems: list[Problem]) -> list[Problem]:
    """The first problem of each place (sheet, row, column): the value check's message wins over the engine's."""
    seen, out = set(), []
    for p in problems:
        key = (p.sheet, p.row, p.column) if p.row != "-" else (p.sheet, p.row, p.column, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def capped(problems: list[Problem], limit: int = MAX_PROBLEMS) -> list[Problem]:
    """The first ``limit`` problems and, when there are more, one line counting the rest."""
    if len(problems) <= limit:
        return list(problems)
    rest = len(problems) - limit
    return [*problems[:limit], Problem("-", "-", f"... and {rest:,} more problems: fix the ones above and upload again",
                                       message_zh=f"……另有 {rest:,} 个问题：请先修正以上问题后重新上传")]
