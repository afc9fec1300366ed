"""A big inventory's report (issue 24, item 3): above ``DETAIL_LINES`` activity lines the activity table sums lines
by activity, unit and month (or by activity and unit when that is still too long), so every format stays bounded;
totals and combined uncertainties are those of the lines."""

import io

import numpy as np
import pytest
from openpyxl import load_workbook

from parkcarbon.engine import combine_sum
from parkcarbon.inventory import services as inv_services
from parkcarbon.reports.content import TEMPLATES
from parkcarbon.reports.content import facts as facts_module
from parkcarbon.reports.content.facts import DETAIL_LINES
from parkcarbon.reports.documents.xlsx import render_xlsx
from parkcarbon.reports.services import collect_facts
from tests.reports.conftest import make_inventory

pytestmark = pytest.mark.django_db

PER_MONTH = 26  # lines per activity and month: 2 x 12 x 26 = 624 lines, more than DETAIL_LINES


@pytest.fixture
def big(world):
    rows = [{"activity": activity, "amount": 10 + i, "unit": unit, "month": month, "ad_uncertainty_pct": 5}
            for activity, unit in (("diesel", "t"), ("electricity_grid", "MWh"))
            for month in range(1, 13) for i in range(PER_MONTH)]
    assert len(rows) > DETAIL_LINES
    return make_inventory(world.park, world.enterprise, 2023, {"energy": rows})


def engine_lines(inventory):
    return inv_services.calculate_inventory(inventory).lines


def test_lines_are_summed_by_activity_and_month(big):
    facts = collect_facts(big, "cn_enterprise")
    lines = engine_lines(big)
    assert facts.activity_detail == "month" and facts.activity_lines == len(lines)
    assert len(facts.activities) == 2 * 12
    assert sum(a.lines for a in facts.activities) == len(lines)
    assert sum(a.co2e for a in facts.activities) == pytest.approx(facts.total, rel=1e-12)
    diesel_march = next(a for a in facts.activities if a.activity == "diesel" and a.month == 3)
    part = lines[(lines["activity"] == "diesel") & (lines["month"] == 3)]
    assert diesel_march.amount == pytest.approx(sum(10 + i for i in range(PER_MONTH)))
    assert diesel_march.co2e == pytest.approx(part["co2e"].sum())
    assert diesel_march.uncertainty_pct == pytest.approx(
        combine_sum(part["co2e"].to_numpy(float), part["uncertainty_pct"].to_numpy(float)))
    data = TEMPLATES["cn_enterprise"](facts)
    table = next(t for t in data.tables() if t.key == "activities")
    assert len(table.rows) == 24 and "月份" in [c.label for c in table.columns]
    assert table.rows[0][-1] == f"{PER_MONTH} 条"
    assert any("超过逐条列示的上限" in getattr(b, "text", "") for b in data.blocks)
    sheet = load_workbook(io.BytesIO(render_xlsx(data)))["活动数据"]
    assert sheet.max_row <= 24 + 3


def test_too_many_months_are_summed_over_the_year(big, monkeypatch):
    monkeypatch.setattr(facts_module, "DETAIL_LINES", 10)  # 24 activity-months are too many: by activity
    facts = collect_facts(big, "cn_enterprise")
    assert facts.activity_detail == "activity" and len(facts.activities) == 2
    lines = engine_lines(big)
    for a in facts.activities:
        part = lines[lines["activity"] == a.activity]
        assert a.lines == len(part) and a.co2e == pytest.approx(part["co2e"].sum())
        assert a.month is None
    data = TEMPLATES["cn_enterprise"](facts)
    table = next(t for t in data.tables() if t.key == "activities")
    assert "月份" not in [c.label for c in table.columns]


def test_a_small_inventory_lists_every_line_with_its_note(inventory):
    facts = collect_facts(inventory, "cn_enterprise")
    assert facts.activity_detail == "line" and len(facts.activities) == facts.activity_lines
    assert "电费结算单" in [a.note for a in facts.activities]
    assert all(a.lines == 1 for a in facts.activities)
    assert np.isfinite([a.uncertainty_pct for a in facts.activities]).all()
