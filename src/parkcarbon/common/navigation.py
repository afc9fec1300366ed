"""The left navigation, as data. One list, one registration hook.

A section whose app does not exist yet has ``url_name=None`` and links to a "coming" page that says
what the section will do. When an app arrives it claims its section from its ``AppConfig.ready()``::

    from parkcarbon.common import navigation
    navigation.register("accounting", url_name="inventory:index", active_prefixes=("inventory:",))

Items may also be appended (``navigation.add(NavItem(...))``) for entirely new sections.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.policy import has_role_for, is_platform_admin, memberships


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    description: str  # shown on the "coming" page until the section is built, and as a tooltip
    icon: str  # a short glyph rendered in the sidebar; no icon font needed
    url_name: str | None = None  # None: the section is not built yet
    # Pages whose view name ("namespace:name") starts with one of these mark the item active.
    active_prefixes: tuple[str, ...] = ()
    children: tuple[NavItem, ...] = ()
    visible: Callable[[object], bool] | None = field(default=None, compare=False)

    @property
    def built(self) -> bool:
        return self.url_name is not None

    def url(self) -> str:
        return _url(self.url_name, self.key, get_script_prefix(), get_urlconf())

    def is_visible(self, user) -> bool:
        return self.visible is None or self.visible(user)

    def is_active(self, view_name: str, kwargs: dict) -> bool:
        if not self.built:
            return view_name == "coming" and kwargs.get("section") == self.key
        return view_name == self.url_name or view_name.startswith(self.active_prefixes or ("\0",))


@lru_cache(maxsize=256)
def _url(url_name: str | None, key: str, prefix: str, urlconf) -> str:
    """An item's URL, reversed once per process for each script prefix and URLconf (it depends on nothing else):
    every page draws the whole navigation, ~10 reversals that cost more than the rest of it."""
    if url_name:
        return reverse(url_name)
    return reverse("coming", kwargs={"section": key})


def _has_membership(user) -> bool:
    return bool(memberships(user))


def _can_manage_users(user) -> bool:
    return has_role_for(user, "membership", "view")


def _is_staff_admin(user) -> bool:
    return user.is_staff and is_platform_admin(user)


NAV_ITEMS: list[NavItem] = [
    NavItem(
        "accounting",
        _("Carbon Accounting"),
        _(
            "Enterprise greenhouse-gas inventories by scope and source, activity data import from "
            "spreadsheets, emission factors with their sources, and verification workflow."
        ),
        "碳",
    ),
    NavItem(
        "analysis",
        _("Analysis"),
        _(
            "Park-wide emission trends, intensity per output and per area, industry breakdowns and "
            "reduction scenarios, shown as interactive charts."
        ),
        "析",
    ),
    NavItem(
        "assets",
        _("Carbon Assets"),
        _(
            "Allowances under the national carbon market, CCER offsets and green certificates held by "
            "enterprises: balances, compliance positions and transactions."
        ),
        "资",
    ),
    NavItem(
        "reports",
        _("Reports"),
        _(
            "Generated park and enterprise reports (GHG inventory, key emitting unit reports) as "
            "downloadable documents, with the factor versions they used."
        ),
        "报",
    ),
    NavItem(
        "disclosure",
        _("Disclosure"),
        _(
            "Public carbon information disclosure of the park and its enterprises, prepared from "
            "verified data and approved before publication."
        ),
        "披",
    ),
    NavItem(
        "park",
        _("Park Management"),
        _("Parks, zones, enterprises, third-party agencies and user accounts."),
        "园",
        url_name="parks:park_list",
        active_prefixes=("parks:", "accounts:user"),
        visible=_has_membership,
        children=(
            NavItem(
                "park_overview",
                _("Parks and zones"),
                "",
                "",
                url_name="parks:park_list",
                active_prefixes=("parks:park", "parks:zone"),
            ),
            NavItem(
                "enterprises",
                _("Enterprises"),
                "",
                "",
                url_name="parks:enterprise_list",
                active_prefixes=("parks:enterprise",),
            ),
            NavItem(
                "agencies",
                _("Agencies"),
                "",
                "",
                url_name="parks:agency_list",
                active_prefixes=("parks:agency",),
                visible=lambda user: has_role_for(user, "agency", "view"),
            ),
            NavItem(
                "users",
                _("Users"),
                "",
                "",
                url_name="accounts:user_list",
                active_prefixes=("accounts:user",),
                visible=_can_manage_users,
            ),
        ),
    ),
    NavItem(
        "admin",
        _("System administration"),
        _("Django administration for platform administrators."),
        "管",
        url_name="admin:index",
        visible=_is_staff_admin,
    ),
]


def get(key: str) -> NavItem:
    for item in NAV_ITEMS:
        if item.key == key:
            return item
    raise KeyError(key)


def register(key: str, *, url_name: str, active_prefixes: tuple[str, ...] = ()) -> NavItem:
    """Point an existing section at its real URL (called by the app that implements it)."""
    index = next(i for i, item in enumerate(NAV_ITEMS) if item.key == key)
    NAV_ITEMS[index] = replace(NAV_ITEMS[index], url_name=url_name, active_prefixes=active_prefixes)
    return NAV_ITEMS[index]


def add(item: NavItem, *, before: str | None = "park") -> None:
    """Add a new top-level section (placed before Park Management by default)."""
    keys = [i.key for i in NAV_ITEMS]
    NAV_ITEMS.insert(keys.index(before) if before in keys else len(NAV_ITEMS), item)
