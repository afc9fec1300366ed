"""The line form fills a measured parameter's unit in the page's language: on a Chinese page the first-order decay
rate of a landfill reads 1/年 and its delay 年, an enteric-fermentation factor tCH4/头 (walk of 2026-11-29, walker4:
the zh form showed "1/yr", "yr", "tCH4/head", "GJ/10^4 Nm3" as typed-in values). The unit filled in is one the form
accepts, and gives the same emissions as the unit's code."""

import re

import pytest
from django.utils.translation import override

from parkcarbon.engine import calculate, load_library
from parkcarbon.engine.methods import METHODS
from parkcarbon.inventory import guide
from parkcarbon.inventory.forms import LineForm, entry_hints
from tests.inventory.test_method_fields import form_data
from tests.workbooks import CATALOGUE_OPTIONS, catalogue_row

pytestmark = pytest.mark.django_db

ENGLISH_WORD = re.compile(r"(?<![A-Za-z])(yr|head|well|person|facility|10\^\d)(?![A-Za-z])")


def test_zh_hints_give_every_measured_unit_in_chinese_words():
    english = []
    with override("zh-hans"):
        for section in ("energy", "ippu", "waste", "afolu"):
            for code, hint in entry_hints(section, ()).items():
                for name, unit in hint["units"].items():
                    if name not in hint["ratio"] and ENGLISH_WORD.search(unit):
                        english.append(f"{code}.{name}: {unit}")
    assert english == []
    with override("zh-hans"):
        hint = entry_hints("waste", ())["landfill_food"]
    assert (hint["units"]["k"], hint["units"]["delay"]) == ("1/年", "年")


def test_en_hints_keep_the_codes():
    with override("en"):
        hint = entry_hints("waste", ())["landfill_food"]
    assert (hint["units"]["k"], hint["units"]["delay"]) == ("1/yr", "yr")


@pytest.mark.parametrize("code", ["landfill_food", "enteric_dairy_cattle"])
def test_the_unit_filled_in_on_a_zh_page_is_accepted_and_computes_as_its_code(code):
    act = load_library().activities[code]
    row = catalogue_row(code)
    params = [
        p
        for p in METHODS[act.method].params
        if p.overridable
        and guide.param_unit(p, code) not in ("fraction", "1", "-")
        and guide.param_unit(p, code) != "%"
    ]
    with override("zh-hans"):
        hints = entry_hints(act.section, ())[code]
    measured = params[0]  # k (1/yr) for the landfill, the CH4 factor per head for the cattle
    row[measured.name] = 0.5 if code == "landfill_food" else 0.07
    row[f"{measured.name}_unit"] = guide.param_unit(measured, code)
    data = form_data(row, act.section)
    data[f"p_{measured.name}_unit"] = hints["units"][measured.name]
    assert re.search("[年头]", data[f"p_{measured.name}_unit"])
    with override("zh-hans"):
        form = LineForm(data, section=act.section)
        assert form.is_valid(), form.errors
    by_hand = calculate([form.engine_row()], CATALOGUE_OPTIONS).lines["co2e"].sum()
    assert by_hand == pytest.approx(calculate([row], CATALOGUE_OPTIONS).lines["co2e"].sum())
