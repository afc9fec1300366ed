"""Role x view rows of Carbon Accounting, picked up by tests/web/test_role_matrix.py.

Columns: anon plat padm pview erep emgr verif auth opadm oent. The object is E1's 2023 draft inventory (park A):
park staff, E1's users and the agencies assigned to park A reach it; the other park's admin and E2's reporter get
404. Editing is for admins and E1's users; submitting for admins and E1's manager.
"""

from django.core.files.base import ContentFile


def _inventory(w):
    if not hasattr(w, "inventory"):
        from parkcarbon.inventory.models import ActivityLine, Inventory, PendingImport, SectionVersion

        w.inventory = Inventory.objects.create(park=w.park, enterprise=w.enterprise, year=2023, region="CN-JS")
        w.version = SectionVersion.objects.create(inventory=w.inventory, section="energy", number=1, source="manual")
        w.line = ActivityLine.objects.create(version=w.version, activity="diesel", amount=1, unit="t",
                                             evidence=ContentFile(b"meter reading", name="meter.pdf"))
        w.pending = PendingImport.objects.create(inventory=w.inventory, file=ContentFile(b"x", name="x.xlsx"),
                                                 file_name="x.xlsx", status="invalid")
    return w.inventory


def inv(w):
    return {"pk": _inventory(w).pk}


def line(w):
    return {"pk": _inventory(w).pk, "line_pk": w.line.pk}


def version(w):
    return {"pk": _inventory(w).pk, "version_pk": w.version.pk}


def pending(w):
    return {"pk": _inventory(w).pk, "import_pk": w.pending.pk}


MATRIX = {
    # ------------------------------------------------------------------- anon plat padm pview erep emgr verif auth opadm oent
    "inventory:index": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "inventory:create": ("get", None, "302 200 200 403 200 200 403 403 200 200"),
    "inventory:template": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "inventory:detail": ("get", inv, "302 200 200 200 200 200 200 200 404 404"),
    "inventory:edit": ("get", inv, "302 200 200 403 200 200 403 403 404 404"),
    "inventory:add_guideline": ("post", inv, "302 302 302 403 302 302 403 403 404 404"),
    "inventory:line_add": ("post", inv, "302 422 422 403 422 422 403 403 404 404"),
    "inventory:line_check": ("post", inv, "302 200 200 200 200 200 200 200 404 404"),
    "inventory:line_edit": ("get", line, "302 200 200 403 200 200 403 403 404 404"),
    "inventory:line_delete": ("post", line, "302 302 302 403 302 302 403 403 404 404"),
    "inventory:evidence": ("get", line, "302 200 200 200 200 200 200 200 404 404"),
    "inventory:upload": ("post", inv, "302 302 302 403 302 302 403 403 404 404"),
    "inventory:import_detail": ("get", pending, "302 200 200 200 200 200 200 200 404 404"),
    "inventory:import_confirm": ("post", pending, "302 302 302 403 302 302 403 403 404 404"),
    # retry: only a failed upload, only by the user who uploaded it (tests/inventory/test_jobs.py); this one is not
    "inventory:import_retry": ("post", pending, "302 404 404 403 404 404 403 403 404 404"),
    "inventory:version_detail": ("get", version, "302 200 200 200 200 200 200 200 404 404"),
    "inventory:history": ("get", inv, "302 200 200 200 200 200 200 200 404 404"),
    "inventory:preview": ("get", inv, "302 200 200 200 200 200 200 200 404 404"),
    "inventory:submit": ("post", inv, "302 302 302 403 403 302 403 403 404 404"),
    "inventory:park": ("get", lambda w: {"park_pk": w.park.pk, "year": 2023}, "302 200 200 200 200 200 200 200 404 200"),
    "inventory:park_gwp": ("post", lambda w: {"park_pk": w.park.pk, "year": 2023},
                           "302 302 302 403 403 403 403 403 404 403"),
}
