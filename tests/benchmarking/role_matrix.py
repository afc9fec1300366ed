"""Role x view rows of Benchmarking, picked up by tests/web/test_role_matrix.py.

Columns: anon plat padm pview erep emgr verif auth opadm oent. The inventory is E1's 2023 inventory (park A): everyone
who sees it sees its benchmarks (the other park's admin and E2's reporter get 404); only administrators and E1's users
edit its product output. The park page and the CSV show each user the park they reach (the other park's admin: park B).
"""


def inventory(w):
    if not hasattr(w, "bm_inventory"):
        from parkcarbon.inventory.models import Inventory

        w.bm_inventory = Inventory.objects.create(park=w.park, enterprise=w.enterprise, year=2023, region="CN-JS")
    return {"pk": w.bm_inventory.pk}


MATRIX = {
    # ------------------------------------------------------------- anon plat padm pview erep emgr verif auth opadm oent
    "benchmarking:park": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "benchmarking:download": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "benchmarking:enterprise": ("get", inventory, "302 200 200 200 200 200 200 200 404 404"),
    "benchmarking:outputs": ("get", inventory, "302 200 200 403 200 200 403 403 404 404"),
}
