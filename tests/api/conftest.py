"""API test helpers: a token per cast member and scope, and the objects the tenancy matrix reaches for."""

import pytest


@pytest.fixture
def token_for(world):
    """token_for(role, scope="write") -> the bearer token of that cast member (None for "anonymous")."""
    from parkcarbon.api.tokens import create_token

    made = {}

    def make(role: str, scope: str = "write"):
        if role == "anonymous":
            return None
        if (role, scope) not in made:
            made[role, scope] = create_token(world.users[role], f"{role}-{scope}", scope)[1]
        return made[role, scope]

    return make


@pytest.fixture
def call(client):
    """call(method, path, token, json=None, **headers) -> response of the API (JSON body)."""

    def run(method: str, path: str, token: str | None = None, json=None, **extra):
        if token:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        kwargs = {"content_type": "application/json"} if method != "get" else {}
        if json is not None:
            kwargs["data"] = json
        return getattr(client, method)(path, **kwargs, **extra)

    return run


def objects(w):
    """E1's 2023 draft inventory with one line (and a kept version of it), a meter of E1 with readings, a finished
    report of the inventory, an alert rule of park A and an open alert on the inventory."""
    if not hasattr(w, "meter"):
        from datetime import datetime
        from zoneinfo import ZoneInfo

        from parkcarbon.api.models import Meter, MeterReading
        from parkcarbon.reports.documents.model import Cover, ReportData
        from parkcarbon.reports.models import Report
        from tests.inventory.role_matrix import _inventory

        inventory = _inventory(w)
        w.meter = Meter.objects.create(enterprise=w.enterprise, code="M1", activity="electricity_grid",
                                       section="energy", unit="kWh")
        tz = ZoneInfo("Asia/Shanghai")
        for month in (1, 2, 3):
            MeterReading.objects.create(meter=w.meter, timestamp=datetime(2023, month, 15, tzinfo=tz), quantity=1000,
                                        unit="kWh")
        content = ReportData("cn_enterprise", "zh-hans", "报告", "report",
                             Cover("报告", "2023", "甲钢铁有限公司", [])).to_dict()
        from parkcarbon.alerts.models import Alert, Rule
        from parkcarbon.inventory.services import current_lines
        from parkcarbon.verification.services import freeze

        w.line = current_lines(inventory).first()
        # a kept version to read (and compare with the current one); a copy, so that the inventory's own instance
        # does not cache "no snapshot" for the tests that compute one later
        w.frozen = freeze(type(inventory).objects.get(pk=inventory.pk))
        w.rule = Rule.objects.create(park=w.park, name="Annual cap", metric="annual_co2e", threshold=1)
        w.alert = Alert.objects.create(rule=w.rule, inventory=inventory, value=2, threshold=1, unit="t CO2e")
        w.report = Report.objects.create(park=w.park, enterprise=w.enterprise, inventory=inventory, year=2023,
                                         template="cn_enterprise", language="zh-hans", status="done", progress=100,
                                         content=content)
    return w
