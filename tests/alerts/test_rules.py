"""Each rule type against numbers worked out by hand from the inventories' data (see conftest)."""

import pytest

from parkcarbon.alerts import services
from parkcarbon.alerts.models import Alert, Metric
from tests.alerts.conftest import GRID_2023, TCE_PER_MWH, add_lines, make_inventory, monthly, rule

MWH_2023 = 11 * 1000 + 1500  # E1 2023: eleven months of 1,000 MWh and 1,500 in July
CO2_2023 = MWH_2023 * GRID_2023  # 7,128.75 t
CO2_2022 = 12 * 1000 * GRID_2023  # 6,843.6 t


def alerts_of(inventory, **filters):
    return list(Alert.objects.filter(inventory=inventory, **filters).active().order_by("subject"))


def test_annual_co2e_above(world, e1_years):
    _, now = e1_years
    above = rule(world, Metric.ANNUAL_CO2E, 7000)
    rule(world, Metric.ANNUAL_CO2E, 7200)  # 7,128.75 t is below: no alert
    services.evaluate(now)
    [alert] = alerts_of(now)
    assert alert.rule == above and alert.subject == ""
    assert alert.value == pytest.approx(7128.75)
    assert (alert.threshold, alert.unit) == (7000, "t CO2e")


@pytest.mark.parametrize(("metric", "expected"), [
    (Metric.CO2E_PER_OUTPUT, CO2_2023 / 5000),  # 1.42575 t CO2e per 10^4 yuan output value
    (Metric.CO2E_PER_VALUE_ADDED, CO2_2023 / 1000),  # 7.12875
    (Metric.TCE_PER_OUTPUT, MWH_2023 * TCE_PER_MWH / 5000),  # 1,536.25 tce / 5,000 = 0.30725
    (Metric.TCE_PER_VALUE_ADDED, MWH_2023 * TCE_PER_MWH / 1000),  # 1.53625
])
def test_intensity_above(world, e1_years, metric, expected):
    before, now = e1_years
    rule(world, metric, expected * 0.99)
    rule(world, metric, expected * 1.01, name="not breached")
    services.evaluate(now)
    services.evaluate(before)  # 2022 has no output value: no intensity, no alert
    [alert] = alerts_of(now)
    assert alert.value == pytest.approx(expected)
    assert alert.unit == ("t CO2e/10^4 yuan" if "co2e" in metric else "tce/10^4 yuan")
    assert alerts_of(before) == []


def test_change_against_previous_year(world, e1_years):
    before, now = e1_years
    rule(world, Metric.CHANGE_YEAR, 4)  # 12,500 / 12,000 MWh - 1 = +4.1667 %
    rule(world, Metric.CHANGE_YEAR, 5, name="not breached")
    services.evaluate(now)
    [alert] = alerts_of(now)
    assert alert.value == pytest.approx((CO2_2023 - CO2_2022) / CO2_2022 * 100)
    assert alert.value == pytest.approx(100 / 24)
    assert alert.detail["previous"] == pytest.approx(6843.6)
    assert alerts_of(before) == []  # 2021 has no inventory


def test_change_against_same_month_last_year(world, e1_years):
    _, now = e1_years
    rule(world, Metric.CHANGE_MONTH, 30)  # July: 1,500 against 1,000 MWh = +50 %; other months 0 %
    services.evaluate(now)
    [alert] = alerts_of(now)
    assert alert.subject == "month:7"
    assert alert.value == pytest.approx(50)
    assert alert.detail["previous"] == pytest.approx(570.3) and alert.detail["current"] == pytest.approx(855.45)


def test_missing_months(world):
    rule(world, Metric.MISSING_MONTHS, 1)  # more than one month missing
    gaps = make_inventory(world.park, world.enterprise2, 2023, [
        *monthly({m: 100 for m in range(1, 11)}),  # electricity: November and December missing
        *monthly({m: 2 for m in (1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12)}, activity="diesel", unit="t"),  # April only
        {"activity": "natural_gas", "amount": 5, "unit": "10^4 Nm3", "month": 0},  # an annual figure: no gaps
    ])
    [alert] = alerts_of(gaps)
    assert alert.subject == "activity:electricity_grid"
    assert (alert.value, alert.detail["months"]) == (2, [11, 12])
    # a rule for one activity only looks at that activity
    rule(world, Metric.MISSING_MONTHS, 0, activity="diesel", name="diesel")
    services.evaluate(gaps)
    assert [(a.subject, a.detail["months"]) for a in alerts_of(gaps, rule__name="diesel")] == [("activity:diesel", [4])]


BITUMINOUS_NCV = 23.204  # GJ/t, NDRC 2015 guideline for other industries, Appendix 2 Table 2.1


def coal_lines():
    """Bituminous coal, 100 t a month: January with a measured NCV 20 % above the default, February 5 % above,
    March the default (no measured value)."""
    return [
        {"activity": "bituminous_coal", "amount": 100, "unit": "t", "month": 1,
         "measured": {"ncv": {"value": BITUMINOUS_NCV * 1.2, "unit": "GJ/t"}}},
        {"activity": "bituminous_coal", "amount": 100, "unit": "t", "month": 2,
         "measured": {"ncv": {"value": BITUMINOUS_NCV * 1.05, "unit": "GJ/t"}}},
        {"activity": "bituminous_coal", "amount": 100, "unit": "t", "month": 3},
    ]


def test_line_far_from_default(world):
    # CO2, CH4 and N2O of a fuel are all proportional to its heat (amount x NCV): a measured NCV 20 % above the
    # default moves the line's CO2e by exactly +20 %.
    rule(world, Metric.DEFAULT_DEVIATION, 10)
    inv = make_inventory(world.park, world.enterprise, 2023, coal_lines())
    [alert] = alerts_of(inv)
    line = inv.versions.get().lines.get(month=1)
    assert alert.subject == f"line:{line.pk}"
    assert alert.value == pytest.approx(20)
    assert alert.detail["measured_co2e"] / alert.detail["default_co2e"] == pytest.approx(1.2)
    assert alert.detail["row"] == 1 and alert.detail["activity"] == "bituminous_coal"


def test_measured_value_outside_plausible_range(world):
    # bituminous coal: 20 to 26 GJ/t; January (27.84 GJ/t) is above, February (24.36 GJ/t) inside
    rule(world, Metric.MEASURED_RANGE, 26, lower_bound=20, parameter="ncv", unit="GJ/t")
    # the same range in MJ/kg (1 MJ/kg = 1 GJ/t) and for another activity only: converted, and not applied
    rule(world, Metric.MEASURED_RANGE, 26, lower_bound=20, parameter="ncv", unit="MJ/kg", name="converted")
    rule(world, Metric.MEASURED_RANGE, 26, lower_bound=20, parameter="ncv", unit="GJ/t", activity="anthracite",
         name="anthracite")
    inv = make_inventory(world.park, world.enterprise, 2023, coal_lines())
    alerts = alerts_of(inv)
    assert sorted(a.rule.name for a in alerts) == ["converted", Metric.MEASURED_RANGE]
    assert [a.value for a in alerts] == [pytest.approx(27.8448)] * 2
    assert {a.detail["month"] for a in alerts} == {1}
    assert alerts[0].unit in ("GJ/t", "MJ/kg")


def test_rule_scope_zone_industry_enterprise(world):
    """Rules narrowed to a zone, an industry prefix or an enterprise; the park's own inventory only by park rules."""
    e1 = make_inventory(world.park, world.enterprise, 2023, monthly({1: 1000}))  # zone A1, industry 3120
    e2 = make_inventory(world.park, world.enterprise2, 2023, monthly({1: 1000}))  # zone A2, industry 2614
    own = make_inventory(world.park, None, 2023, monthly({1: 1000}))
    other = make_inventory(world.other_park, world.other_enterprise, 2023, monthly({1: 1000}))
    rules = {
        "park": rule(world, Metric.ANNUAL_CO2E, 1),
        "zone": rule(world, Metric.ANNUAL_CO2E, 1, zone=world.zone2, name="zone"),
        "industry": rule(world, Metric.ANNUAL_CO2E, 1, industry_prefix="31", name="industry"),
        "enterprise": rule(world, Metric.ANNUAL_CO2E, 1, enterprise=world.enterprise2, name="enterprise"),
        "inactive": rule(world, Metric.ANNUAL_CO2E, 1, active=False, name="inactive"),
    }
    for inv in (e1, e2, own, other):
        services.evaluate(inv)

    def names(inv):
        return sorted(key for key, r in rules.items() if Alert.objects.filter(inventory=inv, rule=r).exists())

    assert names(e1) == ["industry", "park"]
    assert names(e2) == ["enterprise", "park", "zone"]
    assert names(own) == ["park"]
    assert names(other) == []


def test_gwp_sets_compared_alike(world):
    """A previous year in another GWP set is restated in this year's set before the change is computed."""
    rule(world, Metric.CHANGE_YEAR, 0)
    # Fossil CH4 from natural gas weighs 21 in SAR and 28 in AR5: the same gas burnt in both years is no change.
    gas = [{"activity": "natural_gas", "amount": 100, "unit": "10^4 Nm3", "month": 0}]
    make_inventory(world.park, world.enterprise, 2022, gas, gwp_set="SAR")
    now = make_inventory(world.park, world.enterprise, 2023, gas, gwp_set="AR5")
    assert alerts_of(now) == []


def test_adding_data_to_the_previous_year_reevaluates_the_next(world, e1_years):
    before, now = e1_years
    rule(world, Metric.CHANGE_YEAR, 4)
    services.evaluate(now)
    assert len(alerts_of(now)) == 1
    add_lines(before, monthly(dict.fromkeys(range(1, 13), 1100)))  # 2022 now 13,200 MWh: 2023 is a decrease
    assert alerts_of(now) == []
