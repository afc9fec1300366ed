"""Every source category and every parameter of the activity catalogue has a name in both report languages, so no
report prints a raw key (``refrigeration_ac``, ``mcf``) in its category or factor tables (QA of 2026-11-29: seven
categories and 56 method parameters fell back to their codes). Generated from the catalogue: a new activity or
parameter is checked as soon as it is added."""

import csv
import re
from importlib.resources import files

import pytest

from parkcarbon.engine import load_library
from parkcarbon.engine.methods import METHODS
from parkcarbon.reports.content.facts import _subject_names
from parkcarbon.reports.content.labels import CATEGORIES, param_label, pick

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{2,}")
LIB = load_library()
CATS = sorted({a.category for a in LIB.activities.values()})
PARAMS = sorted({p.name for a in LIB.activities.values() for p in METHODS[a.method].params})


@pytest.mark.parametrize("category", CATS)
def test_every_category_of_the_catalogue_is_named_in_both_languages(category):
    assert category in CATEGORIES, category
    zh, en = pick(CATEGORIES, category, True), pick(CATEGORIES, category, False)
    assert CJK.search(zh) and not re.search(r"[a-z]+_[a-z]", zh), zh
    assert LATIN.search(en) and not CJK.search(en) and "_" not in en, en


@pytest.mark.parametrize("name", PARAMS)
def test_every_parameter_of_the_catalogue_is_named_in_both_languages(name):
    zh, en = param_label(name, True), param_label(name, False)
    assert zh != name and CJK.search(zh), zh
    assert en != name and LATIN.search(en) and not CJK.search(en), en


def test_the_categories_added_with_todays_guidelines_are_named():
    for category in ("coking", "oil_gas_flaring", "oil_gas_exploration", "oil_gas_processing", "oil_gas_ch4_recovery",
                     "petrochem_process", "electronics"):
        assert category in CATS and category in CATEGORIES


def _factor_subjects() -> list[str]:
    subjects = set()
    for path in sorted((files("parkcarbon.engine") / "data" / "factors").iterdir()):
        if path.name.endswith(".csv"):
            lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
            subjects |= {row["subject"] for row in csv.DictReader(lines) if row.get("subject")}
    return sorted(subjects)


@pytest.mark.parametrize("subject", _factor_subjects())
def test_what_every_factor_applies_to_is_named_in_both_languages(subject):
    """The factor table's "Applies to" column: an activity, a fuel group or a shared subject such as
    ``carbon_dioxide`` (the CO2 density of the coal and petrochemical guidelines) or ``etch_cvd_cf4``."""
    names = _subject_names(subject, LIB.activities)
    assert CJK.search(names["subject_zh"]) and names["subject_zh"] != subject, names
    assert "_" not in names["subject_en"] and not CJK.search(names["subject_en"]), names
