"""A unit of the wrong quantity is refused in Chinese without English words in the Chinese message (walk of
2026-11-29, walker4: "t 不是天然气可用的单位（volume or energy）")."""

import re

import pytest

from parkcarbon.engine import InputError, Options, calculate
from parkcarbon.engine.calculate import DIMENSIONS_ZH
from parkcarbon.engine.units import _simple_units


def test_natural_gas_in_tonnes_is_refused_in_words_of_each_language():
    with pytest.raises(InputError) as exc:
        calculate([{"activity": "natural_gas", "amount": 3, "unit": "t"}], Options(year=2023, region="CN-JS"))
    [problem] = exc.value.problems
    assert problem.column == "unit"
    assert "volume or energy" in problem.message
    assert "体积或能量" in problem.message_zh
    assert not re.search("[A-Za-z]{3,}", problem.message_zh.replace("Nm3", "")), problem.message_zh


def test_every_dimension_of_the_units_has_a_chinese_name():
    assert {dimension for dimension, _to_base in _simple_units().values()} <= set(DIMENSIONS_ZH)


def test_a_unit_the_guideline_does_not_take_is_named_in_chinese_units():
    """Walk of 2026-11-29 (walker4): "…不接受单位 kWh：指南要求以 t 或 10^4 Nm3 计量" on a Chinese page; the guideline's
    units read as a Chinese message writes them (t 或 万Nm3), the English message keeps the codes."""
    from parkcarbon.engine import methodology as M

    [problem] = M.check_rows(
        ["cn_iron_steel"], [{"row_id": "3", "activity": "raw_coal", "amount": 100, "unit": "kWh"}]
    )
    assert (problem.row, problem.column) == ("3", "unit")
    assert problem.message_zh.endswith("指南要求以 t 或 万Nm3 计量"), problem.message_zh
    assert "t or 10^4 Nm3" in problem.message


def test_a_guideline_problem_and_the_calculations_problems_come_in_one_round():
    """Walk of 2026-11-29 (walker4): a workbook with coal in kWh (refused by the guideline), diesel at -1 t and
    natural gas in tonnes showed only the coal; fixing it would have revealed the next two one upload at a time."""
    from parkcarbon.engine import methodology as M

    rows = [
        {"row_id": "3", "activity": "raw_coal", "amount": 100, "unit": "kWh"},
        {"row_id": "4", "activity": "diesel", "amount": -1, "unit": "t"},
        {"row_id": "5", "activity": "natural_gas", "amount": 3, "unit": "t"},
    ]
    with pytest.raises(InputError) as exc:
        M.calculate_enterprise(["cn_other_industry"], rows, 2023, "CN-JS")
    where = [(p.row, p.column) for p in exc.value.problems]
    assert sorted(where) == [("3", "unit"), ("4", "amount"), ("5", "unit")]  # the coal's unit named once
    assert (
        "指南要求以" in next(p for p in exc.value.problems if p.row == "3").message_zh
    )  # the guideline's words
