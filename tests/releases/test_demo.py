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
    older, basis = grid_release()
    (inventory,) = Inventory.objects.filter(park__code="demo-etdz", factor_release=older)
    assert inventory.status == "draft" and services.newer_release(inventory) == releases()[-1].id
    assert inventory.grid_basis == basis
    comparison = services.compare(inventory, releases()[-1].id)
    assert comparison.change < 0 and {line.activity for line in comparison.lines} == {"electricity_grid"}
    client.force_login(django_user_model.objects.get(username="park_admin"))
    page = client.get(reverse("inventory:detail", args=[inventory.pk])).content.decode()
    assert 'data-testid="release-notice"' in page and releases()[-1].id in page
    # the park's own factors: one approved set (author park_admin, approver platform_admin) computes one draft,
    # and a second set waits for review
    from parkcarbon.releases.models import ParkRelease

    approved, pending = (ParkRelease.objects.get(park__code="demo-etdz", state=s) for s in ("approved", "submitted"))
    assert (approved.created_by.username, approved.reviewed_by.username) == ("park_admin", "platform_admin")
    (used,) = Inventory.objects.filter(factor_release=approved.release_id)
    comparison = services.compare(used, approved.base_release)
    assert {line.activity for line in comparison.lines} == {"electricity_grid", "bituminous_coal"}
    assert comparison.change > 0  # the shipped defaults give more than the PPA factor and the measured NCV
    page = client.get(reverse("releases:park_release", args=[pending.pk])).content.decode()
    assert 'data-testid="approve-park-release"' not in page  # park_admin wrote it: a second person reviews
