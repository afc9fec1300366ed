"""A park's forecast scenarios (user-editable assumptions, with history) and the all-enterprise forecast runs."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parkcarbon.analysis.forecast import LIMITS, Assumptions
from parkcarbon.common.models import TrackedModel
from parkcarbon.common.policy import Scope, TenantQuerySet

ASSUMPTION_FIELDS = tuple(LIMITS)


class ScenarioQuerySet(TenantQuerySet):
    policy_type = "scenario"

    def scope_filter(self, scope: Scope) -> Q:
        # A park's assumptions are read by everyone who sees something of the park (an enterprise's forecast uses
        # them too); they are changed by the park's administrators (POLICY).
        return Q(park__in=scope.all_parks) | Q(park__enterprises__in=scope.enterprises)


def _in_range(name: str) -> list:
    """Validators keeping an assumption within ``forecast.LIMITS`` (a share above 100 %, output falling by 100 % or
    more a year, ... is refused, the message giving the limit)."""
    low, high = LIMITS[name]
    return [MinValueValidator(low, message=_("Enter a value of at least %(limit_value)s %%.")),
            MaxValueValidator(high, message=_("Enter a value of at most %(limit_value)s %%."))]


class Scenario(TrackedModel):
    """Driver assumptions of a park's emissions to ``end_year`` (see ``analysis/forecast.py:scenario_path``)."""

    park = models.ForeignKey("parks.Park", on_delete=models.CASCADE, related_name="scenarios", verbose_name=_("park"))
    name = models.CharField(_("name"), max_length=80)
    end_year = models.PositiveSmallIntegerField(_("end year"), default=2035)
    output_growth_pct = models.FloatField(_("output growth (% a year)"), default=0,
                                          validators=_in_range("output_growth_pct"))
    energy_intensity_decline_pct = models.FloatField(
        _("energy-intensity decline (% a year)"), default=0, validators=_in_range("energy_intensity_decline_pct"),
        help_text=_("Energy per unit of output; a negative value is an increase."))
    grid_ef_decline_pct = models.FloatField(_("grid emission factor decline (% a year)"), default=0,
                                            validators=_in_range("grid_ef_decline_pct"))
    coal_to_gas_pct = models.FloatField(
        _("coal switched to natural gas by the end year (%)"), default=0, validators=_in_range("coal_to_gas_pct"),
        help_text=_("Share of the base year's coal combustion; reached step by step, linearly, by the end year."))
    renewable_share_pct = models.FloatField(
        _("renewable share of purchased electricity by the end year (%)"), default=0,
        validators=_in_range("renewable_share_pct"),
        help_text=_("Green electricity or own PV replacing grid electricity; reached linearly by the end year."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        ordering = ["park", "pk"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        constraints = [models.UniqueConstraint(fields=["park", "name"], name="scenario_name_unique_in_park")]

    def __str__(self) -> str:
        return self.name

    @property
    def assumptions(self) -> Assumptions:
        return Assumptions(**{name: getattr(self, name) for name in ASSUMPTION_FIELDS})


class ForecastRunQuerySet(TenantQuerySet):
    policy_type = "forecast_run"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(park__in=scope.all_parks)  # every enterprise's forecast: park-wide readers only


class ForecastRun(models.Model):
    """The baseline forecast of every enterprise of a park, computed in one background task."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    park = models.ForeignKey("parks.Park", on_delete=models.CASCADE, related_name="forecast_runs")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    include_drafts = models.BooleanField(default=False)
    end_year = models.PositiveSmallIntegerField(default=2035)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    seconds = models.FloatField(_("duration (s)"), null=True, blank=True)
    n_enterprises = models.PositiveIntegerField(default=0)
    n_forecast = models.PositiveIntegerField(default=0)
    results = models.JSONField(default=list, blank=True)  # [{enterprise, name, method, mae, mape, years, ...}]
    error = models.CharField(max_length=300, blank=True)

    objects = ForecastRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.park} {self.created_at:%Y-%m-%d %H:%M} ({self.state})"


class DataVersion(models.Model):
    """A counter raised (by ``analysis/signals.py``) whenever something the park's figures are made of is saved or
    deleted: a snapshot, an inventory, an enterprise, a zone, the park. The dashboard's cached figures are keyed by
    it, so one indexed read tells whether they are still current, in every process.

    ``structure`` is raised only by the park's own rows (the park, its zones and enterprises), not by its figures:
    the home page's park and enterprise cards are keyed by it, so a reporter saving a line (a new snapshot) does not
    throw away the cards of everyone in the park."""

    park = models.OneToOneField("parks.Park", on_delete=models.CASCADE, related_name="+", primary_key=True)
    counter = models.PositiveBigIntegerField(default=0)
    structure = models.PositiveBigIntegerField(default=0, db_default=0)  # old processes insert rows without it

    def __str__(self) -> str:
        return f"{self.park_id}: {self.counter}"
