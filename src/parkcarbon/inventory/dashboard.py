"""Home-page cards of Carbon Accounting (stored totals only).

Users who reach a whole park (park staff, agencies assigned to it) see the park's latest COMPLETE year, never the
newest year with any data: one enterprise's draft of next year is not the park total. Users who reach single
enterprises see the latest year of their own inventories.
"""

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.dashboard import Card, cached_cards
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
    """Park cards for users who reach whole parks (kept in the cache until a figure of those parks changes: a park
    total over thousands of snapshots), otherwise the card of the user's own inventories (one query, computed each
    time: the reporter who looks at it is the one whose saves change it)."""
    scope = scope_for(user, "inventory", "view")
    if scope.everything or scope.all_parks:
        cards = cached_cards("accounting", user, _park_cards)
        if cards:
            return cards
    return enterprise_cards(user)


def _park_cards(user) -> list[Card]:
    scope = scope_for(user, "inventory", "view")
    parks = Park.objects.filter(inventories__isnull=False).distinct()
    if not scope.everything:
        parks = parks.filter(pk__in=scope.all_parks)
    return [park_card(park, user) for park in parks.order_by("name")[:MAX_PARK_CARDS]]


def enterprise_cards(user) -> list[Card]:
    # One query: the totals and both counts of the latest year with a snapshot (an inventory has at most one
    # snapshot: no row is doubled), over every inventory of that year.
    editable = Q(status__in=EDITABLE_STATUSES)
    latest = (Inventory.objects.for_user(user).order_by().values("year")
              .annotate(co2e=Sum("snapshot__total_co2e"), memo=Sum("snapshot__in_park_supply_co2e"),
                        tce=Sum("snapshot__energy_tce"), submitted=Count("pk", filter=~editable),
                        drafts=Count("pk", filter=editable), snapshots=Count("snapshot"))
              .filter(snapshots__gt=0).order_by("-year")[:1])
    totals = next(iter(latest), None)
    if totals is None:
        return []
    year = totals["year"]
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
