"""``{% release_notice inventory %}`` on the inventory page: the release it is computed with, a notice when a newer
one exists (drafts can move to it), and its restatements; ``get_item`` reads a dict in templates, ``unit_label`` a unit."""

from django import template

from parkcarbon.common.policy import can
from parkcarbon.engine import factor_releases
from parkcarbon.inventory.models import EDITABLE_STATUSES

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def unit_label(unit):
    """A factor's unit in the page's language (tCH4/口 on zh pages; the stored unit stays the code)."""
    from parkcarbon.inventory.guide import unit_label as label

    return label(unit) if unit else unit


@register.inclusion_tag("releases/_notice.html", takes_context=True)
def release_notice(context, inventory):
    from parkcarbon.releases.services import newer_release

    try:
        release = factor_releases.get(inventory.factor_release)
    except factor_releases.UnknownRelease:
        release = None
    from parkcarbon.releases.park_releases import find

    return {"inventory": inventory, "release": release, "newer": newer_release(inventory),
            "park_release": find(inventory.factor_release, inventory.park),
            "draft": inventory.status in EDITABLE_STATUSES,
            # has_restatements: read with the inventory by the page that knows it (no query when there are none)
            "restatements": (list(inventory.restatements.select_related("by")[:5])
                             if getattr(inventory, "has_restatements", True) else []),
            "LANGUAGE_CODE": context.get("LANGUAGE_CODE")}


@register.inclusion_tag("releases/_park_basis.html", takes_context=True)
def park_release_basis(context, park, year):
    """Which factor release(s) a park page's figures of ``year`` are computed with: one basis, or a mix to restate."""
    from parkcarbon.inventory.models import Inventory

    counts: dict[str, int] = {}
    for release in Inventory.objects.for_user(context["request"].user).filter(park=park, year=year).values_list(
            "factor_release", flat=True):
        counts[release] = counts.get(release, 0) + 1
    return {"park": park, "year": year, "counts": sorted(counts.items()), "mixed": len(counts) > 1,
            "can_restate": can(context["request"].user, "restate_series", park)}
