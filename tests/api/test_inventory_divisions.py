"""The API's inventory basic information takes a GB/T 2260 division, and still the province code it took before."""

import pytest

from parkcarbon.inventory.models import Inventory

pytestmark = pytest.mark.django_db

KUNSHAN = "320583"  # 江苏省 苏州市 昆山市 (MCA code list, parks/data/divisions_gbt2260.csv)


def test_api_takes_a_division_or_the_old_province_code(world, token_for, call):
    admin = token_for("park_admin")
    made = call("post", "/api/v1/inventories", admin, json={"enterprise": world.enterprise.pk, "year": 2023,
                                                            "division": KUNSHAN})
    assert made.status_code == 201
    body = made.json()
    assert (body["division"], body["region"], body["region_name"]) == (KUNSHAN, "CN-JS", "江苏省苏州市昆山市")
    old = call("post", "/api/v1/inventories", admin, json={"enterprise": world.enterprise.pk, "year": 2024,
                                                           "region": "CN-ZJ"})
    assert old.status_code == 201 and (old.json()["division"], old.json()["region"]) == ("330000", "CN-ZJ")
    coded = call("post", "/api/v1/inventories", admin, json={"enterprise": world.enterprise.pk, "year": 2025,
                                                             "region": KUNSHAN})
    assert coded.status_code == 201 and coded.json()["division"] == KUNSHAN


@pytest.mark.parametrize("payload, field", [({"division": "999999"}, "division"), ({"region": "XX"}, "region"),
                                            ({}, "division")])
def test_api_names_the_field_of_an_unknown_code(world, token_for, call, payload, field):
    response = call("post", "/api/v1/inventories", token_for("park_admin"),
                    json={"enterprise": world.enterprise.pk, "year": 2023, **payload}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not Inventory.objects.exists()
