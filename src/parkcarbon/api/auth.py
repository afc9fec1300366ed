"""Who is calling: a bearer token (acts as its user, read or read-write, rate limited per token) or the web UI's
own session (with its CSRF check). Either way ``request.user`` is the user, and the policy module decides reach."""

from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError, Throttled
from ninja.security import HttpBearer, SessionAuth

from parkcarbon.api.models import ApiToken, TokenScope
from parkcarbon.api.tokens import find_token

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# POST operations that only read (the calculation without saving): a read token may call them.
READ_ONLY_POSTS = frozenset({"calculate"})
LAST_USED_RESOLUTION = timedelta(minutes=1)  # last-used time is written at most once a minute per token


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        row = find_token(token)
        if row is None:
            raise AuthenticationError(401, _("The API token is invalid, expired or revoked."))
        if request.method not in SAFE_METHODS and row.scope != TokenScope.WRITE:
            match = getattr(request, "resolver_match", None)
            if not (match and match.url_name in READ_ONLY_POSTS):
                raise AuthorizationError(403, _("This API token may only read; create a read-write token to write."))
        throttle(row)
        now = timezone.now()
        if row.last_used_at is None or now - row.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        request.api_token = row
        return row.user


class WebSessionAuth(SessionAuth):
    """The web UI's own calls: the logged-in session, with Django's CSRF check on writes."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None:
            request.api_token = None
        return user


def throttle(row: ApiToken) -> None:
    """At most PARKCARBON_API_RATE_PER_MINUTE requests per token and minute (fixed window in the cache)."""
    limit = settings.PARKCARBON_API_RATE_PER_MINUTE
    now = time.time()
    window = int(now // 60)
    key = f"parkcarbon-api-rate:{row.pk}:{window}"
    cache.add(key, 0, 90)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 90)
        count = 1
    if count > limit:
        raise Throttled(wait=int(60 - now % 60) + 1)


AUTH = [TokenAuth(), WebSessionAuth()]
