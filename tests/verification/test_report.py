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


@pytest.mark.parametrize("template", ["park_inventory", "ghg_protocol"])
def test_a_park_report_limited_to_verified_inventories_says_so(inventory, world, template):
    """Two inventories of park A: E1's verified with an adjusted coal line, E2's only submitted. The verified-only park
    report counts E1 alone at its verified figure and states the basis; the ordinary one counts both as reported."""
    from parkcarbon.inventory.services import current_lines
    from parkcarbon.reports.services import park_level_inventory
    from tests.inventory.conftest import add_lines

    second = Inventory.objects.create(park=world.park, enterprise=world.enterprise2, year=2023, region="CN-JS",
                                      status="submitted")
    add_lines(second, "energy", [{"activity": "diesel", "amount": 10, "unit": "t"}])
    Inventory.objects.filter(pk=inventory.pk).update(status="under_verification")
    inventory.refresh_from_db()
    coal = current_lines(inventory).get(activity="bituminous_coal")
    services.record_adjustment(inventory, world.users["verifier"], coal.pk, 500, "Weighbridge")
    conclusion = services.conclude(inventory, world.users["verifier"], "verified", "Complete.")
    park = park_level_inventory(world.park, 2023)
    with translation.override(LANGUAGE[template]):
        verified = collect_facts(park, template, verified_only=True)
        everything = collect_facts(park, template)
        html = render_html(TEMPLATES[template](verified)).decode()
    assert verified.total == pytest.approx(conclusion.verified_co2e, rel=1e-9)
    assert everything.total == pytest.approx(conclusion.reported_co2e + second.snapshot.total_co2e, rel=1e-9)
    assert len(verified.enterprises) == 1 and len(everything.enterprises) == 2
    assert ("at their verified figures (1 with amounts adjusted by the verifier)" if template == "ghg_protocol"
            else "仅计入核查通过的企业清单（1 份），按核查数据计，其中 1 份按核查机构调整后的数据") in html


def test_verified_only_is_a_choice_of_the_park_report_form(client, world):
    from parkcarbon.reports.models import Report

    client.force_login(world.users["park_admin"])
    url = f"/reports/new/?park={world.park.pk}&year=2023"
    page = client.get(url)
    assert b'data-testid="report-verified-only"' in page.content
    client.post(url, {"park": world.park.pk, "year": 2023, "template": "park_inventory", "verified_only": "on"})
    assert Report.objects.get().verified_only
