"""Helpers shared by the routers: one object for the caller (404 when not theirs), pagination."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Schema

from parkcarbon.common.policy import can

MAX_PAGE = 1000
TEXT = r"^[^\x00-\x1f\x7f]*$"  # one line of text without control characters (PostgreSQL refuses NUL)
ID_MAX = 2**63 - 1  # database primary keys are 64-bit: a larger id is simply not found


class Paging(Schema):
    offset: int = Field(0, ge=0, le=10**9)
    limit: int = Field(100, ge=1, le=MAX_PAGE)


def get_for(request, model_or_qs, pk, action: str = "view"):
    """The row ``pk`` as the UI would find it: 404 when the caller cannot see it, 403 when seen but not allowed."""
    if not 0 < pk <= ID_MAX:
        raise Http404
    manager = getattr(model_or_qs, "objects", model_or_qs)
    obj = manager.for_user(request.user, "view").filter(pk=pk).first()
    if obj is None:
        raise Http404
    if action != "view" and not can(request.user, action, obj):
        raise PermissionDenied
    return obj


def page(queryset, offset: int, limit: int, serialize) -> dict:
    return {"count": queryset.count(), "offset": offset, "limit": limit,
            "items": [serialize(obj) for obj in queryset[offset:offset + limit]]}
