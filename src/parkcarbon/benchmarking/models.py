"""Product output and site facts of an inventory's basic information (the inputs benchmarking needs beyond the
activity data). Both have the reach of their inventory and keep a change history."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from parkcarbon.benchmarking import texts
from parkcarbon.benchmarking.library import load
from parkcarbon.common.models import TrackedModel
from parkcarbon.common.policy import Scope, TenantQuerySet


def product_choices(language: str = "en"):
    """(code, "name (unit)") of the library's products, in one language (forms pass the active one)."""
    with translation.override(language):
        return [(p.product, f"{p.name(language)} ({texts.unit_label(p.unit)})") for p in load().products.values()]


class ByInventoryQuerySet(TenantQuerySet):
    policy_type = "inventory"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(inventory__park__in=scope.all_parks) | Q(inventory__enterprise__in=scope.enterprises)


class ProductOutput(TrackedModel):
    """A main product of the enterprise in the inventory's year, in the unit of the benchmark library."""

    inventory = models.ForeignKey("inventory.Inventory", on_delete=models.CASCADE, related_name="product_outputs",
                                  verbose_name=_("inventory"))
    product = models.CharField(_("product"), max_length=40, choices=product_choices)
    quantity = models.FloatField(_("annual output"), validators=[MinValueValidator(0)])
    note = models.CharField(_("note / evidence"), max_length=300, blank=True)

    objects = ByInventoryQuerySet.as_manager()

    class Meta:
        ordering = ["inventory", "pk"]
        verbose_name = _("product output")
        constraints = [models.UniqueConstraint(fields=["inventory", "product"], name="product_output_once")]

    def __str__(self) -> str:
        return f"{self.get_product_display()}: {self.quantity:g}"

    @property
    def unit(self) -> str:
        return load().products[self.product].unit


class SiteFacts(TrackedModel):
    """Facts about the site the recommendation rules read (roof area for rooftop PV)."""

    inventory = models.OneToOneField("inventory.Inventory", on_delete=models.CASCADE, related_name="site_facts")
    roof_area_m2 = models.FloatField(_("usable roof area (m²)"), null=True, blank=True,
                                     validators=[MinValueValidator(0)],
                                     help_text=_("Roofs able to carry PV panels; empty: no rooftop PV estimate."))

    objects = ByInventoryQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.inventory}: {self.roof_area_m2 or 0:g} m²"
