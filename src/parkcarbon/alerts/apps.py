from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "parkcarbon.alerts"
    park_data = ["Rule", "Alert"]  # parkcarbon export_park (ops/transfer.py)
    verbose_name = _("Thresholds and alerts")

    def ready(self):
        from parkcarbon.alerts import signals  # noqa: F401 - connects the evaluation to inventory saves
        from parkcarbon.alerts.dashboard import alert_cards
        from parkcarbon.common import dashboard, navigation

        navigation.add(navigation.NavItem(
            "alerts", _("Alerts"), _("Threshold rules of the park and the alerts they raised."), "警",
            url_name="alerts:list", active_prefixes=("alerts:",),
            visible=lambda user: bool(navigation.memberships(user))))
        dashboard.register(alert_cards)
