"""Sections are listed in the template's order (energy, industrial processes, waste, AFOLU), not by their keys'
alphabet (walk of 2026-11-29, walker2: an upload of every sheet and the preview's "By section" put AFOLU first)."""

from django.core.files.base import ContentFile
from django.urls import reverse

from parkcarbon.inventory.models import ImportStatus, PendingImport
from parkcarbon.inventory.preview import preview_context
from tests.inventory.conftest import add_lines


def test_preview_by_section_starts_with_energy(inventory):
    add_lines(inventory, "afolu", [{"activity": "enteric_dairy_cattle", "amount": 10, "unit": "head"}])
    add_lines(inventory, "energy", [{"activity": "bituminous_coal", "amount": 100, "unit": "t"}])
    assert [s["key"] for s in preview_context(inventory)["by_section"]] == ["energy", "afolu"]


def test_the_upload_summary_starts_with_energy(inventory, world, client_for):
    pending = PendingImport.objects.create(
        inventory=inventory, file=ContentFile(b"x", name="data.xlsx"), file_name="data.xlsx",
        status=ImportStatus.VALID, created_by=world.users["enterprise_reporter"],
        preview={"afolu": {"lines": 1, "co2e": 1.0}, "energy": {"lines": 2, "co2e": 2.0},
                 "waste": {"lines": 3, "co2e": 3.0}, "ippu": {"lines": 4, "co2e": 4.0}})
    page = client_for("enterprise_reporter").get(reverse("inventory:import_detail", args=[inventory.pk, pending.pk]),
                                                 HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    at = [html.index(name) for name in ("Energy Activities", "Industrial Processes", "Waste Disposal",
                                        "Agriculture, Land Use Change and Forestry")]
    assert at == sorted(at)
