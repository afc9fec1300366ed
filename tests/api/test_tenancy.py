"""Every API route x every cast role x token scope: the API answers with the UI's tenancy (policy ``for_user``/
``can``): another tenant's object is 404, seen-but-not-allowed is 403, no credentials 401. A read token writes
nothing (403 on every write, whatever the object). The route list comes from the OpenAPI document, and a test fails
when a route has no row here.

Columns: anon plat padm pview erep emgr verif auth opadm oent (tests/web/test_role_matrix.py). The objects are
E1's 2023 draft inventory (park A) with a line, a meter of E1 with readings and a finished report (conftest.objects).
"""

import pytest

from tests.api.conftest import objects
from tests.web.test_role_matrix import COLUMNS, ROLES

R = "401 200 200 200 200 200 200 200 200 200"  # readable by every member (lists filter their rows)
E1_VIEW = "401 200 200 200 200 200 200 200 404 404"  # what E1's inventory detail page answers in the UI
E1_CHANGE = "401 200 200 403 200 200 403 403 404 404"  # E1's inventory edit in the UI
REVIEW = "401 409 409 403 403 403 403 403 404 404"  # park review steps on E1's draft: allowed role, wrong state
VERIFY = "401 403 403 403 403 403 409 403 404 404"  # the assigned verifier's steps on E1's draft
ADMIN_ONLY = "401 200 200 404 404 404 404 404 404 404"  # a park's alert rules


def inv(w):
    return {"inventory_id": objects(w).inventory.pk}


def rule(w):
    return {"rule_id": objects(w).rule.pk}


def ent(w):
    return {"enterprise_id": objects(w).enterprise.pk}


def create_inventory_body(w):
    return {"enterprise": w.enterprise.pk, "year": 2024, "region": "CN-JS"}


def lines_body(w):
    return {"section": "energy", "lines": [{"activity": "diesel", "amount": 2, "unit": "t", "month": 1}]}


def e1_disclosure(w):
    from parkcarbon.disclosure import services

    if not hasattr(w, "disclosure"):
        w.disclosure = services.create(w.users["enterprise_manager"], w.park, w.enterprise, 2023)
    return w.disclosure.pk


def park_factor_set(w):
    from tests.releases.park_factor_fixtures import park_set

    if not hasattr(w, "park_factor_set"):
        w.park_factor_set = park_set(w, "approved")
    return w.park_factor_set.pk


# (method, path template): (path kwargs, body, statuses in COLUMNS order); "read" is the answer with a read token
# where it differs (writes: 403 for every member)
ROUTES = {
    ("get", "/api/v1/parks"): (None, None, R),
    ("get", "/api/v1/parks/{park_id}"): (lambda w: {"park_id": w.park.pk}, None,
                                         "401 200 200 200 200 200 200 200 404 200"),
    ("get", "/api/v1/zones"): (None, None, R),
    ("get", "/api/v1/zones/{zone_id}"): (lambda w: {"zone_id": w.zone.pk}, None, E1_VIEW),
    ("get", "/api/v1/enterprises"): (None, None, R),
    ("get", "/api/v1/enterprises/{enterprise_id}"): (ent, None, E1_VIEW),
    ("get", "/api/v1/inventories"): (None, None, R),
    ("post", "/api/v1/inventories"): (None, create_inventory_body, "401 201 201 403 201 201 403 403 404 404"),
    ("get", "/api/v1/inventories/{inventory_id}"): (inv, None, E1_VIEW),
    ("get", "/api/v1/inventories/{inventory_id}/totals"): (inv, None, E1_VIEW),
    ("get", "/api/v1/inventories/{inventory_id}/lines"): (inv, None, E1_VIEW),
    ("post", "/api/v1/inventories/{inventory_id}/lines"): (inv, lines_body, E1_CHANGE),
    ("post", "/api/v1/inventories/{inventory_id}/submit"): (inv, lambda w: {"note": ""},
                                                            "401 200 200 403 403 200 403 403 404 404"),
    ("post", "/api/v1/calculate"): (None, lambda w: {"year": 2023, "region": "CN-JS", "rows": [
        {"activity": "diesel", "amount": 1, "unit": "t"}]}, R),
    ("get", "/api/v1/factors"): (None, None, R),
    ("get", "/api/v1/activities"): (None, None, R),
    ("get", "/api/v1/methodologies"): (None, None, R),
    ("get", "/api/v1/methodologies/{methodology_id}"): (lambda w: {"methodology_id": "cn_iron_steel"}, None, R),
    ("get", "/api/v1/reports"): (None, None, R),
    ("post", "/api/v1/reports"): (None, lambda w: {"inventory": objects(w).inventory.pk, "template": "cn_enterprise"},
                                  "401 202 202 202 202 202 202 202 404 404"),
    ("get", "/api/v1/reports/{report_id}"): (lambda w: {"report_id": objects(w).report.pk}, None, E1_VIEW),
    ("get", "/api/v1/reports/{report_id}/download/{fmt}"): (
        lambda w: {"report_id": objects(w).report.pk, "fmt": "html"}, None, E1_VIEW),
    ("get", "/api/v1/meters"): (None, None, R),
    ("post", "/api/v1/meters"): (None, lambda w: {"enterprise": w.enterprise.pk, "code": "M2",
                                                  "activity": "natural_gas", "unit": "m3"},
                                 "401 201 201 403 403 201 403 403 404 404"),
    ("post", "/api/v1/meters/readings"): (None, lambda w: {"enterprise": objects(w).enterprise.pk, "readings": [
        {"meter": "M1", "timestamp": "2023-04-15T00:00:00+08:00", "quantity": 5, "unit": "MWh"}]}, E1_CHANGE),
    ("get", "/api/v1/enterprises/{enterprise_id}/meter-gaps"): (lambda w: {**ent(w), "_query": "?year=2023"}, None,
                                                                 E1_VIEW),
    ("post", "/api/v1/inventories/{inventory_id}/meter-lines"): (inv, None, E1_CHANGE),
    # verification workflow: E1's inventory is a draft, so whoever's role may take a step hears 409 (not now)
    ("get", "/api/v1/inventories/{inventory_id}/workflow"): (inv, None, E1_VIEW),
    ("post", "/api/v1/inventories/{inventory_id}/accept"): (inv, lambda w: {"comment": ""}, REVIEW),
    ("post", "/api/v1/inventories/{inventory_id}/return"): (inv, lambda w: {"comment": "fix"}, REVIEW),
    ("post", "/api/v1/inventories/{inventory_id}/comments"): (inv, lambda w: {"text": "why?"}, REVIEW),
    ("post", "/api/v1/inventories/{inventory_id}/adjustments"): (inv, lambda w: {
        "line": objects(w).line.pk, "verified_amount": 1, "reason": "meter"}, VERIFY),
    ("post", "/api/v1/inventories/{inventory_id}/conclusion"): (inv, lambda w: {
        "opinion": "verified", "statement": "ok"}, VERIFY),
    ("post", "/api/v1/inventories/{inventory_id}/new-version"): (inv, lambda w: {"reason": "fix"},
                                                                 "401 409 409 403 403 409 403 403 404 404"),
    ("get", "/api/v1/inventories/{inventory_id}/versions/{number}"): (
        lambda w: {**inv(w), "number": objects(w).frozen.number}, None, E1_VIEW),
    # thresholds and alerts: rules are the park administrators' (others: not found); alerts reach as inventories
    ("get", "/api/v1/alert-rules"): (None, None, R),
    ("post", "/api/v1/alert-rules"): (None, lambda w: {"park": w.park.pk, "name": "cap", "metric": "annual_co2e",
                                                       "threshold": 1000}, "401 201 201 403 403 403 403 403 404 403"),
    ("get", "/api/v1/alert-rules/{rule_id}"): (rule, None, ADMIN_ONLY),
    ("put", "/api/v1/alert-rules/{rule_id}"): (rule, lambda w: {"park": w.park.pk, "name": "cap",
                                                               "metric": "annual_co2e", "threshold": 5}, ADMIN_ONLY),
    ("get", "/api/v1/alerts"): (None, None, R),
    ("get", "/api/v1/alerts/{alert_id}"): (lambda w: {"alert_id": objects(w).alert.pk}, None, E1_VIEW),
    ("post", "/api/v1/alerts/{alert_id}/acknowledge"): (lambda w: {"alert_id": objects(w).alert.pk},
                                                        lambda w: {"note": "checked"},
                                                        "401 200 200 403 200 200 403 403 404 404"),
    # disclosure: E1's draft disclosure (read only)
    ("get", "/api/v1/disclosures"): (None, None, R),
    ("get", "/api/v1/disclosures/{disclosure_id}"): (lambda w: {"disclosure_id": e1_disclosure(w)}, None, E1_VIEW),
    # factor library releases (#23)
    ("get", "/api/v1/releases"): (None, None, R),
    ("get", "/api/v1/inventories/{inventory_id}/compare"): (lambda w: {**inv(w), "_query": "?release=2026.1"}, None,
                                                            E1_VIEW),
    # a park's own factor sets: the park's users and platform admins; park B's admin does not find it
    ("get", "/api/v1/park-releases"): (None, None, R),
    ("get", "/api/v1/park-releases/{release_id}"): (lambda w: {"release_id": park_factor_set(w)}, None,
                                                    "401 200 200 200 200 200 200 200 404 200"),
}
READ_ONLY_POSTS = {("post", "/api/v1/calculate")}

from tests.assets.api_routes import ROUTES as ASSET_ROUTES  # noqa: E402 - carbon asset management (issue 18)

ROUTES.update(ASSET_ROUTES)


def api_routes() -> set[tuple[str, str]]:
    from parkcarbon.api.main import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return {(method, path) for path, ops in schema["paths"].items() for method in ops}


def test_every_api_route_has_a_tenancy_row():
    routes = api_routes()
    assert not routes - set(ROUTES), f"API routes without a tenancy row: {sorted(routes - set(ROUTES))}"
    assert not set(ROUTES) - routes, f"rows for routes that no longer exist: {sorted(set(ROUTES) - routes)}"


def expected(route, role, scope) -> int:
    status = int(ROUTES[route][2].split()[ROLES.index(role)])
    if scope == "read" and route[0] != "get" and route not in READ_ONLY_POSTS and status != 401:
        return 403
    return status


# A read token reads as its user does: checked on every route for one member of each tenant (the other members'
# reach is the same code path); on writes it is refused for every member.
READ_ROLES = {"enterprise_reporter", "other_park_admin", "verifier"}
CASES = [(route, role, scope) for route in ROUTES for role in ROLES for scope in ("write", "read")
         if scope == "write" or (role != "anonymous" and (route[0] != "get" or role in READ_ROLES))]


@pytest.mark.parametrize(("route", "role", "scope"), CASES,
                         ids=[f"{m}:{p}-{r}-{s}" for (m, p), r, s in CASES])
def test_tenancy(route, role, scope, world, token_for, call, monkeypatch):
    from parkcarbon.reports import services

    monkeypatch.setattr(services, "_enqueue", lambda report_id: None)  # the build is tested in tests/reports
    method, path = route
    kwargs, body, _statuses = ROUTES[route]
    values = dict(kwargs(world)) if kwargs else {}
    query = values.pop("_query", "")
    objects(world)
    url = path.format(**values) + query
    response = call(method, url, token_for(role, scope), json=body(world) if body else None)
    assert response.status_code == expected(route, role, scope), (role, scope, url, response.content[:300])
    assert response["Content-Type"].startswith("application/json") or response.status_code == 200
    if response.status_code >= 400:
        assert set(response.json()) == {"detail", "errors"}


LISTS = {
    "/api/v1/parks": "parks.Park", "/api/v1/zones": "parks.Zone", "/api/v1/enterprises": "parks.Enterprise",
    "/api/v1/inventories": "inventory.Inventory", "/api/v1/reports": "reports.Report", "/api/v1/meters": "api.Meter",
    "/api/v1/alerts?state=all": "alerts.Alert",
}


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_lists_hold_exactly_the_rows_the_ui_shows(role, world, token_for, call):
    from django.apps import apps

    objects(world)
    user = world.users[role]
    for path, label in LISTS.items():
        sep = "&" if "?" in path else "?"
        got = {item["id"] for item in call("get", f"{path}{sep}limit=1000", token_for(role)).json()["items"]}
        assert got == set(apps.get_model(label).objects.for_user(user).values_list("pk", flat=True)), (role, path)
    assert len(COLUMNS) == len(ROLES)
