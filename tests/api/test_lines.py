"""Inventories and activity lines through the API: the same checks and services as the UI, all or nothing, bad
input answered with field errors in the caller's language, results equal to the UI's calculation."""

import json

import pytest

from parkcarbon.inventory import services
from parkcarbon.inventory.models import ActivityLine, Inventory
from tests.api.conftest import objects


@pytest.fixture
def admin(world, token_for):
    return token_for("park_admin")


def lines_url(inventory):
    return f"/api/v1/inventories/{inventory.pk}/lines"


def test_create_inventory_uses_the_form_defaults(world, admin, call):
    response = call("post", "/api/v1/inventories", admin, json={"enterprise": world.enterprise.pk, "year": 2023,
                                                                "region": "CN-JS"})
    assert response.status_code == 201
    inventory = Inventory.objects.get(pk=response.json()["id"])
    assert inventory.methodologies == services.default_methodologies(inventory)  # the industry's guideline
    assert inventory.created_by == world.users["park_admin"]
    clash = call("post", "/api/v1/inventories", admin, json={"enterprise": world.enterprise.pk, "year": 2023,
                                                             "region": "CN-JS"}, HTTP_ACCEPT_LANGUAGE="en")
    assert clash.status_code == 422 and "exists already" in json.dumps(clash.json())
    other = call("post", "/api/v1/inventories", admin, json={"enterprise": world.other_enterprise.pk, "year": 2023,
                                                             "region": "CN-ZJ"})
    assert other.status_code == 404  # another park's enterprise: not a hint that it exists
    assert Inventory.objects.count() == 1


def test_upsert_adds_updates_and_keeps_history(world, admin, call):
    inventory = objects(world).inventory
    url = lines_url(inventory)
    first = call("post", url, admin, json={"section": "energy", "lines": [
        {"activity": "natural_gas", "amount": 12.5, "unit": "10^4 Nm3", "month": 3,
         "measured": {"ncv": {"value": 390.1, "unit": "GJ/10^4 Nm3"}}}]})
    assert first.status_code == 200, first.content
    assert first.json()["line_count"] == 2 and first.json()["added"] == 1  # the existing diesel line is kept
    diesel = ActivityLine.objects.filter(version__inventory=inventory, activity="diesel").latest("pk")
    assert diesel.version.number == 2 and diesel.evidence.name.endswith(".pdf")  # its evidence file carried over
    second = call("post", url, admin, json={"section": "energy", "lines": [
        {"id": diesel.pk, "activity": "diesel", "amount": 7, "unit": "t"}]})
    assert second.json()["updated"] == 1 and second.json()["line_count"] == 2
    current = {line.activity: line for line in services.current_lines(inventory)}
    assert current["diesel"].amount == 7 and current["natural_gas"].measured["ncv"]["value"] == 390.1
    assert inventory.versions.filter(section="energy").count() == 3  # earlier versions stay readable
    # the stored totals are the engine's result for the stored lines, as on the UI's pages
    result = services.calculate_inventory(inventory)
    totals = call("get", f"/api/v1/inventories/{inventory.pk}/totals", admin).json()["totals"]
    assert totals["total_co2e"] == pytest.approx(result.total_co2e)
    replaced = call("post", url, admin, json={"section": "energy", "replace": True, "lines": [
        {"activity": "diesel", "amount": 1, "unit": "t"}]})
    assert replaced.json()["line_count"] == 1
    detail = call("get", f"/api/v1/inventories/{inventory.pk}", admin).json()
    assert [line["amount"] for line in detail["lines"]] == [1]


@pytest.mark.parametrize(("language", "text"), [("en", "Month"), ("zh-hans", "月")])
def test_bad_lines_save_nothing_and_name_every_field(language, text, world, admin, call):
    inventory = objects(world).inventory
    before = inventory.versions.count()
    body = {"section": "energy", "lines": [
        {"activity": "diesel", "amount": 1, "unit": "t"},
        {"activity": "diesel", "amount": 1, "unit": "t", "month": 13},
        {"activity": "no_such_activity", "amount": 1, "unit": "t"},
        {"activity": "diesel", "amount": 1, "unit": "t", "note": "bad\u0000note"},
        {"activity": "diesel", "amount": 1, "unit": "t", "measured": {"deposit_year": {"value": 1}}},
        {"id": 10**12, "activity": "diesel", "amount": 1, "unit": "t"},
    ]}
    response = call("post", lines_url(inventory), admin, json=body, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["errors"]]
    assert fields == ["lines[5].measured.deposit_year", "lines[6].id"]  # names the engine cannot see come first
    body["lines"] = body["lines"][:4]
    response = call("post", lines_url(inventory), admin, json=body, HTTP_ACCEPT_LANGUAGE=language)
    errors = response.json()["errors"]
    assert {e["field"] for e in errors} >= {"lines[2].month", "lines[3].activity", "lines[4].note"}
    assert all(e["message"] for e in errors)
    assert inventory.versions.count() == before


def test_amount_beyond_a_float_is_refused(world, admin, call, client):
    inventory = objects(world).inventory
    raw = '{"section": "energy", "lines": [{"activity": "diesel", "amount": 1e999, "unit": "t"}]}'
    response = client.post(lines_url(inventory), raw, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {admin}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "lines[1].amount"


@pytest.mark.parametrize(("body", "status"), [
    (b"{not json", 400),
    (b"[]", 422),
    (b'{"section": "energy", "lines": "x"}', 422),
    (b'{"section": "nuclear", "lines": []}', 422),
    (b'{"section": "energy", "lines": [{"activity": 5, "amount": "many", "unit": "t"}]}', 422),
])
def test_malformed_bodies(body, status, world, admin, client):
    inventory = objects(world).inventory
    response = client.post(lines_url(inventory), body, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {admin}")
    assert response.status_code == status
    assert response.json()["detail"]
    if status == 422:
        assert all(e["field"] and e["message"] for e in response.json()["errors"])


def test_oversized_body_is_refused_unread(world, admin, client, settings):
    inventory = objects(world).inventory
    body = b'{"section": "energy", "lines": [' + b'{"activity": "diesel", "amount": 1, "unit": "t"},' * 120_000
    body = body[:-1] + b"]}"
    assert len(body) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = client.post(lines_url(inventory), body, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {admin}")
    assert response.status_code == 413 and response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/v1/inventories/999999", "/api/v1/inventories/99999999999999999999999",
                                  "/api/v1/inventories/abc", "/api/v1/parks/0", "/api/v1/reports/999999"])
def test_unknown_ids(path, world, admin, call):
    response = call("get", path, admin)
    assert response.status_code in (404, 422)
    assert set(response.json()) == {"detail", "errors"}


def test_submitted_inventory_is_read_only(world, call, token_for):
    inventory = objects(world).inventory
    manager = token_for("enterprise_manager")
    assert call("post", f"/api/v1/inventories/{inventory.pk}/submit", manager).json()["status"] == "submitted"
    again = call("post", f"/api/v1/inventories/{inventory.pk}/submit", manager)
    assert again.status_code == 409
    write = call("post", lines_url(inventory), manager, json={"section": "energy", "lines": [
        {"activity": "diesel", "amount": 1, "unit": "t"}]})
    assert write.status_code == 409
    assert inventory.transitions.count() == 1


def test_calculation_matches_the_engine_and_saves_nothing(world, admin, call):
    from parkcarbon.engine import Options, calculate

    rows = [{"activity": "bituminous_coal", "amount": 1000, "unit": "t", "month": 1},
            {"activity": "electricity_grid", "amount": 8600, "unit": "MWh"}]
    response = call("post", "/api/v1/calculate", admin, json={"year": 2023, "region": "CN-JS", "rows": rows})
    assert response.status_code == 200
    expected = calculate([{**r, "row_id": str(i)} for i, r in enumerate(rows, 1)], Options(year=2023, region="CN-JS"))
    assert response.json()["total"]["co2e"] == pytest.approx(expected.total_co2e)
    assert response.json()["factors"] and all(f.get("source") for f in response.json()["factors"])
    bad = call("post", "/api/v1/calculate", admin, json={"year": 2023, "region": "XX", "rows": rows},
               HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "region"
    problem = call("post", "/api/v1/calculate", admin, json={"year": 2023, "region": "CN-JS", "rows": [
        {"activity": "diesel", "amount": 1, "unit": "m2"}]})
    assert problem.status_code == 422 and problem.json()["errors"][0]["field"].startswith("rows[1].")
    assert Inventory.objects.count() == 0


def test_factor_and_methodology_search_name_their_sources(world, admin, call):
    factors = call("get", "/api/v1/factors?subject=diesel&param=ncv", admin).json()
    assert factors["count"] >= 1
    assert all(f["source"]["title"] and f["table"] for f in factors["items"])
    found = call("get", "/api/v1/methodologies?industry=3120", admin).json()["items"]
    assert "cn_iron_steel" in [m["id"] for m in found]
    steel = call("get", "/api/v1/methodologies/cn_iron_steel", admin).json()
    assert steel["source"]["title"] and steel["categories"]
    assert call("get", "/api/v1/methodologies/nope", admin).status_code == 404


def test_another_tenants_object_looks_exactly_like_a_missing_one(world, call, token_for):
    inventory = objects(world).inventory
    token = token_for("other_park_admin")
    for method, suffix, body in (("get", "", None), ("post", "/lines", {"section": "energy", "lines": []}),
                                 ("post", "/submit", None)):
        theirs = call(method, f"/api/v1/inventories/{inventory.pk}{suffix}", token, json=body)
        missing = call(method, f"/api/v1/inventories/{inventory.pk + 1000}{suffix}", token, json=body)
        assert theirs.status_code == missing.status_code == 404
        assert theirs.content == missing.content
