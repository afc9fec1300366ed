"""Row independence (issue 15 requirement 6) through the guidelines' own path as well: under every enterprise
methodology, each line of one of every activity it covers (with the measured values it needs, as in test_years) has
the same outputs (gases, CO2e, uncertainty, factor ids, out-of-validity labels, heat content) in the batch of all of
them, in reverse order, as alone. test_row_independence.py draws batches from the default options."""

import numpy as np
import pandas as pd
import pytest

from parkcarbon.engine import methodology as M
from tests.engine.test_years import REGION, rows_for

YEAR = 2022
PAIRED = ("electricity_green", "electricity_green_separate", "electricity_grid")  # green power needs grid beside it
ENTERPRISE = sorted(m for m, spec in M.methodologies().items() if spec.level != "park")


def same(a, b) -> bool:
    if isinstance(a, int | float | np.number) and not pd.isna(a):
        return b == pytest.approx(a, rel=1e-12, abs=1e-12)
    return (not isinstance(a, str) and pd.isna(a) and not isinstance(b, str) and pd.isna(b)) or a == b


@pytest.mark.parametrize("methodology", ENTERPRISE)
def test_every_line_is_its_own_under_the_methodology(methodology):
    rows = [{**r, "enterprise": "E1", "row_id": f"r{i}"} for i, r in enumerate(rows_for(methodology, YEAR))]
    alone_of = {row["row_id"]: M.calculate_enterprise([methodology], [row], YEAR, REGION).lines.iloc[0]
                for row in rows if row["activity"] not in PAIRED}
    for order in (rows, rows[::-1]):
        batch = M.calculate_enterprise([methodology], order, YEAR, REGION).lines.set_index("row_id")
        for row_id, alone in alone_of.items():
            line = batch.loc[row_id]
            for column in set(alone.index) | set(batch.columns):
                if column != "row_id":
                    default = None if column.startswith("factor:") else 0.0
                    assert same(alone.get(column, default), line.get(column, default)), (alone["activity"], column)
