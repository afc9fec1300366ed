"""Demo: one enterprise draft started before the newest factor release was installed, so the inventory page shows the
notice of a newer release and "compare" shows what it would change (the East China grid factor of data year 2023)."""

from __future__ import annotations

from parkcarbon.engine import load_library, releases
from parkcarbon.engine.factor_releases import factor_changes
from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import Inventory


def grid_release() -> str | None:
    """The newest older release whose grid electricity factors differ from the installed one's (None if none)."""
    newest = load_library()
    for release in reversed(releases()[:-1]):
        changes = factor_changes(load_library(release=release.id), newest)
        if any((c.new or c.old).subject in ("electricity_grid", "grid_electricity") for c in changes):
            return release.id
    return None


def load_demo_releases(park) -> int:
    """Pin one draft with grid electricity, on the regional grid average, to the newest release whose grid factors
    differ from the installed one's. Returns 1 when it did, 0 when there is nothing to do (already done, or no such
    release installed)."""
    older = grid_release()
    if older is None:
        return 0
    drafts = Inventory.objects.filter(park=park, status="draft", enterprise__isnull=False,
                                      versions__lines__activity="electricity_grid").order_by("-year", "enterprise__name")
    if drafts.filter(factor_release=older).exists():
        return 0
    inventory = drafts.first()
    if inventory is None:
        return 0
    inventory.grid_basis, inventory.factor_release = "regional", older
    inventory.save(update_fields=["grid_basis", "factor_release", "updated_at"])
    inventory_services.refresh_snapshot(inventory)
    return 1
