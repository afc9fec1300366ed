"""The demo park shows releases: one draft pinned to an older release whose grid factors differ, with the notice and a
comparison that changes the grid electricity lines."""

import io

from django.core.management import call_command
from django.urls import reverse

from parkcarbon.engine import releases
from parkcarbon.inventory.models import Inventory
from parkcarbon.releases import services
from parkcarbon.releases.demo import grid_release


def test_demo_has_a_draft_with_a_newer_release_to_compare(db, client, django_user_model):
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    call_command("load_demo", allow_production=True, stdout=io.StringIO())  # safe to run again
    older = grid_release()
    (inventory,) = Inventory.objects.filter(park__code="demo-etdz", factor_release=older)
    assert inventory.status == "draft" and services.newer_release(inventory) == releases()[-1].id
    comparison = services.compare(inventory, releases()[-1].id)
    assert comparison.change < 0 and {line.activity for line in comparison.lines} == {"electricity_grid"}
    client.force_login(django_user_model.objects.get(username="park_admin"))
    page = client.get(reverse("inventory:detail", args=[inventory.pk])).content.decode()
    assert 'data-testid="release-notice"' in page and releases()[-1].id in page
