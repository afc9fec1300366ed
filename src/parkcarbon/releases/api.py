"""Releases in the API: the installed factor library releases with their changes, and "compare with release X" of
an inventory (line by line, factors old and new with sources, totals)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from parkcarbon.api.common import get_for
from parkcarbon.api.errors import ApiError
from parkcarbon.engine import factor_releases, load_library, releases
from parkcarbon.engine.park_factors import factor_id
from parkcarbon.inventory.models import Inventory
from parkcarbon.releases import park_releases, services
from parkcarbon.releases.models import ParkRelease

router = Router(tags=["releases"])


def factor_dict(f) -> dict | None:
    if f is None:
        return None
    return {"id": f.id, "value": f.value, "unit": f.unit, "region": f.region, "valid_from": f.valid_from,
            "valid_to": None if f.valid_to == 9999 else f.valid_to, "dataset": f.dataset, "source": f.source,
            "table": f.table, "provenance": f.provenance}


@router.get("/releases", url_name="releases")
def release_list(request):
    """Installed releases, oldest first; each with its changelog, content hash and the factors it changed: ``kind``
    added, removed, changed, or ``citation`` when only the table cited, the provenance or the note changed (value,
    unit, validity and source unchanged)."""
    out = []
    for r in releases():
        before = factor_releases.previous(r.id)
        changes = factor_releases.factor_changes(load_library(release=before), load_library(release=r.id)) \
            if before else []
        out.append({"id": r.id, "date": r.date.isoformat(), "newest": r.newest, "sha256": r.sha256,
                    "changelog_en": r.changelog_en, "changelog_zh": r.changelog_zh, "previous": before,
                    "changes": [{"kind": c.kind, "id": c.id, "old": factor_dict(c.old), "new": factor_dict(c.new)}
                                for c in changes]})
    return out


class CompareQuery(Schema):
    release: str = Field(description="a shipped release (2026.3) or a park release (2026.3+demo-etdz.1)")

    @field_validator("release")
    @classmethod
    def plus_not_space(cls, value: str) -> str:
        """A '+' typed into a query string arrives as a space; release ids never hold one, so it was a '+'."""
        return value.replace(" ", "+")


@router.get("/inventories/{inventory_id}/compare", url_name="inventory_compare")
def compare(request, inventory_id: int, query: Query[CompareQuery]):
    """The inventory computed with its pinned release and with ``release``: totals (their difference is the
    change), by section, and each line that differs with the factors that changed."""
    inventory = get_for(request, Inventory, inventory_id)
    try:
        c = services.compare(inventory, query.release)
    except ValidationError as exc:
        raise ApiError(exc.messages[0], [{"field": "release", "message": exc.messages[0]}]) from None
    return {
        "inventory": inventory.pk, "pinned_release": c.old_release, "release": c.new_release,
        "old_total_co2e": c.old_total, "new_total_co2e": c.new_total, "change_co2e": c.change,
        "by_section": [{"section": k, "old": old, "new": new, "change": ch} for k, old, new, ch in c.sections],
        "line_count": c.line_count,
        "lines": [{"line": int(line.line_id), "activity": line.activity, "section": line.section,
                   "amount": line.amount, "unit": line.unit, "month": line.month, "old_co2e": line.old_co2e,
                   "new_co2e": line.new_co2e, "change": line.change,
                   "factors": [{"param": f.param, "old": factor_dict(f.old), "new": factor_dict(f.new)}
                               for f in line.factors]} for line in c.lines],
    }


def park_release_dict(r, with_factors: bool = False) -> dict:
    out = {"id": r.pk, "release": r.release_id, "park": r.park_id, "base_release": r.base_release, "title": r.title,
           "state": r.state, "created_by": str(r.created_by or ""), "submitted_at": r.submitted_at,
           "reviewed_by": str(r.reviewed_by or ""), "reviewed_at": r.reviewed_at,
           "rejection_reason": r.rejection_reason}
    if with_factors:
        out["factors"] = [{**f.row(), "id": factor_id(r.release_id, f.position), "author": str(f.created_by or "")}
                          for f in r.factors.select_related("created_by")]
        out["history"] = [{"action": e.action, "by": str(e.by or ""), "at": e.at, "note": e.note}
                          for e in r.events.select_related("by")]
    return out


@router.get("/park-releases", url_name="park_releases")
def park_release_list(request):
    """The park factor sets the user may see (their parks'; platform administrators: all), newest first."""
    return [park_release_dict(r) for r in park_releases.visible(request.user).order_by("park", "-number")]


@router.get("/park-releases/{release_id}", url_name="park_release")
def park_release_detail(request, release_id: int):
    """One park factor set with its factors (provenance, author) and its history (who did what, when)."""
    return park_release_dict(get_for(request, ParkRelease, release_id), with_factors=True)
