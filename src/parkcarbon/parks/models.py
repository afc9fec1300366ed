"""Park hierarchy: Park > Zone > Enterprise, and third-party Agencies assigned to parks/enterprises."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.models import TrackedModel
from parkcarbon.common.policy import Scope, TenantQuerySet
from parkcarbon.engine.calculate import DEFAULT_GWP, GWP_SETS
from parkcarbon.parks import divisions
from parkcarbon.parks.industry import lookup
from parkcarbon.parks.validators import validate_credit_code, validate_division_code, validate_industry_code


class BilingualNameMixin:
    """`display_name` follows the active language; the Chinese name is the legal one."""

    @property
    def display_name(self) -> str:
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name

    def __str__(self) -> str:
        return self.display_name


class ParkLevel(models.TextChoices):
    NATIONAL_ETDZ = "national_etdz", _("National economic-technological development zone")
    PROVINCIAL_ETDZ = "provincial_etdz", _("Provincial economic-technological development zone")
    NATIONAL_HTZ = "national_htz", _("National high-tech industrial development zone")
    PROVINCIAL_HTZ = "provincial_htz", _("Provincial high-tech industrial development zone")
    CHEMICAL_PARK = "chemical_park", _("Chemical industry park")
    INDUSTRIAL_PARK = "industrial_park", _("Industrial park")


class ParkQuerySet(TenantQuerySet):
    policy_type = "park"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(pk__in=scope.all_parks) | Q(enterprises__pk__in=scope.enterprises)


class Park(BilingualNameMixin, TrackedModel):
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("Short identifier, e.g. demo-etdz.")
    )
    province = models.CharField(_("province"), max_length=40)
    city = models.CharField(_("city"), max_length=60)
    # trial (issue 21): the GB/T 2260 code the park lies in; province / city above are filled from it (reports
    # print them) and keep their free text for parks whose text matched no code.
    division = models.CharField(_("region"), max_length=6, blank=True, validators=[validate_division_code])
    trial_ends_on = models.DateField(
        _("trial ends on"), null=True, blank=True,
        help_text=_("Last day of the trial; afterwards the park is read-only. Empty: a full account."))
    level = models.CharField(_("park level"), max_length=30, choices=ParkLevel.choices)
    area_km2 = models.DecimalField(
        _("area (km²)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    leading_industries = models.CharField(_("leading industries"), max_length=300, blank=True)
    gwp_set = models.CharField(
        _("GWP set of park totals"), max_length=8, choices=[(g, g) for g in GWP_SETS], default=DEFAULT_GWP,
        help_text=_("Park totals recompute every enterprise's gases with this set, whatever set the enterprise "
                    "reported with."),
    )

    objects = ParkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("park")
        verbose_name_plural = _("parks")

    def get_absolute_url(self) -> str:
        return reverse("parks:park_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        path = divisions.chain(self.division)
        if path:
            self.province = path[0].name_zh
            self.city = "".join(d.name_zh for d in path[1:]) or path[0].name_zh
        super().save(*args, **kwargs)

    @property
    def region_label(self) -> str:
        return divisions.label(self.division) if self.division else f"{self.province} {self.city}".strip()

    @property
    def trial_days_left(self) -> int | None:
        """Days of trial left, today included (0 = ended); None for a full account."""
        if self.trial_ends_on is None:
            return None
        return max((self.trial_ends_on - timezone.localdate()).days + 1, 0)

    @property
    def trial_expired(self) -> bool:
        """Read by the policy module: an ended trial makes the park read-only."""
        return self.trial_days_left == 0


class ZoneQuerySet(TenantQuerySet):
    policy_type = "zone"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(park__in=scope.all_parks) | Q(enterprises__pk__in=scope.enterprises)


class Zone(BilingualNameMixin, TrackedModel):
    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="zones", verbose_name=_("park"))
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    code = models.SlugField(_("code"), max_length=40)
    description = models.TextField(_("description"), blank=True)

    objects = ZoneQuerySet.as_manager()

    class Meta:
        ordering = ["park", "code"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        constraints = [models.UniqueConstraint(fields=["park", "code"], name="zone_code_unique_in_park")]

    def get_absolute_url(self) -> str:
        return reverse("parks:park_detail", args=[self.park_id]) + f"#zone-{self.pk}"


class EnterpriseQuerySet(TenantQuerySet):
    policy_type = "enterprise"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(park__in=scope.all_parks) | Q(pk__in=scope.enterprises)


class Enterprise(BilingualNameMixin, TrackedModel):
    park = models.ForeignKey(
        Park, on_delete=models.PROTECT, related_name="enterprises", verbose_name=_("park")
    )
    zone = models.ForeignKey(
        Zone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enterprises",
        verbose_name=_("zone"),
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=250, blank=True)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text=_("18 characters, GB 32100-2015; the last one is a check character."),
    )
    industry_code = models.CharField(
        _("industry (GB/T 4754-2017)"), max_length=4, validators=[validate_industry_code]
    )
    is_key_emitter = models.BooleanField(
        _("key emitting unit"),
        default=False,
        help_text=_("重点排放单位: covered by mandatory emissions reporting."),
    )
    division = models.CharField(  # trial (issue 21): where the enterprise is, when not where the park is
        _("region"), max_length=6, blank=True, validators=[validate_division_code],
        help_text=_("Leave empty when the enterprise lies in the park's county."))
    contact_person = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")

    def get_absolute_url(self) -> str:
        return reverse("parks:enterprise_detail", args=[self.pk])

    @property
    def industry(self):
        return lookup(self.industry_code)

    @property
    def region_label(self) -> str:
        return divisions.label(self.division) if self.division else self.park.region_label


class AgencyKind(models.TextChoices):
    VERIFIER = "verifier", _("Verification body")
    AUTHORITY = "authority", _("Competent authority")
    CONSULTANCY = "consultancy", _("Consultancy")


class AgencyQuerySet(TenantQuerySet):
    policy_type = "agency"

    def scope_filter(self, scope: Scope) -> Q:
        # Park staff see agencies working in their parks; agency members see their own agency only
        # (not the other agencies assigned to the same park).
        return Q(pk__in=scope.agencies) | Q(parks__in=scope.parks) | Q(enterprises__park__in=scope.parks)


class Agency(BilingualNameMixin, TrackedModel):
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=250, blank=True)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, validators=[validate_credit_code]
    )
    parks = models.ManyToManyField(
        Park, blank=True, related_name="agencies", verbose_name=_("assigned parks")
    )
    enterprises = models.ManyToManyField(
        Enterprise, blank=True, related_name="agencies", verbose_name=_("assigned enterprises")
    )

    objects = AgencyQuerySet.as_manager()
    # simple_history also records who changed the assignments, not just the agency's own fields.
    _history_m2m_fields = ["parks", "enterprises"]

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~Q(credit_code=""), name="agency_credit_code_unique"
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse("parks:agency_detail", args=[self.pk])
