"""When stored lines no longer compute, the preview names each problem's line (section and activity) in the page's
language, not as the engine's "row 8044, column 'enthalpy': ..." in English (walk of 2026-11-29, walker4: a steam
line measured at 0.5 kJ/kg, below the feed water's 83.74 kJ/kg, once made a negative emission and is now refused)."""

import re

import pytest
from django.urls import reverse

from tests.inventory.conftest import add_lines


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh-hans", "能源活动 · 外购蒸汽（按质量）: 蒸汽热焓应不小于 83.74 kJ/kg"),
        ("en", "Energy Activities · Purchased steam (by mass): Steam enthalpy must be at least 83.74 kJ/kg"),
    ],
)
def test_a_line_that_no_longer_computes_is_named_in_the_pages_language(inventory, client_for, lang, expected):
    add_lines(
        inventory,
        "energy",
        [
            {
                "activity": "steam_purchased",
                "amount": 10,
                "unit": "t",
                "measured": {"enthalpy": {"value": 0.5, "unit": "kJ/kg"}},
            }
        ],
    )
    client = client_for("enterprise_reporter")
    client.post(reverse("set_language"), {"language": lang, "next": "/"})
    html = client.get(reverse("inventory:preview", args=[inventory.pk])).content.decode()
    problems = re.findall(r'<div data-testid="calc-problem">([^<]*)</div>', html)
    assert problems == [expected]
    assert "column '" not in html
