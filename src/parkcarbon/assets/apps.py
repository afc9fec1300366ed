from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssetsConfig(AppConfig):
    name = "parkcarbon.assets"
    verbose_name = _("Carbon assets")
    park_data = ["OffsetProject", "Account", "Transaction", "Entry", "SerialBlock", "Allocation", "Price"]  # parkcarbon export_park (ops/transfer.py)

    def ready(self):
        from parkcarbon.common import navigation

        navigation.register("assets", url_name="assets:index", active_prefixes=("assets:",))
        from django.apps import apps

        if apps.is_installed("parkcarbon.disclosure"):  # carbon trading figures of disclosures
            from parkcarbon.assets.disclosure_provider import carbon_trading
            from parkcarbon.disclosure import hooks

            hooks.register_carbon_asset_provider(carbon_trading)
