"""Rules are evaluated on the paths users take: a line typed in, an upload confirmed, a submission."""

import pytest
from django.core import mail
from django.urls import reverse

from parkcarbon.alerts.models import Alert, Metric
from parkcarbon.inventory.models import ImportStatus, Inventory, PendingImport
from tests.alerts.conftest import GRID_2023, rule
from tests.inventory.test_views import upload, workbook


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_line_upload_and_submission(world, client_for, django_capture_on_commit_callbacks):
    rule(world, Metric.ANNUAL_CO2E, 5000)
    rule(world, Metric.MISSING_MONTHS, 0, name="gaps")
    inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS")
    reporter = client_for("enterprise_reporter")
    # a typed line: 10,000 MWh in March -> 5,703 t, above; and eleven months missing
    with django_capture_on_commit_callbacks(execute=True):
        response = reporter.post(reverse("inventory:line_add", args=[inv.pk]) + "?section=energy", {
            "section": "energy", "activity": "electricity_grid", "amount": "10000", "unit": "MWh", "month": "3"})
    assert response.status_code == 302
    annual = Alert.objects.get(rule__metric=Metric.ANNUAL_CO2E)
    assert annual.value == pytest.approx(10000 * GRID_2023)
    assert Alert.objects.get(rule__name="gaps").value == 11
    assert {m.to[0] for m in mail.outbox} >= {"park_admin@example.com", "enterprise_reporter@example.com"}
    # a stricter rule added meanwhile is applied at submission at the latest
    rule(world, Metric.ANNUAL_CO2E, 4000, name="stricter")
    assert client_for("enterprise_manager").post(reverse("inventory:submit", args=[inv.pk])).status_code == 302
    assert {a.rule.name for a in Alert.objects.active()} == {"stricter", Metric.ANNUAL_CO2E, "gaps"}


def test_confirmed_upload_is_evaluated(world, client_for):
    rule(world, Metric.ANNUAL_CO2E, 5000)
    rule(world, Metric.MISSING_MONTHS, 0, name="gaps")
    inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS")
    reporter = client_for("enterprise_reporter")
    reporter.post(reverse("inventory:line_add", args=[inv.pk]) + "?section=energy", {
        "section": "energy", "activity": "electricity_grid", "amount": "10000", "unit": "MWh", "month": "3"})
    # an upload replacing the section with an annual figure of 8,000 MWh (4,562.4 t): confirmed, both clear
    upload(reporter, inv, workbook([{"activity": "electricity_grid", "amount": 8000, "unit": "MWh"}]))
    pending = PendingImport.objects.get()
    assert pending.status == ImportStatus.VALID
    assert Alert.objects.active().count() == 2  # a preview changes nothing
    reporter.post(reverse("inventory:import_confirm", args=[inv.pk, pending.pk]), {"confirm_replace": "1"})
    pending.refresh_from_db()
    assert pending.status == ImportStatus.APPLIED
    assert Alert.objects.active().count() == 0


def test_the_snapshot_an_upload_stores_is_evaluated(world):
    """A confirmed upload stores the snapshot it computed off the web (services.store_snapshot): evaluated there."""
    from parkcarbon.inventory import services
    from tests.alerts.conftest import add_lines, monthly

    rule(world, Metric.ANNUAL_CO2E, 5000)
    inv = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS")
    add_lines(inv, monthly({3: 10000}))  # 5,703 t
    assert Alert.objects.active().get().value == pytest.approx(5703)
    lower = services.calculate_rows(inv, [{"row_id": "1", "activity": "electricity_grid", "amount": 8000,
                                           "unit": "MWh"}])
    services.store_snapshot(inv, services.snapshot_fields(lower))  # 4,562.4 t
    assert not Alert.objects.active().exists()
