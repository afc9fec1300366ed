"""Measure an uploaded .xlsx before any reader allocates for it.

A reader sizes its cell grid from a sheet's declared ``<dimension>`` and from the farthest cell reference: one value
in XFD1048576 makes it allocate 16384 x 1048576 cells (512 GiB) and the process aborts. So every part of the zip is
inflated here by a bounded streaming decompressor (its real size, not the size the zip header claims, is counted and
checked against the header and the CRC), and its XML is scanned as bytes: DTD and entity declarations, the declared
dimension, the farthest row and cell reference, the number of cells, sheets and shared strings. Only a workbook
within every bound reaches the reader.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from parkcarbon.engine.errors import InputError, Problem

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 1_000_000  # data rows of one sheet
MAX_COLUMNS = 256  # the template's widest sheet has ~60 columns
MAX_CELLS = 10_000_000  # rows x columns of the used ranges of all sheets together (~320 MB in the reader)
MAX_SHEETS = 16  # the template has six
MAX_PARTS = 500
MAX_SHARED_STRINGS = 2_000_000
MAX_TAG_BYTES = 64 * 1024  # one XML start tag
CHUNK = 1 << 20

_P = rb"<(?:[A-Za-z_][\w.-]*:)?"  # an element start, with an optional namespace prefix
CELL_TAG = re.compile(_P + rb"c[\s>/]")
CELL_REF = re.compile(_P + rb'c\s[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
LONG_ROW_REF = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{6,7}"')  # Excel's own form, a row of six or seven digits
DIMENSION = re.compile(_P + rb'dimension\s[^>]*?\bref="([A-Z]{0,3})([0-9]{0,7})(?::([A-Z]{0,3})([0-9]{0,7}))?"')
SHEET_DATA = re.compile(_P + rb"sheetData[\s>/]")
SHARED_STRING = re.compile(_P + rb"si[\s>/]")
DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: a password-protected workbook or an old .xls

NOT_XLSX = ("this is not an Excel .xlsx file (download the standard template)", "这不是Excel .xlsx文件（请下载标准模板）")
DAMAGED = ("the workbook is damaged; save it again from the standard template", "工作簿已损坏；请用标准模板重新保存")
ENCRYPTED = ("the workbook is password-protected (encrypted) or an old .xls file: remove the password and save it as "
             ".xlsx", "工作簿设有密码（已加密）或为旧版 .xls 文件：请取消密码并另存为 .xlsx")
UNSAFE = ("the workbook contains unsafe XML (a DTD or entity declaration); save it again from the standard template",
          "工作簿包含不安全的XML（DTD或实体声明）；请用标准模板重新保存")
EXPANDS = ("the workbook expands to an unreasonable size; it was not opened", "该工作簿解压后体积异常，未打开")


def refuse(en: str, zh: str, sheet: str | None = None) -> InputError:
    return InputError([Problem("-", "file", en, sheet, zh)])


def column_number(letters: bytes | str) -> int:
    n = 0
    for ch in letters.encode() if isinstance(letters, str) else letters:
        n = n * 26 + ch - 64
    return n


@dataclass
class Extent:
    """What one XML part holds: cells and rows seen, the farthest of each, the declared dimension."""

    cells: int = 0
    cells_with_ref: int = 0
    max_row: int = 0
    max_col: int = 0
    declared_row: int = 0
    declared_col: int = 0
    sheets: int = 0
    shared_strings: int = 0

    def scan(self, part: bytes) -> None:
        if b"<!" in part and DTD.search(part):
            raise refuse(*UNSAFE)
        if b"<" not in part:
            return
        prefixed = b":c" in part or b":dimension" in part or b":sheetData" in part or b":si" in part
        cells = sum(part.count(t) for t in (b"<c ", b"<c>", b"<c/")) if not prefixed else len(CELL_TAG.findall(part))
        plain = not prefixed and part.count(b'<c r="') == cells
        self.cells += cells
        if plain:  # Excel's own form (r first): bytes.count and a few anchored searches, ~10x faster than a parse
            self.cells_with_ref += cells
            # the farthest column has the most letters, the farthest row the most digits; among references as
            # long, the farthest sorts last: the bytes are compared, never converted one by one
            for n in (3, 2, 1):
                letters = re.findall(rb'<c r="([A-Z]{%d})[0-9]' % n, part)
                if letters:
                    self.max_col = max(self.max_col, column_number(max(letters)))
                    break
            six_or_more = LONG_ROW_REF.search(part) is not None  # one pass instead of two where rows stay below 100000
            for digits in range(7 if six_or_more else 5, 0, -1):
                found = re.findall(rb'<c r="[A-Z]{1,3}([0-9]{%d})"' % digits, part)
                if found:
                    self.max_row = max(self.max_row, int(max(found)))
                    break
            self.sheets += part.count(b"<sheetData")
            self.shared_strings += part.count(b"<si>") + part.count(b"<si ")
        else:
            refs = CELL_REF.findall(part)
            self.cells_with_ref += len(refs)
            self._max_col([{c for c, _ in refs}] if refs else [])
            self.max_row = max(self.max_row, max((int(r) for _, r in refs), default=0))
            self.sheets += len(SHEET_DATA.findall(part))
            self.shared_strings += len(SHARED_STRING.findall(part))
        if not self.declared_row and b"dimension" in part and (dim := DIMENSION.search(part)):
            first_col, first_row, last_col, last_row = dim.groups()
            self.declared_col = column_number(last_col or first_col or b"")
            self.declared_row = int(last_row or first_row or 0)

    def _max_col(self, letter_sets: list[set]) -> None:
        for letters in letter_sets:
            self.max_col = max(self.max_col, max(column_number(c) for c in letters))



def _inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> Iterator[bytes]:
    """The part's bytes, inflated here with a bound: never more than the header's size or ``budget``, and the
    whole stream must match the header's size and CRC (a reader trusting the header would inflate all of it)."""
    if info.flag_bits & 0x1:
        raise refuse(*ENCRYPTED)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise refuse(*DAMAGED)
    raw_info = copy.copy(info)
    raw_info.compress_type, raw_info.file_size, raw_info.CRC = zipfile.ZIP_STORED, info.compress_size, None
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    limit = min(info.file_size, budget)
    total, crc = 0, 0
    with zf.open(raw_info) as raw:
        while data := raw.read(CHUNK):
            while data:
                if inflater is None:
                    out, data = data, b""
                else:
                    out = inflater.decompress(data, CHUNK)
                    data = inflater.unconsumed_tail
                    if inflater.eof and (data or inflater.unused_data):
                        raise refuse(*DAMAGED)
                total += len(out)
                if total > limit:
                    raise refuse(*(EXPANDS if total > budget else DAMAGED))
                crc = zlib.crc32(out, crc)
                yield out
    if (inflater is not None and not inflater.eof) or total != info.file_size or crc != info.CRC:
        raise refuse(*DAMAGED)


def _scan_part(chunks: Iterator[bytes], extent: Extent) -> None:
    """Scan an XML part chunk by chunk; each scanned piece ends before a '<', so no start tag is ever cut."""
    tail = b""
    for chunk in chunks:
        window = tail + chunk
        cut = window.rfind(b"<")
        if cut <= 0:
            tail = window
        else:
            extent.scan(window[:cut])
            tail = window[cut:]
        if len(tail) > MAX_TAG_BYTES:
            if DTD.search(tail):
                raise refuse(*UNSAFE)
            raise refuse(*DAMAGED)
    extent.scan(tail)


def check_size(size: int, max_bytes: int = MAX_FILE_BYTES) -> None:
    """Refuse a file by its size alone (before it is read into memory)."""
    if size > max_bytes:
        mb = max_bytes // (1024 * 1024)
        raise refuse(f"the file is larger than {mb} MB", f"文件超过 {mb} MB")


def measure(data: bytes, max_bytes: int = MAX_FILE_BYTES, max_uncompressed: int = MAX_UNCOMPRESSED_BYTES,
            max_cells: int = MAX_CELLS) -> dict[str, Extent]:
    """Refuse (InputError, one clear problem) a file that is not an .xlsx or exceeds a bound; return each XML part's
    extent. Nothing here allocates more than a chunk per part."""
    check_size(len(data), max_bytes)
    if data.startswith(CFB_MAGIC):
        raise refuse(*ENCRYPTED)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise refuse(*NOT_XLSX) from exc
    with zf:
        infos = zf.infolist()
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
            raise refuse(*NOT_XLSX)
        if len(infos) > MAX_PARTS:
            raise refuse(f"the workbook has more than {MAX_PARTS} parts; save it again from the standard template",
                         f"工作簿的组成部分超过 {MAX_PARTS} 个；请用标准模板重新保存")
        if sum(i.file_size for i in infos) > max_uncompressed:
            raise refuse(*EXPANDS)
        extents: dict[str, Extent] = {}
        budget = max_uncompressed
        for info in infos:
            try:
                chunks = _inflate(zf, info, budget)
                if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    extent = extents[info.filename] = Extent()
                    _scan_part(chunks, extent)
                else:
                    for chunk in chunks:
                        budget -= len(chunk)
                    continue
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, OSError, zlib.error) as exc:
                raise refuse(*DAMAGED) from exc
            budget -= info.file_size
        _check_bounds(zf, extents, max_cells)
    return extents


def _check_bounds(zf: zipfile.ZipFile, extents: dict[str, Extent], max_cells: int) -> None:
    sheets = sum(e.sheets for e in extents.values())
    if sheets > MAX_SHEETS:
        raise refuse(f"the workbook has {sheets} sheets; the standard template has six",
                     f"工作簿有 {sheets} 个工作表；标准模板只有六个")
    strings = sum(e.shared_strings for e in extents.values())
    if strings > MAX_SHARED_STRINGS:
        raise refuse(f"the workbook holds more than {MAX_SHARED_STRINGS:,} texts", f"工作簿中的文本超过 {MAX_SHARED_STRINGS:,} 条")
    names = _sheet_names(zf)
    total = 0
    for part, e in extents.items():
        sheet = names.get(part, part)
        if e.cells != e.cells_with_ref:
            raise refuse("the sheet has cells without a reference (not written by Excel); save it again "
                         "from Excel or the standard template", "工作表中有缺少位置引用的单元格（非Excel生成）；"
                         "请用Excel或标准模板重新保存", sheet)
        for row, col, how_en, how_zh in ((e.declared_row, e.declared_col, "declares its used range", "声明的使用范围"),
                                         (e.max_row, e.max_col, "has a cell", "有单元格")):
            if row > MAX_ROWS + 2 or col > MAX_COLUMNS:
                ref = f"{_letters(col)}{row}"
                raise refuse(f"the sheet {how_en} reaching {ref}; the template takes at most {MAX_ROWS:,} rows and "
                             f"{MAX_COLUMNS} columns: delete the rows and columns beyond your data and save again",
                             f"工作表{how_zh}延伸至 {ref}；模板最多 {MAX_ROWS:,} 行、{MAX_COLUMNS} 列：请删除数据以外的行和列后重新保存",
                             sheet)
        total += max(e.max_row, e.declared_row) * max(e.max_col, e.declared_col)
    if total > max_cells:
        raise refuse(f"the sheets span {total:,} cells (rows x columns); at most {max_cells:,} are read: split the "
                     "data into several files", f"工作表共跨越 {total:,} 个单元格（行×列）；最多读取 {max_cells:,} 个：请将数据拆分为多个文件")


def _letters(col: int) -> str:
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out or "A"


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Part name -> sheet name, from the (already scanned, small) workbook part and its relationships."""
    try:
        book = zf.read("xl/workbook.xml") if zf.getinfo("xl/workbook.xml").file_size < CHUNK else b""
        rels = zf.read("xl/_rels/workbook.xml.rels") if zf.getinfo("xl/_rels/workbook.xml.rels").file_size < CHUNK else b""
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError):
        return {}
    targets = {m[0]: m[1] for m in re.findall(rb'Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)}
    targets.update({m[1]: m[0] for m in re.findall(rb'Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
    out = {}
    for name, rid in re.findall(rb'<(?:\w+:)?sheet\s[^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"', book):
        target = targets.get(rid, b"").decode("utf-8", "replace").lstrip("/")
        part = target if target.startswith("xl/") else f"xl/{target}"
        out[part] = name.decode("utf-8", "replace").replace("&amp;", "&")
    return out
