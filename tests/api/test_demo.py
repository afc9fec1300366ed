"""The demo park's energy monitoring system: meters with daily readings that match their enterprises' electricity and
gas lines, the last two months not sent yet (gaps shown on the Interface management page), and a read token."""

import io

import pytest
from django.core.management import call_command

from parkcarbon.api.demo import MONTHS_SENT, load_demo_meters
from parkcarbon.api.metering import monthly
from parkcarbon.api.models import ApiToken, Meter, MeterReading
from parkcarbon.engine import units
from parkcarbon.inventory.models import Inventory
from parkcarbon.inventory.services import current_lines
from parkcarbon.parks.models import Park


def test_demo_meters_match_their_lines_and_show_gaps(db, client):
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    park = Park.objects.get(code="demo-etdz")
    meters = list(Meter.objects.filter(enterprise__park=park))
    assert len({m.enterprise_id for m in meters}) == 3 and MeterReading.objects.count() > 1000
    meter = next(m for m in meters if m.activity == "electricity_grid")
    year = Inventory.objects.filter(park=park).order_by("-year").first().year
    sums, gaps = monthly([meter], year)
    assert gaps == [{"meter": meter.code, "missing_months": list(range(MONTHS_SENT + 1, 13))}]
    inventory = Inventory.objects.get(enterprise=meter.enterprise_id, year=year)
    lines = current_lines(inventory).filter(activity="electricity_grid")
    expected = sum(line.amount * units.factor(line.unit, "kWh") * (1 if line.month else MONTHS_SENT / 12)
                   for line in lines if line.month <= MONTHS_SENT)
    assert sum(sums.values()) == pytest.approx(expected, rel=1e-6)
    assert ApiToken.objects.filter(user__username="park_admin", scope="read").exists()
    assert load_demo_meters(park) == 0  # loading again adds nothing

    client.force_login(park.memberships.get(role="park_admin").user)
    for language, heading in (("en", "Months without readings in"), ("zh-hans", "无读数的月份")):
        page = client.get("/interface/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert heading in page and meter.code in page and f"{MONTHS_SENT + 1}, {MONTHS_SENT + 2}" in page
