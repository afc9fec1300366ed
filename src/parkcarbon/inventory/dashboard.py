"""Home-page card: emissions and energy of the latest year with data in the user's scope (stored totals only)."""

from django.db.models import Max, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.dashboard import Card
from parkcarbon.inventory.models import Inventory, ResultSnapshot, Status


def accounting_cards(user) -> list[Card]:
    inventories = Inventory.objects.for_user(user)
    year = inventories.filter(snapshot__isnull=False).aggregate(y=Max("year"))["y"]
    if year is None:
        return []
    of_year = inventories.filter(year=year)
    totals = ResultSnapshot.objects.filter(inventory__in=of_year).aggregate(
        co2e=Sum("total_co2e"), memo=Sum("in_park_supply_co2e"), tce=Sum("energy_tce"))
    return [Card(
        title=_("Carbon Accounting · %(year)s") % {"year": year},
        subtitle=_("Inventories you may see; energy bought inside the park counted once"),
        url=reverse("inventory:index") + f"?year={year}",
        stats=[
            (_("t CO2e"), f"{(totals['co2e'] or 0) - (totals['memo'] or 0):,.0f}"),
            (_("tce"), f"{totals['tce'] or 0:,.0f}"),
            (_("Submitted"), of_year.filter(status=Status.SUBMITTED).count()),
            (_("Draft"), of_year.filter(status=Status.DRAFT).count()),
        ],
    )]
