"""Recomputing a park (e.g. after a factor library update): every inventory's stored totals computed again from its
lines, one task per park so that task workers on any number of machines share the parks."""

import logging
import time

from django.tasks import task

log = logging.getLogger(__name__)


@task()
def recompute_park(park_id: int) -> dict:
    """Recompute every inventory of the park from its stored lines; returns counts and seconds."""
    from parkcarbon.inventory import services
    from parkcarbon.inventory.models import ActivityLine, Inventory

    started = time.perf_counter()
    inventories = list(Inventory.objects.filter(park_id=park_id).order_by("pk"))
    for inventory in inventories:
        services.refresh_snapshot(inventory)
    lines = ActivityLine.objects.filter(version__inventory__park_id=park_id).count()
    seconds = time.perf_counter() - started
    log.info("park %s recomputed", park_id, extra={"inventories": len(inventories), "lines": lines,
                                                   "seconds": round(seconds, 3)})
    return {"park": park_id, "inventories": len(inventories), "lines": lines, "seconds": seconds}
