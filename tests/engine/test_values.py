"""The one value check (engine.values): every bounded field of the catalogue, at and beyond its bounds, in both
languages; problems of structure, values and calculation together, each place named once."""

import math

import pytest

from parkcarbon.engine import InputError, Options, calculate
from parkcarbon.engine.values import (
    FIELDS,
    MAX_PARAM,
    capped,
    check_values,
    compute_checked,
    measured_params,
    method_fields,
)

BASE = {"activity": "diesel", "amount": 1, "unit": "t"}
NUMERIC = {name: f for name, f in FIELDS.items() if f.high is not None}
TEXT = {name: f for name, f in FIELDS.items() if f.max_length}


def problems(**values):
    return [(p.column, p.message) for p in check_values([{**BASE, **values}])]


@pytest.mark.parametrize("name", list(NUMERIC))
def test_numeric_fields_at_and_beyond_their_bounds(name):
    f = NUMERIC[name]
    low = -f.high if f.low is None else f.low
    assert not problems(**{name: low}) and not problems(**{name: f.high})
    for bad in (f.high * 1.01 + 1, low - abs(low) * 0.01 - 1, math.inf, -math.inf, 1e308, "abc", True):
        found = problems(**{name: bad})
        assert found and found[0][0] == name, (name, bad)
    if f.integer:
        assert problems(**{name: math.floor((low + f.high) / 2) + 0.5}) == [(name, "a whole number is required")]


@pytest.mark.parametrize("name", list(measured_params()))
def test_every_measured_parameter_is_bounded(name):
    assert not problems(**{name: MAX_PARAM, f"{name}_unit": "GJ/t"})
    for bad in (-1, MAX_PARAM * 2, math.inf, "x"):
        assert [c for c, _ in problems(**{name: bad, f"{name}_unit": "GJ/t"})] == [name]
    assert [c for c, _ in problems(**{f"{name}_uncertainty_pct": 1001})] == [f"{name}_uncertainty_pct"]


@pytest.mark.parametrize("name", list(TEXT))
def test_text_fields_refuse_control_characters_and_excess_length(name):
    f = TEXT[name]
    ok = "a" * f.max_length
    # a field of a few codes (the combustion equipment) refuses any other text as well: only that message here
    assert not [c for c, m in problems(**{name: ok}) if c == name and not (f.choices and m.startswith("unknown"))]
    assert (name, f"at most {f.max_length:,} characters") in problems(**{name: ok + "a"})
    for ctl in ("\x00", "\x01", "\x1b", "\x7f", "\ud800"):
        assert any(c == name and "control" in m for c, m in problems(**{name: f"a{ctl}b"})), (name, repr(ctl))
    assert ("note", "remove the control characters (invisible characters such as NUL)") not in problems(note="a\nb\tc")


def test_every_method_field_has_bounds_labels_and_an_example():
    for name, f in method_fields().items():
        assert f.label_zh and f.label_en and f.example is not None, name
        if f.max_length:  # a text field (evidence)
            assert isinstance(f.example, str) and len(f.example) <= f.max_length, name
        else:
            assert f.low <= f.example <= f.high, name


def test_messages_are_in_both_languages():
    for p in check_values([{**BASE, "amount": 1e308, "month": 13, "note": "\x00", "ad_uncertainty_pct": -50}]):
        assert p.message and p.message_zh and p.message != p.message_zh


def test_value_structure_and_calculation_problems_in_one_round():
    from parkcarbon.engine.errors import Problem

    rows = [{**BASE, "amount": 1e308, "unit": "furlong"},  # value problem and unit problem on one row
            {"activity": "landfill_msw", "amount": 1, "unit": "t"},  # the deposit year a method needs
            {"activity": "nope", "amount": 1, "unit": "t"}]
    with pytest.raises(InputError) as exc:
        compute_checked(rows, lambda r: calculate(r, Options(2023, "CN-JS")), [Problem("2", "x", "structure")])
    where = [(p.row, p.column) for p in exc.value.problems]
    assert where[0] == ("2", "x") and {("1", "amount"), ("1", "unit"), ("2", "deposit_year"), ("3", "activity")} <= set(where)
    assert len(where) == len(set(where))  # each place once


def test_capped_counts_the_rest():
    from parkcarbon.engine.errors import Problem

    many = [Problem(str(i), "amount", "x") for i in range(250)]
    out = capped(many)
    assert len(out) == 201 and "50 more problems" in out[-1].message and "50" in out[-1].message_zh
    assert capped(many[:3]) == many[:3]


def test_problems_a_method_names_by_row_only_get_their_sheet():
    from parkcarbon.engine.errors import Problem

    rows = [{**BASE, "row_id": "3", "_sheet": "A"}, {**BASE, "row_id": "4", "_sheet": "A"},
            {**BASE, "row_id": "3", "_sheet": "B"}]

    def compute(_rows):
        raise InputError([Problem("4", "recovered", "a number is required"), Problem("3", "x", "ambiguous")])

    with pytest.raises(InputError) as exc:
        compute_checked(rows, compute)
    assert [(p.sheet, p.row) for p in exc.value.problems] == [("A", "4"), (None, "3")]
