"""Inventories: one per entity (an enterprise, or a park's own sources) and reporting year.

Activity data is held in section versions: manual edits change the current version in place (with history);
an upload creates a new version that replaces the section's data while earlier versions stay viewable.
The computed result is stored as a snapshot stamped with the engine and factor-library versions, so a park page
reads stored totals instead of recomputing thousands of inventories.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.jobs import Leased
from parkcarbon.common.models import TrackedModel
from parkcarbon.common.policy import Scope, TenantQuerySet
from parkcarbon.engine.calculate import DEFAULT_GWP, GRID_BASES, GWP_SETS
from parkcarbon.engine.factor_releases import latest as latest_release
from parkcarbon.parks import divisions
from parkcarbon.parks.validators import validate_division_code

GWP_LABELS = {"AR5_ccf": _("AR5 with climate-carbon feedback")}  # IPCC AR5 WG1 Table 8.A.1, "with cc fb" values


class Section(models.TextChoices):
    ENERGY = "energy", _("Energy Activities")
    IPPU = "ippu", _("Industrial Processes")
    WASTE = "waste", _("Waste Disposal")
    AFOLU = "afolu", _("Agriculture, Land Use Change and Forestry")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    UNDER_VERIFICATION = "under_verification", _("Under verification")
    VERIFIED = "verified", _("Verified")
    NOT_VERIFIED = "not_verified", _("Not verified")


# The enterprise (or the park, for its own sources) edits its data only in these states (parkcarbon.verification).
EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)


class Standard(models.TextChoices):
    CN_ENTERPRISE = "cn_enterprise", _("China enterprise GHG accounting guidelines (GB/T 32150)")
    CN_PROVINCIAL = "cn_provincial", _("China provincial GHG inventory guidelines (park inventory)")
    GHG_PROTOCOL = "ghg_protocol", _("GHG Protocol Corporate Standard / ISO 14064-1")
    IPCC_2006 = "ipcc2006", _("2006 IPCC Guidelines")
    IPCC_2019 = "ipcc2019", _("2006 IPCC Guidelines with the 2019 Refinement")


GRID_BASIS_LABELS = {
    "reporting": _("Factor prescribed for reporting (national from 2021, regional grid before)"),
    "national": _("National average (MEE/NBS)"),
    "regional": _("Regional grid average (MEE/NBS)"),
    "provincial": _("Provincial average (MEE/NBS)"),
}


class InventoryQuerySet(TenantQuerySet):
    policy_type = "inventory"

    def scope_filter(self, scope: Scope) -> Q:
        # Park staff and agencies assigned to the park reach every inventory of the park; enterprise users and
        # agencies assigned to an enterprise reach that enterprise's inventories only.
        return Q(park__in=scope.all_parks) | Q(enterprise__in=scope.enterprises)

    @staticmethod
    def scope_admits(scope: Scope, obj) -> bool:
        # scope_filter for one row (an enterprise id of None is in no set of ids, as NULL IN (...) is not true)
        return obj.park_id in scope.all_parks or obj.enterprise_id in scope.enterprises


class Inventory(TrackedModel):
    park = models.ForeignKey("parks.Park", on_delete=models.PROTECT, related_name="inventories", verbose_name=_("park"))
    enterprise = models.ForeignKey(
        "parks.Enterprise", on_delete=models.PROTECT, null=True, blank=True, related_name="inventories",
        verbose_name=_("enterprise"), help_text=_("Empty: the park's own sources (public buildings, park transport, "
                                                  "wastewater plant, landfill, green space)."),
    )
    year = models.PositiveSmallIntegerField(_("reporting year"))
    region = models.CharField(_("region"), max_length=12, help_text=_("Province; the power grid region follows from it."))
    # Where the accounted entity is (GB/T 2260 code, province to county); its province sets ``region`` above, the
    # engine's province code whose parent is the regional grid. Inventories made before divisions hold the province.
    division = models.CharField(_("administrative division"), max_length=6, blank=True,
                                validators=[validate_division_code])
    standard = models.CharField(_("reporting standard"), max_length=20, choices=Standard.choices,
                                default=Standard.CN_ENTERPRISE)
    gwp_set = models.CharField(_("GWP set"), max_length=8, choices=[(g, g) for g in GWP_SETS], default=DEFAULT_GWP)
    grid_basis = models.CharField(_("grid emission factor"), max_length=12,
                                  choices=[(g, GRID_BASIS_LABELS[g]) for g in GRID_BASES], default="reporting")
    methodologies = models.JSONField(
        _("methodologies"), default=list, blank=True,
        help_text=_("Accounting guidelines followed (engine methodology ids); the first decides GWP set and rules."),
    )
    output_value_10k_yuan = models.FloatField(_("gross output value (10^4 yuan)"), null=True, blank=True)
    value_added_10k_yuan = models.FloatField(_("value added (10^4 yuan)"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # A correction of a concluded inventory opens the next version; earlier ones stay readable (verification app).
    version_number = models.PositiveSmallIntegerField(_("inventory version"), default=1, db_default=1)
    # Factor library release (engine/data/releases.yaml) the inventory is computed with (parkcarbon.releases): the
    # newest at creation; it moves only on purpose (a draft moved to a newer release, or a restatement).
    factor_release = models.CharField(_("factor library release"), max_length=64, default=latest_release)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))

    objects = InventoryQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "park", "enterprise__name"]
        verbose_name = _("inventory")
        verbose_name_plural = _("inventories")
        constraints = [
            models.UniqueConstraint(fields=["park", "enterprise", "year"], name="inventory_one_per_entity_year"),
            models.UniqueConstraint(fields=["park", "year"], condition=Q(enterprise__isnull=True),
                                    name="inventory_one_park_own_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.entity_name} · {self.year}"

    @staticmethod
    def history_value(field_name: str, value):
        """A recorded value as the change history shows it (common.history): the guidelines by their titles, not
        their engine ids (walk of 2026-11-29, walker4: "['cn_iron_steel'] → ['cn_iron_steel', 'cn_park_inventory']");
        None for the other fields (shown as they are)."""
        if field_name != "methodologies" or not isinstance(value, list):
            return None
        from parkcarbon.engine import methodology as M
        from parkcarbon.inventory import guide

        known = M.methodologies()
        return ("、" if guide.zh() else ", ").join(guide.title(M.get(m)) if m in known else str(m) for m in value) or "—"

    @property
    def entity_name(self) -> str:
        return str(self.enterprise) if self.enterprise_id else str(self.park)

    @property
    def is_park_own(self) -> bool:
        return self.enterprise_id is None

    def save(self, *args, **kwargs):
        from parkcarbon.inventory.regions import region_for_division

        # The division's province decides the engine region (and so the grid); kept as before for a grid-less code.
        self.region = region_for_division(self.division) or self.region
        super().save(*args, **kwargs)

    @property
    def gwp_label(self) -> str:
        """The GWP set's name in the active language (AR5_ccf: AR5 with climate-carbon feedback)."""
        return str(GWP_LABELS.get(self.gwp_set, self.gwp_set))

    @property
    def region_label(self) -> str:
        """'江苏省苏州市昆山市' / 'Jiangsu, Suzhou City, Kunshan City'; the province's name for an older inventory."""
        from parkcarbon.inventory.regions import region_name

        return divisions.label(self.division) if self.division else region_name(self.region)

    @property
    def grid_label(self) -> str:
        """The regional power grid that follows from the province, in the active language."""
        from parkcarbon.common.i18n import local_name
        from parkcarbon.inventory.regions import grid_region_of

        grid = grid_region_of(self.region)
        return local_name(grid) if grid else ""

    def get_absolute_url(self) -> str:
        return reverse("inventory:detail", args=[self.pk])


class SectionVersionQuerySet(TenantQuerySet):
    policy_type = "inventory"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(inventory__park__in=scope.all_parks) | Q(inventory__enterprise__in=scope.enterprises)


class SectionVersion(models.Model):
    """One version of a section's activity data. The highest number is current."""

    inventory = models.ForeignKey(Inventory, on_delete=models.CASCADE, related_name="versions")
    section = models.CharField(_("section"), max_length=10, choices=Section.choices)
    number = models.PositiveIntegerField(_("version"))
    source = models.CharField(_("source"), max_length=10, choices=[("manual", _("Manual input")), ("upload", _("Upload"))])
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = SectionVersionQuerySet.as_manager()

    class Meta:
        ordering = ["inventory", "section", "-number"]
        constraints = [models.UniqueConstraint(fields=["inventory", "section", "number"], name="section_version_unique")]

    def __str__(self) -> str:
        return f"{self.get_section_display()} v{self.number}"


class ActivityLineQuerySet(TenantQuerySet):
    policy_type = "inventory"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(version__inventory__park__in=scope.all_parks) | Q(version__inventory__enterprise__in=scope.enterprises)


class ActivityLine(TrackedModel):
    """One row of activity data, in the engine's fields. ``measured`` holds tier-2 parameters:
    {"ncv": {"value": 20.1, "unit": "GJ/t"}, ...}; ``extra`` holds method fields such as deposit_year."""

    version = models.ForeignKey(SectionVersion, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(_("row"), default=0)
    activity = models.CharField(_("activity"), max_length=60)
    amount = models.FloatField(_("amount"))
    unit = models.CharField(_("unit"), max_length=20)
    month = models.PositiveSmallIntegerField(_("month"), default=0, help_text=_("0 = whole year"))
    sector = models.CharField(_("sector"), max_length=20, blank=True)
    ad_uncertainty_pct = models.FloatField(_("activity data uncertainty (%)"), null=True, blank=True)
    measured = models.JSONField(_("measured parameters"), default=dict, blank=True)
    extra = models.JSONField(_("additional fields"), default=dict, blank=True)
    note = models.CharField(_("note / evidence"), max_length=500, blank=True)
    evidence = models.FileField(_("evidence file"), upload_to="evidence/%Y/", blank=True)
    # Raised by one on every save through an edit form; a form carries the revision it was read at, and a save
    # from an older one is refused (no lost update when two people edit the same line).
    revision = models.PositiveIntegerField(_("revision"), default=1, db_default=1)

    objects = ActivityLineQuerySet.as_manager()

    class Meta:
        ordering = ["version", "position", "pk"]
        # A page of a section's lines is read in this order without sorting the whole section (100,000 lines).
        indexes = [models.Index(fields=["version", "position", "id"], name="line_page_order")]
        verbose_name = _("activity line")
        verbose_name_plural = _("activity lines")

    def engine_row(self) -> dict:
        row = {"row_id": str(self.pk), "activity": self.activity, "amount": self.amount, "unit": self.unit,
               "month": self.month, "sector": self.sector or None, "ad_uncertainty_pct": self.ad_uncertainty_pct}
        for name, spec in (self.measured or {}).items():
            row[name], row[f"{name}_unit"] = spec.get("value"), spec.get("unit")
        row.update(self.extra or {})
        return row


class ResultSnapshot(models.Model):
    """The stored result of computing an inventory: totals for pages and reports, stamped for reproduction."""

    inventory = models.OneToOneField(Inventory, on_delete=models.CASCADE, related_name="snapshot")
    computed_at = models.DateTimeField(auto_now=True)
    engine_version = models.CharField(max_length=20)
    library_version = models.CharField(max_length=20)
    gwp_set = models.CharField(max_length=8)
    total_co2e = models.FloatField()
    total_co2e_market = models.FloatField()
    biogenic_co2 = models.FloatField(default=0)
    in_park_supply_co2e = models.FloatField(default=0, help_text="scope-2 CO2e of energy bought from a park producer")
    uncertainty_pct = models.FloatField(default=0)
    energy_tce = models.FloatField(default=0, help_text="energy consumption, electricity at calorific value (GB/T 2589)")
    energy_by_activity = models.JSONField(default=dict)
    by_section = models.JSONField(default=dict)
    by_scope = models.JSONField(default=dict)
    by_gas = models.JSONField(default=dict)
    by_month = models.JSONField(default=dict)
    by_category = models.JSONField(default=dict)
    # Tonnes of each gas per section and per scope ({"section": {"energy": {"CO2": t, ...}}, "scope": {...}}),
    # so a park total can weigh every enterprise's gases with the park's GWP set.
    gas_tonnes = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.inventory}: {self.total_co2e:,.1f} t CO2e"


class Transition(models.Model):
    """A change of status (draft -> submitted ...), one row per transition."""

    inventory = models.ForeignKey(Inventory, on_delete=models.CASCADE, related_name="transitions")
    old_status = models.CharField(max_length=20)
    new_status = models.CharField(max_length=20)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["inventory", "at"]

    def __str__(self) -> str:
        return f"{self.inventory}: {self.old_status} -> {self.new_status}"


class ImportStatus(models.TextChoices):
    VALIDATING = "validating", _("Validating")
    INVALID = "invalid", _("Problems found")
    VALID = "valid", _("Ready to save")
    APPLYING = "applying", _("Saving")
    APPLIED = "applied", _("Saved")
    FAILED = "failed", _("Failed")


class PendingImportQuerySet(TenantQuerySet):
    policy_type = "inventory"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(inventory__park__in=scope.all_parks) | Q(inventory__enterprise__in=scope.enterprises)


class PendingImport(Leased):
    """An uploaded standard file: validated in the background, shown as a preview, saved only on confirmation.
    The task working on it holds a lease (see common/jobs.py); ``failure`` says why it failed."""

    inventory = models.ForeignKey(Inventory, on_delete=models.CASCADE, related_name="imports")
    file = models.FileField(upload_to="imports/%Y/%m/")
    file_name = models.CharField(max_length=255)
    status = models.CharField(max_length=12, choices=ImportStatus.choices, default=ImportStatus.VALIDATING)
    problems = models.JSONField(default=list, blank=True)  # [{sheet, row, column, message}]
    warnings = models.JSONField(default=list, blank=True)  # plausibility warnings the user must confirm
    preview = models.JSONField(default=dict, blank=True)  # per-section line counts and CO2e
    division = models.CharField(max_length=6, blank=True)  # the file's finer division, applied on saving
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = PendingImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"

    @property
    def division_label(self) -> str:
        return divisions.label(self.division) if self.division else ""
