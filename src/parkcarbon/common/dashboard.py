"""Home-page cards. Apps contribute providers from their AppConfig.ready():

    from parkcarbon.common import dashboard
    dashboard.register(my_cards)      # my_cards(user) -> list[Card]

Cards carry real counts only; a provider returns nothing for a user outside its scope.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


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


def dashboard_cards(user) -> list[Card]:
    return [card for provider in PROVIDERS for card in provider(user)]
