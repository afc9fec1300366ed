"""Home-page cards for the parks and enterprises in the user's scope (real counts only)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.dashboard import Card
from parkcarbon.parks.models import Agency, Enterprise, Park


def park_cards(user) -> list[Card]:
    enterprises = Enterprise.objects.for_user(user)
    parks = Park.objects.for_user(user).annotate(
        n_zones=Count("zones", distinct=True),
        n_enterprises=Count("enterprises", filter=Q(enterprises__in=enterprises), distinct=True),
        n_key=Count(
            "enterprises",
            filter=Q(enterprises__in=enterprises, enterprises__is_key_emitter=True),
            distinct=True,
        ),
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
    if not cards or enterprises.count() <= 3:
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
            for e in enterprises.select_related("park")[:3]
        ]
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
