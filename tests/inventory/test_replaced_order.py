"""What saving an upload replaces is listed in the sections' order (energy, industrial processes, waste, AFOLU), as
the table of what will be saved above it, not alphabetically by key (walk of 2026-11-29, walker4: the list began
with AFOLU)."""

from types import SimpleNamespace

import pytest
from django.utils.translation import override

from parkcarbon.inventory.import_views import replaced_lines
from tests.inventory.conftest import add_lines

pytestmark = pytest.mark.django_db


def test_replaced_sections_follow_the_section_order(inventory):
    add_lines(inventory, "afolu", [{"activity": "enteric_dairy_cattle", "amount": 10, "unit": "head"}])
    add_lines(inventory, "waste", [{"activity": "incineration_msw", "amount": 10, "unit": "t"}])
    pending = SimpleNamespace(
        preview={"afolu": {}, "energy": {}, "ippu": {}, "waste": {}}
    )  # as JSON gives it back
    with override("en"):
        rows = replaced_lines(inventory, pending)
        sections = [str(r["section"]) for r in rows]
    assert sections == [
        "Energy Activities",
        "Waste Disposal",
        "Agriculture, Land Use Change and Forestry",
    ]  # ippu holds nothing
    assert [r["lines"] for r in rows] == [3, 1, 1] and all(r["typed"] for r in rows)
