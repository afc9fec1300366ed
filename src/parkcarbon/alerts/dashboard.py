"""Home-page card: the alerts a user may see that are still open."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parkcarbon.alerts.models import Alert
from parkcarbon.common.dashboard import Card


def open_alert_count(user) -> int:
    return Alert.objects.for_user(user).open().count()


def alert_cards(user) -> list[Card]:
    visible = Alert.objects.for_user(user)
    if not visible.active().exists():
        return []
    return [Card(title=_("Alerts"), subtitle=_("Threshold rules of the park breached by inventories you may see"),
                 url=reverse("alerts:list"),
                 stats=[(_("Open"), visible.open().count()), (_("Acknowledged"),
                                                              visible.active().filter(acknowledged_at__isnull=False)
                                                              .count())])]
