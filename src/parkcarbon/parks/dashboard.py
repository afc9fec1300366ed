"""Home-page cards for the parks and enterprises in the user's scope (real counts only)."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.dashboard import Card, cached_cards
from parkcarbon.common.policy import memberships
from parkcarbon.parks.models import Agency, Enterprise, Park, Zone


def count_per_park(rows):
    """The number of ``rows`` of each park, as a subquery: counting through joins of zones and enterprises would
    multiply them (zones x enterprises rows for a park of 2,000 enterprises)."""
    per_park = rows.filter(park=OuterRef("pk")).order_by().values("park").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(per_park), 0)


def park_cards(user) -> list[Card]:
    """The cards of the parks, enterprises and agencies the user reaches, kept until one of those parks' own rows
    (park, zones, enterprises) change: none of them is a figure, so saving activity data leaves them cached."""
    return cached_cards("parks", user, _park_cards, structure_only=True)


def _park_cards(user) -> list[Card]:
    enterprises = Enterprise.objects.for_user(user)
    parks = Park.objects.for_user(user).annotate(
        n_zones=count_per_park(Zone.objects.all()),
        n_enterprises=count_per_park(enterprises),
        n_key=count_per_park(enterprises.filter(is_key_emitter=True)),
    )
    cards = [
        Card(
            title=park.display_name,
            subtitle=f"{park.region_label} · {park.get_level_display()}",
            url=park.get_absolute_url(),
            stats=[
                (_("Zones"), park.n_zones),
                (_("Enterprises"), park.n_enterprises),
                (_("Key emitting units"), park.n_key),
            ],
        )
        for park in parks
    ]
    # Enterprise users and agencies assigned to single enterprises: one card per enterprise when few.
    first = list(enterprises.select_related("park")[:4])  # one query tells "few" and lists them
    if not cards or len(first) <= 3:
        cards += [
            Card(
                title=e.display_name,
                subtitle=str(e.industry or e.industry_code),
                url=e.get_absolute_url(),
                stats=[
                    (_("Credit code"), e.credit_code),
                    (_("Key emitting unit"), _("Yes") if e.is_key_emitter else _("No")),
                ],
            )
            for e in first[:3]
        ]
    if not any(m.agency_id for m in memberships(user)):
        return cards  # no agency of the user's to show (and no query to ask)
    agencies = Agency.objects.filter(memberships__user=user).distinct()
    cards += [
        Card(
            title=a.display_name,
            subtitle=a.get_kind_display(),
            url=a.get_absolute_url(),
            stats=[  # only what the viewer reaches: never another park's assignments
                (_("Assigned parks"), Park.objects.for_user(user).filter(agencies=a).count()),
                (_("Assigned enterprises"), Enterprise.objects.for_user(user).filter(agencies=a).count()),
            ],
        )
        for a in agencies
    ]
    return cards
