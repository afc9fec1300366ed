from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "parkcarbon.analysis"
    verbose_name = _("Analysis")
    park_data = ["Scenario", "ForecastRun"]  # parkcarbon export_park (ops/transfer.py)
    park_data_excluded = {"DataVersion": "a cache counter of this installation; the importing one starts its own"}

    def ready(self):
        from parkcarbon.analysis import signals  # noqa: F401 - raises a park's data version on every change
        from parkcarbon.common import navigation

        navigation.register("analysis", url_name="analysis:dashboard", active_prefixes=("analysis:",))
