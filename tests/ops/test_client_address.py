"""django-axes behind a reverse proxy locks the client's address, taken from X-Forwarded-For as the trusted proxy
wrote it, never a value the client sent, nor the proxy's own address."""

import pytest
from django.test import RequestFactory, override_settings

from parkcarbon.ops.client import client_ip
from tests.conftest import PASSWORD

PROXY = "10.0.0.2"  # REMOTE_ADDR of every request: the reverse proxy


def request(xff: str | None):
    meta = {"REMOTE_ADDR": PROXY}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(("count", "xff", "expected"), [
    (0, "203.0.113.5", PROXY),  # no trusted proxy: the header is the client's and ignored
    (1, "203.0.113.5", "203.0.113.5"),  # nginx appended the client
    (1, "9.9.9.9, 203.0.113.5", "203.0.113.5"),  # the client's own forged entry is to the left
    (2, "9.9.9.9, 203.0.113.5, 10.0.0.9", "203.0.113.5"),  # load balancer, then nginx
    (2, "203.0.113.5", PROXY),  # fewer hops than proxies: bypassed them; the socket counts
    (1, "not-an-address", PROXY),
    (1, None, PROXY),
])
def test_client_ip(count, xff, expected):
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert client_ip(request(xff)) == expected


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1, AXES_FAILURE_LIMIT=3)
def test_lockout_behind_proxy_hits_the_attacker_not_everyone_behind_the_proxy(client, world):
    user = world.users["park_admin"]
    url = "/accounts/login/"
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    for _ in range(3):
        client.post(url, {"username": user.username, "password": "wrong-password"}, **attacker)
    locked = client.post(url, {"username": user.username, "password": PASSWORD}, **attacker)
    assert locked.status_code in (403, 429)
    # the attacker forging another address to the left is still locked: only the proxy's entry counts
    forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.1, 198.51.100.7"}
    assert client.post(url, {"username": user.username, "password": PASSWORD}, **forged).status_code in (403, 429)
    # the real user, behind the same proxy but at another address, logs in
    honest = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    response = client.post(url, {"username": user.username, "password": PASSWORD}, **honest)
    assert response.status_code == 302
    from axes.models import AccessAttempt

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.7"]
