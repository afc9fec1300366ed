"""A whole-year line's month reads "Whole year" on English pages, as the line form offers it (walk of 2026-11-29,
walker4: the lines table and the preview's months said a bare "year"); 全年 on Chinese pages, as before."""

import re

import pytest
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "words"), [("en", "Whole year"), ("zh-hans", "全年")])
def test_whole_year_in_words(inventory, client_for, lang, words):
    client = client_for("enterprise_reporter")
    client.post(reverse("set_language"), {"language": lang, "next": "/"})
    detail = client.get(reverse("inventory:detail", args=[inventory.pk])).content.decode()
    assert f"<td>{words}</td>" in detail  # the fixture's grid electricity is a whole-year line
    assert "<td>year</td>" not in detail
    preview = client.get(reverse("inventory:preview", args=[inventory.pk])).content.decode()
    assert re.search(rf'<div class="muted small">{words}</div>', preview)
