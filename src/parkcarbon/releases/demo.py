"""Demo: one enterprise draft started before the newest factor release was installed, so the inventory page shows the
notice of a newer release and "compare" shows what it would change (the East China grid factor of data year 2023)."""

from __future__ import annotations

from parkcarbon.engine import releases
from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import Inventory


def load_demo_releases(park) -> int:
    """Pin one draft with grid electricity, on the regional grid average, to the release before the newest. Returns 1
    when it did, 0 when there is nothing to do (already done, or a single release installed)."""
    installed = releases()
    if len(installed) < 2:
        return 0
    older = installed[-2].id
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
