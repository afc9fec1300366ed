"""Re-evaluation updates or clears alerts (never duplicates), acknowledgement, and e-mail sent on commit."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from parkcarbon.alerts import services
from parkcarbon.alerts.models import Alert, Metric
from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import ActivityLine
from tests.alerts.conftest import add_lines, make_inventory, monthly, rule


@pytest.fixture
def inv(world):
    rule(world, Metric.ANNUAL_CO2E, 1000)  # 2,000 MWh x 0.5703 = 1,140.6 t: above
    return make_inventory(world.park, world.enterprise, 2023, monthly({1: 1000, 2: 1000}))


def test_no_duplicates_on_reevaluation(inv):
    for _ in range(3):
        services.evaluate(inv)
    inventory_services.refresh_snapshot(inv)
    [alert] = Alert.objects.filter(inventory=inv)
    assert alert.value == pytest.approx(1140.6)
    assert services.evaluate(inv) == []  # nothing new raised


def test_one_active_alert_per_rule_inventory_subject_in_the_database(inv):
    alert = Alert.objects.get(inventory=inv)
    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.create(rule=alert.rule, inventory=inv, subject="", value=1, threshold=1)


def test_update_then_clear_then_raise_again(inv):
    line = ActivityLine.objects.get(version__inventory=inv, month=2)
    line.amount = 1500
    line.save()
    inventory_services.refresh_snapshot(inv)  # 2,500 MWh: 1,425.75 t, the same alert with new numbers
    [alert] = Alert.objects.filter(inventory=inv)
    assert alert.value == pytest.approx(1425.75) and alert.state == "open"
    line.amount = 10
    line.save()
    inventory_services.refresh_snapshot(inv)  # 1,010 MWh: 576.0 t, below: cleared, not deleted
    alert.refresh_from_db()
    assert alert.state == "cleared" and alert.cleared_at is not None
    add_lines(inv, monthly({1: 1000, 2: 1000}))  # above again: a new alert; the cleared one stays as history
    assert Alert.objects.filter(inventory=inv).count() == 2
    assert Alert.objects.filter(inventory=inv).active().get().pk != alert.pk


def test_rule_deactivated_or_changed_clears(world, inv):
    alert = Alert.objects.get(inventory=inv)
    alert.rule.threshold = 1200
    alert.rule.save()
    services.evaluate(inv)
    alert.refresh_from_db()
    assert alert.state == "cleared"


def test_submission_and_basic_information_are_evaluated(world):
    rule(world, Metric.CO2E_PER_OUTPUT, 1)  # 1,140.6 t per 1,000 (10^4 yuan) = 1.1406: above
    inv = make_inventory(world.park, world.enterprise, 2023, monthly({1: 1000, 2: 1000}))
    assert not Alert.objects.filter(inventory=inv).exists()  # no output value yet
    inv.output_value_10k_yuan = 1000
    inv.save()
    assert Alert.objects.get(inventory=inv).value == pytest.approx(1.1406)
    inv.output_value_10k_yuan = 2000
    inventory_services.submit(inv, world.users["enterprise_manager"])  # saves the row: evaluated again -> 0.5703
    assert Alert.objects.get(inventory=inv).state == "cleared"


def test_removing_all_data_clears(inv):
    inv.versions.all().delete()
    inventory_services.refresh_snapshot(inv)
    assert Alert.objects.get(inventory=inv).state == "cleared"


def test_acknowledge_with_note(world, inv):
    alert = Alert.objects.get(inventory=inv)
    manager = world.users["enterprise_manager"]
    with pytest.raises(ValidationError):
        services.acknowledge(alert, manager, "  ")
    done = services.acknowledge(alert, manager, "新增电炉投产，已核实电费结算单。")
    assert (done.state, done.acknowledged_by, done.note) == ("acknowledged", manager, "新增电炉投产，已核实电费结算单。")
    assert done.acknowledged_at is not None
    services.evaluate(inv)  # still breached: stays acknowledged, not raised again
    assert Alert.objects.get(inventory=inv).state == "acknowledged"


@pytest.mark.parametrize("role", ["park_viewer", "verifier", "authority_viewer", "other_park_admin",
                                  "other_enterprise_user"])
def test_acknowledge_refused_outside_role_or_reach(world, inv, role):
    alert = Alert.objects.get(inventory=inv)
    with pytest.raises(PermissionDenied):
        services.acknowledge(alert, world.users[role], "note")
    assert Alert.objects.get(inventory=inv).acknowledged_at is None


def test_mail_sent_on_commit_to_responsible_users(world, django_capture_on_commit_callbacks):
    rule(world, Metric.ANNUAL_CO2E, 1000, name="年排放超过 1000 吨")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_inventory(world.park, world.enterprise, 2023, monthly({1: 1000, 2: 1000}))
    assert mail.outbox == []  # nothing is sent inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()  # the commit: the task is queued (the test backend runs it at once)
    recipients = sorted(m.to[0] for m in mail.outbox)
    # the park's administrator and E1's reporter and manager; not viewers, agencies, E2 or the other park
    assert recipients == ["enterprise_manager@example.com", "enterprise_reporter@example.com",
                          "park_admin@example.com"]
    message = mail.outbox[0]
    assert "1 条新预警" in message.subject and "1 new alert" in message.subject
    assert "年排放超过 1000 吨" in message.body
    assert "1,140.60" in message.body  # the number in both languages' format
    assert "数值" in message.body and "Value" in message.body and "/alerts/" in message.body
    # re-evaluation raises nothing new: no more mail
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.evaluate(Alert.objects.get().inventory)
    assert mail.outbox == []


def test_deleting_an_inventory_deletes_its_alerts(world, inv):
    make_inventory(world.park, world.enterprise, 2024, monthly({1: 1000, 2: 1000}))  # the next year is evaluated too
    rule(world, Metric.MISSING_MONTHS, 0)  # a rule that would still fire on the lines while they are deleted
    pk = inv.pk
    inv.delete()
    assert not Alert.objects.filter(inventory_id=pk).exists()
