"""The lines table is assembled without copying the input's columns: it must still behave as a table of its own."""

import pandas as pd
import pytest

from parkcarbon.engine import Options, calculate

OPTIONS = Options(year=2023, region="CN-JS")


@pytest.mark.parametrize("text", ["str", "category"])
def test_editing_the_lines_never_changes_the_input(text):
    rows = pd.DataFrame({"activity": ["diesel", "bituminous_coal"], "amount": [1.0, 2.0], "unit": ["t", "t"],
                         "month": [1, 2], "enterprise": ["A", "B"]}).astype({"activity": text, "unit": text})
    before = rows.copy()
    lines = calculate(rows, OPTIONS).lines
    lines.loc[0, "amount"] = 99.0
    lines.loc[0, "month"] = 5
    lines.loc[1, "enterprise"] = "C"
    lines["co2e"] *= 2
    pd.testing.assert_frame_equal(rows, before)
    assert lines["amount"].tolist() == [99.0, 2.0] and lines["month"].tolist() == [5, 2]


def test_catalogue_text_columns_group_and_sort_like_text():
    lines = calculate([{"activity": a, "amount": 1.0, "unit": u} for a, u in
                       (("wood", "t"), ("electricity_grid", "MWh"), ("diesel", "t"))], OPTIONS).lines
    for column in ("section", "category", "sector", "method"):
        assert list(lines[column].cat.categories) == sorted(set(lines[column].astype(str)))
    assert lines["method"].tolist() == ["fuel_combustion", "grid_electricity", "fuel_combustion"]
    assert lines.groupby("method").size().to_dict() == {"fuel_combustion": 2, "grid_electricity": 1}
    assert lines["scope"].dtype.kind == "i" and lines["month"].dtype.kind == "i"
