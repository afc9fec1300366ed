from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "parkcarbon.common"
    verbose_name = _("Common")

    def ready(self):
        from django.tasks.signals import task_started

        from parkcarbon.common import jobs

        task_started.connect(jobs.on_task_started, dispatch_uid="parkcarbon-reap-before-task")
