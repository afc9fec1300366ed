"""Carbon information disclosures: one series per entity (a park or an enterprise) and year, in versions.

A version is prepared (draft), submitted for approval (its content frozen as ``snapshot``), approved by a second
person, and published. A published version is immutable (``save`` and ``delete`` refuse); a correction is the next
version of the series, with its reason, and the earlier versions stay public. Every step is an ``Event`` row.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.models import TrackedModel
from parkcarbon.common.policy import Scope, TenantQuerySet


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class DisclosureQuerySet(TenantQuerySet):
    policy_type = "disclosure"

    def scope_filter(self, scope: Scope) -> Q:
        # Park staff and agencies of the park reach every disclosure of the park; enterprise users their
        # enterprise's only (never the park's own).
        return Q(park__in=scope.all_parks) | Q(enterprise__in=scope.enterprises)

    def published(self):
        return self.filter(state=State.PUBLISHED)


class Disclosure(TrackedModel):
    park = models.ForeignKey("parks.Park", on_delete=models.PROTECT, related_name="disclosures",
                             verbose_name=_("park"))
    enterprise = models.ForeignKey("parks.Enterprise", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="disclosures", verbose_name=_("enterprise"),
                                   help_text=_("Empty: the park as a whole."))
    year = models.PositiveSmallIntegerField(_("reporting year"))
    series = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    correction_reason = models.TextField(_("reason for the correction"), max_length=2000, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    items = models.JSONField(_("items included"), default=list, blank=True)
    frameworks = models.JSONField(_("frameworks"), default=list, blank=True)
    label_unverified = models.BooleanField(
        _("include unverified figures, labelled “unverified”"), default=False,
        help_text=_("Without this, only verified figures may be disclosed."))
    # The reduction target (IFRS S2 paras 33-36, GRI 305-1 d / 305-5).
    target_metric = models.CharField(_("target metric"), max_length=12, blank=True,
                                     choices=[("absolute", _("Absolute emissions (t CO2e)")),
                                              ("intensity", _("Intensity (t CO2e per 10^4 yuan value added)"))])
    target_scopes = models.CharField(_("scopes covered"), max_length=20, blank=True,
                                     choices=[("1", _("Scope 1")), ("1+2", _("Scopes 1 and 2"))])
    target_base_year = models.PositiveSmallIntegerField(_("base year"), null=True, blank=True)
    target_base_value = models.FloatField(_("base-year value"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    target_reduction_pct = models.FloatField(_("reduction from the base year (%)"), null=True, blank=True)
    target_net = models.BooleanField(_("net target (carbon credits may count towards it)"), default=False)
    target_credits = models.CharField(_("planned use of carbon credits"), max_length=500, blank=True)
    target_description = models.TextField(_("target description"), max_length=2000, blank=True)
    measures = models.TextField(_("reduction measures"), max_length=5000, blank=True,
                                help_text=_("One measure per line; an expected annual reduction in t CO2e may "
                                            "follow a semicolon, e.g. “Waste-heat recovery; 1200”."))
    snapshot = models.JSONField(_("frozen content"), default=dict, blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "park", "enterprise__name", "-version"]
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        constraints = [models.UniqueConstraint(fields=["series", "version"], name="disclosure_series_version")]

    def __str__(self) -> str:
        return f"{self.entity_name} · {self.year} · v{self.version}"

    @property
    def entity_name(self) -> str:
        return str(self.enterprise) if self.enterprise_id else str(self.park)

    @property
    def entity_kind(self) -> str:
        return "enterprise" if self.enterprise_id else "park"

    @property
    def is_published(self) -> bool:
        return self.state == State.PUBLISHED

    def get_absolute_url(self) -> str:
        return reverse("disclosure:detail", args=[self.pk])

    def _stored_state(self) -> str | None:
        if not self.pk:
            return None
        return type(self)._base_manager.filter(pk=self.pk).values_list("state", flat=True).first()

    def save(self, *args, **kwargs):
        if self._stored_state() == State.PUBLISHED:
            raise ValidationError(_("A published disclosure cannot be changed; publish a correction instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_state() == State.PUBLISHED:
            raise ValidationError(_("A published disclosure cannot be deleted; publish a correction instead."))
        return super().delete(*args, **kwargs)


class EventQuerySet(TenantQuerySet):
    policy_type = "disclosure"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(disclosure__park__in=scope.all_parks) | Q(disclosure__enterprise__in=scope.enterprises)


ACTIONS = {"prepare": _("Prepared"), "submit": _("Submitted for approval"), "return": _("Returned to draft"),
           "approve": _("Approved"), "publish": _("Published"), "correct": _("Correction opened")}


class Event(models.Model):
    """One step of a disclosure: prepared, submitted, returned, approved, published, corrected."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12)
    old_state = models.CharField(max_length=12, blank=True)
    new_state = models.CharField(max_length=12)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=2000, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["disclosure", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.disclosure}: {self.action}"

    @property
    def action_label(self) -> str:
        return str(ACTIONS.get(self.action, self.action))


class PublishedFile(models.Model):
    """A rendered file of a published disclosure (PDF or XLSX in one language), made once from the frozen content on
    its first download, so a public request never renders the same document twice."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="files")
    fmt = models.CharField(max_length=8)
    language = models.CharField(max_length=8)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["disclosure", "fmt", "language"], name="published_file_once")]

    def __str__(self) -> str:
        return f"{self.disclosure} {self.fmt} {self.language}"
