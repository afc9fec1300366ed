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


def test_lines_computed_once_per_key_equal_lines_computed_row_by_row():
    """Fuel combustion with library defaults is computed once per key for one unit, times each amount; a measured
    NCV equal to the default sends the same lines row by row. Both give the same tonnes, and the grid line (always
    per key) adds to the same CO2 column either way."""
    from parkcarbon.engine import load_library

    rows = pd.DataFrame({"activity": ["bituminous_coal", "natural_gas", "bituminous_coal", "electricity_grid", "wood"],
                         "amount": [10.0, 3.0, 0.0, 5.0, 2.0], "unit": ["t", "10^4 Nm3", "t", "万千瓦时", "t"]})
    by_key = calculate(rows, OPTIONS)
    factors = load_library().factors
    ncv_unit = {"t": "GJ/t", "10^4 Nm3": "GJ/10^4 Nm3"}
    measured = rows.assign(
        ncv=[factors[f].value_in(ncv_unit[u]) if u in ncv_unit else None
             for f, u in zip(by_key.lines["factor:ncv"].astype(object), rows["unit"], strict=True)],
        ncv_unit=[ncv_unit.get(u) for u in rows["unit"]])
    by_row = calculate(measured, OPTIONS)
    assert by_row.lines["factor:ncv"].astype(str).tolist()[:3] == ["measured"] * 3
    for column in ("CO2", "CH4", "N2O", "CO2_biogenic", "heat_TJ", "co2e", "co2e_market"):
        assert by_row.lines[column].to_numpy() == pytest.approx(by_key.lines[column].to_numpy(), rel=1e-12, abs=0)
    assert by_key.lines["CO2"][3] > 0 and by_key.lines["CO2"][2] == 0 and by_key.lines["CO2_biogenic"][4] > 0
