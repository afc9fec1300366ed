from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "parkcarbon.disclosure"
    verbose_name = _("Disclosure")
    park_data = ["Disclosure", "Event", "PublishedFile"]  # parkcarbon export_park (ops/transfer.py)

    def ready(self):
        from parkcarbon.common import navigation

        navigation.register("disclosure", url_name="disclosure:index", active_prefixes=("disclosure:",))
