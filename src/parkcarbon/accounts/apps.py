from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "parkcarbon.accounts"
    park_data = ["User", "Membership"]  # parkcarbon export_park: the park's members, without passwords
    verbose_name = _("Users and roles")
