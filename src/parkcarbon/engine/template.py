"""The standard Excel template: one sheet per section, bilingual headers, dropdowns, an instructions sheet.

The same file is written by ``parkcarbon template`` (openpyxl), read by ``parkcarbon calc`` and uploaded in the web
app (read with calamine, a Rust reader about 15x faster than openpyxl on 100k rows). Row 1 holds bilingual column
titles for people; row 2 holds the field keys the reader relies on; data starts at row 3. An uploaded file is
hostile: its size, decompressed size and XML are checked before parsing (any DTD or entity declaration is
refused), and formulas are never evaluated (only their cached values are read).
"""

from __future__ import annotations

import io
import itertools
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineError, CalamineWorkbook

from parkcarbon.engine import equipment
from parkcarbon.engine.errors import InputError, Problem
from parkcarbon.engine.library import SECTORS, Library, load_library
from parkcarbon.engine.methods import METHODS
from parkcarbon.engine.values import FIELDS, IDENTITY_FIELDS, MAX_AMOUNT
from parkcarbon.engine.xlsx_guard import MAX_FILE_BYTES, MAX_ROWS, MAX_UNCOMPRESSED_BYTES, check_size, measure

SECTION_SHEETS = {
    "energy": "能源活动 Energy",
    "ippu": "工业过程 Industrial processes",
    "waste": "废弃物处理 Waste",
    "afolu": "农业与林业 AFOLU",
}
INSTRUCTIONS_SHEET = "填写说明 Instructions"
BASIC_SHEET = "基本信息 Basic information"  # optional: where the entity is; the import checks it against the inventory
LISTS_SHEET = "lists"
FIRST_DATA_ROW = 3
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int = 14


BASE_COLUMNS = (
    Column("enterprise", "企业 Enterprise", 18),
    Column("activity", "活动（排放源）Activity", 26),
    Column("amount", "活动数据 Amount", 14),
    Column("unit", "单位 Unit", 12),
    Column("month", "月份 Month (0 = 全年 whole year)", 12),
    Column("sector", "部门 Sector", 16),
    Column("ad_uncertainty_pct", "活动数据不确定性 AD uncertainty (%)", 14),
)
NOTE_COLUMN = Column("note", "备注/证据 Note / evidence", 30)
# columns added to the template later: a file made from an earlier template, without them, reads as if they were empty
OPTIONAL_COLUMNS = (equipment.COLUMN,)
BASIC_COLUMNS = (
    Column("division", "行政区划代码 Division code (GB/T 2260, 6 digits)", 22),
    Column("division_name", "行政区划名称 Division name (not imported)", 40),
)


def section_columns(section: str, lib: Library | None = None) -> tuple[Column, ...]:
    """Columns of a section sheet: the base columns, the extra fields and measured parameters its methods take."""
    lib = lib or load_library()
    methods = [METHODS[m] for m in dict.fromkeys(a.method for a in lib.activities.values() if a.section == section)]
    extra: dict[str, Column] = {c.key: c for c in BASE_COLUMNS}  # each key once: the reader indexes by key
    for method in methods:
        for name in method.input_fields:
            if name not in IDENTITY_FIELDS:
                f = FIELDS[name]
                extra.setdefault(name, Column(name, f"{f.label_zh} {f.label_en}", 14))
        for p in method.params:
            if p.overridable:
                zh, en = p.label_zh or p.name, p.label_en or p.name
                extra.setdefault(p.name, Column(p.name, f"实测{zh} Measured: {en}", 14))
                extra.setdefault(f"{p.name}_unit", Column(f"{p.name}_unit", f"{zh}的单位 Unit of {_lower_first(en)}", 12))
    return (*extra.values(), NOTE_COLUMN)


def _lower_first(text: str) -> str:
    """'Net calorific value' -> 'net calorific value'; 'CO2 emission factor', 'CaO content', 'EF1 direct N2O' stay
    (only a first word written as a plain capitalised word is lowered)."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first[1:].isalpha() and first[1:].islower() else text


def neutralise(value):
    """Make a text cell safe to open in a spreadsheet: text that starts like a formula is prefixed with '."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_template(target: str | Path | io.BytesIO, lib: Library | None = None, first_activities=(),
                   basic: dict[str, str] | None = None) -> None:
    """Write the template; ``first_activities`` (e.g. a guideline's source categories) lead the activity lists;
    ``basic`` fills the basic-information sheet (an inventory's division code and name)."""
    lib = lib or load_library()
    rank = {code: i for i, code in enumerate(dict.fromkeys(first_activities))}
    ordered = sorted(lib.activities.values(), key=lambda a: rank.get(a.code, len(rank)))
    wb = Workbook()
    _instructions(wb.active, ordered)
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    header_fill = PatternFill("solid", fgColor="1F5F4A")
    for col_no, (section, sheet_name) in enumerate(SECTION_SHEETS.items(), start=1):
        codes = [a.code for a in ordered if a.section == section]
        for i, code in enumerate(codes, start=1):
            lists.cell(i, col_no, code)
        ws = wb.create_sheet(sheet_name)
        columns = section_columns(section, lib)
        _header(ws, columns, header_fill)
        ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 1)
        keys = [c.key for c in columns]
        letter = {k: get_column_letter(keys.index(k) + 1) for k in keys}
        last = 5000
        if codes:
            _validation(ws, f"={LISTS_SHEET}!${get_column_letter(col_no)}$1:${get_column_letter(col_no)}${len(codes)}",
                        f"{letter['activity']}{FIRST_DATA_ROW}:{letter['activity']}{last}")
        _validation(ws, '"' + ",".join(SECTORS) + '"', f"{letter['sector']}{FIRST_DATA_ROW}:{letter['sector']}{last}")
        if equipment.COLUMN in letter:  # the codes and the Chinese labels (either is read)
            names = [*equipment.EQUIPMENT, *(zh for zh, _en in equipment.EQUIPMENT.values())]
            col = letter[equipment.COLUMN]
            _validation(ws, '"' + ",".join(names) + '"', f"{col}{FIRST_DATA_ROW}:{col}{last}")
        month = DataValidation(type="whole", operator="between", formula1="0", formula2="12", allow_blank=True,
                               error="0-12", errorTitle="月份 Month")
        month.add(f"{letter['month']}{FIRST_DATA_ROW}:{letter['month']}{last}")
        ws.add_data_validation(month)
        negative = any(METHODS[a.method].allow_negative for a in lib.activities.values() if a.section == section)
        for key, low, high, title in (("amount", -MAX_AMOUNT if negative else 0, MAX_AMOUNT, "数量 Amount"),
                                      ("ad_uncertainty_pct", 0, FIELDS["ad_uncertainty_pct"].high, "不确定性 Uncertainty (%)")):
            dv = DataValidation(type="decimal", operator="between", formula1=f"{low:.0f}", formula2=f"{high:.0f}",
                                allow_blank=True, error=f"{low:g} – {high:g}", errorTitle=title)
            dv.add(f"{letter[key]}{FIRST_DATA_ROW}:{letter[key]}{last}")
            ws.add_data_validation(dv)
    _basic_sheet(wb.create_sheet(BASIC_SHEET), basic or {}, header_fill)  # last: the section sheets keep their places
    wb.save(target)


def _header(ws, columns, fill) -> None:
    for c, col in enumerate(columns, start=1):
        title = ws.cell(1, c, col.title)
        title.font, title.fill = Font(bold=True, color="FFFFFF"), fill
        title.alignment = Alignment(wrap_text=True, vertical="center")
        key = ws.cell(2, c, col.key)
        key.font = Font(italic=True, color="888888", size=8)
        ws.column_dimensions[get_column_letter(c)].width = col.width
    ws.row_dimensions[1].height = 42


def _basic_sheet(ws, basic: dict[str, str], fill) -> None:
    _header(ws, BASIC_COLUMNS, fill)
    for c, col in enumerate(BASIC_COLUMNS, start=1):
        ws.cell(FIRST_DATA_ROW, c, basic.get(col.key, "")).number_format = "@"  # codes stay text: 320583, not 3.2e5


def read_basic(data: bytes) -> tuple[dict[str, str], list[Problem]]:
    """The basic-information sheet's values by key ({} when the file has no such sheet, as files made before it, or
    the sheet is empty),
    and its structural problems (changed key row). Codes typed as numbers come back as their digits."""
    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    if BASIC_SHEET not in wb.sheet_names:
        return {}, []
    values = wb.get_sheet_by_name(BASIC_SHEET).to_python(skip_empty_area=False)
    if not any(str(v).strip() for row in values for v in row):  # left empty: nothing to check
        return {}, []
    keys = [str(v).strip() for v in (values[1] if len(values) > 1 else [])]
    expected = [c.key for c in BASIC_COLUMNS]
    if keys[:len(expected)] != expected:
        return {}, [Problem("2", ", ".join(expected), "row 2 must hold the field keys " + ", ".join(expected),
                            BASIC_SHEET, "第2行应为字段键 " + "、".join(expected))]
    row = values[FIRST_DATA_ROW - 1] if len(values) >= FIRST_DATA_ROW else []
    found = {}
    for i, key in enumerate(expected):
        value = row[i] if i < len(row) else ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        found[key] = str(value).strip()
    return found, []


def _validation(ws, formula: str, cells: str) -> None:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                        error="请从列表中选择 Choose from the list")
    dv.add(cells)
    ws.add_data_validation(dv)


def _instructions(ws, activities) -> None:
    ws.title = INSTRUCTIONS_SHEET
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 44
    ws.column_dimensions["C"].width = 44
    ws.column_dimensions["D"].width = 22
    lines = [
        ("ParkCarbon 温室气体活动数据标准模板 / Standard GHG activity-data template",),
        ("每个排放部门一个工作表；第1行为标题，第2行为字段键（请勿修改），从第3行开始填写。",),
        ("One sheet per section; row 1 holds titles, row 2 the field keys (do not edit); enter data from row 3.",),
        ("活动数据为正数；月份填 0 表示全年；实测参数（如低位发热量）必须同时填写单位，否则使用缺省值。",),
        ("Amounts are non-negative; month 0 means the whole year; a measured parameter needs its unit, "
         "otherwise the cited default is used.",),
        ("数值范围：活动数据不超过 10^12（按所填单位），不确定性 0–1000 %，月份 0–12；文字中不得含控制字符。",),
        ("Bounds: amounts up to 10^12 in their unit, uncertainty 0–1000 %, month 0–12; no control characters in text.",),
        ("燃烧设备（可选，化石燃料燃烧的行）：窑炉 kiln、工业锅炉 industrial_boiler、其他燃烧设备 other_equipment；指南按设备给出"
         "缺省值时（如水泥、平板玻璃指南表2.3煤的碳氧化率）采用该设备的值，留空则采用指南的缺省值。",),
        ("Combustion equipment (optional, fuel combustion lines): kiln (窑炉), industrial_boiler (工业锅炉) or "
         "other_equipment (其他燃烧设备); where the guideline gives a default per equipment (e.g. coal's oxidation rate, "
         "Table 2.3 of the cement and flat glass guidelines) the line takes that equipment's value; empty: the "
         "guideline's default.",),
        ("“基本信息”工作表：第3行填写企业所在地的行政区划代码（GB/T 2260，6位，如 320583），须与清单基本信息同省。",),
        ("Sheet “Basic information”: row 3 holds the division code where the entity is (GB/T 2260, 6 digits, e.g. "
         "320583); it must be in the inventory's province.",),
        ("示例 Example (not imported):",),
        ("enterprise", "activity", "amount", "unit"),
        ("示例企业 Example Co.", "bituminous_coal", 1200, "t"),
        ("示例企业 Example Co.", "natural_gas", 35.5, "10^4 Nm3"),
        ("示例企业 Example Co.", "electricity_grid", 8600, "MWh"),
        (),
        ("活动代码 Activity code", "名称 Name (中文)", "Name (English)", "缺省单位 Default unit"),
    ]
    for row in lines:
        ws.append(list(row))
    ws["A1"].font = Font(bold=True, size=13)
    for act in activities:
        ws.append([act.code, act.name_zh, act.name_en, act.default_unit])


def check_upload(data: bytes, max_bytes: int = MAX_FILE_BYTES, max_uncompressed: int = MAX_UNCOMPRESSED_BYTES) -> None:
    """Refuse what is not an xlsx, is too large, would expand to an enormous size, declares XML entities, or whose
    sheets (declared or real extent, cells, shared strings, sheets) exceed the bounds, before any parser sees it
    (``engine.xlsx_guard``)."""
    measure(data, max_bytes, max_uncompressed)


def read_workbook(source: str | Path | bytes, lib: Library | None = None, problems: list[Problem] | None = None
                  ) -> pd.DataFrame:
    """Rows of every section sheet, with ``row_id`` (the Excel row number) and ``_sheet``. A file that cannot be
    read at all raises InputError. Structural problems (unknown or missing sheets, changed columns, an activity on
    another section's sheet) name sheet, row and column: they raise InputError, or, when a ``problems`` list is
    given, are appended to it and the readable rows are returned (so values can be checked in the same round)."""
    lib = lib or load_library()
    if not isinstance(source, bytes):
        check_size(Path(source).stat().st_size)  # a 10 GB file is refused before it is read into memory
    data = Path(source).read_bytes() if not isinstance(source, bytes) else source
    check_upload(data)
    found: list[Problem] = []
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows = _read(wb, lib, found)
    except (CalamineError, ValueError, KeyError, IndexError, TypeError, zipfile.BadZipFile) as exc:
        raise InputError([Problem("-", "file", "the workbook could not be read (damaged or not a standard "
                                  "template); save it again from the standard template",
                                  message_zh="无法读取该工作簿（已损坏或不是标准模板）；请用标准模板重新保存")]) from exc
    if problems is None and found:
        raise InputError(found)
    if problems is not None:
        problems += found
    return rows


def _read(wb: CalamineWorkbook, lib: Library, problems: list[Problem]) -> pd.DataFrame:
    known = {*SECTION_SHEETS.values(), INSTRUCTIONS_SHEET, LISTS_SHEET, BASIC_SHEET}
    for name in wb.sheet_names:
        if name not in known:
            problems.append(Problem("-", "-", f"unknown sheet; the template's sheets are: {', '.join(SECTION_SHEETS.values())}",
                                    name, f"未知的工作表；模板的工作表为：{'、'.join(SECTION_SHEETS.values())}"))
    frames = []
    for section, sheet in SECTION_SHEETS.items():
        if sheet not in wb.sheet_names:
            continue
        values = wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        frame = _read_sheet(values, sheet, [c.key for c in section_columns(section, lib)], problems)
        if frame is not None:
            _check_sections(frame, section, lib, problems)
            frames.append(frame)
    if not frames or not sum(len(f) for f in frames):
        if not problems:
            problems.append(Problem("-", "-", "the workbook contains no activity rows (enter data from row 3)",
                                    message_zh="工作簿中没有活动数据（请从第3行开始填写）"))
        return pd.DataFrame(columns=["activity", "amount", "unit", "row_id", "_sheet"])
    return pd.concat(frames, ignore_index=True)


def _check_sections(frame: pd.DataFrame, section: str, lib: Library, problems: list[Problem]) -> None:
    """An activity of another section on this sheet: name the sheet it belongs on."""
    codes, names = pd.factorize(frame["activity"].to_numpy(dtype=object))  # each distinct activity looked up once
    for i, code in enumerate(names):
        act = lib.activities.get(str(code))
        if act is not None and act.section != section:
            right = SECTION_SHEETS[act.section]
            for row in frame["row_id"].to_numpy()[codes == i]:
                problems.append(Problem(row, "activity", f"this activity belongs on the sheet {right!r}",
                                        frame["_sheet"].iat[0], f"该活动应填写在工作表“{right}”中"))


def _read_sheet(values: list[list], sheet: str, expected: list[str], problems: list[Problem]) -> pd.DataFrame | None:
    """``values`` are the sheet's cells from A1; row 2 holds the keys, data starts at row 3."""
    header = [str(v).strip() for v in (values[1] if len(values) > 1 else [])]
    while header and header[-1] == "":
        header.pop()
    missing = [k for k in expected if k not in header and k not in OPTIONAL_COLUMNS]
    extra = [k for k in header if k and k not in expected]
    twice = sorted({k for k in header if k and header.count(k) > 1})
    if missing or extra or twice:
        for keys, en, zh in ((missing, "column missing: use the standard template", "缺少列：请使用标准模板"),
                             (extra, "unexpected column: use the standard template", "多余的列：请使用标准模板"),
                             (twice, "column appears twice: use the standard template", "列重复：请使用标准模板")):
            if keys:
                problems.append(Problem("2", ", ".join(keys), en, sheet, zh))
        return None
    if len(values) - 2 > MAX_ROWS:
        problems.append(Problem(str(MAX_ROWS + FIRST_DATA_ROW), "-", f"more than {MAX_ROWS:,} rows in one sheet", sheet,
                                f"单个工作表超过 {MAX_ROWS:,} 行"))
        return None
    body = values[2:]
    keys = [h for h in header if h]
    if not body:
        return None
    columns = _columns(body, len(header))
    cells = {k: columns[i] for i, k in enumerate(header) if k}
    given = [c for c in cells.values() if c is not None]
    filled = np.logical_or.reduce([~pd.isna(c) for c in given]) if given else np.zeros(len(body), dtype=bool)
    if not filled.any():
        return None
    rows = int(filled.sum())
    frame = pd.DataFrame({k: np.full(rows, None, dtype=object) if c is None else c[filled] for k, c in cells.items()},
                         dtype=object)
    row_id = np.arange(FIRST_DATA_ROW, FIRST_DATA_ROW + len(body))[filled].astype(str)
    return frame.assign(row_id=pd.array(row_id, dtype="str"), _sheet=sheet)


def _columns(body: list[list], width: int) -> list[np.ndarray | None]:
    """The first ``width`` columns of calamine's rows as object arrays, transposed in C (``zip``), not cell by
    cell in Python; empty cells ("") become None, an empty column is None. Calamine pads every row to the sheet's
    used width."""
    if min(map(len, body)) < width:  # a sheet narrower than its key row: pad (not the usual case)
        body = [row + [""] * (width - len(row)) for row in body]
    out = []
    for column in itertools.islice(zip(*body, strict=False), width):
        if column.count("") == len(column):  # most optional columns are empty: no array of cells for them
            out.append(None)
            continue
        array = np.fromiter(column, dtype=object, count=len(column))
        array[array == ""] = None
        out.append(array)
    return out


def column_title(problem: Problem, lib: Library | None = None) -> str:
    """'C (单位 Unit)' for a problem's field key on a section sheet, for messages a park user understands."""
    section = next((s for s, name in SECTION_SHEETS.items() if name == problem.sheet), None)
    if section is None and problem.sheet != BASIC_SHEET:
        return problem.column
    columns = section_columns(section, lib) if section else BASIC_COLUMNS
    keys = [c.key for c in columns]
    if problem.column not in keys:
        return problem.column
    i = keys.index(problem.column)
    return f"{get_column_letter(i + 1)} ({columns[i].title})"
