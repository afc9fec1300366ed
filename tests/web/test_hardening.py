"""Small holes found by the outside probe (issue 24, item 9): agency list leaks, bad URL parameters, demo guard."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from parkcarbon.parks.demo import credit_code
from parkcarbon.parks.models import Enterprise


@pytest.fixture
def shared_agency(world):
    """The verifier also serves park B and two of its enterprises."""
    world.verifier_agency.parks.add(world.other_park)
    extra = Enterprise.objects.create(
        park=world.other_park, name="丁材料有限公司", name_en="Ding Materials",
        credit_code=credit_code("ed", "330200"), industry_code="3011",
    )
    world.verifier_agency.enterprises.add(world.other_enterprise, extra, world.enterprise)
    return world.verifier_agency


@pytest.mark.parametrize("role", ["verifier", "park_admin", "park_viewer"])
def test_agency_list_shows_only_the_viewers_park(world, client_for, shared_agency, role):
    html = client_for(role).get(reverse("parks:agency_list")).content.decode()
    assert world.park.name in html
    assert world.other_park.name not in html and world.other_park.name_en not in html
    row = html[html.index(f"<strong>{shared_agency.name}</strong>"):]
    count = row.split('class="num">', 1)[1].split("<", 1)[0]
    assert count == "1"  # E1 only: park B's two enterprises are not counted


def test_home_card_of_an_agency_member_counts_only_their_park(world, client_for, shared_agency):
    response = client_for("verifier").get(reverse("home"))
    card = next(c for c in response.context["cards"] if c.title == shared_agency.display_name)
    assert [value for _, value in card.stats] == [1, 1]  # park A and E1; not park B and its two enterprises


def test_agency_list_of_the_other_park_admin_hides_park_a(world, client_for, shared_agency):
    html = client_for("other_park_admin").get(reverse("parks:agency_list")).content.decode()
    assert world.park.name not in html


@pytest.mark.parametrize("year", [0, 1, 2, 3, 999, 2004, 2101, 9999])
def test_park_inventory_year_out_of_range_is_404(world, client_for, year):
    response = client_for("park_admin").get(f"/accounting/park/{world.park.pk}/{year}/")
    assert response.status_code == 404


def test_park_inventory_valid_year_still_works(world, client_for):
    url = reverse("inventory:park", kwargs={"park_pk": world.park.pk, "year": 2023})
    assert url.endswith("/2023/")
    assert client_for("park_admin").get(url).status_code == 200


def test_demo_refuses_to_load_when_debug_is_off(db):
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="--allow-production"):
        call_command("load_demo", stdout=io.StringIO())
    from parkcarbon.accounts.models import User

    assert not User.objects.exists()  # nothing was loaded


HOSTILE_VALUES = ["²", "-1", "0", "99999999999999999999", "abc", "\x00", "1e9", " 7"]
PARAMS = ["year", "page", "inventory", "park", "zone", "section", "template", "industry", "key", "q", "status"]


def _get_rows():
    from tests.web.test_role_matrix import MATRIX

    return sorted(name for name, (method, _, _) in MATRIX.items() if method == "get")


@pytest.mark.parametrize("name", _get_rows())
def test_hostile_query_parameters_never_cause_a_server_error(world, client_for, name):
    """Every GET page of the role matrix, with every query parameter the views read set to hostile values."""
    from urllib.parse import urlencode

    from tests.web.test_role_matrix import MATRIX

    kwargs = MATRIX[name][1]
    url = reverse(name, kwargs=kwargs(world) if kwargs else None)
    c = client_for("park_admin")
    for value in HOSTILE_VALUES:
        query = urlencode(dict.fromkeys(PARAMS, value))
        status = c.get(f"{url}?{query}").status_code
        assert status < 500, f"{url}?{query} -> {status}"


@pytest.mark.parametrize(("params", "status"), [
    ({"park": "²", "year": "2023"}, 404), ({"park": "1", "year": "²"}, 404), ({"inventory": "²"}, 404),
    ({"park": "1", "year": "99999999999999999999"}, 404),
])
def test_report_creation_with_bad_parameters_is_404(world, client_for, params, status):
    assert client_for("park_admin").get(reverse("reports:create"), params).status_code == status
