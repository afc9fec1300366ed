"""The inventory page's line rows come rendered from the cache (inventory/page_cache.py rows_html, issue 22): the
key holds everything a row shows, so a cached row is never another line's, another user's controls or stale, and
the delete forms carry the token of the request that shows them."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from parkcarbon.inventory import page_cache
from parkcarbon.inventory.models import ActivityLine

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def rows_of(client, inventory, **headers) -> str:
    response = client.get(reverse("inventory:detail", args=[inventory.pk]) + "?section=energy", **headers)
    assert response.status_code == 200
    body = response.content.decode()
    return body[body.index("<tbody>"):body.index("</tbody>")]


def test_the_cached_rows_are_the_rendered_rows(inventory, client_for):
    c = client_for("enterprise_reporter")
    first, second = rows_of(c, inventory), rows_of(c, inventory)  # rendered, then from the cache
    assert first.count('data-testid="line-row"') == 3
    assert TOKEN.sub("", first) == TOKEN.sub("", second)
    assert page_cache.CSRF_PLACEHOLDER not in first + second


def test_a_delete_from_cached_rows_passes_the_csrf_check(inventory, world):
    c = Client(enforce_csrf_checks=True)
    c.force_login(world.users["enterprise_reporter"])
    rows_of(c, inventory)
    rows = rows_of(c, inventory)  # from the cache, with this request's token put in
    line = ActivityLine.objects.filter(version__inventory=inventory).order_by("position").first()
    token = TOKEN.search(rows)[1]
    response = c.post(reverse("inventory:line_delete", args=[inventory.pk, line.pk]),
                      {"csrfmiddlewaretoken": token, "revision": line.revision})
    assert response.status_code == 302 and not ActivityLine.objects.filter(pk=line.pk).exists()


def test_users_who_may_not_edit_never_get_the_editors_rows(inventory, client_for):
    rows_of(client_for("enterprise_reporter"), inventory)  # rows with edit and delete controls are cached
    viewer = rows_of(client_for("park_viewer"), inventory)
    assert viewer.count('data-testid="line-row"') == 3
    assert 'data-testid="line-edit"' not in viewer and "csrfmiddlewaretoken" not in viewer


def test_a_change_of_what_a_row_shows_is_shown_at_once(inventory, client_for):
    c = client_for("enterprise_reporter")
    rows_of(c, inventory)
    line = ActivityLine.objects.filter(version__inventory=inventory).order_by("position").first()
    line.note = "抄表记录 2023-01"
    line.revision += 1
    line.save()
    rows = rows_of(c, inventory)
    assert "抄表记录 2023-01" in rows and f'name="revision" value="{line.revision}"' in rows
    line.amount = 1234.5
    line.save()
    assert "1,234.5" in rows_of(c, inventory, HTTP_ACCEPT_LANGUAGE="en")


def test_the_rows_are_in_the_language_of_the_request(inventory, client_for):
    c = client_for("enterprise_reporter")
    english = rows_of(c, inventory, HTTP_ACCEPT_LANGUAGE="en")
    chinese = rows_of(c, inventory, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert ">Edit<" in english and ">Edit<" not in chinese


def test_rows_from_the_cache_and_one_new_row_are_the_rows_rendered_afresh(inventory, client_for):
    from django.core.cache import cache

    c = client_for("enterprise_reporter")
    rows_of(c, inventory)
    line = ActivityLine.objects.filter(version__inventory=inventory).order_by("position")[1]
    line.amount, line.month = 77, 5
    line.save()
    partly_cached = TOKEN.sub("", rows_of(c, inventory))  # one row computed alone, two from the cache
    cache.clear()
    assert partly_cached == TOKEN.sub("", rows_of(c, inventory))


def test_a_page_of_lines_in_one_query_is_the_paginators_page(inventory, django_assert_num_queries):
    from django.core.paginator import Paginator

    from parkcarbon.inventory.views import PAGE_SIZE, _page_of_lines
    from tests.inventory.conftest import add_lines

    version = add_lines(inventory, "energy", [{"activity": "diesel", "amount": 1 + i, "unit": "t", "month": 1 + i % 12}
                                             for i in range(2 * PAGE_SIZE + 3)])
    lines = version.lines.all()
    for number in [None, "1", "2", "3", "4", "99", "0", "-1", "abc", "", "2.0", "²"]:
        expected = Paginator(lines, PAGE_SIZE).get_page(number)
        page = _page_of_lines(lines, number)
        assert (page.number, page.paginator.count, page.paginator.num_pages) == (
            expected.number, expected.paginator.count, expected.paginator.num_pages), number
        assert [x.pk for x in page.object_list] == [x.pk for x in expected.object_list], number
    with django_assert_num_queries(1):
        assert len(_page_of_lines(lines, "2").object_list) == PAGE_SIZE
    empty = _page_of_lines(lines.none(), None)
    assert empty.number == 1 and empty.paginator.count == 0 and not list(empty.object_list)


def test_the_release_notice_lists_restatements_only_when_there_are(inventory, client_for):
    from parkcarbon.releases.models import Restatement

    c = client_for("enterprise_reporter")
    url = reverse("inventory:detail", args=[inventory.pk])
    assert 'data-testid="restated"' not in c.get(url).content.decode()
    Restatement.objects.create(inventory=inventory, from_version=1, to_version=1, from_release="2026.2",
                               to_release="2026.3", reason="新版电网排放因子", total_before=10.0, total_after=9.0)
    body = c.get(url).content.decode()
    assert body.count('data-testid="restated"') == 1 and "新版电网排放因子" in body


def test_the_upload_field_is_the_upload_forms_field_in_every_language(inventory, client_for):
    """The data page's file input is rendered once per process (page_cache.upload_field): it is the empty upload
    form's own field, with no text of its own, so it is the same in both languages."""
    from parkcarbon.inventory.forms import UploadForm

    field = str(UploadForm()["file"])
    assert page_cache.upload_field() == field
    c = client_for("enterprise_reporter")
    for language in ("en", "zh-hans"):
        body = c.get(reverse("inventory:detail", args=[inventory.pk]), HTTP_ACCEPT_LANGUAGE=language)
        upload = body.content.decode().split('data-testid="upload-form"', 1)[1]
        assert field in upload[:upload.index("</form>")]


def test_the_lines_of_a_version_keep_the_models_order(inventory):
    """The page of lines orders one version's lines by position, pk; the model's ordering (inventory year, park,
    enterprise, section, number, then position, pk) reduces to that within one version."""
    from parkcarbon.inventory import services

    version = services.current_versions(inventory)["energy"]
    assert list(version.lines.order_by("position", "pk")) == list(version.lines.all())


def test_a_saved_line_is_rendered_at_save_time_and_the_page_computes_no_row(inventory, client_for, monkeypatch):
    from django.core.cache import cache

    from parkcarbon.inventory import services
    from tests.inventory.test_entry import edit_data

    c = client_for("enterprise_reporter")
    rows_of(c, inventory)
    line = services.current_lines(inventory).get(activity="bituminous_coal")
    response = c.post(reverse("inventory:line_edit", args=[inventory.pk, line.pk]), edit_data(line, amount="1200"))
    assert response.status_code == 302
    computed = []
    monkeypatch.setattr(page_cache, "_computed_rows", lambda inventory, lines: computed.append(lines) or [])
    after_save = TOKEN.sub("", rows_of(c, inventory))
    assert computed == [] and ">1,200<" in after_save  # every row from the cache, the saved one with its new amount
    monkeypatch.undo()
    cache.clear()
    assert after_save == TOKEN.sub("", rows_of(c, inventory))  # the same rows as rendered afresh


def test_the_versions_of_a_section_are_listed_newest_first_and_the_current_one_is_shown(inventory, client_for):
    from tests.inventory.conftest import add_lines

    for amount in (7, 8):  # versions 2 and 3 of the energy section, after the fixture's version 1
        add_lines(inventory, "energy", [{"activity": "diesel", "amount": amount, "unit": "t", "month": 1}])
    body = client_for("enterprise_reporter").get(
        reverse("inventory:detail", args=[inventory.pk]) + "?section=energy").content.decode()
    listed = re.findall(r">v(\d+)</a>", body[body.index('<ul class="plain-list"><li><a href="/accounting/'):])
    assert listed == ["3", "2", "1"]
    amounts = re.findall(r'<td class="right">([\d.,]+)</td><td>', rows_of(client_for("enterprise_reporter"), inventory))
    assert [float(a) for a in amounts] == [8]  # the lines shown are the newest version's


def test_a_note_cannot_name_the_token_placeholder(inventory, client_for):
    """The placeholder is derived from SECRET_KEY: a note holding the old fixed mark (or any text a user could guess)
    is shown as typed, never replaced with the viewer's CSRF token."""
    assert page_cache.CSRF_PLACEHOLDER != "csrfTokenOfTheRequest0" and len(page_cache.CSRF_PLACEHOLDER) == 32
    line = ActivityLine.objects.filter(version__inventory=inventory).order_by("position").first()
    line.note = "see csrfTokenOfTheRequest0"
    line.save()
    rows = rows_of(client_for("enterprise_reporter"), inventory)
    assert "see csrfTokenOfTheRequest0" in rows
