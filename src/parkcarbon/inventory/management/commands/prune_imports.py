"""Delete uploads that were never saved (problems found, not confirmed, failed, or stuck because their worker died)
after some days, with their files. Saved uploads stay: their file is the evidence of the section version they
created. The housekeeping task runs the same pruning every few minutes while a worker runs; this command is for
cron or by hand."""

from django.conf import settings
from django.core.management.base import BaseCommand

from parkcarbon.common.jobs import prune_uploads


class Command(BaseCommand):
    help = "Delete abandoned uploads (not saved) older than --days (default PARKCARBON_PRUNE_UPLOADS_DAYS), with their files."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.PARKCARBON_PRUNE_UPLOADS_DAYS)

    def handle(self, *args, days, **options):
        count = prune_uploads(days)
        self.stdout.write(f"deleted {count} abandoned upload(s) older than {days} days")
