"""Restatements (#23): an inventory recomputed on another factor library release on purpose, and a park's series of
years restated together in the background. Rows are never edited after the fact: they record who, when and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.jobs import Leased
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
    from_release = models.CharField(_("from release"), max_length=12)
    to_release = models.CharField(_("to release"), max_length=12)
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
    to_release = models.CharField(_("release"), max_length=12)
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
