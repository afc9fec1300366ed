from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    name = "parkcarbon.releases"
    verbose_name = _("Factor library releases")
    park_data = ["Restatement", "SeriesRestatement", "ParkRelease", "ParkFactor", "ParkReleaseEvent"]  # parkcarbon export_park (ops/transfer.py)
