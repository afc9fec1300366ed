"""Role x view rows of trial applications (issue 21), picked up by tests/web/test_role_matrix.py.

The landing page, the application form and the division lists are public. Only the platform administrator reviews:
the queue is 403 for every other member, an application 404 (nobody else reaches it). Approve / reject with an empty
form: 400 (the form with its error), nothing decided. A park's trial page: platform administrator only; park A's
other users see the park (403), the other park's admin does not (404).
"""


def application(w):
    if not hasattr(w, "application"):
        from parkcarbon.trials.models import TrialApplication

        w.application = TrialApplication.objects.create(
            park_name="申请园区", level="provincial_etdz", division="320583", contact_name="王工",
            mobile="13800138000", email="wang@example.com")
    return {"pk": w.application.pk}


MATRIX = {
    # ------------------------------------------------------------- anon plat padm pview erep emgr verif auth opadm oent
    "trials:front": ("get", None, "200 200 200 200 200 200 200 200 200 200"),
    "trials:apply": ("get", None, "200 200 200 200 200 200 200 200 200 200"),
    "trials:apply_done": ("get", None, "302 302 302 302 302 302 302 302 302 302"),  # nothing submitted in the session
    "trials:queue": ("get", None, "302 200 403 403 403 403 403 403 403 403"),
    "trials:detail": ("get", application, "302 200 404 404 404 404 404 404 404 404"),
    "trials:approve": ("post", application, "302 400 404 404 404 404 404 404 404 404"),
    "trials:reject": ("post", application, "302 400 404 404 404 404 404 404 404 404"),
    "trials:park_trial": ("get", lambda w: {"pk": w.park.pk}, "302 200 403 403 403 403 403 403 404 403"),
    "parks:divisions": ("get", None, "200 200 200 200 200 200 200 200 200 200"),
}
