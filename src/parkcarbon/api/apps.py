from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "parkcarbon.api"
    park_data = ["Meter", "MeterReading"]  # parkcarbon export_park (ops/transfer.py)
    park_data_excluded = {"ApiToken": "bearer-token secrets stay in the installation that issued them"}
    label = "api"
    verbose_name = _("Interface management")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from parkcarbon.common import navigation
        from parkcarbon.common.policy import has_role_for

        navigation.add(navigation.NavItem(
            "interface", _("Interface management"),
            _("REST API tokens for energy monitoring and other systems; API documentation."), "接",
            url_name="api_admin:tokens", active_prefixes=("api_admin:",),
            visible=lambda user: has_role_for(user, "api_token", "create"),
        ), before="admin")
