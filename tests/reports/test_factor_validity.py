"""Issue 15 item 3: a default used for a year its source does not cover (a 2005 base year under the IPCC 2006 tables)
is labelled in the report's factor table, in both languages; a year the source covers carries no label."""

import pytest

from parkcarbon.engine import load_library
from parkcarbon.engine import methodology as M
from parkcarbon.reports.content.common import factor_table
from parkcarbon.reports.content.facts import Facts, from_result

ROWS = [{"activity": "diesel", "amount": 100, "unit": "t"}]


def table(year, zh):
    result = M.calculate_enterprise(["ipcc2006"], ROWS, year, "CN-JS")
    facts = from_result(Facts(entity=None, provenance=None), result, load_library())
    return facts, factor_table(facts, zh)


@pytest.mark.parametrize(("zh", "label"), [(True, "超出来源适用年份"), (False, "outside the years its source covers")])
def test_base_year_before_the_source_is_labelled(zh, label):
    facts, t = table(2005, zh)  # IPCC 2006 Tier 1 values (valid from 2006) used for 2005
    assert facts.factors and all(r.out_of_validity for r in facts.factors)
    assert all(label in row[-1] for row in t.rows) and label in t.note


@pytest.mark.parametrize("zh", [True, False])
def test_year_inside_the_source_has_no_label(zh):
    facts, t = table(2006, zh)
    assert facts.factors and not any(r.out_of_validity for r in facts.factors)
    assert not any("超出" in row[-1] or "outside" in row[-1] for row in t.rows) and "outside" not in t.note


@pytest.mark.parametrize(("zh", "word"), [(True, "比例"), (False, "ratio")])
def test_a_ratio_factor_has_its_unit_in_words(zh, word):
    """QA walk of 2026-11-29 (walker3): the zh cement report's factor table (DOCX, XLSX, HTML) gave the unit of the
    CaO content as "fraction", the units.csv key; the preview already wrote 比例 / ratio."""
    from dataclasses import replace

    facts, _ = table(2006, False)
    ratio = load_library().factors["AFOLU-022"]  # IPCC 2006 Vol.4 Table 11.3 Frac_GASF, unit fraction
    facts.factors = [replace(facts.factors[0], id=ratio.id, param=ratio.param, value=ratio.value, unit=ratio.unit)]
    (row,) = factor_table(facts, zh).rows
    assert row[4] == word, row
