"""Tokens: stored hashed, shown once, refused when revoked or expired or their user is deactivated, read-only when
read, rate limited with a clear 429, last use recorded; the command and the Interface management page."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from parkcarbon.api.models import ApiToken
from parkcarbon.api.tokens import create_token


def test_no_token_in_plain_text_in_the_database(world):
    tokens = [create_token(world.users[role], role, scope)[1] for role in ("park_admin", "verifier")
              for scope in ("read", "write")]
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM api_apitoken")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    for token in tokens:
        secret = token.rsplit("_", 1)[1]
        assert token not in stored and secret not in stored
        assert ApiToken.objects.filter(digest__regex=r"^[0-9a-f]{64}$").count() == 4


@pytest.mark.parametrize("state", ["revoked", "expired", "inactive_user", "wrong_secret", "unknown", "malformed"])
def test_invalid_token_refused(state, world, call):
    row, token = create_token(world.users["park_admin"], "t", "write")
    if state == "revoked":
        row.revoked_at = timezone.now()
        row.save()
    elif state == "expired":
        row.expires_at = timezone.now() - timedelta(seconds=1)
        row.save()
    elif state == "inactive_user":
        world.users["park_admin"].is_active = False
        world.users["park_admin"].save()
    elif state == "wrong_secret":
        token = token[:-4] + ("aaaa" if not token.endswith("aaaa") else "bbbb")
    elif state == "unknown":
        token = "pc_000000000000_" + "x" * 43
    else:
        token = "not a token \u0000"
    response = call("get", "/api/v1/parks", token)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["detail"] and response.json()["errors"] == []


def test_expiry_in_days(world, call):
    row, token = create_token(world.users["park_admin"], "t", "read", days=30)
    assert timedelta(days=29) < row.expires_at - timezone.now() <= timedelta(days=30)
    assert call("get", "/api/v1/parks", token).status_code == 200


def test_read_token_cannot_write_and_nothing_is_saved(world, call, token_for):
    from tests.api.conftest import objects

    inventory = objects(world).inventory
    before = inventory.versions.count()
    response = call("post", f"/api/v1/inventories/{inventory.pk}/lines", token_for("park_admin", "read"),
                    json={"section": "energy", "lines": [{"activity": "diesel", "amount": 1, "unit": "t"}]},
                    HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "may only read" in response.json()["detail"]
    assert inventory.versions.count() == before
    # the calculation without saving only reads: a read token may call it
    assert call("post", "/api/v1/calculate", token_for("park_admin", "read"), json={
        "year": 2023, "region": "CN-JS", "rows": [{"activity": "diesel", "amount": 1, "unit": "t"}]}).status_code == 200


def test_token_acts_with_its_users_reach(world, call, token_for):
    from tests.api.conftest import objects

    inventory = objects(world).inventory
    assert call("get", f"/api/v1/inventories/{inventory.pk}", token_for("enterprise_reporter")).status_code == 200
    assert call("get", f"/api/v1/inventories/{inventory.pk}", token_for("other_enterprise_user")).status_code == 404


def test_rate_limit_per_token(world, call, settings):
    from django.core.cache import cache

    cache.clear()
    settings.PARKCARBON_API_RATE_PER_MINUTE = 3
    _row, token = create_token(world.users["park_admin"], "t", "read")
    _row2, other = create_token(world.users["park_admin"], "t2", "read")
    statuses = [call("get", "/api/v1/parks", token).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = call("get", "/api/v1/parks", token, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 61
    assert "3" in refused.json()["detail"] and "请求" in refused.json()["detail"]
    assert call("get", "/api/v1/parks", other).status_code == 200  # per token, not per user
    cache.clear()


def test_last_used_is_recorded(world, call):
    row, token = create_token(world.users["park_admin"], "t", "read")
    assert row.last_used_at is None
    call("get", "/api/v1/parks", token)
    row.refresh_from_db()
    assert row.last_used_at is not None and timezone.now() - row.last_used_at < timedelta(minutes=1)


def test_session_auth_needs_csrf_on_writes(world):
    from django.test import Client

    from tests.api.conftest import objects

    inventory = objects(world).inventory
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["park_admin"])
    assert client.get("/api/v1/inventories").status_code == 200
    body = {"section": "energy", "lines": [{"activity": "diesel", "amount": 3, "unit": "t"}]}
    url = f"/api/v1/inventories/{inventory.pk}/lines"
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]  # in either language
    client.get("/interface/")  # sets the CSRF cookie
    accepted = client.post(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    assert accepted.status_code == 200, accepted.content


def test_command_prints_the_token_once(world, call):
    out = StringIO()
    call_command("api_token", "create", "verifier", "--scope", "read", "--days", "7", stdout=out)
    token = out.getvalue().strip()
    assert token.startswith("pc_")
    row = ApiToken.objects.get(user=world.users["verifier"])
    assert row.scope == "read" and row.expires_at is not None and token not in (row.digest, row.prefix)
    assert call("get", "/api/v1/inventories", token).status_code == 200
    listing = StringIO()
    call_command("api_token", "list", stdout=listing)
    assert row.prefix in listing.getvalue() and token not in listing.getvalue()
    call_command("api_token", "revoke", row.prefix, stdout=StringIO())
    assert call("get", "/api/v1/inventories", token).status_code == 401
    with pytest.raises(CommandError):
        call_command("api_token", "create", "nobody", "--scope", "write")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_page_creates_shows_once_lists_and_revokes(language, world, client_for, call):
    client = client_for("park_admin")
    client.cookies["django_language"] = language
    response = client.post("/interface/", {"name": "EMS", "scope": "write", "days": 90})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    token = response.context["created"]
    assert token in response.content.decode()
    assert ("接口管理" if language == "zh-hans" else "Interface management") in response.content.decode()
    again = client.get("/interface/").content.decode()
    assert token not in again and ApiToken.objects.get(name="EMS").prefix in again
    assert call("get", "/api/v1/parks", token).status_code == 200
    row = ApiToken.objects.get(name="EMS")
    assert client.post(f"/interface/tokens/{row.pk}/revoke/").status_code == 302
    assert call("get", "/api/v1/parks", token).status_code == 401
    # the other park's administrator neither sees nor revokes it
    other = client_for("other_park_admin")
    assert row.prefix not in other.get("/interface/").content.decode()
    assert other.post(f"/interface/tokens/{row.pk}/revoke/").status_code == 404
