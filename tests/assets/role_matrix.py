"""Role x view rows of Carbon Assets, picked up by tests/web/test_role_matrix.py.

Columns: anon plat padm pview erep emgr verif auth opadm oent. Everyone with a role reads the section (lists are
filtered to their reach); recording, surrendering, allocating, opening accounts and importing are for the park's
administrators and the enterprise's manager (403 for the others). Reversing E1's transaction: an empty POST is
refused with a message (302) for those who may record on E1's account; another park's admin and E2's reporter get
404.
"""

from datetime import date


def e1_transaction(w):
    from parkcarbon.assets import services
    from parkcarbon.assets.models import Account

    account = Account.objects.create(park=w.park, enterprise=w.enterprise, code="E1-CEA", instrument="allowance",
                                     vintage=2023)
    return {"pk": services.record(None, account, "allocation", date(2024, 1, 5), 100).pk}


MATRIX = {
    # ---------------------------------------------------------------- anon plat padm pview erep emgr verif auth opadm oent
    "assets:index": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "assets:compliance": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "assets:ledger": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "assets:offsets": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "assets:prices": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "assets:record": ("get", None, "302 200 200 403 403 200 403 403 200 403"),
    "assets:surrender": ("get", None, "302 200 200 403 403 200 403 403 200 403"),
    "assets:allocate": ("get", None, "302 200 200 403 403 200 403 403 200 403"),
    "assets:account_create": ("get", None, "302 200 200 403 403 200 403 403 200 403"),
    "assets:import": ("get", None, "302 200 200 403 403 200 403 403 200 403"),
    "assets:reverse": ("post", e1_transaction, "302 302 302 403 403 302 403 403 404 404"),
}
