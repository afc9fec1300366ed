"""The inventory's change history names the guidelines by their titles, not as a list of engine ids (walk of
2026-11-29, walker4: "核算指南: ['cn_iron_steel'] → ['cn_iron_steel', 'cn_park_inventory']")."""

import re

import pytest
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "old", "new"),
    [
        (
            "zh-hans",
            "《中国钢铁生产企业温室气体排放核算方法与报告指南（试行）》",
            "《中国钢铁生产企业温室气体排放核算方法与报告指南（试行）》、《省级温室气体清单编制指南（试行）（用于园区清单）》",
        ),
        (
            "en",
            "“Guidelines for GHG accounting and reporting of Chinese iron and steel enterprises”",
            "“Guidelines for GHG accounting and reporting of Chinese iron and steel enterprises”, "
            "“Guidelines for provincial GHG inventories, applied to an industrial park”",
        ),
    ],
)
def test_a_guideline_added_reads_in_titles(inventory, client_for, lang, old, new):
    inventory.methodologies = ["cn_iron_steel"]
    inventory.save()
    inventory.methodologies = ["cn_iron_steel", "cn_park_inventory"]
    inventory.save()
    client = client_for("enterprise_reporter")
    client.post(reverse("set_language"), {"language": lang, "next": "/"})
    html = client.get(reverse("inventory:history", args=[inventory.pk])).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&")
    assert "cn_iron_steel" not in text and "cn_park_inventory" not in text
    assert f"{old} → {new}" in text, text[text.find("→") - 300 : text.find("→") + 300]
