"""E-mail about new alerts, queued on commit (Django Tasks) so a save never waits for the mail server.

Each responsible user (the park's administrators; for an enterprise inventory also its enterprise's reporters
and managers) with an e-mail address gets one message listing the new alerts they may see, in Chinese and
English."""

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils.translation import override

from parkcarbon.accounts.models import Membership
from parkcarbon.alerts.models import Alert
from parkcarbon.common.policy import ENTERPRISE_ROLES, Role

LANGUAGES = ("zh-hans", "en")


def recipients(alert: Alert) -> set:
    inv = alert.inventory
    who = Q(role=Role.PARK_ADMIN, park=inv.park_id)
    if inv.enterprise_id:
        who |= Q(role__in=ENTERPRISE_ROLES, enterprise=inv.enterprise_id)
    return {m.user for m in Membership.objects.filter(who, user__is_active=True).exclude(user__email="")
            .select_related("user")}


@task
def send_alert_mail(alert_ids: list[int]) -> int:
    """Send the new alerts to their responsible users; returns the number of messages sent."""
    alerts = (Alert.objects.filter(pk__in=alert_ids).active()
              .select_related("rule", "inventory__park", "inventory__enterprise").order_by("pk"))
    by_user: dict = {}
    for alert in alerts:
        for user in recipients(alert):
            by_user.setdefault(user, []).append(alert)
    base = settings.PARKCARBON_SITE_URL.rstrip("/")
    sent = 0
    for user, mine in sorted(by_user.items(), key=lambda item: item[0].pk):
        parts = {}
        for language in LANGUAGES:
            with override(language):
                context = {"alerts": mine, "user": user, "base": base}
                parts[language] = (render_to_string("alerts/mail_subject.txt", context).strip(),
                                   render_to_string("alerts/mail_body.txt", context))
        subject = " / ".join(parts[lang][0] for lang in LANGUAGES)
        body = "\n\n----------------------------------------\n\n".join(parts[lang][1] for lang in LANGUAGES)
        sent += send_mail(subject, body, None, [user.email])
    return sent


@task
def evaluate_park(park_id: int) -> int:
    """Evaluate every inventory of a park after its rules changed; returns the number of alerts raised."""
    from parkcarbon.alerts.services import evaluate_park as run

    return run(park_id)
