"""Home-page cards. Apps contribute providers from their AppConfig.ready():

    from parkcarbon.common import dashboard
    dashboard.register(my_cards)      # my_cards(user) -> list[Card]

Cards carry real counts only; a provider returns nothing for a user outside its scope.

A provider whose cards are made only of park data may keep them in the cache with :func:`cached_cards`: the key is
the user's reach (every membership's role, park, enterprise and agency with the agency's assignments, so two users
share an entry only when they reach exactly the same rows), the language and the data versions of every park
reached (``analysis.models.DataVersion``), so an entry is never stale and never crosses tenants.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import get_language

from parkcarbon.common.policy import ROLE_REACH, memberships

CACHE_SECONDS = 24 * 3600


@dataclass
class Card:
    title: str
    subtitle: str = ""
    url: str = ""
    stats: list[tuple[str, object]] = field(default_factory=list)  # (label, value)
    template: str = "common/_card.html"


PROVIDERS: list[Callable[[object], list[Card]]] = []


def register(provider: Callable[[object], list[Card]]) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


VERSIONS = "_parkcarbon_card_versions"  # per-request memo of the parks' data versions (see dashboard_cards)


def dashboard_cards(user) -> list[Card]:
    setattr(user, VERSIONS, {})  # the providers of one page read the parks' data versions once
    try:
        return [card for provider in PROVIDERS for card in provider(user)]
    finally:
        user.__dict__.pop(VERSIONS, None)


def reach(user) -> tuple[tuple, frozenset[int]] | None:
    """(what the user reaches, the parks it lies in), from the memberships loaded for the request; None for a user
    who reaches every park (platform administrators: their cards are not cached)."""
    rows, parks = [], set()
    for m in memberships(user):
        if ROLE_REACH.get(m.role) == "all":
            return None
        agency = None
        if m.agency_id:
            a = m.agency
            assigned_parks = sorted(p.pk for p in a.parks.all())
            assigned_enterprises = sorted((e.pk, e.park_id) for e in a.enterprises.all())
            agency = (a.pk, a.kind, a.name, a.name_en, tuple(assigned_parks), tuple(assigned_enterprises))
            parks.update(assigned_parks)
            parks.update(p for _e, p in assigned_enterprises)
        enterprise_park = m.enterprise.park_id if m.enterprise_id else None
        rows.append((m.role, m.park_id, m.enterprise_id, enterprise_park, agency))
        parks.update(p for p in (m.park_id, enterprise_park) if p is not None)
    return tuple(sorted(rows, key=repr)), frozenset(parks)


def park_versions(user, parks: frozenset[int]) -> dict[int, tuple[int, int]]:
    """park id -> (counter, structure): read once per home page, or on every call outside one."""
    from parkcarbon.analysis.figures import data_versions

    memo = getattr(user, VERSIONS, None)
    if memo is None:
        return data_versions(parks)
    if parks not in memo:
        memo[parks] = data_versions(parks)
    return memo[parks]


def cached_cards(kind: str, user, compute: Callable[[object], list[Card]], structure_only: bool = False) -> list[Card]:
    """``compute(user)``, kept in the cache until the data of a park the user reaches changes: any of it (the
    ``counter`` of DataVersion), or with ``structure_only`` only the parks' own rows (the park, its zones and
    enterprises: ``structure``). Cards of users who reach every park are computed each time."""
    reached = reach(user)
    if reached is None or not reached[0]:  # every park, or no membership at all: nothing worth sharing
        return compute(user)
    rows, parks = reached
    versions = park_versions(user, parks)
    version = sorted((pk, v[1] if structure_only else v[0]) for pk, v in versions.items())
    key = f"dashboard-cards:{kind}:" + hashlib.sha256(repr((rows, get_language(), version)).encode()).hexdigest()
    cards = cache.get(key)
    if cards is None:
        cards = compute(user)
        cache.set(key, cards, CACHE_SECONDS)
    return cards
