"""Who may do what, on which rows: the ONE place that answers it.

Three parts, all read by views, form dropdowns, exports and (later) the API:

* ``POLICY``: ``{(object_type, action): roles}`` -- which roles may perform an action at all.
  Other apps add their object types here (e.g. ``("inventory", "view")``) so that every permission of
  the platform stays in one reviewable table (``parkcarbon print_policy`` prints it).
* ``Scope``: which parks / enterprises / agencies a user's memberships reach for one
  (object_type, action). Each role contributes rows in one way (``ROLE_REACH``).
* ``TenantQuerySet.for_user(user, action)``: the queryset entry point. Each tenant model's queryset
  says how a ``Scope`` maps to its rows (``scope_filter``); ``can(user, action, obj)`` is defined on top.

Creating a child object is an action on its parent (``("park", "add_enterprise")``), so "which parks
may this user add enterprises to" is simply ``Park.objects.for_user(user, "add_enterprise")``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PLATFORM_ADMIN = "platform_admin", _("Platform administrator")
    PARK_ADMIN = "park_admin", _("Park administrator")
    PARK_VIEWER = "park_viewer", _("Park viewer")
    ENTERPRISE_REPORTER = "enterprise_reporter", _("Enterprise reporter")
    ENTERPRISE_MANAGER = "enterprise_manager", _("Enterprise manager")
    VERIFIER = "verifier", _("Verifier")
    AUTHORITY_VIEWER = "authority_viewer", _("Authority viewer")


R = Role
ALL_ROLES = frozenset(Role.values)
PARK_STAFF = frozenset({R.PLATFORM_ADMIN, R.PARK_ADMIN, R.PARK_VIEWER})
AGENCY_ROLES = frozenset({R.VERIFIER, R.AUTHORITY_VIEWER})
ENTERPRISE_ROLES = frozenset({R.ENTERPRISE_REPORTER, R.ENTERPRISE_MANAGER})
ADMINS = frozenset({R.PLATFORM_ADMIN, R.PARK_ADMIN})

# How a membership of each role reaches rows: everything, its park, its enterprise, or whatever its
# agency is assigned to (a park assignment reaches everything in that park).
ROLE_REACH = {
    R.PLATFORM_ADMIN: "all",
    R.PARK_ADMIN: "park",
    R.PARK_VIEWER: "park",
    R.ENTERPRISE_REPORTER: "enterprise",
    R.ENTERPRISE_MANAGER: "enterprise",
    R.VERIFIER: "agency",
    R.AUTHORITY_VIEWER: "agency",
}

# (object_type, action) -> roles allowed. Missing key = nobody (fail closed).
POLICY: dict[tuple[str, str], frozenset[str]] = {
    ("park", "view"): ALL_ROLES,
    ("park", "change"): ADMINS,  # the park profile; a park admin only their own park (scope)
    ("park", "add_zone"): ADMINS,
    ("park", "add_enterprise"): ADMINS,
    ("park", "add_agency"): ADMINS,
    ("park", "add_user"): ADMINS,
    ("zone", "view"): ALL_ROLES,
    ("zone", "change"): ADMINS,
    ("enterprise", "view"): ALL_ROLES,
    ("enterprise", "change"): ADMINS,
    ("agency", "view"): PARK_STAFF | AGENCY_ROLES,
    ("agency", "change"): ADMINS,
    ("agency", "assign"): ADMINS,
    ("membership", "view"): ADMINS,
    ("membership", "change"): ADMINS,
    # Carbon accounting (parkcarbon.inventory). Creating an inventory is an action on its entity.
    ("enterprise", "add_inventory"): ADMINS | ENTERPRISE_ROLES,
    ("park", "add_inventory"): ADMINS,
    ("park", "set_gwp"): ADMINS,  # the one GWP set of the park's totals
    ("inventory", "view"): ALL_ROLES,
    ("inventory", "change"): ADMINS | ENTERPRISE_ROLES,
    ("inventory", "submit"): ADMINS | {R.ENTERPRISE_MANAGER},
    # Verification workflow (parkcarbon.verification; the states each step starts from are in WORKFLOW below).
    ("inventory", "review"): ADMINS,  # accept a submitted inventory, or return it to the reporter
    ("inventory", "verify"): frozenset({R.VERIFIER}),  # comment, adjust, conclude: the assigned agency only (scope)
    ("inventory", "new_version"): ADMINS | {R.ENTERPRISE_MANAGER},  # correct a concluded inventory
    # Reports (parkcarbon.reports): same reach as the inventories they are made from. Generating one only reads
    # data the user already sees, so every role that sees an inventory may generate its report.
    ("report", "view"): ALL_ROLES,
    ("report", "create"): ALL_ROLES,
    # Thresholds and alerts (parkcarbon.alerts): alerts have the reach of their inventory; only the park's
    # administrators manage rules; park viewers, verifiers and authority viewers only read alerts.
    ("park", "add_rule"): ADMINS,
    ("rule", "view"): ADMINS,
    ("rule", "change"): ADMINS,
    ("alert", "view"): ALL_ROLES,
    ("alert", "acknowledge"): ADMINS | ENTERPRISE_ROLES,
    # Interface management (parkcarbon.api). A token acts as its user; park admins create their own and list or
    # revoke those of their park's users. Meters map an enterprise's metering system to its activities.
    ("api_token", "create"): ADMINS,
    ("api_token", "view"): ADMINS,
    ("api_token", "change"): ADMINS,
    ("enterprise", "add_meter"): ADMINS | {R.ENTERPRISE_MANAGER},
    ("meter", "view"): ALL_ROLES,
    ("meter", "change"): ADMINS | {R.ENTERPRISE_MANAGER},
    ("meter", "add_reading"): ADMINS | ENTERPRISE_ROLES,
    # Carbon information disclosure (parkcarbon.disclosure). Prepared by a park admin (the park or any enterprise of
    # it) or an enterprise manager (their enterprise), approved by a SECOND such person (disclosure.services refuses
    # the preparer), then published. Drafts are read with the reach of the entity; published ones are public.
    ("park", "add_disclosure"): ADMINS,
    ("enterprise", "add_disclosure"): ADMINS | {R.ENTERPRISE_MANAGER},
    ("disclosure", "view"): ALL_ROLES,
    ("disclosure", "change"): ADMINS | {R.ENTERPRISE_MANAGER},
    ("disclosure", "submit"): ADMINS | {R.ENTERPRISE_MANAGER},
    ("disclosure", "approve"): ADMINS | {R.ENTERPRISE_MANAGER},
    ("disclosure", "publish"): ADMINS | {R.ENTERPRISE_MANAGER},
    ("disclosure", "correct"): ADMINS | {R.ENTERPRISE_MANAGER},
    # Factor library releases (parkcarbon.releases, #23). Moving a draft to another release is ("inventory",
    # "change"); restating a concluded inventory is the "new_version" workflow step. A park's series of years is
    # restated by its administrators.
    ("park", "restate_series"): ADMINS,
    # A park's own factors (park releases): read by everyone who sees the park's data, written by its
    # administrators; approval by a second administrator (releases.park_releases refuses the author).
    ("park", "add_park_release"): ADMINS,
    ("park_release", "view"): ALL_ROLES,
    ("park_release", "change"): ADMINS,
    ("park_release", "approve"): ADMINS,
    # Carbon assets (parkcarbon.assets): accounts, their ledger, allocations, offsets and prices have the reach of the
    # account (park staff and agencies assigned to the park: all of it; enterprise users: their enterprise's). Only
    # the park's administrators and the enterprise's manager record, allocate or surrender; everyone else reads.
    ("asset_account", "view"): ALL_ROLES,
    ("asset_account", "record"): ADMINS | {R.ENTERPRISE_MANAGER},
    ("asset_account", "surrender"): ADMINS | {R.ENTERPRISE_MANAGER},
    ("enterprise", "add_asset_account"): ADMINS | {R.ENTERPRISE_MANAGER},
    ("enterprise", "allocate"): ADMINS | {R.ENTERPRISE_MANAGER},
    ("park", "add_price"): ADMINS,
    # Trial applications and trial periods (parkcarbon.trials): the platform operator reviews applications and
    # extends a park's trial or converts it to a full account.
    ("trial_application", "view"): frozenset({R.PLATFORM_ADMIN}),
    ("trial_application", "decide"): frozenset({R.PLATFORM_ADMIN}),
    ("park", "manage_trial"): frozenset({R.PLATFORM_ADMIN}),
    # Analysis (parkcarbon.analysis): the dashboard and forecasts read inventories with their own reach. A park's
    # scenarios are read by everyone who sees its data and changed by its administrators; the forecast of every
    # enterprise of a park is started and read by park-wide roles only.
    ("park", "add_scenario"): ADMINS,
    ("scenario", "view"): ALL_ROLES,
    ("scenario", "change"): ADMINS,
    ("park", "run_forecast"): ADMINS,
    ("forecast_run", "view"): PARK_STAFF | AGENCY_ROLES,
}

# Trial period (parkcarbon.trials): once a park's trial has ended its data is read-only for the park's own users
# and the agencies serving it, until a platform administrator extends the trial or converts the park. Reading,
# exports and reports stay allowed, and so does managing the park's user accounts (password links, deactivation).
# Platform administrators are the operator and keep their reach. Enforced here, in scope_for, so every view and
# API endpoint that asks for_user / can refuses writes in the same way.
ALLOWED_AFTER_TRIAL = frozenset({("report", "create"), ("membership", "change"), ("api_token", "create"),
                                 ("api_token", "change")})


def _writable(park, object_type: str, action: str) -> bool:
    if action == "view" or (object_type, action) in ALLOWED_AFTER_TRIAL:
        return True
    return park is None or not getattr(park, "trial_expired", False)

# The inventory workflow: step -> (POLICY action on the inventory, statuses it starts from, status it leads to;
# None = the status stays). Who may take a step on which inventory is POLICY + scope; when is this table. A
# verifier additionally never verifies data they entered (``workflow_refusal``).
WORKFLOW: dict[str, tuple[str, frozenset[str], str | None]] = {
    "submit": ("submit", frozenset({"draft", "returned"}), "submitted"),
    "accept": ("review", frozenset({"submitted"}), "under_verification"),
    "return": ("review", frozenset({"submitted"}), "returned"),
    "review_comment": ("review", frozenset({"submitted"}), None),
    "verify_comment": ("verify", frozenset({"under_verification"}), None),
    "adjust": ("verify", frozenset({"under_verification"}), None),
    "conclude": ("verify", frozenset({"under_verification"}), "verified"),  # or not_verified, by the opinion
    "new_version": ("new_version", frozenset({"verified", "not_verified"}), "draft"),
}


def workflow_refusal(user, step: str, inventory, entered_by: frozenset[int] = frozenset()) -> str:
    """Why ``user`` may not take workflow ``step`` on ``inventory`` now: "status", "role", "entered" or "" (may).
    ``entered_by``: ids of the users who entered the inventory's data (they never verify it)."""
    action, sources, _target = WORKFLOW[step]
    if inventory.status not in sources:
        return "status"
    if not can(user, action, inventory):
        return "role"
    if action == "verify" and user.pk in entered_by:
        return "entered"
    return ""


# Which roles a user holding a role may grant to others (user creation form).
GRANTABLE = {
    R.PLATFORM_ADMIN: frozenset(ALL_ROLES),
    R.PARK_ADMIN: frozenset(
        {R.PARK_VIEWER, R.ENTERPRISE_REPORTER, R.ENTERPRISE_MANAGER, R.VERIFIER, R.AUTHORITY_VIEWER}
    ),
}


def allowed_roles(object_type: str, action: str) -> frozenset[str]:
    return POLICY.get((object_type, action), frozenset())


@dataclass
class Scope:
    """The rows a user reaches for one (object_type, action). Empty scope = no rows."""

    everything: bool = False
    parks: set[int] = field(default_factory=set)  # parks held through a park role (manage/view staff)
    agency_parks: set[int] = field(default_factory=set)  # parks assigned to the user's agency
    enterprises: set[int] = field(default_factory=set)  # own enterprise or assigned to the agency
    agencies: set[int] = field(default_factory=set)  # the user's own agencies

    @property
    def all_parks(self) -> set[int]:
        return self.parks | self.agency_parks

    def __bool__(self) -> bool:
        return self.everything or bool(self.all_parks or self.enterprises or self.agencies)


def memberships(user) -> list:
    """The user's memberships, loaded once per request and cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_parkcarbon_memberships", None)
    if cached is None:
        # The model's order (username, role) is, for one user's rows, the order of roles; sorted here (pk breaking
        # ties) because the ORM's ORDER BY handling cost a third of this query's work, on every page.
        cached = sorted(
            user.memberships.select_related("park", "enterprise__park", "agency").prefetch_related(
                "agency__parks", "agency__enterprises__park"
            ).order_by(),
            key=lambda m: (m.role, m.pk),
        )
        user._parkcarbon_memberships = cached
    return cached


def forget_memberships(user) -> None:
    """Call after changing a user's memberships within the same request."""
    user.__dict__.pop("_parkcarbon_memberships", None)


def user_roles(user) -> set[str]:
    return {m.role for m in memberships(user)}


def has_role_for(user, object_type: str, action: str) -> bool:
    """Does any of the user's roles allow this action at all (regardless of which rows exist)?"""
    return bool(user_roles(user) & allowed_roles(object_type, action))


def is_platform_admin(user) -> bool:
    return R.PLATFORM_ADMIN in user_roles(user)


def scope_for(user, object_type: str, action: str) -> Scope:
    roles = allowed_roles(object_type, action)
    scope = Scope()
    for m in memberships(user):
        if m.role not in roles:
            continue
        reach = ROLE_REACH[m.role]
        if reach == "all":
            scope.everything = True
        elif reach == "park" and m.park_id:
            if _writable(m.park, object_type, action):
                scope.parks.add(m.park_id)
        elif reach == "enterprise" and m.enterprise_id:
            if _writable(m.enterprise.park, object_type, action):
                scope.enterprises.add(m.enterprise_id)
        elif reach == "agency" and m.agency_id:
            # An agency may serve several parks; a membership granted by one park's admin reaches only that park's
            # assignments (otherwise that admin could read every other park the agency serves).
            scope.agencies.add(m.agency_id)
            scope.agency_parks.update(p.pk for p in m.agency.parks.all()
                                      if (not m.park_id or p.pk == m.park_id) and _writable(p, object_type, action))
            scope.enterprises.update(
                e.pk for e in m.agency.enterprises.all()
                if (not m.park_id or e.park_id == m.park_id) and _writable(e.park, object_type, action))
    return scope


class TenantQuerySet(models.QuerySet):
    """Base queryset of every tenant model. Subclasses set ``policy_type`` and ``scope_filter``."""

    policy_type: str = ""

    def scope_filter(self, scope: Scope) -> models.Q:
        raise NotImplementedError

    @staticmethod
    def scope_admits(scope: Scope, obj) -> bool:
        """``scope_filter(scope)`` asked of one loaded row in Python: does the scope reach ``obj``? A model that
        defines it lets :func:`can_loaded` answer without a query; it must say exactly what ``scope_filter`` says."""
        raise NotImplementedError

    def for_user(self, user, action: str = "view"):
        scope = scope_for(user, self.policy_type, action)
        if scope.everything:
            return self.all()
        if not scope:
            return self.none()
        # Filter through a pk subquery so joins over many-to-many relations never duplicate rows.
        matching = self.model._base_manager.filter(self.scope_filter(scope)).values("pk")
        return self.filter(pk__in=matching)


def can(user, action: str, obj) -> bool:
    """May ``user`` perform ``action`` on ``obj``?

    ``obj`` is a model instance (checked against its rows) or a model class (may the user do this
    action on at least some rows of that type, e.g. to show a "New" button).
    """
    if isinstance(obj, type):
        return obj._default_manager.for_user(user, action).exists()
    return type(obj)._default_manager.for_user(user, action).filter(pk=obj.pk).exists()


def can_loaded(user, action: str, obj) -> bool:
    """``can(user, action, obj)`` for a row read from the database in this request, answered in Python from the
    user's memberships (loaded once per request) and the row's own foreign keys, without a query. Only for models
    whose queryset defines ``scope_admits`` (the Python form of its ``scope_filter``)."""
    queryset = type(obj)._default_manager.get_queryset()
    scope = scope_for(user, queryset.policy_type, action)
    return scope.everything or (bool(scope) and queryset.scope_admits(scope, obj))


def with_permissions(queryset, user, actions: list[str]):
    """``queryset`` with a boolean ``can_<action>`` on each row for each action: ``can(user, action, row)`` for
    all of them in the query that reads the rows (a page that shows an edit and a submit button asks nothing more)."""
    from django.db.models import Exists, OuterRef, Value

    manager = queryset.model._default_manager
    return queryset.annotate(**{
        f"can_{action}": (Exists(manager.for_user(user, action).filter(pk=OuterRef("pk")))
                          if scope_for(user, queryset.policy_type, action) else Value(False))
        for action in actions})


def can_each(user, actions: list[str], obj) -> dict[str, bool]:
    """``{action: can(user, action, obj)}`` for several actions on one row, asking the database once."""
    row = with_permissions(type(obj)._default_manager.filter(pk=obj.pk), user, actions).values_list(
        *(f"can_{a}" for a in actions)).first()
    return dict(zip(actions, row or [False] * len(actions), strict=True))


def grantable_roles(user) -> list[tuple[str, str]]:
    """(value, label) of the roles ``user`` may grant, in the canonical order of ``Role``."""
    granted: set[str] = set()
    for role in user_roles(user):
        granted |= GRANTABLE.get(role, frozenset())
    return [(value, label) for value, label in Role.choices if value in granted]


def policy_rows() -> list[tuple[str, str, list[str]]]:
    """The table as sorted rows, for printing and review."""
    return [(t, a, sorted(roles)) for (t, a), roles in sorted(POLICY.items())]
