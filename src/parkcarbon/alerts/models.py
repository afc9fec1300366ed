"""Threshold rules of a park and the alerts they raise on inventories.

A rule applies to the park's inventories, narrowed to a zone, an industry (GB/T 4754 code prefix) or one
enterprise. An alert is one breach of one rule by one inventory for one subject (the whole inventory, a month, an
activity line); re-evaluation updates or clears it, so there is at most one active alert per rule x inventory x
subject (a database constraint says so).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.i18n import unit_words
from parkcarbon.common.models import TrackedModel
from parkcarbon.common.policy import Scope, TenantQuerySet


class Metric(models.TextChoices):
    ANNUAL_CO2E = "annual_co2e", _("Annual emissions above")
    CO2E_PER_OUTPUT = "co2e_per_10k_yuan_output", _("Carbon intensity per 10^4 yuan output value above")
    CO2E_PER_VALUE_ADDED = "co2e_per_10k_yuan_value_added", _("Carbon intensity per 10^4 yuan value added above")
    TCE_PER_OUTPUT = "tce_per_10k_yuan_output", _("Energy intensity per 10^4 yuan output value above")
    TCE_PER_VALUE_ADDED = "tce_per_10k_yuan_value_added", _("Energy intensity per 10^4 yuan value added above")
    CHANGE_YEAR = "change_previous_year", _("Increase against the previous year above")
    CHANGE_MONTH = "change_same_month", _("Increase against the same month last year above")
    MISSING_MONTHS = "missing_months", _("Months missing in monthly data, more than")
    DEFAULT_DEVIATION = "default_deviation", _("Measured parameters move a line from the default by more than")
    MEASURED_RANGE = "measured_range", _("Measured value outside a plausible range")


# The unit of each metric's value and threshold (a measured range uses the rule's own unit).
UNITS = {
    Metric.ANNUAL_CO2E: "t CO2e", Metric.CO2E_PER_OUTPUT: "t CO2e/10^4 yuan",
    Metric.CO2E_PER_VALUE_ADDED: "t CO2e/10^4 yuan", Metric.TCE_PER_OUTPUT: "tce/10^4 yuan",
    Metric.TCE_PER_VALUE_ADDED: "tce/10^4 yuan", Metric.CHANGE_YEAR: "%", Metric.CHANGE_MONTH: "%",
    Metric.MISSING_MONTHS: "", Metric.DEFAULT_DEVIATION: "%",
}


def unit_label(unit: str) -> str:
    return unit_words(unit)


class RuleQuerySet(TenantQuerySet):
    policy_type = "rule"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(park__in=scope.parks)


class Rule(TrackedModel):
    park = models.ForeignKey("parks.Park", on_delete=models.CASCADE, related_name="alert_rules", verbose_name=_("park"))
    name = models.CharField(_("name"), max_length=120)
    metric = models.CharField(_("rule"), max_length=40, choices=Metric.choices)
    threshold = models.FloatField(
        _("threshold"), help_text=_("t CO2e, t CO2e or tce per 10^4 yuan, %, a number of months; for a measured "
                                    "range its upper bound."))
    lower_bound = models.FloatField(_("lower bound"), null=True, blank=True,
                                    help_text=_("Measured range only: the smallest plausible value."))
    parameter = models.CharField(_("measured parameter"), max_length=40, blank=True,
                                 help_text=_("Measured range only: e.g. ncv, carbon_content, oxidation."))
    unit = models.CharField(_("unit of the range"), max_length=30, blank=True,
                            help_text=_("Measured range only: e.g. GJ/t; values in other units are converted."))
    activity = models.CharField(_("activity"), max_length=60, blank=True,
                                help_text=_("Line rules only: limit the rule to one activity code (empty: all)."))
    zone = models.ForeignKey("parks.Zone", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                             verbose_name=_("zone"))
    industry_prefix = models.CharField(_("industry (GB/T 4754 code prefix)"), max_length=4, blank=True,
                                       help_text=_("e.g. 31 for ferrous metal smelting, 3120 for steelmaking."))
    enterprise = models.ForeignKey("parks.Enterprise", on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="+", verbose_name=_("enterprise"))
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = RuleQuerySet.as_manager()

    class Meta:
        ordering = ["park", "name"]
        verbose_name = _("alert rule")
        verbose_name_plural = _("alert rules")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("alerts:rule_edit", args=[self.pk])

    @property
    def value_unit(self) -> str:
        return self.unit if self.metric == Metric.MEASURED_RANGE else UNITS[self.metric]

    @property
    def value_unit_label(self) -> str:
        return unit_label(self.value_unit)

    def applies_to(self, inventory) -> bool:
        """Does the rule cover this inventory? A park's own inventory is covered only by park-wide rules."""
        if inventory.park_id != self.park_id:
            return False
        if not (self.zone_id or self.industry_prefix or self.enterprise_id):
            return True
        e = inventory.enterprise
        return bool(e) and ((not self.zone_id or e.zone_id == self.zone_id)
                            and e.industry_code.startswith(self.industry_prefix)
                            and (not self.enterprise_id or e.pk == self.enterprise_id))


class AlertQuerySet(TenantQuerySet):
    policy_type = "alert"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(inventory__park__in=scope.all_parks) | Q(inventory__enterprise__in=scope.enterprises)

    def active(self):
        return self.filter(cleared_at__isnull=True)

    def open(self):
        return self.active().filter(acknowledged_at__isnull=True)


class Alert(models.Model):
    """A breach. Open until acknowledged (with a note) or cleared (a later evaluation found no breach)."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("rule"))
    inventory = models.ForeignKey("inventory.Inventory", on_delete=models.CASCADE, related_name="alerts",
                                  verbose_name=_("inventory"))
    subject = models.CharField(_("subject"), max_length=120, blank=True)  # "" = the whole inventory
    value = models.FloatField(_("value"))
    threshold = models.FloatField(_("threshold"))
    lower_bound = models.FloatField(null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    detail = models.JSONField(default=dict, blank=True)  # the numbers behind the value (previous year, months ...)
    raised_at = models.DateTimeField(_("raised"), auto_now_add=True)
    evaluated_at = models.DateTimeField(_("last evaluated"), auto_now=True)
    cleared_at = models.DateTimeField(_("cleared"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name=_("acknowledged by"))
    note = models.TextField(_("note"), blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at", "-pk"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [models.UniqueConstraint(fields=["rule", "inventory", "subject"],
                                               condition=Q(cleared_at__isnull=True), name="alert_one_active")]

    def __str__(self) -> str:
        return f"{self.rule} · {self.inventory}" + (f" · {self.subject}" if self.subject else "")

    def get_absolute_url(self) -> str:
        return reverse("alerts:detail", args=[self.pk])

    @property
    def unit_label(self) -> str:
        return unit_label(self.unit)

    @property
    def subject_label(self) -> str:
        """The subject in the active language: the whole inventory, a month, an activity or one line."""
        from django.utils.translation import gettext

        from parkcarbon.common.i18n import local_name
        from parkcarbon.engine import load_library

        kind, _sep, key = self.subject.partition(":")
        d = self.detail or {}
        activity = load_library().activities.get(d.get("activity", ""))
        name = local_name(activity) if activity else d.get("activity", "")
        if kind == "month":
            return gettext("Month %(month)s") % {"month": key}
        if kind == "activity":
            months = ", ".join(str(m) for m in d.get("months", []))
            return gettext("%(activity)s: months %(months)s missing") % {"activity": name, "months": months}
        if kind == "line":  # the section in words, and a whole-year line as such (not "全年 月")
            from parkcarbon.inventory.models import Section

            words = {"row": d.get("row"), "activity": name, "month": d.get("month"),
                     "section": dict(Section.choices).get(d.get("section"), d.get("section"))}
            if not d.get("month"):
                return gettext("Line %(row)s (%(section)s): %(activity)s, whole year") % words
            return gettext("Line %(row)s (%(section)s): %(activity)s, month %(month)s") % words
        return gettext("Whole inventory")

    @property
    def state(self) -> str:
        return "cleared" if self.cleared_at else "acknowledged" if self.acknowledged_at else "open"
