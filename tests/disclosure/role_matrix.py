"""Role x view rows of Disclosure, picked up by tests/web/test_role_matrix.py.

Columns: anon plat padm pview erep emgr verif auth opadm oent. Each row's disclosure is E1's (park A), prepared and
submitted by E1's manager, in the state its step starts from; its only item is a reduction measure (no inventory
needed). Preparing: administrators and enterprise managers (their enterprise). Approving: the same roles but never
the preparer (E1's manager: 403), who may still withdraw it (return to draft). An empty or refused POST comes back as the page with its error (400). Outside the
reach: 404. The public pages answer everyone, logged in or not.
"""


def _disclosure(w, state):
    from parkcarbon.disclosure import services

    manager, admin = w.users["enterprise_manager"], w.users["park_admin"]
    d = services.create(manager, w.park, w.enterprise, 2023)
    d.items, d.measures = ["measures"], "LED lighting; 120"
    d.save()
    if state == "draft":
        return d
    d = services.submit(d, manager)
    if state == "pending":
        return d
    d = services.approve(d, admin)
    if state == "approved":
        return d
    return services.publish(d, manager)


def draft(w):
    from parkcarbon.disclosure.models import Disclosure

    d = _disclosure(w, "draft")
    Disclosure.objects.filter(pk=d.pk).update(items=["total"])  # no inventory: submitting it is refused (400)
    return {"pk": d.pk}


def of(state):
    return lambda w: {"pk": _disclosure(w, state).pk}


def public(w):
    return {"code": w.park.code, "pk": _disclosure(w, "published").pk}


MATRIX = {
    # ------------------------------------------------------------------ anon plat padm pview erep emgr verif auth opadm oent
    "disclosure:index": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "disclosure:create": ("get", None, "302 200 200 403 403 200 403 403 200 403"),
    "disclosure:detail": ("get", draft, "302 200 200 200 200 200 200 200 404 404"),
    "disclosure:edit": ("get", draft, "302 200 200 403 403 200 403 403 404 404"),
    "disclosure:submit": ("post", draft, "302 400 400 403 403 400 403 403 404 404"),
    "disclosure:approve": ("post", of("pending"), "302 302 302 403 403 403 403 403 404 404"),
    "disclosure:return": ("post", of("pending"), "302 400 400 403 403 400 403 403 404 404"),  # the preparer may withdraw
    "disclosure:publish": ("post", of("approved"), "302 302 302 403 403 302 403 403 404 404"),
    "disclosure:correct": ("post", of("published"), "302 400 400 403 403 400 403 403 404 404"),
    "disclosure:public": ("get", lambda w: {"code": public(w)["code"]}, "200 200 200 200 200 200 200 200 200 200"),
    "disclosure:public_detail": ("get", public, "200 200 200 200 200 200 200 200 200 200"),
    "disclosure:public_file": ("get", lambda w: {**public(w), "fmt": "json"}, "200 200 200 200 200 200 200 200 200 200"),
}
