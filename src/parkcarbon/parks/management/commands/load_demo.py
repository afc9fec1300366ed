from django.core.management.base import BaseCommand
from django.utils.translation import override

from parkcarbon.parks.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load (or refresh) the demo parks, enterprises, agencies and one user per role. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="URL printed in the summary.")

    def handle(self, *args, url, **options):
        from parkcarbon.inventory.demo import load_demo_inventories
        from parkcarbon.parks.models import Park

        with override("en"):
            rows = load_demo()
            inventories = sum(load_demo_inventories(park) for park in Park.objects.all())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded ({inventories} inventories with three years of data)."))
        self.stdout.write(
            f"Open {url} and sign in with one of these users (password for all: {DEMO_PASSWORD}):"
        )
        width = max(len(u) for u, _, _ in rows)
        for username, roles, scope in rows:
            self.stdout.write(f"  {username.ljust(width)}  {roles:<28} {scope}")
