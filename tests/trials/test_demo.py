"""The demo has applications waiting for review; the demo parks are full accounts in their GB/T 2260 counties."""

import io

from django.core.management import call_command

from parkcarbon.parks.models import Park
from parkcarbon.trials.demo import load_demo_applications
from parkcarbon.trials.models import TrialApplication


def test_demo_applications_and_parks(db):
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    assert TrialApplication.objects.filter(status="pending").count() == 3
    rejected = TrialApplication.objects.get(status="rejected")
    assert rejected.reason and rejected.decided_by.username == "platform_admin"
    demo = Park.objects.get(code="demo-etdz")
    assert (demo.division, demo.province, demo.city, demo.trial_ends_on) == ("320613", "江苏省", "南通市崇川区", None)
    assert load_demo_applications() == 3 and TrialApplication.objects.count() == 4  # loading again adds nothing
