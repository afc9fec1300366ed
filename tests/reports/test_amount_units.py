"""Activity units in the guideline tables (preview and reports) read in the report's language: a park-inventory
table of enteric fermentation said "90.000 head" on a Chinese page (walk of 2026-11-29, walker4), while the lines
table beside it said 头. Word units and powers of ten are written in Chinese in a Chinese report, as their code in
an English one; symbols (t, MWh, ha) stay symbols in both."""

import re

import pytest
from django.urls import reverse

from parkcarbon.inventory import services
from parkcarbon.reports.content.labels import amount_unit
from tests.inventory.conftest import add_lines
from tests.inventory.test_preview_tables import tables


@pytest.mark.parametrize(
    ("unit", "zh", "en"),
    [
        ("head", "头", "head"),
        ("well", "口", "well"),
        ("10^4 Nm3", "万Nm3", "10^4 Nm3"),
        ("t", "t", "t"),
        ("MWh", "MWh", "MWh"),
        ("头", "头", "head"),
        ("吨", "吨", "t"),
        ("不知道", "不知道", "不知道"),
    ],
)
def test_amount_unit_in_each_language(unit, zh, en):
    assert amount_unit(unit, True) == zh
    assert amount_unit(unit, False) == en


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "unit", "other"), [("zh-hans", "头", "head"), ("en", "head", "头")])
def test_the_preview_guideline_table_gives_the_cattle_in_the_pages_language(
    inventory, client_for, lang, unit, other
):
    inventory.methodologies = ["cn_iron_steel", "cn_park_inventory"]
    inventory.save()
    add_lines(inventory, "afolu", [{"activity": "enteric_dairy_cattle", "amount": 90, "unit": "head"}])
    services.refresh_snapshot(inventory)
    page = (
        client_for("enterprise_reporter")
        .get(reverse("inventory:preview", args=[inventory.pk]), HTTP_ACCEPT_LANGUAGE=lang)
        .content.decode()
    )
    [activity_table] = [
        text
        for key, text in tables(page).items()
        if key.startswith("guideline_cn_park_inventory") and re.search(r"\b90\.000\b", text)
    ]
    assert re.search(rf"90\.000 {unit}(?!\w)", activity_table), activity_table
    assert not re.search(rf"90\.000 {other}(?!\w)", activity_table)
