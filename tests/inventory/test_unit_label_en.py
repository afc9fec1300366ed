"""A unit typed on a Chinese page (the line form sets 吨 there) reads as its code on an English page (walk of
2026-11-29, walker2: the English preview listed a raw-coal line of "1,000 吨")."""

import pytest
from django.utils.translation import override

from parkcarbon.inventory import guide


@pytest.mark.parametrize(("typed", "en", "zh"), [("吨", "t", "吨"), ("t", "t", "吨"), ("口", "well", "口"),
                                                 ("MWh", "MWh", "兆瓦时"), ("不知道", "不知道", "不知道")])
def test_units_in_the_pages_language(typed, en, zh):
    with override("en"):
        assert guide.unit_label(typed) == en
    with override("zh-hans"):
        assert guide.unit_label(typed) in (zh, typed)


def test_the_trace_of_a_line_typed_in_tonnes_on_a_chinese_page_reads_t_in_english(inventory, client_for):
    from django.urls import reverse

    from tests.inventory.conftest import add_lines

    add_lines(inventory, "energy", [{"activity": "raw_coal", "amount": 1000, "unit": "吨"}])
    line = inventory.versions.filter(section="energy").order_by("-number").first().lines.get()
    client = client_for("park_admin")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("releases:trace", args=[inventory.pk, line.pk])).content.decode()
    assert "1,000 t ·" in page or "1000 t ·" in page
