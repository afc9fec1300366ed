"""Optional hook for carbon asset positions (allowances, CCER offsets, green certificates).

The disclosure app does not depend on a carbon-assets app. Such an app registers a provider from its
``AppConfig.ready()``::

    from parkcarbon.disclosure import hooks
    hooks.register_carbon_asset_provider(my_positions)

A provider is called as ``provider(park, enterprise_or_None, year)`` and returns ``None`` (nothing for that entity
and year) or a dict frozen into the disclosure as it is::

    {"source": "carbon-assets module, 2025-03-01",        # where the positions come from
     "verified": True,                                      # e.g. allowances surrendered as registered
     "rows": [{"label_zh": "应清缴配额", "label_en": "Allowances to surrender", "value": 12345.0, "unit": "t"}]}

Without a provider, the "carbon trading" item cannot be included and frameworks that ask for it list it as missing.
"""

from __future__ import annotations

from collections.abc import Callable

Provider = Callable[[object, object, int], dict | None]
CARBON_ASSET_PROVIDERS: list[Provider] = []


def register_carbon_asset_provider(provider: Provider) -> None:
    if provider not in CARBON_ASSET_PROVIDERS:
        CARBON_ASSET_PROVIDERS.append(provider)


def carbon_assets(park, enterprise, year: int) -> dict | None:
    """The first provider's positions for the entity and year, checked for shape (None when there are none)."""
    for provider in CARBON_ASSET_PROVIDERS:
        data = provider(park, enterprise, year)
        if data:
            rows = [{"label_zh": str(r["label_zh"]), "label_en": str(r["label_en"]), "value": float(r["value"]),
                     "unit": str(r.get("unit", ""))} for r in data.get("rows", [])]
            return {"source": str(data.get("source", "")), "verified": bool(data.get("verified")), "rows": rows}
    return None
