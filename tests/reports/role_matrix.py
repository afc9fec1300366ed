"""Role x view rows of Reports, picked up by tests/web/test_role_matrix.py.

Columns: anon plat padm pview erep emgr verif auth opadm oent. The object is a finished report of E1's 2023
inventory (park A): park staff, E1's users and the agencies assigned to park A see it; the other park's admin and
E2's reporter get 404. ``reports:create`` needs ``?inventory=`` (without it: 404); it is tested in test_views.
"""


def _report(w):
    if not hasattr(w, "report"):
        from parkcarbon.inventory.models import Inventory
        from parkcarbon.reports.documents.model import Cover, ReportData
        from parkcarbon.reports.models import Report

        inventory = Inventory.objects.create(park=w.park, enterprise=w.enterprise, year=2023, region="CN-JS")
        content = ReportData("cn_enterprise", "zh-hans", "报告", "report", Cover("报告", "2023", "甲钢铁有限公司", [])).to_dict()
        w.report = Report.objects.create(park=w.park, enterprise=w.enterprise, inventory=inventory, year=2023,
                                         template="cn_enterprise", language="zh-hans", status="done", progress=100,
                                         content=content)
    return w.report


def rep(w):
    return {"pk": _report(w).pk}


MATRIX = {
    # ------------------------------------------------------------- anon plat padm pview erep emgr verif auth opadm oent
    "reports:list": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "reports:create": ("get", None, "302 404 404 404 404 404 404 404 404 404"),
    "reports:detail": ("get", rep, "302 200 200 200 200 200 200 200 404 404"),
    "reports:progress": ("get", rep, "302 200 200 200 200 200 200 200 404 404"),
    # retry: only a failed report, only by the user who requested it (tests/inventory/test_jobs.py); this one is not
    "reports:retry": ("post", rep, "302 404 404 404 404 404 404 404 404 404"),
    "reports:preview": ("get", rep, "302 200 200 200 200 200 200 200 404 404"),
    "reports:download": ("get", lambda w: {**rep(w), "fmt": "html"}, "302 200 200 200 200 200 200 200 404 404"),
}
