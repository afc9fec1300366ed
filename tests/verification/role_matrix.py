"""Role x view rows of the verification workflow, picked up by tests/web/test_role_matrix.py.

Columns: anon plat padm pview erep emgr verif auth opadm oent. Each row's inventory (E1, park A) is in the state its
step starts from, so the row shows who may take the step: review steps (park admins) on a submitted inventory,
verification steps (the verifier assigned to park A, nobody else) under verification, a new version (admins and
E1's manager) of a verified one. An empty POST reaches the form only when the step is allowed (400: form errors);
the other park's admin and E2's reporter get 404.
"""

from django.core.files.base import ContentFile


def _inventory(w, status):
    from parkcarbon.inventory.models import ActivityLine, Inventory, SectionVersion

    inventory = Inventory.objects.create(park=w.park, enterprise=w.enterprise, year=2023, region="CN-JS", status=status)
    version = SectionVersion.objects.create(inventory=inventory, section="energy", number=1, source="manual")
    w.vline = ActivityLine.objects.create(version=version, activity="diesel", amount=10, unit="t")
    return inventory


def submitted(w):
    return {"pk": _inventory(w, "submitted").pk}


def under_verification(w):
    return {"pk": _inventory(w, "under_verification").pk}


def verified(w):
    return {"pk": _inventory(w, "verified").pk}


def adjustment(w):
    from parkcarbon.verification.models import Adjustment

    inventory = _inventory(w, "under_verification")
    adj = Adjustment.objects.create(inventory=inventory, version_number=1, line=w.vline, line_label="diesel",
                                    reported_amount=10, verified_amount=9, unit="t", reason="meter",
                                    evidence=ContentFile(b"calibration", name="calibration.pdf"))
    return {"pk": inventory.pk, "adjustment_pk": adj.pk}


def frozen(w):
    from parkcarbon.verification.services import freeze

    inventory = _inventory(w, "verified")
    freeze(inventory)
    return {"pk": inventory.pk, "number": 1}


MATRIX = {
    # -------------------------------------------------------------------------- anon plat padm pview erep emgr verif auth opadm oent
    "verification:worklist": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "verification:panel": ("get", submitted, "302 200 200 200 200 200 200 200 404 404"),
    "verification:accept": ("post", submitted, "302 302 302 403 403 403 403 403 404 404"),
    "verification:return": ("post", submitted, "302 400 400 403 403 403 403 403 404 404"),
    "verification:comment": ("post", under_verification, "302 403 403 403 403 403 400 403 404 404"),
    "verification:adjust": ("post", under_verification, "302 403 403 403 403 403 400 403 404 404"),
    "verification:conclude": ("post", under_verification, "302 403 403 403 403 403 400 403 404 404"),
    "verification:new_version": ("post", verified, "302 400 400 403 403 400 403 403 404 404"),
    "verification:evidence": ("get", adjustment, "302 200 200 200 200 200 200 200 404 404"),
    "verification:version": ("get", frozen, "302 200 200 200 200 200 200 200 404 404"),
}
