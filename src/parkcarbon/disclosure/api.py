"""Disclosures in the API (read): the ones the caller reaches, as in the UI's list, and one with its frozen content.
Published content is also public without credentials at /disclosure/<park code>/<id>/json/."""

from __future__ import annotations

from ninja import Field, Query, Router

from parkcarbon.api.common import Paging, get_for, page
from parkcarbon.disclosure.models import Disclosure, State

router = Router(tags=["disclosure"])


def disclosure_dict(d: Disclosure, content: bool = False) -> dict:
    row = {"id": d.pk, "park": d.park_id, "enterprise": d.enterprise_id, "year": d.year, "version": d.version,
           "state": d.state, "items": list(d.items), "frameworks": list(d.frameworks),
           "correction_reason": d.correction_reason,
           "published_at": d.published_at.isoformat() if d.published_at else None}
    if content:
        row["content"] = d.snapshot or None  # frozen at submission; none while a draft
    return row


class DisclosureFilter(Paging):
    year: int | None = Field(None, ge=1900, le=2200)
    state: State | None = None


@router.get("/disclosures", url_name="disclosures")
def disclosures(request, filters: Query[DisclosureFilter]):
    qs = Disclosure.objects.for_user(request.user).defer("snapshot").order_by("-year", "park", "enterprise", "-version")
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    if filters.state is not None:
        qs = qs.filter(state=filters.state)
    return page(qs, filters.offset, filters.limit, disclosure_dict)


@router.get("/disclosures/{disclosure_id}", url_name="disclosure")
def disclosure(request, disclosure_id: int):
    return disclosure_dict(get_for(request, Disclosure, disclosure_id), content=True)
