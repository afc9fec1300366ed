"""Fail the uploads and reports whose background worker died (their lease expired), so their users see why and
can retry. Runs by itself when a worker starts, before every task and from the housekeeping task."""

from django.core.management.base import BaseCommand

from parkcarbon.common.jobs import reap


class Command(BaseCommand):
    help = "Mark failed the background tasks whose worker stopped (lease expired)."

    def handle(self, *args, **options):
        self.stdout.write(f"failed {reap()} task(s) whose worker stopped")
