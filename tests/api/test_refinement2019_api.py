"""The 2019 Refinement's per-well, per-km, coal-mining CO2 and biogenic hydrogen activities through the API, as every
activity of the catalogue: listed, computed, and refused with a field error when the unit is missing or wrong.
Expected numbers are hand arithmetic from the Refinement's tables (Vol.2 Ch.4 Tables 4.2.4E / 4.2.4J, Eq 4.1.3A)."""

import pytest


@pytest.fixture
def admin(world, token_for):
    return token_for("park_admin")


def test_activities_list_the_new_sources(world, admin, call):
    found = call("get", "/api/v1/activities?q=og19_abandoned_wells", admin).json()
    assert found["count"] == 6
    assert {a["default_unit"] for a in found["items"]} == {"well"}
    codes = {a["code"] for a in call("get", "/api/v1/activities?section=energy&limit=500", admin).json()["items"]}
    assert {"coal_underground_mining_co2", "coal_surface_mining_co2", "og19_town_gas_distribution_km"} <= codes
    h2 = call("get", "/api/v1/activities?q=hydrogen_black_liquor", admin).json()["items"]
    assert [a["method"] for a in h2] == ["hydrogen_production"]


def test_calculate_wells_km_and_coal_co2(world, admin, call):
    # 1 000 onshore abandoned wells, plugging unknown: 1 000 x 0.012 t CH4 (Table 4.2.4E) = 12 t CH4;
    # 500 km of distribution mains (< 50 % plastic): 500 x 1.17 = 585 t CH4, 500 x 0.03 = 15 t CO2 (Table 4.2.4J);
    # 10 000 t of coal mined underground: 10 000 x 5.9 m3/t x 1.84 kg/m3 = 108.56 t CO2 (Eq 4.1.3A).
    rows = [{"activity": "og19_abandoned_wells_onshore_all", "amount": 1000, "unit": "well"},
            {"activity": "og19_gas_distribution_limited_km", "amount": 500, "unit": "km"},
            {"activity": "coal_underground_mining_co2", "amount": 10_000, "unit": "t"}]
    response = call("post", "/api/v1/calculate", admin, json={"year": 2023, "region": "CN-SX", "rows": rows})
    assert response.status_code == 200, response.json()
    total = response.json()["total"]
    assert total["CH4"] == pytest.approx(12 + 585)
    assert total["CO2"] == pytest.approx(15 + 108.56)
    missing = call("post", "/api/v1/calculate", admin, HTTP_ACCEPT_LANGUAGE="en", json={
        "year": 2023, "region": "CN-SX", "rows": [{**rows[0], "unit": ""}]})
    assert missing.status_code == 422
    (error,) = missing.json()["errors"]
    assert error["field"] == "rows[1].unit" and "unit is required" in error["message"]
    wrong = call("post", "/api/v1/calculate", admin, HTTP_ACCEPT_LANGUAGE="en", json={
        "year": 2023, "region": "CN-SX", "rows": [{**rows[1], "unit": "well"}]})
    assert wrong.status_code == 422 and "not a unit of length" in wrong.json()["errors"][0]["message"]
