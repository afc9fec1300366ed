"""Token creation and lookup. A token is ``pc_<prefix>_<secret>``: the prefix finds the row, the SHA-256 of the
whole token is compared in constant time. The secret has 256 bits, so a plain hash (no slow KDF) is enough."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.utils import timezone

from parkcarbon.api.models import ApiToken, TokenScope

PREFIX = "pc_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(user, name: str, scope: str, days: int | None = None, created_by=None) -> tuple[ApiToken, str]:
    """A new token row and the token itself (returned once, never stored)."""
    if scope not in TokenScope.values:
        raise ValueError(f"scope must be one of {', '.join(TokenScope.values)}")
    prefix = secrets.token_hex(6)
    token = f"{PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    expires = timezone.now() + timedelta(days=days) if days else None
    row = ApiToken.objects.create(user=user, name=name[:100], prefix=prefix, digest=digest(token), scope=scope,
                                  expires_at=expires, created_by=created_by or user)
    return row, token


def find_token(token: str) -> ApiToken | None:
    """The active token row for ``token`` (None if unknown, revoked or expired, or its user is inactive)."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    prefix, _sep, _secret = token[len(PREFIX):].partition("_")
    row = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if row is None or not hmac.compare_digest(row.digest, digest(token)):
        return None
    if not row.is_active or not row.user.is_active:
        return None
    return row


def revoke(row: ApiToken) -> None:
    if row.revoked_at is None:
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at"])
