from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "parkcarbon.inventory"
    park_data = ["Inventory", "SectionVersion", "ActivityLine", "ResultSnapshot", "Transition", "PendingImport"]  # export_park
    verbose_name = _("Carbon accounting")

    def ready(self):
        from parkcarbon.common import dashboard, navigation
        from parkcarbon.engine.methodology import methodologies
        from parkcarbon.inventory.dashboard import accounting_cards

        navigation.register("accounting", url_name="inventory:index", active_prefixes=("inventory:",))
        dashboard.register(accounting_cards)
        methodologies()  # load and validate every guideline file at start-up: a bad file fails here, not mid-request
