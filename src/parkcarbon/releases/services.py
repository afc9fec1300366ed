"""Releases in the platform (#23): what-if comparison of an inventory on another factor release, moving a draft to a
newer release, restating a concluded inventory as a new version, and a park's series restated in the background.

An inventory is computed with its pinned ``factor_release`` (inventory.services.library_of); nothing here changes a
submitted or concluded inventory's numbers: a restatement opens a new version (verification.services.new_version)
and the concluded one stays frozen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from parkcarbon.common.policy import can, workflow_refusal
from parkcarbon.engine import factor_releases
from parkcarbon.engine.errors import InputError
from parkcarbon.engine.library import Factor
from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import EDITABLE_STATUSES, Inventory, Status
from parkcarbon.releases.models import Restatement, SeriesRestatement, SeriesState

CONCLUDED = (Status.VERIFIED, Status.NOT_VERIFIED)


def newer_release(inventory: Inventory) -> str | None:
    """The newest installed release when the inventory is pinned to an older one (None otherwise)."""
    ids = [r.id for r in factor_releases.releases()]
    if ids and (inventory.factor_release or "").split("+", 1)[0] in ids[:-1]:  # a park release: by its base
        return ids[-1]
    return None


def release_or_refuse(release_id: str, park=None) -> str:
    """A shipped release id, or an approved park release of ``park``; anything else is refused as unknown (another
    park's release included: its factors are not this park's to see)."""
    from parkcarbon.releases import park_releases

    if park_releases.is_park_release(release_id):
        if park_releases.find(release_id, park) is None:
            raise ValidationError(_("Unknown factor library release %(id)s.") % {"id": release_id})
        return release_id
    try:
        return factor_releases.get(release_id).id
    except factor_releases.UnknownRelease:
        raise ValidationError(_("Unknown factor library release %(id)s.") % {"id": release_id}) from None


# ---------------------------------------------------------------------------------------------------- comparison

@dataclass
class FactorDifference:
    """One factor of a line whose value (or choice) differs between the two releases."""

    param: str
    old: Factor | None
    new: Factor | None


@dataclass
class LineComparison:
    line_id: str
    section: str
    activity: str
    amount: float
    unit: str
    month: int
    old_co2e: float
    new_co2e: float
    factors: list[FactorDifference] = field(default_factory=list)

    @property
    def change(self) -> float:
        return self.new_co2e - self.old_co2e


@dataclass
class Comparison:
    inventory: Inventory
    old_release: str
    new_release: str
    old_total: float
    new_total: float
    old_by_section: dict[str, float]
    new_by_section: dict[str, float]
    lines: list[LineComparison]  # every line whose CO2e or factors differ
    line_count: int

    @property
    def change(self) -> float:
        return self.new_total - self.old_total

    @property
    def change_pct(self) -> float | None:
        return 100 * self.change / self.old_total if self.old_total else None

    @property
    def sections(self) -> list[tuple[str, float, float, float]]:
        keys = sorted(set(self.old_by_section) | set(self.new_by_section))
        return [(k, self.old_by_section.get(k, 0.0), self.new_by_section.get(k, 0.0),
                 self.new_by_section.get(k, 0.0) - self.old_by_section.get(k, 0.0)) for k in keys]


def compare(inventory: Inventory, release_id: str) -> Comparison:
    """The inventory's current lines computed with its pinned release and with ``release_id``: line by line (only
    the lines that differ are listed), by section and in total, with each factor that changed (old and new value,
    source). Totals are the two computations' totals, so their difference is exactly the comparison's change."""
    release_id = release_or_refuse(release_id, inventory.park)
    pinned = inventory.factor_release or factor_releases.latest()
    rows = inventory_services.engine_frame(inventory_services.current_lines(inventory))
    if not len(rows):
        return Comparison(inventory, pinned, release_id, 0.0, 0.0, {}, {}, [], 0)
    old = _computed(inventory, rows, pinned)
    new = _computed(inventory, rows, release_id)
    old_lib = inventory_services.library_of(inventory, pinned)
    new_lib = inventory_services.library_of(inventory, release_id)
    a, b = old.lines, new.lines
    factor_cols = sorted({c for c in a.columns if c.startswith("factor:")} | {c for c in b.columns if c.startswith("factor:")})
    differs = ~np.isclose(a["co2e"].to_numpy(dtype=float), b["co2e"].to_numpy(dtype=float), rtol=0, atol=1e-12)
    col_values = {c: (_ids(a, c), _ids(b, c)) for c in factor_cols}
    for ids_a, ids_b in col_values.values():
        differs |= ids_a != ids_b
        for fid in set(ids_a[ids_a == ids_b]) - {""}:  # same id, changed content (a corrected value)
            if _content(old_lib.factors.get(fid)) != _content(new_lib.factors.get(fid)):
                differs |= ids_a == fid
    lines = []
    for i in np.flatnonzero(differs):
        changed = []
        for c, (ids_a, ids_b) in col_values.items():
            fa, fb = old_lib.factors.get(ids_a[i]), new_lib.factors.get(ids_b[i])
            if ids_a[i] != ids_b[i] or _content(fa) != _content(fb):
                changed.append(FactorDifference(c.split(":", 1)[1], fa, fb))
        lines.append(LineComparison(
            str(a["row_id"].iat[i]), str(a["section"].iat[i]), str(a["activity"].iat[i]), float(a["amount"].iat[i]),
            str(a["unit"].iat[i]), int(a["month"].iat[i]), float(a["co2e"].iat[i]), float(b["co2e"].iat[i]), changed))
    return Comparison(inventory, pinned, release_id, float(old.total_co2e), float(new.total_co2e),
                      _by_section(old), _by_section(new), lines, len(a))


def _ids(lines, column: str) -> np.ndarray:
    if column not in lines:
        return np.full(len(lines), "", dtype=object)
    return lines[column].astype(object).fillna("").astype(str).to_numpy()


def _content(f: Factor | None):
    # A factor "changed" when what the engine computes with or cites changed; a note saying what the value was
    # re-checked against (release 2026.5), or a provenance raised from transcription to official once the value was
    # read in the published text (release 2026.6, issue 15), changes neither the result nor the source, so it lists
    # no line.
    return None if f is None else {k: v for k, v in vars(f).items() if k not in ("file", "note", "provenance")}


def _by_section(result) -> dict[str, float]:
    return {str(k): float(v["co2e"]) for k, v in result.totals("section").iterrows()}


# ------------------------------------------------------------------------------------------ moving and restating

class NotComputable(ValidationError):
    """The inventory's lines cannot be computed with a release (e.g. an activity added after it: comparing a draft
    with coking or petrochemical lines of 2026.4 against 2026.3)."""


def _computed(inventory: Inventory, rows, release_id: str):
    try:
        return inventory_services.calculate_rows(inventory, rows, release=release_id)
    except InputError as exc:
        language = get_language() or "en"
        problem = exc.problems[0].text(language) if exc.problems else ""
        activities = inventory_services.load_library().activities  # the older release may not know the name
        for code in set(re.findall(r"'([a-z0-9_]+)'", problem)):
            if code in activities:
                a = activities[code]
                problem = problem.replace(f"'{code}'", f"“{a.name_zh}”" if language.startswith("zh") else
                                          f"'{a.name_en}'")
        raise NotComputable(_("The inventory's lines cannot be computed with release %(id)s: %(problem)s") % {
            "id": release_id, "problem": problem}) from None


def _total(inventory: Inventory) -> float | None:
    snapshot = inventory_services.ResultSnapshot.objects.filter(inventory=inventory).first()
    return snapshot.total_co2e if snapshot else None


def _recompute(inventory: Inventory) -> None:
    """Store the snapshot on the new release; lines that no longer compute (a factor withdrawn) refuse the move."""
    rows = inventory_services.engine_frame(inventory_services.current_lines(inventory))
    if len(rows):
        try:
            result = inventory_services.calculate_rows(inventory, rows)
        except InputError as exc:
            raise ValidationError(_("The inventory's lines cannot be computed with release %(id)s: %(problem)s") % {
                "id": inventory.factor_release, "problem": exc.problems[0].message if exc.problems else ""}) from None
        inventory_services.store_snapshot(inventory, inventory_services.snapshot_fields(result, rows))
    else:
        inventory_services.store_snapshot(inventory, None)


@transaction.atomic
def move_draft(inventory: Inventory, user, release_id: str, reason: str = "", series=None) -> Restatement:
    """Move a draft (or returned) inventory to another release and recompute it; recorded with who, when, why."""
    release_id = release_or_refuse(release_id, inventory.park)
    inventory_services.ensure_editable(inventory)  # locks the row; PermissionDenied when no longer a draft
    if not can(user, "change", inventory):
        raise PermissionDenied(_("Your role does not allow changing this inventory."))
    if inventory.factor_release == release_id:
        raise ValidationError(_("The inventory is already computed with release %(id)s.") % {"id": release_id})
    before = _total(inventory)
    record = Restatement(inventory=inventory, from_version=inventory.version_number,
                         to_version=inventory.version_number, from_release=inventory.factor_release,
                         to_release=release_id, reason=(reason or "").strip()[:2000] or _("Moved to a newer release"),
                         total_before=before, by=user, series=series)
    inventory.factor_release = release_id
    inventory.save(update_fields=["factor_release", "updated_at"])
    _recompute(inventory)
    record.total_after = _total(inventory)
    record.save()
    return record


@transaction.atomic
def restate(inventory: Inventory, user, release_id: str, reason: str, series=None) -> Restatement:
    """Restate a concluded (verified or not verified) inventory on ``release_id``: a new version is opened (the
    concluded one is frozen, its numbers unchanged and readable), computed with the release, with the reason, who
    and when. The new version then goes through submission and verification like any correction."""
    from parkcarbon.verification import services as verification

    release_id = release_or_refuse(release_id, inventory.park)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the inventory is restated."))
    inventory.refresh_from_db(fields=["status", "version_number", "factor_release"])
    if inventory.status in EDITABLE_STATUSES:
        return move_draft(inventory, user, release_id, reason, series)
    if inventory.status not in CONCLUDED:
        raise ValidationError(_("A submitted inventory under review or verification cannot be restated now: wait for "
                                "the verification conclusion, or have it returned for correction."))
    if inventory.factor_release == release_id:
        raise ValidationError(_("The inventory is already computed with release %(id)s.") % {"id": release_id})
    if workflow_refusal(user, "new_version", inventory):
        raise PermissionDenied(_("Your role does not allow restating this inventory."))
    before, from_version, from_release = _total(inventory), inventory.version_number, inventory.factor_release
    note = _("Restated on factor library release %(id)s: %(reason)s") % {"id": release_id, "reason": reason}
    verification.new_version(inventory, user, note)
    inventory.factor_release = release_id
    inventory.save(update_fields=["factor_release", "updated_at"])
    _recompute(inventory)
    return Restatement.objects.create(
        inventory=inventory, from_version=from_version, to_version=inventory.version_number,
        from_release=from_release, to_release=release_id, reason=reason[:2000], total_before=before,
        total_after=_total(inventory), by=user, series=series)


def latest_restatement(inventory: Inventory) -> Restatement | None:
    return inventory.restatements.select_related("by").first()


def restatement_sentence(inventory: Inventory, english: bool) -> str:
    """What a report of a restated year states: from which release to which, when, by how much, and why."""
    r = latest_restatement(inventory)
    if r is None:
        return ""
    change = r.change
    amount = "" if change is None else f"{change:+,.1f} t CO2e" + (
        f" ({100 * change / r.total_before:+.1f} %)" if r.total_before else "")
    day = r.at.date().isoformat()
    if english:
        return (f"Restated on {day} (version {r.from_version} → {r.to_version}) from factor library release "
                f"{r.from_release} to {r.to_release}{f': {amount}' if amount else ''}. Reason: {r.reason}")
    return (f"本清单已于{day}重述（第{r.from_version}版→第{r.to_version}版），排放因子库版本由{r.from_release}改为"
            f"{r.to_release}{f'，变化 {amount}' if amount else ''}。原因：{r.reason}")


def park_restatement_sentence(inventory_ids, english: bool) -> str:
    """What a park report states when inventories of its year were restated: how many, on which release, and the
    total change of their restatements to the basis they are on now."""
    current = dict(Inventory.objects.filter(pk__in=list(inventory_ids)).values_list("pk", "factor_release"))
    latest: dict[int, Restatement] = {}
    for r in Restatement.objects.filter(inventory_id__in=list(current)).order_by("inventory", "-at", "-pk"):
        if r.inventory_id not in latest and r.to_release == current[r.inventory_id]:
            latest[r.inventory_id] = r
    if not latest:
        return ""
    change = sum(r.change or 0.0 for r in latest.values())
    targets = "/".join(sorted({r.to_release for r in latest.values()}))
    if english:
        return (f"{len(latest)} inventor{'y' if len(latest) == 1 else 'ies'} of this year restated on factor library "
                f"release {targets}: {change:+,.1f} t CO2e in total.")
    return f"本年度有{len(latest)}份清单按排放因子库版本{targets}重述，合计变化 {change:+,.1f} t CO2e。"


# ------------------------------------------------------------------------------------------ a park's series

def series_inventories(park, first_year: int, last_year: int):
    return Inventory.objects.filter(park=park, year__gte=first_year, year__lte=last_year).select_related(
        "enterprise").order_by("year", "enterprise__name", "pk")


@transaction.atomic
def start_series(park, user, release_id: str, first_year: int, last_year: int, reason: str) -> SeriesRestatement:
    """Queue the restatement of a park's years on one release (a background task does the work)."""
    release_id = release_or_refuse(release_id, park)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the years are restated."))
    if first_year > last_year:
        raise ValidationError(_("The first year must not be after the last year."))
    if SeriesRestatement.objects.filter(park=park, status__in=[SeriesState.QUEUED, SeriesState.RUNNING]).exists():
        raise ValidationError(_("A restatement of this park's years is already in progress."))
    todo = series_inventories(park, first_year, last_year).exclude(factor_release=release_id).count()
    series = SeriesRestatement.objects.create(park=park, to_release=release_id, first_year=first_year,
                                              last_year=last_year, reason=reason[:2000], total=todo, created_by=user)
    from parkcarbon.releases.tasks import restate_series

    transaction.on_commit(lambda: restate_series.enqueue(series.pk))
    return series


def run_series(series_id: int) -> SeriesRestatement:
    """Restate each inventory of the series in its own transaction, counting progress as it goes; an inventory that
    cannot be restated now (submitted, under verification, or refused) is listed with the reason, not forced."""
    series = SeriesRestatement.objects.select_related("park", "created_by").get(pk=series_id)
    SeriesRestatement.objects.filter(pk=series_id).update(status=SeriesState.RUNNING)
    todo = series_inventories(series.park, series.first_year, series.last_year).exclude(
        factor_release=series.to_release)
    skipped = []
    for inventory in todo:
        try:
            restate(inventory, series.created_by, series.to_release, series.reason, series=series)
        except (ValidationError, PermissionDenied) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            skipped.append({"inventory": inventory.pk, "name": str(inventory), "reason": message[:300]})
            SeriesRestatement.objects.filter(pk=series_id).update(skipped=skipped)
        else:
            SeriesRestatement.objects.filter(pk=series_id).update(done=series.restatements.count())
    SeriesRestatement.objects.filter(pk=series_id).update(status=SeriesState.DONE, finished_at=timezone.now(),
                                                         skipped=skipped, lease_until=None)
    series.refresh_from_db()
    return series
