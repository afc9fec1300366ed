"""QA walk: a disclosure submitted while its author used English froze the method's standard and boundary in
English for both languages (an eager gettext), and listed the guidelines as codes ("cn_iron_steel") on the public
page. The frozen copy now holds each label in both languages and the guidelines by their titles."""

import pytest
from django.urls import reverse

from parkcarbon.engine.methodology import methodologies
from tests.disclosure.conftest import published

pytestmark = pytest.mark.django_db


def test_method_labels_are_frozen_in_both_languages(world, verified, second_manager, client):
    from parkcarbon.inventory.models import Inventory

    Inventory.objects.filter(pk=verified.pk).update(methodologies=["cn_iron_steel"])
    d = published(world, second_manager, items=["total", "method"])  # the conftest runs this in English
    method = d.snapshot["data"]["method"]
    assert method["boundary"]["zh"].startswith("运营控制法")
    assert method["boundary"]["en"].startswith("Operational control")
    codes = method["methodologies"]
    assert codes == ["cn_iron_steel"]
    assert method["methodology_names"] == [
        {"zh": methodologies()[c].title_zh, "en": methodologies()[c].title_en} for c in codes]

    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("disclosure:public_detail", args=[world.park.code, d.pk])).content.decode()
    assert "运营控制法" in page and "Operational control" not in page
    assert methodologies()[codes[0]].title_zh in page


def test_park_total_boundary_is_frozen_in_both_languages():
    from types import SimpleNamespace

    from parkcarbon.disclosure.content import _method

    figures = SimpleNamespace(method={"standard": "park_total"}, counted=3, gwp_set="AR5")
    method = _method(figures, None)
    assert method["standard"] == {"zh": "园区清单", "en": "Park inventory"}
    assert "3" in method["boundary"]["zh"] and "AR5" in method["boundary"]["zh"]
    assert method["boundary"]["zh"].startswith("园区总量") and method["boundary"]["en"].startswith("Park total")
