"""Every URL name of the project x every member of the cast -> expected HTTP status.

404 = the object is not within the user's reach (no existence leak); 403 = seen but not allowed.
A meta-test fails when a URL pattern is added without a row.

Other apps contribute their rows without editing this file: a module ``tests/<app>/role_matrix.py``
defining ``MATRIX`` in the same format (url name -> (method, kwargs builder taking the World from
tests/conftest.py, statuses in COLUMNS order)). The kwargs builder may create the objects it needs.
"""

import importlib
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import CAST_ROLES

ROLES = ["anonymous", *CAST_ROLES]
COLUMNS = ["anon", "plat", "padm", "pview", "erep", "emgr", "verif", "auth", "opadm", "oent"]
assert len(COLUMNS) == len(ROLES)


def reset_kwargs(w):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from parkcarbon.accounts.models import User

    user = User.objects.get_or_create(username="reset_target")[0]  # never logged in: its token stays valid
    return {"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)}


# url name: (HTTP method, kwargs builder from the world, statuses in COLUMNS order)
MATRIX = {
    # ------------------------------------------------------------- anon plat padm pview erep emgr verif auth opadm oent
    "home": ("get", None, "200 200 200 200 200 200 200 200 200 200"),  # visitors: the landing page (trials)
    # every section is built now, so nothing is "coming": the page answers 404 (the mechanism stays for new ones)
    "coming": ("get", lambda w: {"section": "assets"}, "302 404 404 404 404 404 404 404 404 404"),
    "accounts:login": ("get", None, "200 302 302 302 302 302 302 302 302 302"),
    "accounts:logout": ("post", None, "302 302 302 302 302 302 302 302 302 302"),
    "accounts:password_change": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "accounts:password_change_done": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "accounts:user_list": ("get", None, "302 200 200 403 403 403 403 403 200 403"),
    "accounts:user_create": ("get", None, "302 200 200 403 403 403 403 403 200 403"),
    # Target: E1's reporter (park A). Outside park A it does not exist for the viewer (404); itself too.
    "accounts:user_edit": (
        "get",
        lambda w: {"pk": w.users["enterprise_reporter"].pk},
        "302 200 200 404 404 404 404 404 404 404",
    ),
    "accounts:user_reset_link": (
        "post",
        lambda w: {"pk": w.users["enterprise_reporter"].pk},
        "302 200 200 404 404 404 404 404 404 404",
    ),
    "accounts:user_role_add": (
        "post",
        lambda w: {"pk": w.users["enterprise_reporter"].pk},
        "302 200 200 404 404 404 404 404 404 404",
    ),
    # Its only role: refused with a message (302 back to the user page); outside reach 404.
    "accounts:user_role_remove": (
        "post",
        lambda w: {"pk": w.users["enterprise_reporter"].pk,
                   "membership_pk": w.users["enterprise_reporter"].memberships.get().pk},
        "302 302 302 404 404 404 404 404 404 404",
    ),
    # Anyone holding a valid link may use it (it redirects to the set-password form, the token kept in the session).
    "accounts:password_reset_confirm": ("get", lambda w: reset_kwargs(w), "302 302 302 302 302 302 302 302 302 302"),
    "accounts:password_reset_complete": ("get", None, "200 200 200 200 200 200 200 200 200 200"),
    "parks:park_list": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "parks:park_detail": ("get", lambda w: {"pk": w.park.pk}, "302 200 200 200 200 200 200 200 404 200"),
    "parks:park_edit": ("get", lambda w: {"pk": w.park.pk}, "302 200 200 403 403 403 403 403 404 403"),
    "parks:zone_create": ("get", None, "302 200 200 403 403 403 403 403 200 403"),
    "parks:zone_edit": ("get", lambda w: {"pk": w.zone.pk}, "302 200 200 403 403 403 403 403 404 404"),
    "parks:enterprise_list": ("get", None, "302 200 200 200 200 200 200 200 200 200"),
    "parks:enterprise_create": ("get", None, "302 200 200 403 403 403 403 403 200 403"),
    "parks:enterprise_detail": (
        "get",
        lambda w: {"pk": w.enterprise.pk},
        "302 200 200 200 200 200 200 200 404 404",
    ),
    "parks:enterprise_edit": (
        "get",
        lambda w: {"pk": w.enterprise.pk},
        "302 200 200 403 403 403 403 403 404 404",
    ),
    "parks:agency_list": ("get", None, "302 200 200 200 403 403 200 200 200 403"),
    "parks:agency_create": ("get", None, "302 200 200 403 403 403 403 403 200 403"),
    "parks:agency_detail": (
        "get",
        lambda w: {"pk": w.verifier_agency.pk},
        "302 200 200 200 404 404 200 404 404 404",
    ),
    "parks:agency_edit": (
        "get",
        lambda w: {"pk": w.verifier_agency.pk},
        "302 200 200 403 404 404 403 404 404 404",
    ),
    "parks:agency_assign": (
        "get",
        lambda w: {"pk": w.verifier_agency.pk},
        "302 200 200 403 404 404 403 404 404 404",
    ),
}


def contributed_rows() -> dict:
    rows = {}
    for path in sorted(Path(__file__).resolve().parents[1].glob("*/role_matrix.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.role_matrix")
        clash = set(rows) & set(module.MATRIX) | set(MATRIX) & set(module.MATRIX)
        assert not clash, f"{path}: rows defined twice: {sorted(clash)}"
        rows.update(module.MATRIX)
    return rows


MATRIX.update(contributed_rows())

# URL names deliberately outside the matrix, with the reason.
EXEMPT_NAMESPACES = {
    "admin": "Django admin: access is is_staff/is_superuser, tested by Django itself; only platform admins get staff.",
    "api": "REST API (/api/v1/): every route x role x token scope in tests/api/test_tenancy.py, which fails when a "
    "route has no row.",
}
EXEMPT_NAMES = {
    "set_language": "django.conf.urls.i18n: POST-only language switch, open to everyone by design; "
    "covered by the i18n tests and the browser test.",
}


def all_url_names(patterns=None, namespace=""):
    names = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            inner = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            names |= all_url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


def test_matrix_covers_every_url_pattern():
    names = all_url_names()
    uncovered = {
        n
        for n in names
        if n not in MATRIX and n not in EXEMPT_NAMES and n.split(":")[0] not in EXEMPT_NAMESPACES
    }
    assert not uncovered, f"URL names without a role-matrix row: {sorted(uncovered)}"
    assert not set(MATRIX) - names, (
        f"matrix rows for URL names that no longer exist: {sorted(set(MATRIX) - names)}"
    )


CASES = [(name, role) for name in MATRIX for role in ROLES]


@pytest.mark.parametrize(("url_name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_role_matrix(url_name, role, world, client_for):
    method, kwargs, statuses = MATRIX[url_name]
    expected = int(statuses.split()[ROLES.index(role)])
    url = reverse(url_name, kwargs=kwargs(world) if kwargs else None)
    response = getattr(client_for(role), method)(url)
    assert response.status_code == expected, f"{role} {method.upper()} {url}"
    if expected == 302 and role == "anonymous" and url_name not in ("accounts:logout", "accounts:password_reset_confirm",
                                                                  "trials:apply_done"):
        assert response["Location"].startswith(reverse("accounts:login"))
