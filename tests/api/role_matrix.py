"""Role x view rows of Interface management (API tokens), picked up by tests/web/test_role_matrix.py.

Columns: anon plat padm pview erep emgr verif auth opadm oent. The token belongs to E1's reporter (park A): park A's
administrators (and platform administrators) see and revoke it; the other park's admin gets 404; the other roles
may not manage tokens at all (403 on the page; 404 for a token they cannot see).
"""


def token(w):
    if not hasattr(w, "api_token"):
        from parkcarbon.api.tokens import create_token

        w.api_token = create_token(w.users["enterprise_reporter"], "meter system", "read")[0]
    return {"pk": w.api_token.pk}


MATRIX = {
    # --------------------------------------------------- anon plat padm pview erep emgr verif auth opadm oent
    "api_admin:tokens": ("get", None, "302 200 200 403 403 403 403 403 200 403"),
    "api_admin:revoke": ("post", token, "302 302 302 404 404 404 404 404 404 404"),
}
