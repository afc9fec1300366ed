"""Template context shared by every page: the navigation resolved for the current user and URL."""

from parkcarbon.common.navigation import NAV_ITEMS
from parkcarbon.common.policy import memberships


def _entry(item, user, view_name, kwargs):
    children = [_entry(c, user, view_name, kwargs) for c in item.children if c.is_visible(user)]
    return {
        "key": item.key,
        "label": item.label,
        "description": item.description,
        "icon": item.icon,
        "url": item.url(),
        "built": item.built,
        "active": item.is_active(view_name, kwargs) or any(c["active"] for c in children),
        "children": children,
    }


def navigation_items(user, view_name: str = "", kwargs: dict | None = None) -> list[dict]:
    if not user.is_authenticated:
        return []
    return [_entry(i, user, view_name, kwargs or {}) for i in NAV_ITEMS if i.is_visible(user)]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "my_memberships": []}
    match = request.resolver_match
    view_name = match.view_name if match else ""
    kwargs = match.kwargs if match else {}
    return {"nav_items": navigation_items(user, view_name, kwargs), "my_memberships": memberships(user)}
