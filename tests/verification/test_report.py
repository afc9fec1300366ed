"""Reports state the verifier's conclusion when the inventory's current version has one, in the report's language."""

import pytest
from django.utils import translation

from parkcarbon.inventory.models import Inventory
from parkcarbon.reports.content import LANGUAGE, TEMPLATES
from parkcarbon.reports.documents.html import render_html
from parkcarbon.reports.services import collect_facts
from parkcarbon.verification import services


@pytest.mark.parametrize("template", ["cn_enterprise", "ghg_protocol"])
def test_the_report_states_the_conclusion(inventory, world, template):
    Inventory.objects.filter(pk=inventory.pk).update(status="under_verification")
    inventory.refresh_from_db()
    with translation.override(LANGUAGE[template]):
        before = render_html(TEMPLATES[template](collect_facts(inventory, template))).decode()
        services.conclude(inventory, world.users["verifier"], "qualified", "Coal weighed at the gate; 2 % restated.")
        inventory.refresh_from_db()
        html = render_html(TEMPLATES[template](collect_facts(inventory, template))).decode()
    statement = "Coal weighed at the gate; 2 % restated."
    assert statement not in before
    assert statement in html
    assert ("verified with qualifications" if template == "ghg_protocol" else "有保留意见的核查通过") in html
    assert ("Verifier Co" if template == "ghg_protocol" else "核查机构") in html


def test_a_new_version_has_no_conclusion_until_verified_again(inventory, world):
    Inventory.objects.filter(pk=inventory.pk).update(status="under_verification")
    inventory.refresh_from_db()
    services.conclude(inventory, world.users["verifier"], "verified", "Complete.")
    services.new_version(inventory, world.users["park_admin"], "Restatement")
    with translation.override("en"):
        facts = collect_facts(inventory, "ghg_protocol")
    assert facts.provenance.verification == ""
    assert facts.provenance.draft  # the new version is a draft again
