"""A corpus of hostile .xlsx files, most built from the standard template so that every other part is valid.

Each entry: (name, bytes, text the refusal must contain). NEVER open one of these with calamine in the test
process: a file that slipped past the guard would make it allocate hundreds of GiB and abort the whole run (the CLI
tests run them in a subprocess with a memory limit).
"""

import io
import re
import struct
import zipfile

from tests.workbooks import SECTION_SHEETS, filled_template

ROW = [{"activity": "diesel", "amount": 1, "unit": "t"}]
ENERGY_PART = "xl/worksheets/sheet3.xml"  # the template's energy sheet (instructions, lists, energy, ...)


def rezip(data: bytes, replace: dict | None = None, add: dict | None = None) -> bytes:
    """``data`` with parts replaced (name -> bytes or function of the old bytes) and parts added."""
    replace, add = replace or {}, add or {}
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename in replace:
                new = replace[item.filename]
                body = new(body) if callable(new) else new
            dst.writestr(item.filename, body)
        for name, body in add.items():
            dst.writestr(name, body)
    return out.getvalue()


def _energy(edit) -> bytes:
    return rezip(filled_template(ROW), {ENERGY_PART: edit})


def _add_cell(xml: bytes, cell: bytes) -> bytes:
    return xml.replace(b"</sheetData>", b'<row r="1048576">' + cell + b"</row></sheetData>")


def far_cell() -> bytes:
    def edit(wb):
        wb[SECTION_SHEETS["energy"]]["XFD1048576"] = 1
    return filled_template(ROW, mutate=edit)


def far_cell_lying_dimension() -> bytes:
    def edit(xml):
        xml = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:Z4"', xml)
        return _add_cell(xml, b'<c r="XFD1048576" t="n"><v>1</v></c>')
    return _energy(edit)


def lying_dimension() -> bytes:
    return _energy(lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml))


def _last_column() -> str:
    """The letter of the Energy sheet's last template column (a far row is reported with the sheet's width)."""
    from openpyxl.utils import get_column_letter

    from parkcarbon.engine.template import section_columns

    return max("Z", get_column_letter(len(section_columns("energy"))), key=lambda c: (len(c), c))


def far_row_within_columns() -> bytes:
    return _energy(lambda xml: _add_cell(xml, b'<c r="Z1048576" t="n"><v>1</v></c>'))


def cells_without_reference() -> bytes:
    return _energy(lambda xml: _add_cell(xml, b'<c t="n"><v>1</v></c>' * 20_000))


def prefixed_far_cell() -> bytes:
    def edit(xml):
        xml = xml.replace(b"<worksheet ", b'<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ', 1)
        return xml.replace(b"</sheetData>", b'<x:row r="5"><x:c r="XFD5"><x:v>1</x:v></x:c></x:row></sheetData>')
    return _energy(edit)


def too_many_cells() -> bytes:
    """Within rows and columns, but 4 sheets x 1,000,000 rows x 53 columns in total."""
    def edit(xml):
        return _add_cell(xml, b'<c r="BA1000000" t="n"><v>1</v></c>').replace(b'r="1048576"', b'r="1000000"')
    data = filled_template(ROW)
    return rezip(data, {f"xl/worksheets/sheet{n}.xml": edit for n in (4, 5, 6)})


def bomb_behind_valid_parts() -> bytes:
    return rezip(filled_template(ROW), add={"xl/media/image1.png": b"\0" * 210_000_000})


def bomb_with_lying_size() -> bytes:
    """The zip header says a part is 100 bytes; its deflate stream inflates to 210 MB. A reader that trusts the
    header would inflate all of it."""
    data = bomb_behind_valid_parts()
    name = b"xl/media/image1.png"
    patched = bytearray(data)
    for sig, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):  # central directory and local header sizes
        start = 0
        while (pos := patched.find(sig, start)) >= 0:
            name_at = pos + (46 if sig == b"PK\x01\x02" else 30)
            if patched[name_at:name_at + len(name)] == name:
                patched[pos + offset:pos + offset + 4] = struct.pack("<I", 100)
            start = pos + 4
    return bytes(patched)


def huge_shared_strings() -> bytes:
    strings = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3000000" ' \
              b'uniqueCount="3000000">' + b"<si><t>a</t></si>" * 3_000_000 + b"</sst>"
    data = filled_template(ROW)
    return rezip(data, add={"xl/sharedStrings.xml": strings})


def many_sheets() -> bytes:
    def edit(wb):
        for i in range(40):
            wb.create_sheet(f"S{i}")
    return filled_template(ROW, mutate=edit)


def billion_laughs() -> bytes:
    laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    return rezip(filled_template(ROW), add={"xl/sharedStrings.xml": laughs + b"<sst><si><t>&lol2;</t></si></sst>"})


def external_entity() -> bytes:
    return _energy(lambda xml: xml.replace(b"<worksheet ", b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet ', 1))


def encrypted_office_file() -> bytes:
    """What Excel writes for a password-protected workbook: an OLE compound file, not a zip."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096


def zip_encrypted_part() -> bytes:
    data = bytearray(filled_template(ROW))
    for sig, offset in ((b"PK\x01\x02", 8), (b"PK\x03\x04", 6)):  # set the "encrypted" flag bit
        start = 0
        while (pos := data.find(sig, start)) >= 0:
            data[pos + offset] |= 0x1
            start = pos + 4
    return bytes(data)


def not_a_zip() -> bytes:
    return b"%PDF-1.7\n" + b"x" * 1000


def zip_without_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("hello.txt", "hi")
    return out.getvalue()


def truncated() -> bytes:
    data = filled_template(ROW)
    return data[: len(data) // 2]


def damaged_stream() -> bytes:
    data = bytearray(filled_template(ROW))
    start = data.find(ENERGY_PART.encode())
    data[start + 200:start + 260] = b"\xff" * 60
    return bytes(data)


CORPUS = {
    "far_cell": (far_cell, "XFD1048576"),
    "far_cell_lying_dimension": (far_cell_lying_dimension, "XFD1048576"),
    "lying_dimension": (lying_dimension, "declares its used range"),
    "far_row_within_columns": (far_row_within_columns, f"{_last_column()}1048576"),  # the template's widest column
    "cells_without_reference": (cells_without_reference, "without a reference"),
    "prefixed_far_cell": (prefixed_far_cell, "XFD5"),
    "too_many_cells": (too_many_cells, "cells (rows x columns)"),
    "bomb_behind_valid_parts": (bomb_behind_valid_parts, "unreasonable size"),
    "bomb_with_lying_size": (bomb_with_lying_size, "damaged"),
    "huge_shared_strings": (huge_shared_strings, "texts"),
    "many_sheets": (many_sheets, "sheets"),
    "billion_laughs": (billion_laughs, "unsafe XML"),
    "external_entity": (external_entity, "unsafe XML"),
    "encrypted_office_file": (encrypted_office_file, "password"),
    "zip_encrypted_part": (zip_encrypted_part, "password"),
    "not_a_zip": (not_a_zip, "not an Excel"),
    "zip_without_workbook": (zip_without_workbook, "not an Excel"),
    "truncated": (truncated, "not an Excel"),
    "damaged_stream": (damaged_stream, "damaged"),
}

_cache: dict[str, bytes] = {}


def hostile(name: str) -> bytes:
    if name not in _cache:
        _cache[name] = CORPUS[name][0]()
    return _cache[name]


