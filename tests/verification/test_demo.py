import io

from django.core.management import call_command

from parkcarbon.inventory.models import Inventory, Transition
from parkcarbon.verification.models import Adjustment, Comment, Conclusion


def test_the_demo_park_shows_the_workflow(db):
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    park = Inventory.objects.get(enterprise__name__contains="钢铁", year=2023, status="returned").park
    statuses = set(Inventory.objects.filter(park=park).values_list("status", flat=True))
    assert {"verified", "returned", "under_verification", "submitted", "draft"} <= statuses
    returned = Inventory.objects.get(park=park, status="returned")
    assert returned.comments.filter(line__isnull=False).exists()  # a comment on a line, shown to the enterprise
    assert Conclusion.objects.filter(opinion="qualified").exists() and Adjustment.objects.exists()
    assert not Transition.objects.filter(by__isnull=True).exists()  # every step attributed
    counts = (Transition.objects.count(), Comment.objects.count(), Conclusion.objects.count())
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    assert (Transition.objects.count(), Comment.objects.count(), Conclusion.objects.count()) == counts
