"""The lines table names each factor's source in a short chip (its first 36 characters): in the page's language
where sources.csv titles a source in both ("中文标题 (English title)"). Walk of 2026-11-29, walker4: every English
page showed "工业其他行业企业温室气体排放核算方法与报告指南（试行） (Guidel…"."""

import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from parkcarbon.inventory import guide

CHIP = re.compile(r'<span class="muted small" title="[^"]*">([^<]*)</span>')
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_a_bilingual_title_in_each_language_and_others_as_they_are():
    title = "工业其他行业企业温室气体排放核算方法与报告指南（试行） (Guidelines for GHG accounting and reporting of other industrial enterprises)"
    with override("en"):
        assert guide.source_short(title).startswith("Guidelines for GHG accounting")
        assert guide.source_short("2006 IPCC Guidelines (Volume 2)") == "2006 IPCC Guidelines (Volume 2)"
    with override("zh-hans"):
        assert guide.source_short(title) == "工业其他行业企业温室气体排放核算方法与报告指南（试行）"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_lines_table_names_sources_in_the_pages_language(inventory, client_for, lang):
    client = client_for("enterprise_reporter")
    client.post(reverse("set_language"), {"language": lang, "next": "/"})
    html = client.get(reverse("inventory:detail", args=[inventory.pk])).content.decode()
    chips = CHIP.findall(html)
    assert chips, "the fixture's coal, gas and electricity lines cite sources"
    if lang == "en":
        assert not [c for c in chips if CJK.search(c)], chips
    else:
        assert all(CJK.search(c) for c in chips if "IPCC" not in c), chips
        assert not [c for c in chips if "(Guid" in c], chips
