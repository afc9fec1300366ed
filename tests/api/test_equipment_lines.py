"""The combustion equipment of a fuel line through the API (tests/inventory/test_equipment.py has the worked
numbers: cement guideline NDRC 2013 Appendix 2, raw coal 1,000 t x 20.908 GJ/t x 26.37 tC/TJ = 551.34396 tC; x 0.98 /
0.95 / 0.91 x 44/12 = 1981.162630 / 1920.514794 / 1839.651013 t CO2 in a kiln / industrial boiler / other equipment)."""

import pytest

from parkcarbon.inventory.models import Inventory
from tests.api.test_lines import lines_url

pytestmark = pytest.mark.django_db

KILN_T, BOILER_T, OTHER_T = 1981.162630, 1920.514794, 1839.651013


@pytest.fixture
def api_cement(world):
    from tests.api.conftest import objects

    inventory = objects(world).inventory
    Inventory.objects.filter(pk=inventory.pk).update(methodologies=["cn_cement"])
    inventory.refresh_from_db()
    return inventory


def test_api_lines_take_the_field(world, api_cement, token_for, call):
    admin = token_for("park_admin")
    response = call("post", lines_url(api_cement), admin, json={"section": "energy", "replace": True, "lines": [
        {"activity": "raw_coal", "amount": 1000, "unit": "t", "equipment": "industrial_boiler"},
        {"activity": "raw_coal", "amount": 1000, "unit": "t", "extra": {"equipment": "其他燃烧设备"}},
        {"activity": "raw_coal", "amount": 1000, "unit": "t"}]})
    assert response.status_code == 200, response.content
    assert response.json()["totals"]["total_co2e"] == pytest.approx(BOILER_T + OTHER_T + KILN_T, rel=1e-9)
    listed = call("get", lines_url(api_cement) + "?section=energy", admin).json()["items"]
    assert [line["equipment"] for line in listed] == ["industrial_boiler", "other_equipment", ""]
    assert listed[0]["extra"] == {"equipment": "industrial_boiler"}
    bad = call("post", lines_url(api_cement), admin, HTTP_ACCEPT_LANGUAGE="en", json={"section": "energy", "lines": [
        {"activity": "raw_coal", "amount": 1000, "unit": "t", "equipment": "boiler room"}]})
    assert bad.status_code == 422
    [error] = bad.json()["errors"]
    assert error["field"] == "lines[1].equipment" and "kiln" in error["message"]
