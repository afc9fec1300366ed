"""Properties that hold for any input (hypothesis)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parkcarbon.engine import Options, calculate

ACTIVITIES = [
    ("bituminous_coal", ["t", "kg", "万吨"]),
    ("diesel", ["t", "kg", "万吨"]),
    ("natural_gas", ["10^4 Nm3", "Nm3", "m3"]),
    ("electricity_grid", ["MWh", "kWh", "万千瓦时"]),
    ("heat_purchased", ["GJ", "MJ", "TJ"]),
    ("road_gasoline", ["t", "kg"]),
    ("wood", ["t", "kg"]),
]
amounts = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)
rows = st.lists(
    st.tuples(st.sampled_from(ACTIVITIES), amounts, st.sampled_from(["A", "B", "C"]), st.integers(0, 12)),
    min_size=1, max_size=20,
).map(lambda items: [
    {"activity": act, "amount": amt, "unit": units[0], "enterprise": ent, "month": month}
    for (act, units), amt, ent, month in items
])
OPTIONS = Options(year=2022, region="CN-GD", grid_basis="provincial")


@settings(max_examples=60, deadline=None)
@given(rows, st.floats(min_value=0.001, max_value=1000))
def test_linear_in_activity(data, k):
    base = calculate(data, OPTIONS).lines
    scaled = calculate([{**r, "amount": r["amount"] * k} for r in data], OPTIONS).lines
    for col in ("CO2", "CH4", "N2O", "CO2_biogenic", "co2e", "co2e_market"):
        if col in base:
            assert scaled[col].to_numpy() == pytest.approx(base[col].to_numpy() * k, rel=1e-9, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(ACTIVITIES), amounts, st.data())
def test_invariant_under_unit_conversion(activity, amount, data):
    from parkcarbon.engine import units

    code, unit_list = activity
    unit = data.draw(st.sampled_from(unit_list))
    same = amount * units.factor(unit_list[0], unit)
    a = calculate([{"activity": code, "amount": amount, "unit": unit_list[0]}], OPTIONS).lines
    b = calculate([{"activity": code, "amount": same, "unit": unit}], OPTIONS).lines
    assert b["co2e"][0] == pytest.approx(a["co2e"][0], rel=1e-9, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(rows)
def test_totals_equal_the_sum_of_lines(data):
    r = calculate(data, OPTIONS)
    for by in ("enterprise", "month", "scope", "section", "category"):
        t = r.totals(by)
        for col in (*r.gases, "co2e", "co2e_market", "CO2_biogenic"):
            assert t[col].sum() == pytest.approx(r.lines[col].sum(), rel=1e-9, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(rows, st.sampled_from(["SAR", "AR4", "AR6"]))
def test_switching_gwp_changes_only_co2e(data, gwp):
    a = calculate(data, OPTIONS).lines
    b = calculate(data, Options(year=2022, region="CN-GD", grid_basis="provincial", gwp=gwp)).lines
    assert list(a.columns) == list(b.columns)
    for col in ("CO2", "CH4", "N2O", "CO2_biogenic"):
        if col not in a:
            continue
        assert b[col].to_numpy() == pytest.approx(a[col].to_numpy(), rel=0, abs=0)
    assert list(b.filter(like="factor:").astype(str).to_numpy().ravel()) == list(a.filter(like="factor:").astype(str).to_numpy().ravel())
