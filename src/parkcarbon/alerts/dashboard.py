"""Home-page card: the alerts a user may see that are still open."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parkcarbon.alerts.models import Alert
from parkcarbon.common.dashboard import Card


def open_alert_count(user) -> int:
    return Alert.objects.for_user(user).open().count()


def alert_cards(user) -> list[Card]:
    # One query for both counts: the home page is requested often and every round trip counts under load.
    counts = Alert.objects.for_user(user).active().aggregate(
        n_open=Count("pk", filter=Q(acknowledged_at__isnull=True)),
        n_acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)))
    if not (counts["n_open"] or counts["n_acknowledged"]):
        return []
    return [Card(title=_("Alerts"), subtitle=_("Threshold rules of the park breached by inventories you may see"),
                 url=reverse("alerts:list"),
                 stats=[(_("Open"), counts["n_open"]), (_("Acknowledged"), counts["n_acknowledged"])])]
