"""An upload's problems are listed as the file reads, sheet by sheet and row by row (walk of 2026-11-29, walker4:
the checks ran column by column, so row 5's problems came before row 4's)."""

import pytest

from parkcarbon.engine.template import SECTION_SHEETS
from parkcarbon.inventory.imports import check
from tests.workbooks import filled_workbook

pytestmark = pytest.mark.django_db


def test_problems_in_reading_order(inventory):
    energy, waste = SECTION_SHEETS["energy"], SECTION_SHEETS["waste"]
    book = filled_workbook(
        {
            energy: [
                {"activity": "raw_coal", "amount": 100, "unit": "t"},  # row 3: fine
                {"activity": "diesel", "amount": -1, "unit": "t"},  # row 4: negative amount
                {"activity": "natural_gas", "amount": 3, "unit": "t", "ncv": "abc", "ncv_unit": "GJ/t"},
            ],  # row 5
            waste: [
                {"activity": "incineration_msw", "amount": "many", "unit": "t"}
            ],  # row 3 of the next sheet
        }
    )
    rows, result, problems = check(book, inventory)
    assert rows is None and result is None
    where = [(p["sheet"], p["row"]) for p in problems]
    assert where == sorted(where, key=lambda w: (list(SECTION_SHEETS.values()).index(w[0]), int(w[1])))
    assert where[0] == (energy, "4") and where[-1] == (waste, "3")
