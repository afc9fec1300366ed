"""Verification of an inventory: review comments, verified adjustments, the verifier's conclusion, and frozen
versions. Status changes are ``inventory.Transition`` rows; every row here names who and when, and none is ever
edited (a correction is a new row, or a new inventory version)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.policy import Scope, TenantQuerySet


class ByInventoryQuerySet(TenantQuerySet):
    """Rows reach whoever reaches their inventory."""

    policy_type = "inventory"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(inventory__park__in=scope.all_parks) | Q(inventory__enterprise__in=scope.enterprises)


class Stage(models.TextChoices):
    REVIEW = "review", _("Park review")
    VERIFICATION = "verification", _("Verification")


class LineLabelled:
    """``label``: the line in the reader's language while the line exists; the stored ``line_label`` (in the
    language of whoever wrote the row) only once the line is gone."""

    @property
    def label(self) -> str:
        if self.line_id is None:
            return self.line_label
        from parkcarbon.verification.services import line_label  # services import these models

        return line_label(self.line)


class Comment(LineLabelled, models.Model):
    """A remark on the inventory or on one of its lines, by the park's reviewer or the verifier."""

    inventory = models.ForeignKey("inventory.Inventory", on_delete=models.CASCADE, related_name="comments")
    version_number = models.PositiveSmallIntegerField(_("inventory version"))
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    line = models.ForeignKey("inventory.ActivityLine", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("line"))
    line_label = models.CharField(_("line"), max_length=200, blank=True)  # kept when the line is later deleted
    text = models.TextField(_("comment"), max_length=2000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    objects = ByInventoryQuerySet.as_manager()

    class Meta:
        ordering = ["inventory", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.inventory} v{self.version_number}: {self.text[:60]}"


class Adjustment(LineLabelled, models.Model):
    """A verified value beside the reported one, with the reason and the evidence."""

    inventory = models.ForeignKey("inventory.Inventory", on_delete=models.CASCADE, related_name="adjustments")
    version_number = models.PositiveSmallIntegerField(_("inventory version"))
    line = models.ForeignKey("inventory.ActivityLine", on_delete=models.SET_NULL, null=True, related_name="+",
                             verbose_name=_("line"))
    line_label = models.CharField(_("line"), max_length=200)
    reported_amount = models.FloatField(_("reported amount"))
    verified_amount = models.FloatField(_("verified amount"))
    unit = models.CharField(_("unit"), max_length=20)
    reason = models.TextField(_("reason"), max_length=2000)
    evidence = models.FileField(_("evidence file"), upload_to="verification/%Y/", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    objects = ByInventoryQuerySet.as_manager()

    class Meta:
        ordering = ["inventory", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.line_label}: {self.reported_amount:g} -> {self.verified_amount:g} {self.unit}"


class Opinion(models.TextChoices):
    VERIFIED = "verified", _("Verified")
    QUALIFIED = "qualified", _("Verified with qualifications")
    NOT_VERIFIED = "not_verified", _("Not verified")


class Conclusion(models.Model):
    """The verifier's conclusion on one version of an inventory, with the totals as reported and as verified."""

    inventory = models.ForeignKey("inventory.Inventory", on_delete=models.CASCADE, related_name="conclusions")
    version_number = models.PositiveSmallIntegerField(_("inventory version"))
    opinion = models.CharField(_("conclusion"), max_length=14, choices=Opinion.choices)
    statement = models.TextField(_("statement"), max_length=5000)
    agency = models.ForeignKey("parks.Agency", on_delete=models.PROTECT, null=True, related_name="+")
    reported_co2e = models.FloatField(_("reported CO2e (t)"), null=True)
    verified_co2e = models.FloatField(_("verified CO2e (t)"), null=True)
    # Tonnes per gas by section and scope with the verified amounts (as a snapshot's ``gas_tonnes``): park totals
    # limited to verified inventories add these, reweighed with the park's GWP set.
    verified_gas_tonnes = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    objects = ByInventoryQuerySet.as_manager()

    class Meta:
        ordering = ["inventory", "-at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["inventory", "version_number"], name="one_conclusion_per_version")]

    def __str__(self) -> str:
        return f"{self.inventory} v{self.version_number}: {self.get_opinion_display()}"


class FrozenVersion(models.Model):
    """One concluded version of an inventory as it was: its lines and totals, kept when a correction opens the next
    version (which edits the lines in place)."""

    inventory = models.ForeignKey("inventory.Inventory", on_delete=models.CASCADE, related_name="frozen_versions")
    number = models.PositiveSmallIntegerField(_("inventory version"))
    status = models.CharField(_("status"), max_length=20)
    # [{section, activity, amount, unit, month, sector, note, ad_uncertainty_pct, measured, extra, co2e, gases,
    # biogenic_co2}], empty values left out; versions frozen before kept the first seven only (services.version_lines)
    lines = models.JSONField(default=list)
    # {"total": co2e, "by_section": {section: co2e}, "basis": {factor_release, gwp_set, methodologies, grid_basis,
    # library_version, engine_version}}; no "basis" in versions frozen before it was kept
    totals = models.JSONField(default=dict)
    frozen_at = models.DateTimeField(auto_now_add=True)

    objects = ByInventoryQuerySet.as_manager()

    class Meta:
        ordering = ["inventory", "number"]
        constraints = [models.UniqueConstraint(fields=["inventory", "number"], name="frozen_version_unique")]

    def __str__(self) -> str:
        return f"{self.inventory} v{self.number}"
