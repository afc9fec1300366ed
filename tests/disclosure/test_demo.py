import io

from django.core.management import call_command
from django.test import Client

from parkcarbon.disclosure.models import Disclosure, Event


def test_the_demo_park_publishes_and_drafts(db):
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    published = Disclosure.objects.filter(park__code="demo-etdz", state="published")
    assert published.filter(enterprise__isnull=True).count() == 2  # the park's disclosure and its correction
    assert published.filter(enterprise__isnull=False).exists()
    assert Disclosure.objects.filter(park__code="demo-etdz", state="draft").exists()
    correction = published.get(enterprise__isnull=True, version=2)
    assert correction.snapshot["correction_reason"] and "targets" in correction.snapshot["data"]
    # Its base year is "the verified annual emissions" printed above it with two decimals: the same figure (the
    # walk found 4,995,442.57 and 4,995,442.60 on one page).
    data = correction.snapshot["data"]
    assert f"{data['targets']['base_value']:,.2f}" == f"{data['total']['value']:,.2f}"
    for d in published:
        assert d.approved_by_id not in {d.prepared_by_id, None}  # a second person approved every one
        assert d.snapshot["unverified_items"] == []
    assert not Event.objects.filter(by__isnull=True).exists()
    page = Client().get("/disclosure/demo-etdz/")
    assert page.status_code == 200 and page.content.decode().count('data-testid="public-row"') == 2
    count = Disclosure.objects.count()
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    assert Disclosure.objects.count() == count
