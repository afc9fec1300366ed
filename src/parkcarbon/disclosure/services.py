"""The disclosure workflow: prepare (draft) -> submit for approval (content frozen) -> approve, by a second person,
or return -> publish. A correction opens the next version of a published disclosure. Each step runs in a
transaction on the locked row, asks the policy (``common.policy``) and writes an ``Event``; views and the demo call
these functions only.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parkcarbon.common.policy import can, memberships
from parkcarbon.disclosure.content import build_snapshot
from parkcarbon.disclosure.items import DEFAULT_ITEMS
from parkcarbon.disclosure.models import Disclosure, Event, State

# step -> (POLICY action on the disclosure, states it starts from, state it leads to)
STEPS = {
    "edit": ("change", {State.DRAFT}, State.DRAFT),
    "submit": ("submit", {State.DRAFT}, State.PENDING),
    "return": ("approve", {State.PENDING, State.APPROVED}, State.DRAFT),
    "approve": ("approve", {State.PENDING}, State.APPROVED),
    "publish": ("publish", {State.APPROVED}, State.PUBLISHED),
    "correct": ("correct", {State.PUBLISHED}, None),
}


def public_name(user, disclosure: Disclosure | None = None) -> str:
    """How a person is named publicly: their full name, else their role (never the login name)."""
    if user is None:
        return ""
    full = user.get_full_name().strip()
    if full:
        return full
    roles = [m for m in memberships(user)]
    return str(roles[0].get_role_display()) if roles else _("Platform user")


def refusal(user, step: str, disclosure: Disclosure) -> str:
    """Why ``user`` may not take ``step`` now ("" = may)."""
    action, sources, _target = STEPS[step]
    if disclosure.state not in sources:
        return _("This step is not possible while the disclosure is “%(state)s”.") % {
            "state": disclosure.get_state_display()}
    if not can(user, action, disclosure):
        return _("Your role does not allow this step on this disclosure.")
    if step == "approve" and user.pk in preparers(disclosure):
        return _("You prepared this disclosure; a second person must approve it.")
    return ""


def preparers(disclosure: Disclosure) -> set[int]:
    """Who prepared this version: its creator, whoever submitted it and whoever saved it as a draft."""
    ids = {disclosure.prepared_by_id, disclosure.submitted_by_id}
    ids |= set(disclosure.history.filter(state=State.DRAFT).values_list("history_user_id", flat=True))
    return {i for i in ids if i is not None}


def allowed_steps(user, disclosure: Disclosure) -> set[str]:
    return {step for step in STEPS if not refusal(user, step, disclosure)}


def _lock(disclosure: Disclosure, user, step: str) -> Disclosure:
    locked = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
    reason = refusal(user, step, locked)
    if reason:
        raise PermissionDenied(reason)
    return locked


def _save(disclosure: Disclosure, user) -> None:
    disclosure._history_user = user  # the history names who, also outside a web request (demo, API)
    disclosure.save()


def _event(disclosure: Disclosure, action: str, old: str, user, note: str = "") -> Event:
    return Event.objects.create(disclosure=disclosure, action=action, old_state=old, new_state=disclosure.state,
                                by=user, note=note[:2000])


def may_create(user, park, enterprise) -> bool:
    return can(user, "add_disclosure", enterprise if enterprise is not None else park)


@transaction.atomic
def create(user, park, enterprise, year: int) -> Disclosure:
    """A new draft for an entity and year; refused when the entity already has a disclosure of that year (its
    next version is a correction)."""
    if not may_create(user, park, enterprise):
        raise PermissionDenied(_("Your role does not allow preparing a disclosure for this entity."))
    if enterprise is not None and enterprise.park_id != park.pk:
        raise ValidationError(_("The enterprise is not in this park."))
    existing = Disclosure.objects.select_for_update().filter(park=park, enterprise=enterprise, year=year)
    if existing.exists():
        raise ValidationError(_("A disclosure of %(entity)s for %(year)s exists already; open it, or publish a "
                                "correction of it.") % {"entity": enterprise or park, "year": year})
    disclosure = Disclosure.objects.create(park=park, enterprise=enterprise, year=year, prepared_by=user,
                                           items=list(DEFAULT_ITEMS),
                                           frameworks=["cn_mee_order_24", "cn_format_guideline_2021", "gri_305",
                                                       "ifrs_s2"] if enterprise else ["gri_305", "ifrs_s2"])
    _event(disclosure, "prepare", "", user)
    return disclosure


@transaction.atomic
def submit(disclosure: Disclosure, user) -> Disclosure:
    """Freeze the content and ask for approval; refused with every problem when something cannot be disclosed."""
    d = _lock(disclosure, user, "submit")
    d.snapshot = build_snapshot(d, public_name(d.prepared_by, d))
    old, d.state, d.submitted_by, d.submitted_at = d.state, State.PENDING, user, timezone.now()
    _save(d, user)
    _event(d, "submit", old, user)
    return d


@transaction.atomic
def return_to_draft(disclosure: Disclosure, user, note: str) -> Disclosure:
    d = _lock(disclosure, user, "return")
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Please say what should change."))
    old, d.state, d.snapshot, d.approved_by, d.approved_at = d.state, State.DRAFT, {}, None, None
    _save(d, user)
    _event(d, "return", old, user, note)
    return d


@transaction.atomic
def approve(disclosure: Disclosure, user, note: str = "") -> Disclosure:
    d = _lock(disclosure, user, "approve")
    old, d.state, d.approved_by, d.approved_at = d.state, State.APPROVED, user, timezone.now()
    d.snapshot = {**d.snapshot, "approved_by": public_name(user, d), "approved_at": d.approved_at.isoformat()}
    _save(d, user)
    _event(d, "approve", old, user, (note or "").strip())
    return d


def check_publishable(snapshot: dict) -> None:
    """The last guard before anything goes public: the frozen content states each unverified figure as such."""
    if not snapshot or not snapshot.get("items"):
        raise ValidationError(_("There is no approved content to publish."))
    if snapshot.get("unverified_items") and not snapshot.get("unverified_labelled"):
        raise ValidationError(_("Unverified figures may be published only labelled “unverified”."))
    if snapshot.get("version", 1) > 1 and not snapshot.get("correction_reason"):
        raise ValidationError(_("A correction needs its reason."))


@transaction.atomic
def publish(disclosure: Disclosure, user) -> Disclosure:
    d = _lock(disclosure, user, "publish")
    check_publishable(d.snapshot)
    old, d.state, d.published_by, d.published_at = d.state, State.PUBLISHED, user, timezone.now()
    d.snapshot = {**d.snapshot, "published_at": d.published_at.isoformat()}
    _save(d, user)
    _event(d, "publish", old, user)
    return d


@transaction.atomic
def correct(disclosure: Disclosure, user, reason: str) -> Disclosure:
    """Open the next version of a published disclosure as a draft, with the reason for the correction (required).
    The published version stays as it is, and public."""
    d = _lock(disclosure, user, "correct")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("A correction needs its reason."))
    latest = Disclosure.objects.select_for_update().filter(series=d.series).order_by("-version").first()
    if latest.pk != d.pk:
        raise ValidationError(_("Version %(n)s of this disclosure exists already; correct that one.") % {
            "n": latest.version})
    copy = {f.name: getattr(d, f.name) for f in Disclosure._meta.concrete_fields
            if f.name.startswith("target_") or f.name in ("items", "frameworks", "label_unverified", "measures")}
    new = Disclosure.objects.create(park=d.park, enterprise=d.enterprise, year=d.year, series=d.series,
                                    version=d.version + 1, correction_reason=reason, prepared_by=user, **copy)
    _event(new, "correct", "", user, reason)
    return new
