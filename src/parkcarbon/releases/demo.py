"""Demo: one enterprise draft started before the newest factor release was installed, so the inventory page shows the
notice of a newer release and "compare" shows what it would change (the grid factor that release changed: the East
China grid's of data year 2023 in 2026.1, the provincial factors of data year 2023 in 2026.6)."""

from __future__ import annotations

from parkcarbon.engine import load_library, releases
from parkcarbon.engine.factor_releases import factor_changes
from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import Inventory


def grid_release() -> tuple[str, str] | None:
    """The newest older release whose grid electricity factor values differ from the installed one's in a year of the
    demo's inventories, with the grid basis that shows the difference: "regional" when a regional grid's factor
    changed, else "provincial" (None if no release differs; a changed citation alone does not count, nor a factor of
    other years only, e.g. the pre-2021 regional averages of 2026.7)."""
    from parkcarbon.inventory.demo import YEARS

    newest = load_library()
    for release in reversed(releases()[:-1]):
        changed = [(c.new or c.old) for c in factor_changes(load_library(release=release.id), newest)
                   if (c.new or c.old).subject in ("electricity_grid", "grid_electricity") and c.kind != "citation"
                   and any(newest.is_valid(c.new or c.old, year) for year in YEARS)]
        if changed:
            regional = any(f.region.startswith("CN-GRID") for f in changed)
            return release.id, "regional" if regional else "provincial"
    return None


def load_demo_releases(park) -> int:
    """Pin one draft with grid electricity, on the grid basis that shows the change, to the newest release whose grid
    factors differ from the installed one's. Returns 1 when it did, 0 when there is nothing to do (already done, or no such
    release installed)."""
    found = grid_release()
    if found is None:
        return 0
    older, basis = found
    drafts = Inventory.objects.filter(park=park, status="draft", enterprise__isnull=False,
                                      versions__lines__activity="electricity_grid").order_by("-year", "enterprise__name")
    if drafts.filter(factor_release=older).exists():
        return 0
    inventory = drafts.first()
    if inventory is None:
        return 0
    inventory.grid_basis, inventory.factor_release = basis, older
    inventory.save(update_fields=["grid_basis", "factor_release", "updated_at"])
    inventory_services.refresh_snapshot(inventory)
    return 1


# The demo park's own factors (#23): documents of the demo, not real ones; the values are plausible for their kind
# (a PPA with a wind farm mixed with grid supply; a bituminous coal a little below the 23.204 GJ/t default).
DEMO_APPROVED = [
    {"subject": "electricity_grid", "param": "ef_grid", "gas": "CO2", "region": "CN", "value": 0.2150,
     "unit": "tCO2/MWh", "uncertainty_pct": 3, "source_document": "PPA-2023-017 supply contract with attached "
     "supplier emission statement (demo) / 购电协议PPA-2023-017及供应商排放声明（示范）",
     "source_table": "Annex 2, supplier-specific emission factor", "note": "wind PPA plus residual grid supply"},
    {"subject": "bituminous_coal", "param": "ncv", "gas": "", "region": "CN", "value": 21.85, "unit": "GJ/t",
     "uncertainty_pct": 2, "source_document": "Coal laboratory report LAB-2023-114, GB/T 213 (demo) / 煤质化验报告"
     "LAB-2023-114（示范）", "source_table": "Table 1, net calorific value as received, annual weighted mean",
     "note": "measured by the park's accredited laboratory"},
]
DEMO_SUBMITTED = [
    {"subject": "bituminous_coal", "param": "cc", "gas": "", "region": "CN", "value": 0.02571, "unit": "tC/GJ",
     "uncertainty_pct": 2, "source_document": "Coal laboratory report LAB-2024-031, GB/T 476 (demo) / 煤质化验报告"
     "LAB-2024-031（示范）", "source_table": "Table 2, carbon content per unit of heat", "note": ""},
]


def load_demo_park_factors(park) -> int:
    """An approved park factor set (written by the park administrator, approved by the platform administrator) used
    by one enterprise draft of the park, and a second set submitted and waiting for review. Returns the number of
    sets created (0 when already there or when the demo has no such draft)."""
    from django.contrib.auth import get_user_model

    from parkcarbon.engine import factor_releases
    from parkcarbon.releases import park_releases

    if park.park_releases.exists():
        return 0
    users = get_user_model().objects.filter(username__in=["park_admin", "platform_admin"]).in_bulk(
        field_name="username")
    author, approver = users.get("park_admin"), users.get("platform_admin")
    newest = factor_releases.latest()
    inventory = Inventory.objects.filter(
        park=park, status="draft", enterprise__isnull=False, factor_release=newest,
        versions__lines__activity="electricity_grid").filter(
        versions__lines__activity="bituminous_coal").distinct().order_by("-year", "enterprise__name").first()
    if inventory is None or author is None or approver is None:
        return 0
    year = inventory.year
    approved = park_releases.create(park, author, newest, "PPA supplier electricity and measured coal NCV (demo) / "
                                                          "购电协议电力因子与实测煤低位发热量（示范）")
    park_releases.add_factors(approved, author, [
        {**row, "valid_from": year, "valid_to": year, "source_year": year, "qualifier": ""} for row in DEMO_APPROVED])
    park_releases.submit(approved, author)
    park_releases.approve(approved, approver)
    pending = park_releases.create(park, author, newest, "Measured coal carbon content (demo) / 实测煤单位热值含碳量（示范）")
    park_releases.add_factors(pending, author, [
        {**row, "valid_from": year + 1, "valid_to": "", "source_year": year + 1, "qualifier": ""}
        for row in DEMO_SUBMITTED])
    park_releases.submit(pending, author)
    inventory.factor_release = approved.release_id
    inventory.save(update_fields=["factor_release", "updated_at"])
    inventory_services.refresh_snapshot(inventory)
    return 2
