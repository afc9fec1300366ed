"""Home-page cards of Carbon Accounting (stored totals only).

Users who reach a whole park (park staff, agencies assigned to it) see the park's latest COMPLETE year, never the
newest year with any data: one enterprise's draft of next year is not the park total. Users who reach single
enterprises see the latest year of their own inventories.
"""

from django.db.models import Count, Max, Q, Sum
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.dashboard import Card
from parkcarbon.common.policy import scope_for
from parkcarbon.inventory.models import EDITABLE_STATUSES, Inventory
from parkcarbon.inventory.park import park_trend
from parkcarbon.parks.models import Park

MAX_PARK_CARDS = 3
COMPLETE_MEANS = _("Complete: every enterprise inventory of the year is submitted and every enterprise that "
                   "reported the year before has one. Submitted inventories only, one GWP set.")


def _n(value: float) -> str:
    return number_format(round(value), 0, use_l10n=True, force_grouping=True)  # number_format truncates


def park_card(park, user) -> Card:
    """The park's latest complete year: its total (park GWP set), or why there is none yet."""
    trend = park_trend(park, user)
    complete = [t for t in trend if t.is_complete]
    latest = trend[-1] if trend else None
    stats = []
    if complete:
        year = complete[-1]
        title = _("Park total · %(park)s · %(year)s") % {"park": park.display_name, "year": year.year}
        url = reverse("inventory:park", args=[park.pk, year.year])
        stats += [(_("t CO2e (%(gwp)s)") % {"gwp": park.gwp_set}, _n(year.co2e)),
                  (_("Submitted"), year.n_submitted)]
    else:
        title = _("Park total · %(park)s") % {"park": park.display_name}
        url = reverse("inventory:park", args=[park.pk, latest.year]) if latest else reverse("inventory:index")
        stats.append((_("Complete year"), _("none yet")))
    if latest and not latest.is_complete:
        stats.append((_("%(year)s in progress") % {"year": latest.year},
                      _("%(submitted)s submitted, %(drafts)s drafts") % {"submitted": latest.n_submitted,
                                                                         "drafts": latest.n_drafts}))
    return Card(title=title, subtitle=COMPLETE_MEANS, url=url, stats=stats)


def accounting_cards(user) -> list[Card]:
    scope = scope_for(user, "inventory", "view")
    parks = Park.objects.filter(inventories__isnull=False).distinct()
    if not scope.everything:
        parks = parks.filter(pk__in=scope.all_parks)
    park_cards = [park_card(park, user) for park in parks.order_by("name")[:MAX_PARK_CARDS]]
    return park_cards or enterprise_cards(user)


def enterprise_cards(user) -> list[Card]:
    inventories = Inventory.objects.for_user(user)
    year = inventories.filter(snapshot__isnull=False).aggregate(y=Max("year"))["y"]
    if year is None:
        return []
    # One aggregate for the totals and both counts (an inventory has at most one snapshot: no row is doubled).
    editable = Q(status__in=EDITABLE_STATUSES)
    totals = inventories.filter(year=year).aggregate(
        co2e=Sum("snapshot__total_co2e"), memo=Sum("snapshot__in_park_supply_co2e"), tce=Sum("snapshot__energy_tce"),
        submitted=Count("pk", filter=~editable), drafts=Count("pk", filter=editable))
    return [Card(
        title=_("Carbon Accounting · %(year)s") % {"year": year},
        subtitle=_("Inventories you may see; energy bought inside the park counted once"),
        url=reverse("inventory:index") + f"?year={year}",
        stats=[
            (_("t CO2e"), _n((totals["co2e"] or 0) - (totals["memo"] or 0))),
            (_("tce"), _n(totals["tce"] or 0)),
            (_("Submitted"), totals["submitted"]),  # every status after submission
            (_("Draft"), totals["drafts"]),
        ],
    )]
