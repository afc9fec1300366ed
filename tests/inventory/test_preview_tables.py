"""The preview lays out the chosen guidelines' report tables as the report does (issue 14, item 5): each titled with
its guideline, columns in words, and, when two guidelines apply, a reconciliation whose total is the headline."""

import re

import pytest
from django.urls import reverse

from parkcarbon.engine import methodology as M
from parkcarbon.inventory import services
from tests.inventory.test_browser_entry import raw_keys

GUIDELINES = ["cn_iron_steel", "cn_other_industry"]  # both cover the fixture's coal, gas and electricity


def tables(page: str) -> dict[str, str]:
    """{data-table key: the section's text} of the preview's guideline tables."""
    found = re.findall(r'<section class="card card-flush" data-testid="guideline-table" data-table="([^"]+)">(.*?)</section>',
                       page, re.S)
    return {key: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)) for key, html in found}


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_preview_tables_name_their_guideline_and_reconcile_to_the_total(inventory, client_for, lang):
    inventory.methodologies = GUIDELINES
    inventory.save()
    snapshot = services.refresh_snapshot(inventory)
    page = client_for("enterprise_reporter").get(reverse("inventory:preview", args=[inventory.pk]),
                                                 HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    found = tables(page)
    for m in map(M.get, GUIDELINES):
        title = m.title_zh if lang == "zh-hans" else m.title_en
        assert any(title in text for key, text in found.items()
                   if key.startswith(f"guideline_{m.id}_")), (m.id, list(found))
    reconciliation = found["guideline_reconciliation"]
    assert f"{snapshot.total_co2e:,.2f}" in reconciliation  # its total row is the headline
    for text in found.values():
        assert not raw_keys(text), raw_keys(text)


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_preview_factor_table_names_subjects_and_parameters_in_words(inventory, client_for, lang):
    page = client_for("enterprise_reporter").get(reverse("inventory:preview", args=[inventory.pk]),
                                                 HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    table = page.split('data-testid="factor-table"')[1].split("</table>")[0]
    text = re.sub(r"<code>[^<]*</code>", " ", table)  # the factor ids are citations, kept as they are
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))
    assert "bituminous_coal" not in text and not raw_keys(text), raw_keys(text)
