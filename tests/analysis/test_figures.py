"""Dashboard figures against hand-computed numbers (see conftest) and against the park inventory's own totals."""

import pytest
from django.utils import translation

from parkcarbon.analysis.figures import Filters, figures
from parkcarbon.inventory.park import park_summary
from tests.alerts.conftest import make_inventory, monthly

E1_2023, E2_2023, E1_2022 = 1140.6, 570.3, 855.45


def rows(data, key):
    return {r[0]: r[1:] if len(r) > 2 else r[1] for r in data.chart(key).rows}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_park_figures(grid_park):
    data = figures(grid_park.park, None, Filters())
    assert data.years == [2022, 2023] and data.year == 2023
    assert data.totals == pytest.approx({2022: E1_2022, 2023: E1_2023 + E2_2023})
    assert data.totals[2023] == pytest.approx(park_summary(grid_park.park, 2023).total_co2e)
    assert rows(data, "zones") == pytest.approx({"Zone A1": E1_2023, "Zone A2": E2_2023})
    assert rows(data, "top") == pytest.approx({"Jia Steel": E1_2023, "Yi Chemicals": E2_2023})
    assert rows(data, "scopes") == pytest.approx({"Scope 2": E1_2023 + E2_2023})
    assert rows(data, "gases") == pytest.approx({"CO2": E1_2023 + E2_2023})
    assert rows(data, "energy") == pytest.approx({"Purchased electricity (grid)": 3000 * 0.1229})
    sankey = data.chart("sankey").rows
    assert [r[1] for r in sankey] == ["Scope 2: purchased energy"] and sankey[0][2] == pytest.approx(1710.9)
    months = rows(data, "months")
    assert months["1"] == pytest.approx(570.3) and months["2"] == pytest.approx(570.3)
    assert months["7"] == pytest.approx(570.3) and months["3"] == 0
    trend = data.chart("trend").rows
    assert [r[1] for r in trend] == pytest.approx([E1_2022, E1_2023 + E2_2023])
    assert [r[2] for r in trend] == pytest.approx([E1_2022, E1_2023 + E2_2023])  # a line through two points
    # Only E1 reports output value: its CO2e over its output value, E2 left out of the ratio.
    assert rows(data, "intensity_output")["2023"][0] == pytest.approx(E1_2023 / 5000, rel=1e-5)
    assert rows(data, "intensity_output")["2022"][0] is None


def test_filters(grid_park):
    w = grid_park
    assert figures(w.park, None, Filters(zone=w.zone2.pk)).totals == pytest.approx({2023: E2_2023})
    assert figures(w.park, None, Filters(industry="31")).totals == pytest.approx({2022: E1_2022, 2023: E1_2023})
    assert figures(w.park, None, Filters(industry="26")).totals == pytest.approx({2023: E2_2023})
    data = figures(w.park, None, Filters(enterprise=w.enterprise.pk, year=2022))
    assert data.year == 2022 and rows(data, "top") == pytest.approx({"Jia Steel": E1_2022})
    assert data.chart("intensity_area") is None  # per area: the whole park only


def test_drafts_count_only_when_asked(grid_park):
    w = grid_park
    make_inventory(w.park, w.enterprise2, 2022, monthly({1: 100}))  # a draft
    assert figures(w.park, None, Filters()).totals[2022] == pytest.approx(E1_2022)
    assert figures(w.park, None, Filters(include_drafts=True)).totals[2022] == pytest.approx(E1_2022 + 57.03)


def test_user_reach(grid_park):
    w = grid_park
    assert figures(w.park, w.users["other_enterprise_user"], Filters()).totals == pytest.approx({2023: E2_2023})
    assert figures(w.park, w.users["other_park_admin"], Filters()).years == []


def test_in_park_supply_counted_at_the_producer(grid_park):
    """E2 buys 100 MWh from a producer in the park: the park's figures leave it out (the producer counts it), E2's
    own figures keep it."""
    w = grid_park
    from parkcarbon.inventory.models import Inventory
    from tests.alerts.conftest import add_lines

    inv = Inventory.objects.get(enterprise=w.enterprise2, year=2023)
    add_lines(inv, monthly({2: 1000}) + monthly({3: 100}, activity="electricity_in_park"))
    memo = inv.snapshot.in_park_supply_co2e
    assert memo > 0
    park = figures(w.park, None, Filters())
    assert park.totals[2023] == pytest.approx(E1_2023 + E2_2023)
    assert park.totals[2023] == pytest.approx(park_summary(w.park, 2023).total_co2e)
    assert sum(r[2] for r in park.chart("sankey").rows) == pytest.approx(E1_2023 + E2_2023)
    own = figures(w.park, None, Filters(enterprise=w.enterprise2.pk))
    assert own.totals[2023] == pytest.approx(E2_2023 + memo)
