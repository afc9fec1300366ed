from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrialsConfig(AppConfig):
    name = "parkcarbon.trials"
    verbose_name = _("Trial applications")
    park_data = ["TrialApplication"]  # the reviewed application a park was created from (ops/transfer.py)

    def ready(self):
        from parkcarbon.common import navigation

        navigation.add(navigation.NavItem(
            "trials", _("Trial applications"), _("Parks' applications for a trial, their review and trial periods."),
            "申", url_name="trials:queue", active_prefixes=("trials:",),
            visible=lambda user: navigation.has_role_for(user, "trial_application", "view")))
