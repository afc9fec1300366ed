"""The client's address behind trusted reverse proxies (TRUSTED_PROXY_COUNT).

Each proxy appends the address it received the connection from to X-Forwarded-For (nginx:
``$proxy_add_x_forwarded_for``), so with N trusted proxies the client is the N-th address from the right; anything
further left was written by the client and is ignored. Without trusted proxies (the default), or when the header has
fewer addresses than proxies (a request that bypassed them), the socket's address counts."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
