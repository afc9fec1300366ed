"""Data entry: no lost update, the guidelines guide (never trap), fast entry, big inventories paginate."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from parkcarbon.engine import load_library
from parkcarbon.engine import methodology as M
from parkcarbon.inventory import guide, services, views
from parkcarbon.inventory.forms import LineForm, activity_choices, entry_hints
from parkcarbon.inventory.models import ActivityLine, Inventory, SectionVersion
from parkcarbon.inventory.views import PAGE_SIZE

SECTIONS = ("energy", "ippu", "waste", "afolu")


def edit_data(line, **changes):
    data = {"section": line.version.section, "activity": line.activity, "amount": str(line.amount),
            "unit": line.unit, "month": str(line.month), "revision": str(line.revision)}
    return {**data, **changes}


# --- no lost update ---------------------------------------------------------------------------------------------

def test_the_edit_form_carries_the_revision_it_was_read_at(inventory, client_for):
    line = services.current_lines(inventory).get(activity="diesel") if False else services.current_lines(inventory).first()
    page = client_for("enterprise_reporter").get(reverse("inventory:line_edit", args=[inventory.pk, line.pk]))
    assert 'name="revision" value="1"' in page.content.decode()


def test_a_stale_save_is_refused_and_shows_the_other_change(inventory, client_for, world):
    line = services.current_lines(inventory).get(activity="bituminous_coal")
    url = reverse("inventory:line_edit", args=[inventory.pk, line.pk])
    reporter, manager = client_for("enterprise_reporter"), client_for("enterprise_manager")
    first = manager.post(url, edit_data(line, amount="1200"))  # both read revision 1; the manager saves first
    assert first.status_code == 302
    second = reporter.post(url, edit_data(line, amount="900"))
    body = second.content.decode()
    assert second.status_code == 409 and 'data-testid="stale-line"' in body
    assert "enterprise_manager 保存的该行内容" in body and ">1200<" in body  # who changed it, and their value
    assert 'name="revision" value="2"' in body and 'value="900"' in body  # the user's values kept, now current
    line.refresh_from_db()
    assert (line.amount, line.revision) == (1200, 2)
    again = reporter.post(url, edit_data(line, amount="900"))  # saving again, knowingly, on top of it
    line.refresh_from_db()
    assert again.status_code == 302 and (line.amount, line.revision) == (900, 3)
    assert services.calculate_inventory(inventory).lines["amount"].sum() == pytest.approx(900 + 100 + 10000)


def test_a_save_without_a_revision_is_refused(inventory, client_for):
    line = services.current_lines(inventory).first()
    data = edit_data(line, amount="5")
    del data["revision"]
    response = client_for("enterprise_reporter").post(reverse("inventory:line_edit", args=[inventory.pk, line.pk]), data)
    line.refresh_from_db()
    assert response.status_code == 409 and line.amount != 5


def test_a_save_of_a_line_deleted_meanwhile_says_so(inventory, client_for):
    line = services.current_lines(inventory).first()
    data = edit_data(line, amount="5")
    c = client_for("enterprise_reporter")
    ActivityLine.objects.filter(pk=line.pk).update(revision=7)
    SectionVersion.objects.none()
    url = reverse("inventory:line_edit", args=[inventory.pk, line.pk])
    assert c.post(url, data).status_code == 409
    line.delete()
    assert c.post(url, data).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_one_wins_the_other_is_refused(django_user_model, monkeypatch):
    """Two users save the same line at the same moment, both read at revision 1 (SQLite and PostgreSQL)."""
    from tests.conftest import make_world
    from tests.inventory.conftest import add_lines

    world = make_world(django_user_model)
    inventory = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS")
    add_lines(inventory, "energy", [{"activity": "diesel", "amount": 10, "unit": "t"}])
    line = services.current_lines(inventory).get()
    url = reverse("inventory:line_edit", args=[inventory.pk, line.pk])
    barrier = threading.Barrier(2)
    save_line = views._save_line

    def at_once(*args):  # both requests have read the form at revision 1; they save at the same moment
        barrier.wait(timeout=10)
        return save_line(*args)

    monkeypatch.setattr(views, "_save_line", at_once)
    results = {}

    def save(role, amount):
        client = Client()
        client.force_login(world.users[role])
        try:
            results[role] = client.post(url, edit_data(line, amount=amount)).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=args, name=f"save-{args[0]}")
               for args in (("enterprise_reporter", "11"), ("enterprise_manager", "12"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    line.refresh_from_db()
    assert line.revision == 2, results
    winner = "enterprise_reporter" if line.amount == 11 else "enterprise_manager"
    loser = ({"enterprise_reporter", "enterprise_manager"} - {winner}).pop()
    assert results[winner] == 302 and results[loser] == 409, results
