"""A line that emits a gas the inventory's GWP set has no value for (SAR, the 2013-2015 Chinese guidelines' set,
has none for NF3 or HFC-245fa: data/gwp.csv) is refused with its sheet, row and column, not with one inventory-wide
message that leaves the workbook's author to search for it (walk of 2026-11-29, walker4: a full steel-works
workbook was refused with "GWP set SAR has no value for NF3, HFC-245fa" and no row)."""

import dataclasses

import pytest

from parkcarbon.engine import InputError, calculate
from parkcarbon.engine.template import SECTION_SHEETS, read_workbook
from tests.workbooks import CATALOGUE_OPTIONS, catalogue_row, filled_template

SAR = dataclasses.replace(CATALOGUE_OPTIONS, gwp="SAR")
IPPU = SECTION_SHEETS["ippu"]


def test_each_line_emitting_a_gas_without_a_value_is_named():
    rows = [
        {**catalogue_row("diesel"), "row_id": "3"},
        {**catalogue_row("fgas_nf3"), "row_id": "4"},
        {**catalogue_row("fgas_hfc245fa"), "row_id": "5"},
    ]
    with pytest.raises(InputError) as exc:
        calculate(rows, SAR)
    assert {(p.row, p.column) for p in exc.value.problems} == {("4", "activity"), ("5", "activity")}
    problems = {p.row: p for p in exc.value.problems}  # the diesel line has nothing missing
    assert "NF3" in problems["4"].message and "SAR" in problems["4"].message
    assert "HFC-245fa" in problems["5"].message_zh and "SAR" in problems["5"].message_zh


def test_in_a_workbook_the_problem_names_the_sheet_and_excel_row():
    book = filled_template([catalogue_row("fgas_nf3")], sheet=IPPU)
    rows = read_workbook(book)
    with pytest.raises(InputError) as exc:
        calculate(rows, SAR)
    [problem] = exc.value.problems
    assert (problem.sheet, problem.row, problem.column) == (IPPU, "3", "activity")


def test_the_same_lines_compute_with_a_set_that_has_the_values():
    result = calculate([catalogue_row("fgas_nf3"), catalogue_row("fgas_hfc245fa")], CATALOGUE_OPTIONS)  # AR5
    assert (result.lines["co2e"] > 0).all()
