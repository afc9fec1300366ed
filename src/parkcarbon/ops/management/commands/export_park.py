from django.core.management.base import BaseCommand, CommandError

from parkcarbon.ops.transfer import TransferError, export_park


class Command(BaseCommand):
    help = ("Write a park's complete data (hierarchy, users without passwords, inventories, lines, results, "
            "verification, alerts, reports, history, uploaded files) to one versioned zip archive.")

    def add_arguments(self, parser):
        parser.add_argument("code", help="the park's code")
        parser.add_argument("file", help="the archive to write (.zip)")

    def handle(self, *args, code, file, **options):
        try:
            manifest = export_park(code, file)
        except TransferError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["models"].values())
        self.stdout.write(self.style.SUCCESS(
            f"Park {code}: {rows} rows of {len(manifest['models'])} models and {len(manifest['files'])} files "
            f"written to {file} (archive version {manifest['version']})."))
