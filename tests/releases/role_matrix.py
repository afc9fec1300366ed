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


def park_release(w, state="draft"):
    from tests.releases.park_factor_fixtures import park_set

    release = park_set(w, state)
    w.pfactor = release.factors.get()
    return {"pk": release.pk}


def park_factor(w):
    kwargs = park_release(w)
    return {**kwargs, "factor_pk": w.pfactor.pk}


def submitted_set(w):
    return park_release(w, "submitted")


# Park factor sets: seen by every user of park A (staff, its enterprises' users, the agencies serving it) and
# platform admins, never by park B's admin (404). Written by administrators; reviewed by a second one: the author
# (park_admin) is refused approval and rejection (403), the platform admin approves (302) or gets the empty
# rejection form back (400).
MATRIX.update({
    # ------------------------------------------------------------------------------ anon plat padm pview erep emgr verif auth opadm oent
    "releases:park_list": ("get", park, "302 200 200 200 200 200 200 200 404 200"),
    "releases:park_release": ("get", park_release, "302 200 200 200 200 200 200 200 404 200"),
    "releases:park_factor_add": ("post", park_release, "302 400 400 403 403 403 403 403 404 403"),
    "releases:park_factor_upload": ("post", park_release, "302 400 400 403 403 403 403 403 404 403"),
    "releases:park_factor_remove": ("post", park_factor, "302 302 302 403 403 403 403 403 404 403"),
    "releases:park_release_submit": ("post", park_release, "302 302 302 403 403 403 403 403 404 403"),
    "releases:park_release_approve": ("post", submitted_set, "302 302 403 403 403 403 403 403 404 403"),
    "releases:park_release_reject": ("post", submitted_set, "302 400 403 403 403 403 403 403 404 403"),
})
