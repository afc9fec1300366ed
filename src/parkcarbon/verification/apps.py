from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerificationConfig(AppConfig):
    name = "parkcarbon.verification"
    park_data = ["Comment", "Adjustment", "Conclusion", "FrozenVersion"]  # parkcarbon export_park
    verbose_name = _("Verification")
