"""The items a disclosure may include. The discloser chooses among them; frameworks (``data/frameworks.yaml``) say
which of them each framework item needs. ``figure`` items carry numbers from inventories and are verified or
labelled "unverified"; the others are the discloser's own statements or come from other modules."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    kind: str  # figure | statement | text
    help: str = ""


ITEMS: dict[str, Item] = {i.key: i for i in [
    Item("scope1", _("Scope 1 (direct) emissions"), "figure"),
    Item("scope2_location", _("Scope 2 emissions, location-based"), "figure"),
    Item("scope2_market", _("Scope 2 emissions, market-based"), "figure",
         _("Green electricity and supplier factors with evidence; otherwise the location-based factor.")),
    Item("total", _("Total emissions (scope 1 + 2, location-based)"), "figure"),
    Item("previous_year", _("Emissions of the previous year"), "figure"),
    Item("by_gas", _("Emissions by greenhouse gas"), "figure"),
    Item("sources", _("Emissions by source category (main emission sources)"), "figure"),
    Item("biogenic", _("Biogenic CO2 (memo, outside the scopes)"), "figure"),
    Item("energy", _("Energy consumption (tce)"), "figure"),
    Item("intensity", _("Emission intensity per 10^4 yuan of output value and value added"), "figure"),
    Item("method", _("Accounting basis: standard, guidelines, GWP set, grid factor, boundary"), "statement"),
    Item("verification", _("Verification conclusion and statement"), "statement"),
    Item("targets", _("Reduction target"), "text"),
    Item("measures", _("Reduction measures"), "text"),
    Item("carbon_assets", _("Carbon trading: allowances and offsets"), "statement",
         _("Provided by the carbon-assets module when it is installed.")),
]}

FIGURE_ITEMS = tuple(k for k, i in ITEMS.items() if i.kind == "figure")
DEFAULT_ITEMS = ("scope1", "scope2_location", "scope2_market", "total", "previous_year", "by_gas", "sources",
                 "energy", "intensity", "method", "verification")


def choices() -> list[tuple[str, str]]:
    return [(k, i.label) for k, i in ITEMS.items()]
