"""Restatements (#23): an inventory recomputed on another factor library release on purpose, and a park's series of
years restated together in the background. Rows are never edited after the fact: they record who, when and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.jobs import Leased
from parkcarbon.common.models import TrackedModel
from parkcarbon.common.policy import Scope, TenantQuerySet


class RestatementQuerySet(TenantQuerySet):
    policy_type = "inventory"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(inventory__park__in=scope.all_parks) | Q(inventory__enterprise__in=scope.enterprises)


class Restatement(models.Model):
    """An inventory moved from one release to another: a new version for a concluded inventory (the concluded one
    stays frozen and readable), the same version for a draft. Totals before and after say by how much."""

    inventory = models.ForeignKey("inventory.Inventory", on_delete=models.CASCADE, related_name="restatements")
    from_version = models.PositiveSmallIntegerField(_("from version"))
    to_version = models.PositiveSmallIntegerField(_("to version"))
    from_release = models.CharField(_("from release"), max_length=64)
    to_release = models.CharField(_("to release"), max_length=64)
    reason = models.TextField(_("reason"), max_length=2000)
    total_before = models.FloatField(_("CO2e before (t)"), null=True)
    total_after = models.FloatField(_("CO2e after (t)"), null=True)
    series = models.ForeignKey("SeriesRestatement", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="restatements")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    objects = RestatementQuerySet.as_manager()

    class Meta:
        ordering = ["inventory", "-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.inventory}: {self.from_release} -> {self.to_release}"

    @property
    def change(self) -> float | None:
        if self.total_before is None or self.total_after is None:
            return None
        return self.total_after - self.total_before


class SeriesState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class SeriesQuerySet(TenantQuerySet):
    policy_type = "park"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(park__in=scope.all_parks)


class SeriesRestatement(Leased):
    """A park's years restated on one release in a background task, so that a time series is on one basis."""

    park = models.ForeignKey("parks.Park", on_delete=models.CASCADE, related_name="series_restatements")
    to_release = models.CharField(_("release"), max_length=64)
    first_year = models.PositiveSmallIntegerField(_("from year"))
    last_year = models.PositiveSmallIntegerField(_("to year"))
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=SeriesState.choices, default=SeriesState.QUEUED)
    total = models.PositiveIntegerField(_("inventories"), default=0)
    done = models.PositiveIntegerField(_("restated"), default=0)
    skipped = models.JSONField(default=list, blank=True)  # [{"inventory": id, "name": str, "status": str}]
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.park} {self.first_year}-{self.last_year} -> {self.to_release}"

    @property
    def progress_pct(self) -> int:
        return round(100 * (self.done + len(self.skipped)) / self.total) if self.total else 100


# ------------------------------------------------------------------------------------------ park-scoped factors

class ParkReleaseState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ParkReleaseQuerySet(TenantQuerySet):
    """A park's own factors are seen by that park's users (staff, its enterprises' users, the agencies serving it)
    and platform administrators, nobody else."""

    policy_type = "park_release"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(park__in=scope.all_parks) | Q(park__enterprises__in=scope.enterprises)

    def approved(self):
        return self.filter(state=ParkReleaseState.APPROVED)


class ParkRelease(TrackedModel):
    """A park's factor set on top of a shipped release (``2026.2+demo-etdz.1``). Written by a park administrator,
    approved by a second person (another administrator of the park or a platform administrator, never the author);
    only an approved park release computes inventories, and it never changes afterwards (a change is a new one)."""

    park = models.ForeignKey("parks.Park", on_delete=models.CASCADE, related_name="park_releases")
    base_release = models.CharField(_("shipped release"), max_length=12)
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    state = models.CharField(_("state"), max_length=10, choices=ParkReleaseState.choices,
                             default=ParkReleaseState.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), max_length=2000, blank=True)

    objects = ParkReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["park", "-number"]
        constraints = [models.UniqueConstraint(fields=["park", "number"], name="park_release_number_unique")]

    def __str__(self) -> str:
        return self.release_id

    @property
    def release_id(self) -> str:
        return f"{self.base_release}+{self.park.code}.{self.number}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("releases:park_release", args=[self.pk])


class ParkFactorQuerySet(TenantQuerySet):
    policy_type = "park_release"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(release__park__in=scope.all_parks) | Q(release__park__enterprises__in=scope.enterprises)


class ParkFactor(TrackedModel):
    """One factor of a park release, with the provenance the shipped library carries (engine/park_factors.py
    COLUMNS): the park's document, where in it, its year, validity years, region and uncertainty."""

    release = models.ForeignKey(ParkRelease, on_delete=models.CASCADE, related_name="factors")
    position = models.PositiveSmallIntegerField(_("row"))
    subject = models.CharField(_("activity or fuel"), max_length=60)
    param = models.CharField(_("parameter"), max_length=30)
    gas = models.CharField(_("gas"), max_length=10, blank=True)
    qualifier = models.CharField(_("qualifier"), max_length=60, blank=True)
    region = models.CharField(_("region"), max_length=20, default="CN")
    valid_from = models.PositiveSmallIntegerField(_("valid from"))
    valid_to = models.PositiveSmallIntegerField(_("valid to"), null=True, blank=True)
    value = models.FloatField(_("value"))
    unit = models.CharField(_("unit"), max_length=30)
    uncertainty_pct = models.FloatField(_("uncertainty (%)"), default=0)
    source_document = models.CharField(_("source document"), max_length=300)
    source_table = models.CharField(_("table or page"), max_length=200)
    source_year = models.PositiveSmallIntegerField(_("year of the source"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = ParkFactorQuerySet.as_manager()

    class Meta:
        ordering = ["release", "position"]
        constraints = [models.UniqueConstraint(fields=["release", "position"], name="park_factor_position_unique")]

    def __str__(self) -> str:
        return f"{self.release}: {self.subject} {self.param} {self.value} {self.unit}"

    def row(self) -> dict:
        """The engine's row (engine/park_factors.py COLUMNS)."""
        from parkcarbon.engine.park_factors import COLUMNS

        return {k: getattr(self, k) for k in COLUMNS}


class ParkReleaseEvent(models.Model):
    """Who did what to a park release, and when: created, factor added/removed, submitted, approved, rejected."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        FACTOR_ADDED = "factor_added", _("factor added")
        FACTOR_REMOVED = "factor_removed", _("factor removed")
        SUBMITTED = "submitted", _("submitted for review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        REOPENED = "reopened", _("reopened as a draft")

    release = models.ForeignKey(ParkRelease, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["release", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.release}: {self.action}"
