"""Labels in one language and numbers formatted per locale (issue 14, item 6 and "must be true" 5)."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from parkcarbon.common.i18n import local_name
from parkcarbon.engine import load_library


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_numbers_have_thousands_separators_in_both_languages(language):
    with translation.override(language):
        html = Template(
            "{% load humanize parkcarbon %}{{ v|floatformat:1|intcomma }} {{ v|num:1 }} {{ n|num }} {{ s|num }} "
            "{{ code|num }} {{ d|num:2 }}"
        ).render(Context({"v": 6201307.7, "n": 1234567, "s": "—", "code": "913206001234567890",
                          "d": Decimal("12345.5")}))
    assert html == "6,201,307.7 6,201,307.7 1,234,567 — 913206001234567890 12,345.50"  # text is never regrouped


def test_number_format_in_python_follows_the_same_rule():
    from django.utils.formats import number_format

    with translation.override("zh-hans"):
        assert number_format(61582.25, 1, force_grouping=True) == "61,582.2"


@pytest.mark.parametrize(("language", "expected", "absent"), [
    ("zh-hans", "江苏", "Jiangsu"), ("en", "Jiangsu", "江苏"),
])
def test_region_names_in_one_language(language, expected, absent):
    regions = load_library().regions
    with translation.override(language):
        label = local_name(regions["CN-JS"])
        grid = local_name(regions[regions["CN-JS"]["parent"]])
        from parkcarbon.inventory.regions import province_choices

        choices = dict(province_choices())
    assert expected in label and absent not in label
    assert absent not in grid and absent not in choices["CN-JS"]
    if language == "zh-hans":
        assert "grid" not in grid and all(not any(c.isascii() and c.isalpha() for c in v) for v in choices.values())
    else:
        assert all(v.isascii() for v in choices.values())


def test_local_name_falls_back_when_one_language_is_missing():
    with translation.override("en"):
        assert local_name({"name_zh": "只有中文", "name_en": ""}) == "只有中文"
    with translation.override("zh-hans"):
        assert local_name({"name_zh": "", "name_en": "English only"}) == "English only"


@pytest.mark.parametrize(("language", "absent"), [("zh-hans", "Test Park A"), ("en", "国家级经济技术开发区")])
def test_park_page_heading_in_one_language(world, client_for, language, absent):
    c = client_for("park_admin")
    c.post("/i18n/setlang/", {"language": language, "next": "/"})
    html = c.get(f"/park/{world.park.pk}/").content.decode()
    head = html[html.index("<h1>"): html.index('<div class="card-grid">')]
    assert absent not in head
