"""Shared view helpers (tenant lookups, full page vs htmx partial) and the home / coming pages."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from parkcarbon.common import navigation
from parkcarbon.common.dashboard import dashboard_cards
from parkcarbon.common.policy import can, memberships


def member_required(view):
    """Login required; a user without any role sees a page explaining that, instead of empty pages."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not memberships(request.user):
            return render(request, "common/no_role.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def object_for(request, queryset, action: str = "view", **lookup):
    """Fetch one row for the current user: 404 if they cannot see it, 403 if seen but not allowed."""
    manager = getattr(queryset, "objects", queryset)
    try:
        obj = manager.for_user(request.user, "view").get(**lookup)
    except manager.model.DoesNotExist as exc:
        raise Http404 from exc
    if action != "view" and not can(request.user, action, obj):
        raise PermissionDenied
    return obj


def render_page(request, template: str, partial: str | None, context: dict):
    """Render the whole page, or only ``partial`` for an htmx request that swaps a region."""
    if partial and request.htmx and not request.htmx.boosted:
        return render(request, partial, context)
    return render(request, template, context)


@member_required
def home(request):
    return render(request, "common/home.html", {"cards": dashboard_cards(request.user)})


@member_required
def coming(request, section: str):
    try:
        item = navigation.get(section)
    except KeyError as exc:
        raise Http404 from exc
    if item.built:
        raise Http404  # the real section exists now; nothing is "coming" any more
    return render(request, "common/coming.html", {"section": item})
