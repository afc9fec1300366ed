"""Metering data: meters mapped to an enterprise's activity, readings idempotent on (meter, timestamp), monthly
activity lines in a draft inventory through the section-version service, gaps reported."""

import pytest

from parkcarbon.api.models import Meter, MeterReading
from parkcarbon.inventory import services
from tests.api.conftest import objects


@pytest.fixture
def manager(world, token_for):
    return token_for("enterprise_manager")


def readings(*items):
    return [{"meter": m, "timestamp": t, "quantity": q, "unit": u} for m, t, q, u in items]


def send(call, token, world, items, **extra):
    return call("post", "/api/v1/meters/readings", token, json={"enterprise": world.enterprise.pk,
                                                                 "readings": readings(*items)}, **extra)


def test_map_a_meter(world, manager, call):
    ok = call("post", "/api/v1/meters", manager, json={"enterprise": world.enterprise.pk, "code": "GAS-1",
                                                       "activity": "natural_gas", "unit": "m3"})
    assert ok.status_code == 201 and ok.json()["section"] == "energy"
    bad = call("post", "/api/v1/meters", manager, json={"enterprise": world.enterprise.pk, "code": "GAS-1",
                                                        "activity": "natural_gas", "unit": "m2"},
               HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"unit", "code"}
    assert Meter.objects.count() == 1


def test_readings_are_idempotent_and_conflicts_save_nothing(world, manager, call):
    objects(world)  # meter M1 (kWh) with readings in January to March 2023
    first = send(call, manager, world, [("M1", "2023-04-10T08:00:00+08:00", 500, "kWh"),
                                        ("M1", "2023-04-20T08:00:00", 1.5, "MWh")])
    assert first.status_code == 200 and first.json() == {"created": 2, "unchanged": 0}
    again = send(call, manager, world, [("M1", "2023-04-10T08:00:00+08:00", 500, "kWh"),
                                        ("M1", "2023-04-11T00:00:00Z", 500, "kWh")])  # the same reading, and a new one
    assert again.json() == {"created": 1, "unchanged": 1}
    count = MeterReading.objects.count()
    conflict = send(call, manager, world, [("M1", "2023-05-01T08:00:00+08:00", 1, "kWh"),
                                           ("M1", "2023-04-10T08:00:00+08:00", 501, "kWh")], HTTP_ACCEPT_LANGUAGE="en")
    assert conflict.status_code == 409 and conflict.json()["errors"][0]["field"] == "readings[2].quantity"
    duplicate = send(call, manager, world, [("M1", "2023-06-01T08:00:00+08:00", 1, "kWh"),
                                            ("M1", "2023-06-01T00:00:00Z", 2, "kWh")])
    assert duplicate.status_code == 422 and duplicate.json()["errors"][0]["field"] == "readings[2].timestamp"
    bad = send(call, manager, world, [("M9", "2023-06-01T08:00:00+08:00", 1, "kWh"),
                                      ("M1", "2023-06-02T08:00:00+08:00", -1, "kWh"),
                                      ("M1", "2023-06-03T08:00:00+08:00", 1, "t")])
    assert bad.status_code == 422
    assert [e["field"] for e in bad.json()["errors"]] == ["readings[1].meter", "readings[2].quantity",
                                                           "readings[3].unit"]
    assert MeterReading.objects.count() == count


def test_aggregate_to_monthly_lines_and_report_gaps(world, manager, call):
    inventory = objects(world).inventory  # its energy section holds a diesel line typed by hand
    send(call, manager, world, [("M1", "2023-04-01T00:00:00+08:00", 2, "MWh"),  # ends March: counts in March
                                ("M1", "2023-04-30T08:00:00+08:00", 300, "kWh"),
                                ("M1", "2024-01-01T00:00:00+08:00", 100, "kWh")])  # ends December 2023
    gaps = call("get", f"/api/v1/enterprises/{world.enterprise.pk}/meter-gaps?year=2023", manager).json()
    assert gaps["gaps"] == [{"meter": "M1", "missing_months": [5, 6, 7, 8, 9, 10, 11]}]
    response = call("post", f"/api/v1/inventories/{inventory.pk}/meter-lines", manager)
    assert response.status_code == 200, response.content
    assert response.json()["gaps"] == gaps["gaps"]
    lines = {(line.activity, line.month): line for line in services.current_lines(inventory)}
    assert lines[("electricity_grid", 1)].amount == 1000
    assert lines[("electricity_grid", 3)].amount == pytest.approx(3000)  # 1000 kWh + 2 MWh
    assert lines[("electricity_grid", 4)].amount == 300 and lines[("electricity_grid", 12)].amount == 100
    assert lines[("diesel", 0)].evidence.name.endswith(".pdf")  # lines not made from meters stay, with evidence
    # aggregating again replaces the meter lines, never adds them twice
    call("post", f"/api/v1/inventories/{inventory.pk}/meter-lines", manager)
    assert services.current_lines(inventory).filter(activity="electricity_grid").count() == 5
    assert inventory.snapshot.total_co2e > 0


def test_readings_of_another_tenant_are_404(world, call, token_for):
    objects(world)
    response = call("post", "/api/v1/meters/readings", token_for("other_park_admin"), json={
        "enterprise": world.enterprise.pk, "readings": readings(("M1", "2023-04-10T08:00:00+08:00", 1, "kWh"))})
    assert response.status_code == 404
