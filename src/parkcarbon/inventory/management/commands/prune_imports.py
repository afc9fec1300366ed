"""Delete uploads that were never saved (problems found, not confirmed, or failed) after some days, with their files.
Saved uploads stay: their file is the evidence of the section version they created."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from parkcarbon.inventory.models import ImportStatus, PendingImport


class Command(BaseCommand):
    help = "Delete abandoned uploads (not saved) older than --days (default 7), with their files."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - timedelta(days=days)
        stale = PendingImport.objects.filter(created_at__lt=cutoff).exclude(
            status__in=[ImportStatus.APPLIED, ImportStatus.APPLYING, ImportStatus.VALIDATING])
        count = 0
        for pending in stale:
            pending.file.delete(save=False)
            pending.delete()
            count += 1
        self.stdout.write(f"deleted {count} abandoned upload(s) older than {days} days")
