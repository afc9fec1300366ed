from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the platform in production (issue #22): health checks, request ids and logs, metrics, the read
    replica router, moving a park between installations."""

    name = "parkcarbon.ops"
    verbose_name = _("Operations")

    def ready(self):
        from parkcarbon.ops import queue

        queue.connect_signals()
