"""The standard Excel template and the `parkcarbon calc` command."""

import io
import json
import subprocess
import sys
import zipfile

import pytest
from openpyxl import load_workbook

from parkcarbon.engine import InputError, Options, calculate
from parkcarbon.engine.template import SECTION_SHEETS, check_upload, neutralise, read_workbook, write_template
from tests.workbooks import filled_template

ENERGY = SECTION_SHEETS["energy"]


filled = filled_template


ROWS = [
    {"enterprise": "甲公司", "activity": "bituminous_coal", "amount": 1000, "unit": "t", "month": 1},
    {"enterprise": "甲公司", "activity": "natural_gas", "amount": 12, "unit": "万Nm3", "ncv": 390, "ncv_unit": "GJ/10^4 Nm3"},
    {"enterprise": "乙公司", "activity": "electricity_grid", "amount": 2500, "unit": "MWh"},
]


def test_template_has_bilingual_sheets_dropdowns_and_instructions():
    buf = io.BytesIO()
    write_template(buf)
    wb = load_workbook(io.BytesIO(buf.getvalue()))
    assert set(SECTION_SHEETS.values()) <= set(wb.sheetnames)
    ws = wb[ENERGY]
    assert ws["B1"].value.startswith("活动") and "Activity" in ws["B1"].value
    assert ws.data_validations.dataValidation, "dropdowns and validation are set"
    instructions = wb.worksheets[0]
    assert any(row[0] == "diesel" for row in instructions.iter_rows(values_only=True))


def test_filled_template_computes_like_the_same_rows():
    rows = read_workbook(filled(ROWS))
    assert list(rows["row_id"]) == ["3", "4", "5"] and set(rows["_sheet"]) == {ENERGY}
    options = Options(year=2023, region="CN-JS")
    via_file = calculate(rows, options)
    direct = calculate([{k: v for k, v in r.items()} for r in ROWS], options)
    assert via_file.total_co2e == pytest.approx(direct.total_co2e)
    assert via_file.lines["factor:ncv"][1] == "measured"


def test_problems_name_sheet_row_and_column():
    bad = filled([{"activity": "diesel", "amount": "很多", "unit": "t"}, {"activity": "diesel", "amount": 1, "unit": "m3"}])
    with pytest.raises(InputError) as exc:
        calculate(read_workbook(bad), Options(year=2023, region="CN-JS"))
    assert {(p.sheet, p.row, p.column) for p in exc.value.problems} == {(ENERGY, "3", "amount"), (ENERGY, "4", "unit")}


def test_wrong_sheet_and_changed_columns_are_refused():
    def rename(wb):
        wb.create_sheet("Sheet1")

    with pytest.raises(InputError, match="unknown sheet"):
        read_workbook(filled(ROWS, mutate=rename))

    def drop_column(wb):
        wb[ENERGY].delete_cols(3)

    with pytest.raises(InputError) as exc:
        read_workbook(filled(ROWS, mutate=drop_column))
    assert exc.value.problems[0].sheet == ENERGY and "amount" in exc.value.problems[0].column


def test_empty_workbook_is_refused():
    with pytest.raises(InputError, match="no activity rows"):
        read_workbook(filled([]))


def test_hostile_files_are_refused_before_parsing():
    with pytest.raises(InputError, match="not an Excel"):
        check_upload(b"%PDF-1.7 not a workbook")
    with pytest.raises(InputError, match="larger than"):
        check_upload(b"x" * 2048, max_bytes=1024)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "0" * 50_000_000)  # 50 MB of zeros compresses to ~50 kB
    assert len(bomb.getvalue()) < 200_000
    with pytest.raises(InputError, match="expands"):
        check_upload(bomb.getvalue(), max_uncompressed=10_000_000)


def test_xml_entities_are_not_expanded():
    def add_entity(wb):
        wb[ENERGY]["A3"] = "ENTITY_HERE"

    data = filled([{"activity": "diesel", "amount": 1, "unit": "t"}], mutate=add_entity)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if b"ENTITY_HERE" in body:  # the energy sheet (openpyxl writes inline strings)
                body = body.replace(b"<worksheet ", b'<!DOCTYPE worksheet [<!ENTITY x "AAAAAAAAAA">]><worksheet ', 1)
                body = body.replace(b"ENTITY_HERE", b"&x;")
            dst.writestr(item, body)
    with pytest.raises(InputError, match="unsafe XML"):  # refused before any parser sees it: never expanded
        read_workbook(out.getvalue())


def test_formula_injection_is_neutralised():
    assert neutralise("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert neutralise("+1") == "'+1" and neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("plain") == "plain" and neutralise(-3) == -3


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "parkcarbon", *args], capture_output=True, text=True, check=False)


def test_cli_json_lists_lines_totals_and_factor_ids(tmp_path):
    path = tmp_path / "rows.json"
    path.write_text(json.dumps(ROWS, ensure_ascii=False), "utf-8")
    done = run_cli("calc", str(path), "--year", "2023", "--region", "CN-JS", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["lines"][0]["factors"]["ncv"] == "CN-FUEL-004"
    assert data["total"]["co2e"] == pytest.approx(sum(line["co2e"] for line in data["lines"]))
    assert any(f["id"] == "CN-FUEL-004" and f["source"] == "NDRC-2015-OTHER" for f in data["factors"])


def test_cli_reads_the_template_and_reports_problems_by_sheet_row_column(tmp_path):
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(filled(ROWS))
    bad.write_bytes(filled([{"activity": "diesel", "amount": -1, "unit": "t"}]))
    ok = run_cli("calc", str(good), "--year", "2023", "--region", "CN-JS")
    assert ok.returncode == 0 and "Total CO2e" in ok.stdout
    out = tmp_path / "result.xlsx"
    assert run_cli("calc", str(good), "--year", "2023", "--region", "CN-JS", "--format", "xlsx", "--output", str(out)).returncode == 0
    assert load_workbook(out).sheetnames == ["lines", "by_section", "by_gas", "factors"]
    failed = run_cli("calc", str(bad), "--year", "2023", "--region", "CN-JS")
    assert failed.returncode == 2
    assert "sheet '能源活动 Energy', row 3, column C (活动数据 Amount): must not be negative" in failed.stderr
    assert run_cli("calc", str(good), "--year", "2023", "--region", "XX").returncode == 2


def test_damaged_workbook_is_a_clear_error():
    data = bytearray(filled(ROWS))
    start = data.find(b"xl/worksheets/sheet3.xml")  # corrupt the compressed bytes of a sheet
    data[start + 200:start + 260] = b"\xff" * 60
    with pytest.raises(InputError):
        read_workbook(bytes(data))


def test_the_reader_keeps_row_numbers_past_blank_rows_and_reads_cells_as_they_are():
    """Column by column (issue 20): a blank row is skipped but numbers the rows after it, an empty cell is None,
    a cell of spaces stays text (the value check calls it blank), numbers and text keep their types."""
    rows = read_workbook(filled([
        {"activity": "diesel", "amount": 1.5, "unit": "t", "month": 2},
        {},  # row 4: nothing in it
        {"activity": "natural_gas", "amount": 3, "unit": "10^4 Nm3", "note": "  ", "ad_uncertainty_pct": 5},
    ]))
    assert rows["row_id"].tolist() == ["3", "5"] and rows["activity"].tolist() == ["diesel", "natural_gas"]
    assert rows["amount"].tolist() == [1.5, 3] and rows["month"].tolist()[0] == 2 and rows["month"].iloc[1] is None
    assert rows["note"].tolist() == [None, "  "] and rows["sector"].isna().all()
    assert rows["ad_uncertainty_pct"].tolist() == [None, 5] and rows["amount"].dtype == object


def test_unit_column_titles_keep_the_case_of_chemical_formulas():
    """Walk of 2026-11-29 (walker4): the industrial-processes sheet titled a column "Unit of caO content". A first
    word that is a formula or an abbreviation (CaO, MgO, EF1, CO2) keeps its case; a plain word is lowered."""
    buf = io.BytesIO()
    write_template(buf)
    wb = load_workbook(io.BytesIO(buf.getvalue()))
    titles = {key: title for ws in wb.worksheets if ws.max_row >= 2
              for key, title in zip((c.value for c in ws[2]), (c.value for c in ws[1]), strict=False) if key}
    assert titles["cao_unit"] == "CaO含量的单位 Unit of CaO content"
    assert titles["mgo_unit"].endswith("Unit of MgO content")
    assert titles["ncv_unit"].endswith("Unit of net calorific value")
    assert titles["ef1_unit"].endswith("Unit of EF1 direct N2O")
