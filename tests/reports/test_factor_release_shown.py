"""The report page names the factor library release the figures were computed with (e.g. 2026.6, as the documents
do), not only the library's fingerprint (hash) -- a new user looked for the release id (walk of 2026-11-29)."""

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from parkcarbon.reports.models import State
from tests.reports.test_views import generate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_report_page_shows_the_factor_release(client_for, inventory, django_capture_on_commit_callbacks, language):
    c = client_for("enterprise_reporter")
    report = generate(c, inventory, "cn_enterprise", django_capture_on_commit_callbacks)
    assert report.status == State.DONE, report.error
    assert inventory.factor_release and report.factor_release == inventory.factor_release
    assert report.library_version and report.library_version != report.factor_release
    c.cookies["django_language"] = language
    html = c.get(report.get_absolute_url()).content.decode()
    assert f'<dd data-testid="factor-release">{inventory.factor_release}</dd>' in html
    assert f'data-testid="library-fingerprint">{report.library_version}<' in html  # kept, as secondary detail
    with translation.override(language):
        label, fingerprint = _("Factor library release"), _("Factor library fingerprint")
    assert (label, fingerprint) != ("Factor library release", "Factor library fingerprint") or language == "en"
    assert f"<dt>{label}</dt>" in html and f"<dt>{fingerprint}</dt>" in html
    assert html.index(label) < html.index(fingerprint)


def test_park_report_keeps_the_release_of_its_inventories(client_for, park_inventory,
                                                           django_capture_on_commit_callbacks):
    from parkcarbon.inventory.models import Inventory

    c = client_for("park_admin")
    report = generate(c, park_inventory, "park_inventory", django_capture_on_commit_callbacks)
    assert report.status == State.DONE, report.error
    releases = set(Inventory.objects.filter(park=park_inventory.park, year=2023).values_list("factor_release", flat=True))
    assert report.factor_release == "/".join(sorted(releases))  # all made with one release here: just its id
