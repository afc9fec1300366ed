"""API tokens and metering data.

A token acts as its user (the same policy, the same reach) with a scope: read, or read and write. Only a prefix
(to find the row) and a SHA-256 of the whole token are stored; the token itself is shown once, when created.
A meter maps an energy metering system's meter to an enterprise's activity; its readings are kept once per
(meter, timestamp) and aggregated to monthly activity lines of a draft inventory.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.policy import Scope, TenantQuerySet


class TokenScope(models.TextChoices):
    READ = "read", _("Read")
    WRITE = "write", _("Read and write")


class ApiTokenQuerySet(TenantQuerySet):
    policy_type = "api_token"

    def scope_filter(self, scope: Scope) -> Q:
        # A park's administrators manage the tokens of the users who hold a role in their park.
        return Q(user__memberships__park__in=scope.parks)


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    digest = models.CharField(max_length=64)  # SHA-256 of the whole token, hex
    scope = models.CharField(_("scope"), max_length=8, choices=TokenScope.choices, default=TokenScope.READ)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())


class MeterQuerySet(TenantQuerySet):
    policy_type = "meter"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(enterprise__park__in=scope.all_parks) | Q(enterprise__in=scope.enterprises)


class Meter(models.Model):
    """An energy meter of an enterprise and the activity its readings are (e.g. grid electricity in kWh)."""

    enterprise = models.ForeignKey("parks.Enterprise", on_delete=models.CASCADE, related_name="meters",
                                   verbose_name=_("enterprise"))
    code = models.CharField(_("meter id"), max_length=100)
    activity = models.CharField(_("activity"), max_length=60)
    section = models.CharField(_("section"), max_length=10, default="energy")
    unit = models.CharField(_("unit"), max_length=20, help_text=_("Unit of the activity lines made from the readings"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MeterQuerySet.as_manager()

    class Meta:
        ordering = ["enterprise", "code"]
        constraints = [models.UniqueConstraint(fields=["enterprise", "code"], name="meter_code_per_enterprise")]

    def __str__(self) -> str:
        return self.code


class MeterReadingQuerySet(TenantQuerySet):
    policy_type = "meter"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(meter__enterprise__park__in=scope.all_parks) | Q(meter__enterprise__in=scope.enterprises)


class MeterReading(models.Model):
    """The quantity a meter measured in the interval ending at ``timestamp`` (not a cumulative register)."""

    meter = models.ForeignKey(Meter, on_delete=models.CASCADE, related_name="readings")
    timestamp = models.DateTimeField(_("time"))
    quantity = models.FloatField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=20)
    received_at = models.DateTimeField(auto_now_add=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = MeterReadingQuerySet.as_manager()

    class Meta:
        ordering = ["meter", "timestamp"]
        constraints = [models.UniqueConstraint(fields=["meter", "timestamp"], name="reading_once_per_meter_time")]

    def __str__(self) -> str:
        return f"{self.meter_id} {self.timestamp:%Y-%m-%d %H:%M}: {self.quantity} {self.unit}"
