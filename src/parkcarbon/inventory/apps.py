from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "parkcarbon.inventory"
    verbose_name = _("Carbon accounting")

    def ready(self):
        from parkcarbon.common import navigation

        navigation.register("accounting", url_name="inventory:index", active_prefixes=("inventory:",))
