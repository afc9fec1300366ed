"""Home-page card: the alerts a user may see that are still open."""

from django.db.models import Count, Func, IntegerField, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parkcarbon.alerts.models import Alert
from parkcarbon.common.dashboard import Card

OPEN_COUNTED = "_parkcarbon_open_alerts"  # set on the request's user by the home page's card


def open_alert_count(user) -> int:
    """For the navigation badge; on the home page the alert card has just counted them (one query fewer)."""
    counted = getattr(user, OPEN_COUNTED, None)
    return counted if counted is not None else Alert.objects.for_user(user).open().count()


def open_alerts_subquery(user):
    """The count of :func:`open_alert_count` as a scalar subquery, for a page to read with a query it makes anyway
    (then ``setattr(user, OPEN_COUNTED, value)``); NULL when the user may see no alert at all."""
    return Subquery(Alert.objects.for_user(user).open().order_by().values(n=Func("pk", function="COUNT")),
                    output_field=IntegerField())


def alert_cards(user) -> list[Card]:
    # One query for both counts: the home page is requested often and every round trip counts under load.
    counts = Alert.objects.for_user(user).active().aggregate(
        n_open=Count("pk", filter=Q(acknowledged_at__isnull=True)),
        n_acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)))
    setattr(user, OPEN_COUNTED, counts["n_open"])  # the user object lives for this request only
    if not (counts["n_open"] or counts["n_acknowledged"]):
        return []
    return [Card(title=_("Alerts"), subtitle=_("Threshold rules of the park breached by inventories you may see"),
                 url=reverse("alerts:list"),
                 stats=[(_("Open"), counts["n_open"]), (_("Acknowledged"), counts["n_acknowledged"])])]
