"""A park's application for a trial, and its review (issue 21)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.models import TrackedModel
from parkcarbon.common.policy import Scope, TenantQuerySet
from parkcarbon.parks import divisions
from parkcarbon.parks.models import ParkLevel
from parkcarbon.parks.validators import validate_cn_mobile, validate_division_code


class Status(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ApplicationQuerySet(TenantQuerySet):
    policy_type = "trial_application"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(pk__in=[])  # only the platform operator (whole-platform reach) sees applications


def name_key(name: str) -> str:
    """The park name as compared for duplicates: no spaces, case-folded."""
    return "".join((name or "").split()).casefold()


class TrialApplication(TrackedModel):
    park_name = models.CharField(_("park name"), max_length=120)
    park_name_key = models.CharField(max_length=120, editable=False)
    level = models.CharField(_("park level"), max_length=30, choices=ParkLevel.choices)
    division = models.CharField(_("region"), max_length=6, validators=[validate_division_code])
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=9, decimal_places=2, null=True, blank=True,
                                   validators=[MinValueValidator(0)])
    industries = models.CharField(_("leading industries"), max_length=300, blank=True,
                                  help_text=_("GB/T 4754-2017 section letters or division codes, comma separated."))
    enterprise_count = models.PositiveIntegerField(_("number of enterprises"), null=True, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=60)
    mobile = models.CharField(_("mobile phone"), max_length=11, validators=[validate_cn_mobile])
    email = models.EmailField(_("e-mail"))
    message = models.TextField(_("message"), blank=True, max_length=2000)
    language = models.CharField(max_length=10, default="zh-hans", editable=False)  # for the e-mails we send

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    reason = models.TextField(_("reason"), blank=True)
    park = models.OneToOneField("parks.Park", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="trial_application", verbose_name=_("park"))

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("trial application")
        verbose_name_plural = _("trial applications")
        constraints = [models.UniqueConstraint(
            fields=["park_name_key", "division"], condition=Q(status="pending"), name="one_pending_per_park")]

    def __str__(self) -> str:
        return self.park_name

    def save(self, *args, **kwargs):
        self.park_name_key = name_key(self.park_name)
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        return f"TA-{self.pk:05d}"

    @property
    def region_label(self) -> str:
        return divisions.label(self.division)
