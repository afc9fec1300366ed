from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "parkcarbon.reports"
    park_data = ["Report"]  # parkcarbon export_park (ops/transfer.py)
    verbose_name = _("Reports")

    def ready(self):
        from parkcarbon.common import navigation

        navigation.register("reports", url_name="reports:list", active_prefixes=("reports:",))
