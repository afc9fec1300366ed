"""The demo park comes with a few believable rules and alerts, visible to the demo users in their reach."""

import io

from django.core.management import call_command

from parkcarbon.accounts.models import User
from parkcarbon.alerts.demo import DEMO_RULES, load_demo_rules
from parkcarbon.alerts.models import Alert, Metric, Rule
from parkcarbon.parks.models import Park


def test_demo_rules_and_alerts(db):
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    park = Park.objects.get(code="demo-etdz")
    assert Rule.objects.filter(park=park).count() == len(DEMO_RULES)
    active = Alert.objects.active()
    assert 5 <= active.count() <= 30  # a few, not a flood
    assert {a.rule.metric for a in active} >= {Metric.ANNUAL_CO2E, Metric.CO2E_PER_OUTPUT, Metric.CHANGE_YEAR}
    acknowledged = active.get(acknowledged_at__isnull=False)
    assert acknowledged.acknowledged_by.username == "park_admin" and acknowledged.note
    # the steelworks' own users see the steelworks' alerts only; the other park's admin sees none of them
    steel = Alert.objects.for_user(User.objects.get(username="ent_manager"))
    assert steel.exists() and {a.inventory.enterprise.industry_code for a in steel} == {"3120"}
    assert not Alert.objects.for_user(User.objects.get(username="other_park_admin")).exists()
    # every alert's numbers are the stored totals it was computed from
    annual = active.get(rule__metric=Metric.ANNUAL_CO2E)
    assert annual.value == annual.inventory.snapshot.total_co2e > annual.threshold == 1_200_000
    before = list(Alert.objects.values_list("pk", "value", "cleared_at"))
    assert load_demo_rules(park) == active.count()  # loading again changes nothing
    assert list(Alert.objects.values_list("pk", "value", "cleared_at")) == before
