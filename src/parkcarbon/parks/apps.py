from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParksConfig(AppConfig):
    name = "parkcarbon.parks"
    park_data = ["Park", "Zone", "Enterprise", "Agency"]  # parkcarbon export_park (ops/transfer.py)
    verbose_name = _("Park management")

    def ready(self):
        from parkcarbon.common import dashboard
        from parkcarbon.parks.dashboard import park_cards

        dashboard.register(park_cards)
