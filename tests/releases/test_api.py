"""The releases API: the installed releases with their cited changes, and an inventory's comparison."""

import pytest

from tests.releases.conftest import electricity_inventory


@pytest.fixture
def get(client, world):
    from parkcarbon.api.tokens import create_token

    token = create_token(world.users["enterprise_reporter"], "t", "read")[1]
    return lambda path: client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_release_list(get):
    data = get("/api/v1/releases").json()
    assert [r["id"] for r in data][:2] == ["2025.1", "2026.1"] and data[-1]["newest"]
    added = {c["id"]: c["new"] for c in data[1]["changes"] if c["kind"] == "added"}
    assert added["CN-GRID-015"]["value"] == 0.55 and added["CN-GRID-015"]["source"] == "MEE-NBS-EF2023"


def test_compare(get, world):
    inv = electricity_inventory(world)
    data = get(f"/api/v1/inventories/{inv.pk}/compare?release=2026.1").json()
    assert data["pinned_release"] == "2025.1" and data["change_co2e"] == pytest.approx(10000 * (0.55 - 0.5617))
    assert data["change_co2e"] == pytest.approx(data["new_total_co2e"] - data["old_total_co2e"])
    (line,) = data["lines"]
    assert (line["factors"][0]["old"]["id"], line["factors"][0]["new"]["id"]) == ("CN-GRID-014", "CN-GRID-015")
    assert get(f"/api/v1/inventories/{inv.pk}").json()["factor_release"] == "2025.1"


def test_compare_with_an_unknown_release_is_a_clear_422(get, world):
    inv = electricity_inventory(world)
    response = get(f"/api/v1/inventories/{inv.pk}/compare?release=1999.1")
    assert response.status_code == 422 and "1999.1" in response.json()["detail"]
