from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import override

from parkcarbon.parks.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load (or refresh) the demo parks, enterprises, agencies and one user per role. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="URL printed in the summary.")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo even though DEBUG is off (its users share a published password).",
        )

    def handle(self, *args, url, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to load the demo: DEBUG is off, so this looks like a production database, and every demo "
                f"user signs in with the published password {DEMO_PASSWORD!r}. Run with DEBUG=1, or pass "
                "--allow-production if this really is a throw-away installation."
            )
        from parkcarbon.accounts.models import User
        from parkcarbon.alerts.demo import load_demo_rules
        from parkcarbon.analysis.demo import load_demo_analysis
        from parkcarbon.api.demo import load_demo_meters
        from parkcarbon.assets.demo import load_demo_assets
        from parkcarbon.benchmarking.demo import load_demo_outputs
        from parkcarbon.disclosure.demo import load_demo_disclosures
        from parkcarbon.inventory.demo import load_demo_inventories
        from parkcarbon.parks.models import Park
        from parkcarbon.releases.demo import load_demo_park_factors, load_demo_releases
        from parkcarbon.trials.demo import load_demo_applications
        from parkcarbon.verification.demo import load_demo_workflow

        with override("en"):
            rows = load_demo()
            inventories = sum(load_demo_inventories(park) for park in Park.objects.all())
            for park in Park.objects.all():
                load_demo_workflow(park)  # submitted, returned, verified inventories
            demo = Park.objects.get(code="demo-etdz")
            alerts = load_demo_rules(demo)
            load_demo_meters(demo)  # after the workflow: meters read the newest year
            load_demo_disclosures(demo)  # published disclosures of the park and its steel works, and a draft
            load_demo_releases(demo)  # a draft pinned to an older factor release
            load_demo_park_factors(demo)  # the park's own factors: one set approved and used, one awaiting review
            load_demo_assets(demo)  # allocations, trades, CCERs, surrenders of the carbon-market enterprises
            pending = load_demo_applications()  # trial applications waiting for review
            # earlier years of history, planning scenarios and a forecast of every enterprise
            load_demo_analysis(demo, User.objects.filter(username="park_admin").first())
            for park in Park.objects.all():  # every year's inventories, the history above included
                load_demo_outputs(park)  # product outputs and roof areas (benchmarks, recommendations)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded ({inventories} inventories, {alerts} alerts)."))
        self.stdout.write(f"{pending} trial applications wait for review (platform_admin: Trial applications).")
        self.stdout.write(
            f"Open {url} and sign in with one of these users (password for all: {DEMO_PASSWORD}):"
        )
        width = max(len(u) for u, _, _ in rows)
        for username, roles, scope in rows:
            self.stdout.write(f"  {username.ljust(width)}  {roles:<28} {scope}")
