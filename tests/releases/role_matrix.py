"""Role x view rows of the release pages (#23), picked up by tests/web/test_role_matrix.py.

Columns: anon plat padm pview erep emgr verif auth opadm oent. The inventory is E1's (park A): whoever sees it may
compare and trace; a draft is moved by those who may change it, a verified one restated by those who may open a new
version (an empty POST reaches the form: 400); the other park's admin and E2's reporter get 404. A park's series
restatement is for its administrators.
"""


def _inventory(w, status="draft"):
    from tests.releases.conftest import electricity_inventory

    inventory = electricity_inventory(w, status=status)
    w.rline = inventory.versions.get().lines.first()
    return inventory


def draft(w):
    return {"pk": _inventory(w).pk}


def verified(w):
    return {"pk": _inventory(w, "verified").pk}


def line(w):
    inventory = _inventory(w)
    return {"pk": inventory.pk, "line_pk": w.rline.pk}


def park(w):
    return {"park_pk": w.park.pk}


def series(w):
    from parkcarbon.releases.models import SeriesRestatement

    s = SeriesRestatement.objects.create(park=w.park, to_release="2026.1", first_year=2023, last_year=2023,
                                         reason="one basis", status="done")
    return {"pk": s.pk}


MATRIX = {
    # ------------------------------------------------------------------------- anon plat padm pview erep emgr verif auth opadm oent
    "releases:index": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "releases:compare": ("get", draft, "302 200 200 200 200 200 200 200 404 404"),
    "releases:move": ("post", draft, "302 400 400 403 400 400 403 403 404 404"),
    "releases:restate": ("post", verified, "302 400 400 403 403 400 403 403 404 404"),
    "releases:trace": ("get", line, "302 200 200 200 200 200 200 200 404 404"),
    "releases:park_series": ("get", park, "302 200 200 403 403 403 403 403 404 403"),
    "releases:series_status": ("get", series, "302 200 200 404 404 404 404 404 404 404"),
}
