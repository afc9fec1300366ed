"""Users and their roles. A role is held through a Membership row tied to a park, enterprise or agency."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkcarbon.common.models import TrackedModel
from parkcarbon.common.policy import ROLE_REACH, Role, Scope, TenantQuerySet


class UserQuerySet(TenantQuerySet):
    policy_type = "membership"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(memberships__park__in=scope.parks)


class ParkCarbonUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """Project user model (swappable from day one, as Django recommends); roles live in Membership."""

    objects = ParkCarbonUserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        full = self.get_full_name()
        return f"{full} ({self.username})" if full else self.username


class MembershipQuerySet(TenantQuerySet):
    policy_type = "membership"

    def scope_filter(self, scope: Scope) -> Q:
        # Memberships are managed by the park they were granted in (park staff of that park).
        return Q(park__in=scope.parks)


class Membership(TrackedModel):
    """User U holds role R in park P (and, for enterprise/agency roles, for enterprise E / agency A).

    ``park`` is the park that granted the role: it decides which park admins manage this user. It is
    empty only for platform administrators (and agency members created by them).
    """

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    park = models.ForeignKey(
        "parks.Park",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("park"),
    )
    enterprise = models.ForeignKey(
        "parks.Enterprise",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("enterprise"),
    )
    agency = models.ForeignKey(
        "parks.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("agency"),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["user__username", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        target = self.enterprise or self.agency or self.park or _("whole platform")
        return f"{self.user.username}: {self.get_role_display()} · {target}"

    def clean(self):
        errors = {}
        reach = ROLE_REACH.get(self.role)
        if reach in ("park",) and not self.park_id:
            errors["park"] = _("This role needs a park.")
        if reach == "enterprise":
            if not self.enterprise_id:
                errors["enterprise"] = _("This role needs an enterprise.")
            elif self.park_id and self.enterprise.park_id != self.park_id:
                errors["enterprise"] = _("The enterprise belongs to another park.")
        if reach == "agency" and not self.agency_id:
            errors["agency"] = _("This role needs an agency.")
        if reach != "enterprise" and self.enterprise_id:
            errors["enterprise"] = _("Only enterprise roles are tied to an enterprise.")
        if reach != "agency" and self.agency_id:
            errors["agency"] = _("Only verifier and authority roles are tied to an agency.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.enterprise_id and not self.park_id:
            self.park_id = self.enterprise.park_id
        super().save(*args, **kwargs)
