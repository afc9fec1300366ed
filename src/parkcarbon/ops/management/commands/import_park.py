from django.core.management.base import BaseCommand, CommandError

from parkcarbon.ops.transfer import TransferError, import_park


class Command(BaseCommand):
    help = ("Restore a park archive written by export_park into this installation (any database). Refuses an "
            "unknown archive version, a park code that exists here, and usernames that exist here.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive (.zip)")
        parser.add_argument("--reuse-users", action="store_true",
                            help="link the park to users of the same username already here instead of refusing")

    def handle(self, *args, file, reuse_users=False, **options):
        try:
            manifest = import_park(file, reuse_users=reuse_users)
        except TransferError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["models"].values())
        self.stdout.write(self.style.SUCCESS(
            f"Park {manifest['park']['code']} imported: {rows} rows, {len(manifest['files'])} files. Its users "
            "have no password here: send each a password reset link (park administration)."))
