"""Park-scoped factors (#23): a park's own factor set on a shipped release, reviewed by a second person, used only
once approved and only by that park, visible only to that park's users and platform administrators.

Numbers (worked examples in tests/engine/test_park_factors.py): 10,000 MWh of grid electricity in 2023 under a
supply contract stating 0.215 tCO2/MWh is 2,150 t CO2, against 10,000 x 0.5500 = 5,500 t at the East China grid
average of data year 2023 (MEE/NBS 2023 factors); the supplier factor changes that line only."""

import io
from urllib.parse import quote

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import override

from parkcarbon.accounts.models import Membership
from parkcarbon.engine import releases
from parkcarbon.inventory import services as inventory_services
from parkcarbon.releases import park_releases, services
from parkcarbon.releases.models import ParkFactor, ParkRelease
from tests.releases.conftest import electricity_inventory
from tests.releases.park_factor_fixtures import MEASURED_NCV, SUPPLIER_ELECTRICITY, park_set


@pytest.fixture(autouse=True)
def english():
    with override("en"):  # the services' messages in English; Chinese ones are checked where said
        yield


@pytest.fixture
def second_admin(world, django_user_model):
    user = django_user_model.objects.create_user("park_admin_2", "pa2@example.com", "pw")
    Membership.objects.create(user=user, role="park_admin", park=world.park)
    return user


# ----------------------------------------------------------------------------------------- second-person review

def test_the_author_never_approves_a_second_admin_of_the_park_does(world, second_admin):
    release = park_set(world, "submitted")
    with pytest.raises(PermissionDenied, match="second person"):
        park_releases.approve(release, world.users["park_admin"])
    with pytest.raises(PermissionDenied):
        park_releases.approve(release, world.users["other_park_admin"])
    with pytest.raises(PermissionDenied):
        park_releases.approve(release, world.users["park_viewer"])
    park_releases.approve(release, second_admin)
    release.refresh_from_db()
    assert release.state == "approved" and release.reviewed_by == second_admin and release.reviewed_at


def test_someone_who_added_a_factor_is_an_author_too(world, second_admin):
    release = park_set(world, "draft")
    park_releases.add_factors(release, second_admin, [MEASURED_NCV])
    park_releases.submit(release, world.users["park_admin"])
    with pytest.raises(PermissionDenied, match="second person"):
        park_releases.approve(release, second_admin)
    park_releases.approve(release, world.users["platform_admin"])


def test_rejection_needs_a_reason_and_the_author_can_correct_and_resubmit(world):
    release = park_set(world, "submitted")
    with pytest.raises(ValidationError):
        park_releases.reject(release, world.users["platform_admin"], " ")
    park_releases.reject(release, world.users["platform_admin"], "Annex 2 is unsigned")
    release.refresh_from_db()
    assert release.state == "rejected" and release.rejection_reason == "Annex 2 is unsigned"
    park_releases.add_factors(release, world.users["park_admin"], [MEASURED_NCV])
    park_releases.submit(release, world.users["park_admin"])
    assert ParkRelease.objects.get(pk=release.pk).state == "submitted"


def test_an_approved_set_never_changes(world):
    release = park_set(world, "approved")
    with pytest.raises(ValidationError, match="never changes"):
        park_releases.add_factors(release, world.users["park_admin"], [MEASURED_NCV])
    with pytest.raises(ValidationError):
        park_releases.remove_factor(release.factors.get(), world.users["park_admin"])


def test_history_records_who_did_what(world):
    release = park_set(world, "approved")
    events = [(e.action, e.by.username) for e in release.events.all()]
    assert events == [("created", "park_admin"), ("factor_added", "park_admin"), ("submitted", "park_admin"),
                      ("approved", "platform_admin")]
    assert release.factors.get().history.first().history_type == "+"


# ----------------------------------------------------------------------------------------------------- bad input

def test_a_bad_row_is_refused_by_name_and_nothing_is_added(world):
    release = park_set(world, "draft")
    bad = {**MEASURED_NCV, "source_document": "", "region": "CN-JS"}
    with override("en"), pytest.raises(ValidationError) as exc:
        park_releases.add_factors(release, world.users["park_admin"], [MEASURED_NCV, bad])
    assert exc.value.messages == ["row 2: the source document is required"]
    with override("zh-hans"), pytest.raises(ValidationError) as exc:
        park_releases.add_factors(release, world.users["park_admin"], [{**MEASURED_NCV, "unit": "kg"}])
    assert exc.value.messages == ["第1行：单位 'kg' 无法换算为因子库的 GJ/t"]
    assert release.factors.count() == 1


def test_a_row_overlapping_one_already_in_the_set_is_refused(world):
    release = park_set(world, "draft")
    with override("en"), pytest.raises(ValidationError) as exc:
        park_releases.add_factors(release, world.users["park_admin"], [{**SUPPLIER_ELECTRICITY, "value": 0.3}])
    assert exc.value.messages == ["row 2: its years overlap those of row 1 for the same factor"]


def test_an_empty_set_is_not_submitted_and_an_unknown_base_is_refused(world):
    release = park_set(world, "draft", rows=())
    with override("en"), pytest.raises(ValidationError, match="at least one factor"):
        park_releases.submit(release, world.users["park_admin"])
    with override("en"), pytest.raises(ValidationError, match="Unknown factor library release"):
        park_releases.create(world.park, world.users["park_admin"], "1999.1", "x")
    with pytest.raises(PermissionDenied):
        park_releases.create(world.park, world.users["other_park_admin"], "2026.2", "x")


def test_upload_in_the_column_layout(world):
    release = park_set(world, "draft", rows=())
    header = ",".join(park_releases.park_factors.COLUMNS)
    good = io.BytesIO((header + "\n" + ",".join(str(MEASURED_NCV[c]) for c in park_releases.park_factors.COLUMNS)
                       + "\n").encode())
    good.name = "set.csv"
    park_releases.add_factors(release, world.users["park_admin"], park_releases.read_upload(good))
    assert release.factors.get().value == 21.85
    missing = io.BytesIO(b"subject,param\nx,y\n")
    missing.name = "set.csv"
    with pytest.raises(ValidationError, match="lacks the columns"):
        park_releases.read_upload(missing)
    other = io.BytesIO(b"x")
    other.name = "set.pdf"
    with pytest.raises(ValidationError, match=r"\.csv or \.xlsx"):
        park_releases.read_upload(other)


# ------------------------------------------------------------------------------------------------------ numbers

def test_only_an_approved_set_of_the_inventorys_own_park_can_be_used(world):
    inventory = electricity_inventory(world, release="2026.2")
    draft = park_set(world, "submitted")
    with pytest.raises(ValidationError, match="Unknown factor library release"):
        services.compare(inventory, draft.release_id)
    other = ParkRelease.objects.create(park=world.other_park, base_release="2026.2", number=1, title="B",
                                       state="approved")
    with pytest.raises(ValidationError, match="Unknown factor library release"):
        services.move_draft(inventory, world.users["park_admin"], other.release_id)


def test_the_supplier_factor_changes_exactly_its_line_and_the_totals_are_the_two_computations(world):
    inventory = electricity_inventory(world, release="2026.2")
    release = park_set(world, "approved")
    c = services.compare(inventory, release.release_id)
    (line,) = c.lines
    assert line.activity == "electricity_grid" and line.old_co2e == pytest.approx(5500)
    assert line.new_co2e == pytest.approx(2150)
    assert line.factors[0].new.id == "park-a.1-001" and line.factors[0].new.provenance == "park"
    rows = inventory_services.engine_frame(inventory_services.current_lines(inventory))
    old = inventory_services.calculate_rows(inventory, rows).total_co2e
    new = inventory_services.calculate_rows(inventory, rows, release=release.release_id).total_co2e
    assert (c.old_total, c.new_total) == (pytest.approx(old), pytest.approx(new))
    assert c.change == pytest.approx(2150 - 5500)


def test_a_draft_moves_onto_the_park_set_and_a_verified_one_is_restated(world):
    release = park_set(world, "approved")
    draft = electricity_inventory(world, release="2026.2")
    before = draft.snapshot.total_co2e if hasattr(draft, "snapshot") else None
    record = services.move_draft(draft, world.users["park_admin"], release.release_id, "PPA in force")
    draft.refresh_from_db()
    assert draft.factor_release == release.release_id
    assert record.change == pytest.approx(2150 - 5500) and (before is None or record.total_before == before)
    verified = electricity_inventory(world, release="2026.2", status="verified", enterprise=world.enterprise2)
    r = services.restate(verified, world.users["park_admin"], release.release_id, "supplier factor")
    assert r.to_release == release.release_id and r.to_version == 2


# ------------------------------------------------------------------------------------------------- visibility

def test_only_the_parks_users_and_platform_admins_see_its_sets(world, client_for):
    release = park_set(world, "approved")
    for role in ("platform_admin", "park_admin", "park_viewer", "enterprise_reporter", "verifier"):
        assert park_releases.visible(world.users[role]).filter(pk=release.pk).exists(), role
    assert not park_releases.visible(world.users["other_park_admin"]).exists()
    assert client_for("other_park_admin").get(reverse("releases:park_release", args=[release.pk])).status_code == 404
    inventory_b = ParkRelease.objects.none()  # park B's inventories are never offered park A's set
    assert not inventory_b.exists()
    choices = dict(park_releases.release_choices(world.other_park))
    assert release.release_id not in choices and release.release_id in dict(park_releases.release_choices(world.park))


def test_the_compare_page_offers_the_park_set_and_trace_shows_source_author_approver(world, client_for):
    release = park_set(world, "approved")
    inventory = electricity_inventory(world, release=release.release_id)
    admin = client_for("park_admin")
    page = admin.get(reverse("releases:compare", args=[inventory.pk]) + "?release=2026.2").content.decode()
    assert release.release_id in page
    line = inventory.versions.get().lines.get(activity="electricity_grid")
    trace = admin.get(reverse("releases:trace", args=[inventory.pk, line.pk])).content.decode()
    assert "park-a.1-001" in trace and "PPA-2023-017" in trace and 'data-testid="trace-park-factor"' in trace
    assert "park_admin" in trace and "platform_admin" in trace
    assert admin.get(reverse("releases:compare", args=[inventory.pk])).status_code == 200  # default: the base


def test_api_lists_the_parks_sets_to_its_users_only(world, client):
    from parkcarbon.api.tokens import create_token

    release = park_set(world, "approved")

    def get(role, path):
        token = create_token(world.users[role], "t", "read")[1]
        return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")

    data = get("enterprise_reporter", "/api/v1/park-releases").json()
    assert [r["release"] for r in data] == [release.release_id]
    assert get("other_park_admin", "/api/v1/park-releases").json() == []
    assert get("other_park_admin", f"/api/v1/park-releases/{release.pk}").status_code == 404
    detail = get("park_viewer", f"/api/v1/park-releases/{release.pk}").json()
    assert detail["reviewed_by"] == "platform_admin" and detail["factors"][0]["id"] == "park-a.1-001"
    assert [h["action"] for h in detail["history"]][-1] == "approved"
    inventory = electricity_inventory(world, release="2026.2")
    compare = get("enterprise_reporter", f"/api/v1/inventories/{inventory.pk}/compare?release={quote(release.release_id)}")
    assert compare.json()["change_co2e"] == pytest.approx(2150 - 5500)
    typed = get("enterprise_reporter", f"/api/v1/inventories/{inventory.pk}/compare?release={release.release_id}")
    assert "+" in release.release_id and typed.json()["release"] == release.release_id  # '+' not sent as %2B


# --------------------------------------------------------------------------------------------------- web pages

def test_web_add_submit_and_review(world, client_for, second_admin):
    from django.test import Client

    admin = client_for("park_admin")
    response = admin.post(reverse("releases:park_list", args=[world.park.pk]),
                          {"base_release": "2026.2", "title": "Measured coal"})
    release = ParkRelease.objects.get(park=world.park)
    assert response.status_code == 302 and release.release_id == "2026.2+park-a.1"
    url = reverse("releases:park_factor_add", args=[release.pk])
    bad = admin.post(url, {**MEASURED_NCV, "valid_to": "", "subject": "coal_x"})
    assert bad.status_code == 400 and "第1行：未知的活动或燃料" in bad.content.decode()  # the page: zh
    assert admin.post(url, {**MEASURED_NCV, "valid_to": ""}).status_code == 302
    assert ParkFactor.objects.get(release=release).source_document.startswith("Laboratory report")
    assert admin.post(reverse("releases:park_release_submit", args=[release.pk])).status_code == 302
    assert admin.post(reverse("releases:park_release_approve", args=[release.pk])).status_code == 403
    reviewer = Client()
    reviewer.force_login(second_admin)
    assert reviewer.post(reverse("releases:park_release_approve", args=[release.pk])).status_code == 302
    page = reviewer.get(reverse("releases:park_release", args=[release.pk])).content.decode()
    assert "park_admin_2" in page and 'data-testid="park-release-history"' in page


def test_the_releases_page_lists_the_parks_sets_to_its_users_only(world, client_for):
    release = park_set(world, "approved")
    assert release.release_id in client_for("park_viewer").get(reverse("releases:index")).content.decode()
    assert release.release_id not in client_for("other_park_admin").get(reverse("releases:index")).content.decode()


def test_the_inventory_page_names_the_park_set_it_is_computed_with(world, client_for):
    release = park_set(world, "approved")
    inventory = electricity_inventory(world, release=release.release_id)
    page = client_for("enterprise_reporter").get(inventory.get_absolute_url()).content.decode()
    assert 'data-testid="park-release-notice"' in page and release.get_absolute_url() in page
    newest = releases()[-1].id  # a park release is "older" when its base is: the notice offers the newest
    assert services.newer_release(inventory) == (None if newest == "2026.2" else newest)


def test_upload_of_an_xlsx_workbook(world):
    from openpyxl import Workbook

    release = park_set(world, "draft", rows=())
    book = Workbook()
    columns = park_releases.park_factors.COLUMNS
    book.active.append(list(columns))
    book.active.append([MEASURED_NCV[c] for c in columns])
    book.active.append([{**MEASURED_NCV, "region": "CN-JS", "subject": "coal_x"}[c] for c in columns])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "set.xlsx"
    with pytest.raises(ValidationError) as exc:
        park_releases.add_factors(release, world.users["park_admin"], park_releases.read_upload(data))
    assert exc.value.messages == ["row 2: unknown activity or fuel 'coal_x'"] and not release.factors.exists()


def test_the_preview_of_an_inventory_on_a_park_set_cites_the_parks_source(world, client_for):
    """QA walk of 2026-11-29 (walker3): the preview of the demo inventory computed with the park's approved set
    answered 500 (KeyError '2026.6+demo-etdz.1#1'): it looked the park factor's source up in the shipped library."""
    release = park_set(world, "approved")
    inventory = electricity_inventory(world, release=release.release_id)
    for lang in ("zh-hans", "en"):
        response = client_for("enterprise_reporter").get(reverse("inventory:preview", args=[inventory.pk]),
                                                         HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code == 200
        table = response.content.decode().split('data-testid="factor-table"')[1].split("</table>")[0]
        assert "park-a.1-001" in table and "Supply contract PPA-2023-017, supplier emission statement" in table
