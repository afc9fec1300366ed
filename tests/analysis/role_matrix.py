"""Role x view rows of Analysis, picked up by tests/web/test_role_matrix.py.

Columns: anon plat padm pview erep emgr verif auth opadm oent. E1 (park A) has a submitted 2023 inventory; the
dashboard and forecast open on the user's own park (an enterprise's users on their enterprise). The chart data of
park A's trend exists for park A's readers; the other park's admin (park B) and E2's reporter (no data) get 404.
Scenarios are park A's administrators' to add and change (readers of park A: 403; park B's admin: 404); the
forecast of every enterprise is started by administrators and read by park-wide roles only.
"""


def _data(w):
    if not hasattr(w, "scenario"):
        from parkcarbon.analysis.models import ForecastRun, Scenario
        from tests.alerts.conftest import make_inventory, monthly

        make_inventory(w.park, w.enterprise, 2023, monthly({1: 2000}), status="submitted")
        w.scenario = Scenario.objects.create(park=w.park, name="现行政策", output_growth_pct=5)
        w.run = ForecastRun.objects.create(park=w.park, state="done")
    return w


def export(w):
    _data(w)
    return {"key": "trend", "fmt": "csv"}


def park(w):
    return {"park_pk": _data(w).park.pk}


def scenario(w):
    return {"pk": _data(w).scenario.pk}


def run(w):
    return {"pk": _data(w).run.pk}


MATRIX = {
    # ------------------------------------------------------------- anon plat padm pview erep emgr verif auth opadm oent
    "analysis:dashboard": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "analysis:export": ("get", export, "302 200 200 200 200 200 200 200 404 404"),
    "analysis:forecast": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "analysis:scenario_create": ("get", park, "302 200 200 403 403 403 403 403 404 403"),
    "analysis:scenario_edit": ("get", scenario, "302 200 200 403 403 403 403 403 404 403"),
    "analysis:run_create": ("post", park, "302 302 302 403 403 403 403 403 404 403"),
    "analysis:run": ("get", run, "302 200 200 200 403 403 200 200 404 403"),
}
