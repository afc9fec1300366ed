"""Home-page card: the alerts a user may see that are still open."""

from functools import lru_cache

from django.db import connection
from django.db.models import Count, Func, IntegerField, Q, Subquery
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parkcarbon.alerts.models import Alert, AlertQuerySet
from parkcarbon.common.dashboard import Card
from parkcarbon.common.policy import scope_for

OPEN_COUNTED = "_parkcarbon_open_alerts"  # set on the request's user by the home page's card


def open_alert_count(user) -> int:
    """For the navigation badge; on the home page the alert card has just counted them (one query fewer)."""
    counted = getattr(user, OPEN_COUNTED, None)
    return counted if counted is not None else Alert.objects.for_user(user).open().count()


def open_alerts_subquery(user):
    """The count of :func:`open_alert_count` as a scalar subquery, for a page to read with a query it makes anyway
    (then ``setattr(user, OPEN_COUNTED, value)``); NULL when the user may see no alert at all.

    For a user whose reach is parks and/or enterprises (every reporter, park and agency role) it is written as SQL
    text: the same rows as ``Alert.objects.for_user(user).open()`` (``AlertQuerySet.scope_filter``: the alert's
    inventory in one of the scope's parks or of its enterprises; not cleared, not acknowledged) without building
    and compiling the ORM's nested subqueries on every view of the inventory page (~2,500 calls). A scope of
    everything, or of no park and no enterprise, takes the ORM's own form."""
    scope = scope_for(user, AlertQuerySet.policy_type, "view")
    parks, enterprises = sorted(scope.all_parks), sorted(scope.enterprises)
    if scope.everything or not (parks or enterprises):
        return Subquery(Alert.objects.for_user(user).open().order_by().values(n=Func("pk", function="COUNT")),
                        output_field=IntegerField())
    return RawSQL(_open_count_sql(len(parks), len(enterprises)), [*parks, *enterprises], output_field=IntegerField())


@lru_cache(maxsize=256)
def _open_count_sql(n_parks: int, n_enterprises: int) -> str:
    """``SELECT COUNT(*)`` of the open alerts whose inventory is in ``n_parks`` parks or of ``n_enterprises``
    enterprises (parameters: the parks' ids, then the enterprises')."""
    from parkcarbon.inventory.models import Inventory

    quote = connection.ops.quote_name
    alert, inventory = Alert._meta, Inventory._meta

    def column(meta, name):
        return quote(meta.get_field(name).column)

    reach = []
    if n_parks:
        reach.append(f"pc_inv.{column(inventory, 'park')} IN ({', '.join(['%s'] * n_parks)})")
    if n_enterprises:
        reach.append(f"pc_inv.{column(inventory, 'enterprise')} IN ({', '.join(['%s'] * n_enterprises)})")
    # Only quoted identifiers of the models and %s placeholders go into the text; the ids are parameters.
    return (f"SELECT COUNT(*) FROM {quote(alert.db_table)} pc_alert INNER JOIN {quote(inventory.db_table)} pc_inv "  # noqa: S608
            f"ON pc_alert.{column(alert, 'inventory')} = pc_inv.{column(inventory, 'id')} "
            f"WHERE pc_alert.{column(alert, 'cleared_at')} IS NULL AND pc_alert.{column(alert, 'acknowledged_at')} "
            f"IS NULL AND ({' OR '.join(reach)})")


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
