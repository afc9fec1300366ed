"""Every activity of the catalogue through the REST API as a client meets it (issue 15 item 5: each method "offered in
the UI, the template and the API like every other activity"): ``/activities`` tells what a line of it may carry
(quantities, measured parameters, method fields, labelled in both languages), and a line of each, sent to
``/inventories/{id}/lines`` one section at a time, is saved and computes exactly as the engine computes the row."""

import pytest

from parkcarbon.engine import calculate, load_library
from parkcarbon.engine.methods import METHODS
from parkcarbon.engine.template import SECTION_SHEETS
from parkcarbon.engine.values import IDENTITY_FIELDS, method_fields
from parkcarbon.inventory import services
from parkcarbon.inventory.models import Inventory
from tests.workbooks import CATALOGUE_OPTIONS, catalogue_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(world):
    from parkcarbon.api.tokens import create_token

    return create_token(world.users["enterprise_reporter"], "reporter", "write")[1]


def get(client, token, path):
    response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def listed(client, token) -> dict[str, dict]:
    items, offset = [], 0
    while True:
        body = get(client, token, f"/api/v1/activities?limit=100&offset={offset}")
        items += body["items"]
        offset += 100
        if offset >= body["count"]:
            return {a["code"]: a for a in items}


def test_activities_say_what_a_line_of_each_may_carry(client, token):
    lib = load_library()
    activities = listed(client, token)
    assert set(activities) == set(lib.activities)
    for code, act in lib.activities.items():
        item, method = activities[code], METHODS[act.method]
        assert set(item["quantities"]) == {d for d in act.dimensions if d in method.units}, code
        assert [p["name"] for p in item["parameters"]] == [p.name for p in method.params if p.overridable], code
        assert [f["key"] for f in item["fields"]] == [f for f in method.row_fields if f not in IDENTITY_FIELDS], code
        for entry in (*item["parameters"], *item["fields"]):
            assert entry["label_en"] and entry["label_zh"] and entry["label_en"] != entry["label_zh"], (code, entry)
        assert item["method_title_en"] and item["method_title_zh"] and item["method_reference"], code
    # examples of the methods issue 15 asked for: what a client must send is now discoverable
    assert {f["key"] for f in activities["sf6_equipment_balance"]["fields"]} >= {"nameplate_new", "nameplate_retired"}
    assert [f["key"] for f in activities["electricity_supplier"]["fields"]] == ["evidence"]
    assert {p["name"]: p["unit"] for p in activities["hydrogen_natural_gas"]["parameters"]} == {"frf": "GJ/t",
                                                                                              "ccf": "tC/GJ"}
    assert {p["name"] for p in activities["og19_oil_offshore"]["parameters"]} == {"ef_ch4", "ef_co2", "ef_n2o"}


def as_api_line(row: dict) -> dict:
    """A catalogue row (template field names) as the API's line: measured parameters and method fields apart."""
    fields = method_fields()
    line = {"activity": row["activity"], "amount": row["amount"], "unit": row["unit"], "measured": {}, "extra": {}}
    for key, value in row.items():
        if key in fields:
            line["extra"][key] = value
        elif f"{key}_unit" in row:
            line["measured"][key] = {"value": value, "unit": row[f"{key}_unit"]}
    return line


@pytest.mark.parametrize("section", list(SECTION_SHEETS))
def test_every_activity_is_saved_through_the_api_as_the_engine_computes_it(world, client, token, section):
    inventory = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2023, region="CN-JS")
    rows = catalogue_rows(section)
    response = client.post(f"/api/v1/inventories/{inventory.pk}/lines",
                           {"section": section, "replace": True, "lines": [as_api_line(r) for r in rows]},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.json()
    stored = list(services.current_lines(inventory).filter(version__section=section).order_by("position"))
    assert [s.activity for s in stored] == [r["activity"] for r in rows]
    result = services.calculate_inventory(inventory).lines.set_index("row_id")
    direct = calculate([{**r, "row_id": str(i)} for i, r in enumerate(rows)], CATALOGUE_OPTIONS)
    got = result.loc[[str(s.pk) for s in stored], "co2e"].to_numpy()
    assert got == pytest.approx(direct.lines["co2e"].to_numpy(), rel=1e-9, abs=1e-9)
    assert response.json()["line_count"] == len(rows)


def test_the_openapi_document_describes_what_an_activity_line_may_carry(client):
    doc = client.get("/api/v1/openapi.json").json()
    (op,) = [o for path, ops in doc["paths"].items() if path.endswith("/activities") for o in ops.values()]
    assert all(word in op["description"] for word in ("quantities", "parameters", "fields", "measured", "extra"))
