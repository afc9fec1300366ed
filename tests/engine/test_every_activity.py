"""Every activity of the catalogue, on its own section's sheet of the standard template, read and computed through
`parkcarbon calc` exactly as the engine computes the same rows; the template's columns are unique and bilingual."""

import json
import re

import pytest

from parkcarbon.engine import Options, calculate, load_library
from parkcarbon.engine.cli import main
from parkcarbon.engine.template import SECTION_SHEETS, read_workbook, section_columns
from tests.workbooks import CATALOGUE_OPTIONS, catalogue_rows, filled_workbook

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def files():
    """One file per section with one row of each of its activities, and one file with all four sheets."""
    sheets = {SECTION_SHEETS[s]: catalogue_rows(s) for s in SECTION_SHEETS}
    out = {sheet: filled_workbook({sheet: rows}) for sheet, rows in sheets.items()}
    out["all"] = filled_workbook(sheets)
    return sheets, out


def expected(sheets: dict, which: str):
    rows = [{**row, "row_id": str(i), "_sheet": sheet}
            for sheet, sheet_rows in sheets.items() if which in ("all", sheet)
            for i, row in enumerate(sheet_rows, start=3)]
    return calculate(rows, CATALOGUE_OPTIONS)


@pytest.mark.parametrize("section", list(SECTION_SHEETS))
def test_columns_are_unique_and_titled_in_both_languages(section):
    columns = section_columns(section)
    keys = [c.key for c in columns]
    assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]
    for c in columns:
        assert c.title != c.key and CJK.search(c.title) and LATIN.search(c.title), c


def test_every_activity_of_the_catalogue_has_a_row():
    lib = load_library()
    assert sum(len(catalogue_rows(s)) for s in SECTION_SHEETS) == len(lib.activities)


@pytest.mark.parametrize("which", [*SECTION_SHEETS.values(), "all"])
def test_every_activity_reads_and_computes_like_the_same_rows(files, which):
    sheets, data = files
    rows = read_workbook(data[which])
    via_file = calculate(rows, CATALOGUE_OPTIONS)
    direct = expected(sheets, which)
    assert list(via_file.lines["activity"]) == list(direct.lines["activity"])
    assert list(via_file.lines["row_id"]) == list(direct.lines["row_id"])
    assert via_file.lines["co2e"].to_numpy() == pytest.approx(direct.lines["co2e"].to_numpy(), rel=1e-12, abs=1e-12)
    assert via_file.total_co2e == pytest.approx(direct.total_co2e, rel=1e-12)


@pytest.mark.parametrize("which", [*SECTION_SHEETS.values(), "all"])
def test_every_activity_through_the_cli(files, which, tmp_path, capsys):
    sheets, data = files
    path, out = tmp_path / "data.xlsx", tmp_path / "result.json"
    path.write_bytes(data[which])
    code = main([str(path), "--year", "2023", "--region", "CN-JS", "--format", "json", "--output", str(out)])
    assert code == 0, capsys.readouterr().err
    result = json.loads(out.read_text("utf-8"))
    direct = expected(sheets, which)
    assert [line["activity"] for line in result["lines"]] == list(direct.lines["activity"])
    assert [line["co2e"] for line in result["lines"]] == pytest.approx(list(direct.lines["co2e"]), rel=1e-12, abs=1e-12)
    assert result["total"]["co2e"] == pytest.approx(direct.total_co2e, rel=1e-12)


def test_gwp_and_options_reach_the_cli(files, tmp_path, capsys):
    sheets, data = files
    path, out = tmp_path / "data.xlsx", tmp_path / "result.json"
    path.write_bytes(data["all"])
    assert main([str(path), "--year", "2023", "--region", "CN-JS", "--gwp", "AR6", "--format", "json",
                 "--output", str(out)]) == 0
    rows = [{**row, "row_id": str(i)} for sheet_rows in sheets.values() for i, row in enumerate(sheet_rows, start=3)]
    assert json.loads(out.read_text("utf-8"))["total"]["co2e"] == pytest.approx(
        calculate(rows, Options(year=2023, region="CN-JS", gwp="AR6")).total_co2e, rel=1e-12)


def test_the_template_bounds_amount_and_uncertainty_like_the_value_check():
    import io

    from openpyxl import load_workbook

    from tests.workbooks import template_bytes

    wb = load_workbook(io.BytesIO(template_bytes()))
    for section, sheet in SECTION_SHEETS.items():
        ws = wb[sheet]
        keys = [c.value for c in ws[2]]
        bounds = {}
        for dv in ws.data_validations.dataValidation:
            if dv.type == "decimal":
                column = keys[min(r.min_col for r in dv.sqref.ranges) - 1]
                bounds[column] = (float(dv.formula1), float(dv.formula2))
        low = -1e12 if section == "afolu" else 0  # forest volume change may be a removal
        assert bounds == {"amount": (low, 1e12), "ad_uncertainty_pct": (0, 1000)}, sheet
