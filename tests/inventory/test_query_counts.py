"""The pages reporters and park staff request most issue a fixed number of SQL queries: as many for a park of
thirty enterprises as for one, for a section of eighty lines as for three (issue 22: an N+1 that comes back makes
these fail). bench.load measures the same pages' service time on a park of 2,000 enterprises."""

import pytest
from django.db import connection
from django.urls import reverse

from parkcarbon.inventory.models import Inventory
from parkcarbon.inventory.views import PAGE_SIZE
from parkcarbon.parks.demo import credit_code
from parkcarbon.parks.models import Enterprise
from tests.inventory.conftest import add_lines
from tests.reports.conftest import add_lines as add_lines_bulk

pytestmark = pytest.mark.django_db


def queries_of(client, url: str, **headers) -> int:
    """The number of SQL queries of one request (after a first one, so caches are as warm as in production)."""
    assert client.get(url, **headers).status_code == 200
    seen: list[str] = []

    def count(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        assert client.get(url, **headers).status_code == 200
    return len(seen)


def grow_park(world, enterprises: int) -> None:
    """More enterprises in the park, each with a submitted 2023 inventory holding a snapshot."""
    for i in range(enterprises):
        e = Enterprise.objects.create(park=world.park, zone=world.zone, name=f"增长企业{i}", industry_code="3120",
                                      credit_code=credit_code(f"q{i}", "320600"), is_key_emitter=i % 3 == 0)
        inv = Inventory.objects.create(park=world.park, enterprise=e, year=2023, region="CN-JS", status="submitted")
        add_lines_bulk(inv, "energy", [{"activity": "diesel", "amount": 1 + i, "unit": "t", "month": 1}])


@pytest.mark.parametrize("role", ["enterprise_reporter", "park_admin"])
def test_the_dashboard_does_not_grow_with_the_park(world, inventory, client_for, role):
    c = client_for(role)
    before = queries_of(c, "/")
    grow_park(world, 30)
    assert queries_of(c, "/") == before


def test_the_inventory_list_does_not_grow_with_the_park(world, inventory, client_for):
    c = client_for("park_admin")
    before = queries_of(c, reverse("inventory:index"))
    grow_park(world, 30)
    assert queries_of(c, reverse("inventory:index")) == before


def test_the_inventory_page_does_not_grow_with_its_lines(world, inventory, client_for):
    c = client_for("enterprise_reporter")
    url = reverse("inventory:detail", args=[inventory.pk])
    before, before_table = queries_of(c, url), queries_of(c, url + "?page=1", HTTP_HX_REQUEST="true")
    add_lines(inventory, "energy", [{"activity": "diesel", "amount": 1 + i, "unit": "t", "month": 1 + i % 12}
                                    for i in range(3 * PAGE_SIZE + 5)])
    grow_park(world, 10)
    assert queries_of(c, url) == before
    assert queries_of(c, url + "?page=3", HTTP_HX_REQUEST="true") == before_table
