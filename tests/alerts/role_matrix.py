"""Role x view rows of Alerts, picked up by tests/web/test_role_matrix.py.

Columns: anon plat padm pview erep emgr verif auth opadm oent. The alert is on E1's 2023 inventory (park A): park
staff, E1's users and the agencies assigned to park A see it; the other park's admin and E2's reporter get 404.
Only administrators and enterprise users acknowledge (an empty note: 400, the form with its error); rules are the
park administrators' (others: 403 for the list, 404 for a rule they cannot see).
"""


def _alert(w):
    if not hasattr(w, "alert"):
        from parkcarbon.alerts.models import Alert, Rule
        from parkcarbon.inventory.models import Inventory

        inventory = Inventory.objects.create(park=w.park, enterprise=w.enterprise, year=2023, region="CN-JS")
        w.rule = Rule.objects.create(park=w.park, name="年排放", metric="annual_co2e", threshold=1000)
        w.alert = Alert.objects.create(rule=w.rule, inventory=inventory, value=1140.6, threshold=1000, unit="t CO2e")
    return w.alert


def alert(w):
    return {"pk": _alert(w).pk}


def rule(w):
    return {"pk": _alert(w).rule.pk}


MATRIX = {
    # ------------------------------------------------------------- anon plat padm pview erep emgr verif auth opadm oent
    "alerts:list": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "alerts:detail": ("get", alert, "302 200 200 200 200 200 200 200 404 404"),
    "alerts:acknowledge": ("post", alert, "302 400 400 403 400 400 403 403 404 404"),
    "alerts:rules": ("get", None, "302 200 200 403 403 403 403 403 200 403"),
    "alerts:rule_create": ("get", None, "302 200 200 403 403 403 403 403 200 403"),
    "alerts:rule_edit": ("get", rule, "302 200 200 404 404 404 404 404 404 404"),
}
