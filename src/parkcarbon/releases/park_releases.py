"""A park's own factors (#23): park releases on top of a shipped release, written by a park administrator and
approved by a second person before an inventory of the park may use them. The engine computes with the shipped
library plus the overlay (engine/park_factors.py); this module keeps the rows, the review and its history."""

from __future__ import annotations

import csv
import io
from functools import lru_cache

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from parkcarbon.common.policy import can, is_platform_admin, scope_for
from parkcarbon.engine import factor_releases, load_library, park_factors
from parkcarbon.engine.library import OPEN_END, Library
from parkcarbon.releases.models import ParkFactor, ParkRelease, ParkReleaseEvent, ParkReleaseState

State = ParkReleaseState
Event = ParkReleaseEvent.Action


def is_park_release(release_id: str) -> bool:
    return "+" in (release_id or "")


def _zh() -> bool:
    return (get_language() or "en").startswith("zh")


def _log(release: ParkRelease, user, action: str, note: str = "") -> None:
    ParkReleaseEvent.objects.create(release=release, action=action, by=user, note=note[:2000])


# ------------------------------------------------------------------------------------------------ the set itself

@transaction.atomic
def create(park, user, base_release: str, title: str) -> ParkRelease:
    """A new draft park release on ``base_release`` (a shipped release), numbered after the park's last one."""
    if not can(user, "add_park_release", park):
        raise PermissionDenied(_("Your role does not allow adding factors for this park."))
    try:
        base_release = factor_releases.get(base_release).id
    except factor_releases.UnknownRelease:
        raise ValidationError(_("Unknown factor library release %(id)s.") % {"id": base_release}) from None
    if not (title or "").strip():
        raise ValidationError(_("Give the factor set a title."))
    type(park).objects.select_for_update().filter(pk=park.pk).first()  # numbers are given one at a time per park
    last = ParkRelease.objects.filter(park=park).aggregate(n=Max("number"))["n"] or 0
    release = ParkRelease.objects.create(park=park, base_release=base_release, number=last + 1,
                                         title=title.strip()[:200], created_by=user)
    _log(release, user, Event.CREATED)
    return release


def _editable(release: ParkRelease, user) -> None:
    if not can(user, "change", release):
        raise PermissionDenied(_("Your role does not allow changing this park's factors."))
    if release.state not in (State.DRAFT, State.REJECTED):
        raise ValidationError(_("Only a draft or rejected factor set can be changed; an approved one never changes "
                                "(start a new set)."))


def _refuse(found: list[park_factors.RowProblem]) -> None:
    if found:
        raise ValidationError([p.message(_zh()) for p in found])


@transaction.atomic
def add_factors(release: ParkRelease, user, rows: list[dict]) -> list[ParkFactor]:
    """Add rows (engine COLUMNS) to a draft: checked together with the rows already in the set with the library
    loader's rules; a bad row refuses them all (nothing is added) with a message naming the row."""
    release = ParkRelease.objects.select_for_update().get(pk=release.pk)
    _editable(release, user)
    existing = [f.row() for f in release.factors.all()]
    base = load_library(release=release.base_release)
    _refuse(park_factors.problems(base, rows))  # rows numbered as given (the form's one row, the file's rows)
    _refuse(park_factors.problems(base, existing + rows))  # against the set: numbered as the set's table (#)
    start = len(existing)
    added = []
    for n, row in enumerate(rows, start=start + 1):
        data = {k: ("" if row.get(k) is None else str(row.get(k)).strip()) for k in park_factors.COLUMNS}
        added.append(ParkFactor.objects.create(
            release=release, position=n, created_by=user, subject=data["subject"], param=data["param"],
            gas=data["gas"], qualifier=data["qualifier"], region=data["region"] or "CN",
            valid_from=int(float(data["valid_from"])),
            valid_to=int(float(data["valid_to"])) if data["valid_to"] and int(float(data["valid_to"])) != OPEN_END
            else None, value=float(data["value"]), unit=data["unit"],
            uncertainty_pct=float(data["uncertainty_pct"] or 0), source_document=data["source_document"],
            source_table=data["source_table"], source_year=int(float(data["source_year"])), note=data["note"]))
        _log(release, user, Event.FACTOR_ADDED, f"#{n} {data['subject']} {data['param']} {data['gas']} = "
                                                f"{data['value']} {data['unit']}")
    return added


@transaction.atomic
def remove_factor(factor: ParkFactor, user) -> None:
    release = ParkRelease.objects.select_for_update().get(pk=factor.release_id)
    _editable(release, user)
    note = f"#{factor.position} {factor.subject} {factor.param} {factor.gas} = {factor.value} {factor.unit}"
    factor.delete()
    for n, f in enumerate(release.factors.order_by("position"), start=1):  # keep positions 1..n (ids of factors)
        if f.position != n:
            ParkFactor.objects.filter(pk=f.pk).update(position=n)
    _log(release, user, Event.FACTOR_REMOVED, note)


# -------------------------------------------------------------------------------------------------- the review

@transaction.atomic
def submit(release: ParkRelease, user) -> ParkRelease:
    """Ask for review: the set must have factors and pass every check of the library loader."""
    release = ParkRelease.objects.select_for_update().get(pk=release.pk)
    _editable(release, user)
    rows = [f.row() for f in release.factors.all()]
    if not rows:
        raise ValidationError(_("Add at least one factor before submitting the set."))
    _refuse(park_factors.problems(load_library(release=release.base_release), rows))
    release.state, release.submitted_by, release.submitted_at = State.SUBMITTED, user, timezone.now()
    release.reviewed_by, release.reviewed_at, release.rejection_reason = None, None, ""
    release.save()
    _log(release, user, Event.SUBMITTED)
    return release


def authors(release: ParkRelease) -> set[int]:
    """Everyone who wrote the set: its creator, whoever added a factor and whoever submitted it."""
    ids = set(release.events.filter(action__in=[Event.CREATED, Event.FACTOR_ADDED, Event.FACTOR_REMOVED,
                                                Event.SUBMITTED]).values_list("by_id", flat=True))
    return {i for i in ids | {release.created_by_id, release.submitted_by_id} if i}


def review_refusal(release: ParkRelease, user) -> str:
    """Why ``user`` may not approve or reject ``release`` now ("" when they may): the state, the role (another
    administrator of the park or a platform administrator) or being one of its authors."""
    if release.state != State.SUBMITTED:
        return _("Only a submitted factor set can be reviewed.")
    if not can(user, "approve", release):
        return _("Only an administrator of this park or a platform administrator reviews its factors.")
    if user.pk in authors(release):
        return _("A second person must review the factors: you wrote or submitted this set.")
    return ""


def _review(release: ParkRelease, user) -> ParkRelease:
    release = ParkRelease.objects.select_for_update().get(pk=release.pk)
    refusal = review_refusal(release, user)
    if refusal and release.state != State.SUBMITTED:
        raise ValidationError(refusal)  # a state that cannot be reviewed: a bad request, whoever asks
    if refusal:
        raise PermissionDenied(refusal)  # the role, or an author: never this person
    return release


@transaction.atomic
def approve(release: ParkRelease, user) -> ParkRelease:
    release = _review(release, user)
    _refuse(park_factors.problems(load_library(release=release.base_release), [f.row() for f in release.factors.all()]))
    release.state, release.reviewed_by, release.reviewed_at = State.APPROVED, user, timezone.now()
    release.save()
    _log(release, user, Event.APPROVED)
    return release


@transaction.atomic
def reject(release: ParkRelease, user, reason: str) -> ParkRelease:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the factor set is rejected."))
    release = _review(release, user)
    release.state, release.reviewed_by, release.reviewed_at = State.REJECTED, user, timezone.now()
    release.rejection_reason = reason[:2000]
    release.save()
    _log(release, user, Event.REJECTED, reason)
    return release


# ---------------------------------------------------------------------------------------- using approved sets

def approved_for(park) -> list[ParkRelease]:
    """The park's approved releases (what its inventories may be pinned to, compared with, restated onto)."""
    if park is None:
        return []
    return list(ParkRelease.objects.approved().filter(park=park).select_related("park"))


def release_choices(park) -> list[tuple[str, str]]:
    """Shipped releases, then the park's approved releases, for the compare / move / restate pickers."""
    out = [(r.id, f"{r.id} ({r.date.isoformat()})") for r in factor_releases.releases()]
    return out + [(r.release_id, f"{r.release_id} — {r.title}") for r in approved_for(park)]


def find(release_id: str, park) -> ParkRelease | None:
    """The approved park release ``release_id`` of ``park`` (None when it is not one, or another park's)."""
    if not is_park_release(release_id) or park is None:
        return None
    for r in approved_for(park):
        if r.release_id == release_id:
            return r
    return None


def library(release_id: str, park) -> Library:
    """The library of an approved park release of ``park``: the shipped base with the park's factors laid over."""
    release = find(release_id, park)
    if release is None:
        raise ValidationError(_("Unknown factor library release %(id)s.") % {"id": release_id})
    rows = tuple(tuple(sorted((k, "" if v is None else str(v)) for k, v in f.row().items()))
                 for f in release.factors.all())
    return _overlay(release.base_release, release.release_id, rows, str(park))


@lru_cache(maxsize=32)
def _overlay(base: str, release_id: str, rows: tuple, park_name: str) -> Library:
    """Keyed by the rows themselves: an approved set never changes, and a cached library is never another's."""
    return park_factors.overlay(load_library(release=base), release_id, [dict(r) for r in rows], park_name)


def factor_record(factor_id: str, park) -> ParkFactor | None:
    """The park factor behind an engine factor id (``demo-etdz.1-001``), for trace: its author and approver."""
    head, _sep, position = factor_id.rpartition("-")
    if not position.isdigit():
        return None
    for r in approved_for(park):
        if r.release_id.split("+", 1)[1] == head:
            return r.factors.filter(position=int(position)).select_related("created_by", "release__reviewed_by",
                                                                           "release__submitted_by").first()
    return None


def visible(user):
    return ParkRelease.objects.for_user(user).select_related("park", "created_by", "reviewed_by")


def reviewable_by(user) -> bool:
    return is_platform_admin(user) or bool(scope_for(user, "park_release", "approve"))


# -------------------------------------------------------------------------------------------------- the upload

def read_upload(upload) -> list[dict]:
    """Rows of a CSV or xlsx file in the park factor column layout (engine/park_factors.py COLUMNS, header first)."""
    name = (getattr(upload, "name", "") or "").lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(upload, read_only=True, data_only=True).active
        except Exception:  # noqa: BLE001 -- any unreadable workbook is the same refusal for the user
            raise ValidationError(_("The file is not a readable xlsx workbook.")) from None
        table = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    elif name.endswith(".csv"):
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The CSV file must be UTF-8 text.")) from None
        table = list(csv.reader(io.StringIO(text)))
    else:
        raise ValidationError(_("Upload a .csv or .xlsx file."))
    table = [r for r in table if any(str(c).strip() for c in r)]
    if not table:
        raise ValidationError(_("The file is empty."))
    header = [str(c).strip() for c in table[0]]
    missing = [c for c in park_factors.COLUMNS if c not in header]
    if missing:
        raise ValidationError(_("The file lacks the columns %(columns)s (header row: %(expected)s).") % {
            "columns": ", ".join(missing), "expected": ",".join(park_factors.COLUMNS)})
    return [{c: (r[header.index(c)] if header.index(c) < len(r) else "") for c in park_factors.COLUMNS}
            for r in table[1:]]
