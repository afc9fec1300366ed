from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarkingConfig(AppConfig):
    name = "parkcarbon.benchmarking"
    verbose_name = _("Benchmarking and recommendations")
    park_data = ["ProductOutput", "SiteFacts"]  # parkcarbon export_park (ops/transfer.py)

    def ready(self):
        from parkcarbon.common import navigation

        navigation.add(navigation.NavItem(
            "benchmarks", _("Benchmarks"),
            _("Enterprises' intensities beside national benchmarks, ranks among peers, and reduction measures."),
            "标", url_name="benchmarking:park", active_prefixes=("benchmarking:",),
            visible=lambda user: bool(navigation.memberships(user))))
