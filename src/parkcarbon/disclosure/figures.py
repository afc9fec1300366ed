"""The figures a disclosure is built from, read from the inventories at the time of submission.

An enterprise's figures come from its inventory of the year: *verified* when the inventory is verified and the
verifier's conclusion on its current version is positive (verified, or verified with qualifications); then every line
the verifier adjusted counts at its verified amount. Otherwise the figures are the reported ones, unverified.
A park's figures are the park total (``inventory.park.park_summary``): only verified inventories, or all submitted
ones when unverified figures are allowed (then unverified unless every counted inventory is verified).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parkcarbon.engine.errors import InputError
from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import Inventory, Status
from parkcarbon.inventory.park import park_summary
from parkcarbon.verification import services as verification
from parkcarbon.verification.models import Opinion

POSITIVE = (Opinion.VERIFIED, Opinion.QUALIFIED)


@dataclass
class Figures:
    """One entity's figures for one year (t CO2e unless named otherwise)."""

    year: int
    verified: bool
    scope1: float
    scope2_location: float
    scope2_market: float
    biogenic: float | None  # None: not available (a park total does not carry it)
    energy_tce: float
    by_gas: dict[str, dict] = field(default_factory=dict)  # gas -> {tonnes, co2e}
    sources: dict[str, float] = field(default_factory=dict)  # source category (or section, for a park) -> co2e
    sources_kind: str = "category"  # category | section
    output_10k_yuan: float | None = None
    value_added_10k_yuan: float | None = None
    gwp_set: str = ""
    method: dict = field(default_factory=dict)
    conclusion: dict | None = None
    counted: str = ""  # a park: which inventories the total counts

    @property
    def total(self) -> float:
        return self.scope1 + self.scope2_location

    @property
    def total_market(self) -> float:
        return self.scope1 + self.scope2_market


def positive_conclusion(inventory: Inventory):
    """The verifier's conclusion on the inventory's current version when it is positive and the inventory is
    verified (a new version opened for correction is not verified any more)."""
    if inventory.status != Status.VERIFIED:
        return None
    conclusion = verification.latest_conclusion(inventory)
    return conclusion if conclusion and conclusion.opinion in POSITIVE else None


def _verified_snapshot(inventory: Inventory) -> dict | None:
    """Snapshot fields with every adjusted line at its verified amount (None: no adjustment, use the stored one)."""
    adjustments = verification.current_adjustments(inventory)
    if not adjustments:
        return None
    rows = inventory_services.engine_frame(inventory_services.current_lines(inventory))
    for line_id, adj in adjustments.items():
        rows.loc[rows["row_id"] == str(line_id), "amount"] = adj.verified_amount
    try:
        result = inventory_services.calculate_rows(inventory, rows)
    except InputError:
        return None
    return inventory_services.snapshot_fields(result, rows)


def enterprise_figures(inventory: Inventory | None) -> Figures | None:
    if inventory is None:
        return None
    snapshot = getattr(inventory, "snapshot", None)
    if snapshot is None:
        return None
    conclusion = positive_conclusion(inventory)
    fields = (_verified_snapshot(inventory) if conclusion else None) or {
        "by_scope": snapshot.by_scope, "by_gas": snapshot.by_gas, "by_category": snapshot.by_category,
        "biogenic_co2": snapshot.biogenic_co2, "energy_tce": snapshot.energy_tce, "gwp_set": snapshot.gwp_set}
    scopes = fields["by_scope"]
    return Figures(
        year=inventory.year, verified=conclusion is not None,
        scope1=scopes.get("1", {}).get("co2e", 0.0), scope2_location=scopes.get("2", {}).get("co2e", 0.0),
        scope2_market=scopes.get("2", {}).get("co2e_market", 0.0), biogenic=fields["biogenic_co2"],
        energy_tce=fields["energy_tce"],
        by_gas={g: {"tonnes": v["tonnes"], "co2e": v["co2e"]} for g, v in fields["by_gas"].items()},
        sources={k: v["co2e"] for k, v in fields["by_category"].items()},
        output_10k_yuan=inventory.output_value_10k_yuan, value_added_10k_yuan=inventory.value_added_10k_yuan,
        gwp_set=fields["gwp_set"],
        method={"standard": inventory.standard, "methodologies": list(inventory.methodologies or []),
                "grid_basis": inventory.grid_basis, "gwp_set": fields["gwp_set"], "region": inventory.region},
        conclusion=_conclusion(conclusion, inventory) if conclusion else None,
    )


def _conclusion(conclusion, inventory: Inventory) -> dict:
    agency = conclusion.agency
    return {"opinion": conclusion.opinion, "statement": conclusion.statement, "date": conclusion.at.date().isoformat(),
            "agency": agency.name if agency else "", "agency_en": (agency.name_en or agency.name) if agency else "",
            "inventory_version": conclusion.version_number, "reported_co2e": conclusion.reported_co2e,
            "verified_co2e": conclusion.verified_co2e}


def park_figures(park, year: int, allow_unverified: bool) -> Figures | None:
    summary = park_summary(park, year, verified_only=not allow_unverified)
    rows = summary.all_rows
    if not rows:
        return None
    scopes = summary.by_scope
    market_delta = summary.total_co2e - summary.total_co2e_market  # scope-2 CO2 only
    return Figures(
        year=year, verified=all(r.status == Status.VERIFIED for r in rows),
        scope1=scopes.get("1", 0.0), scope2_location=scopes.get("2", 0.0),
        scope2_market=scopes.get("2", 0.0) - market_delta, biogenic=None, energy_tce=summary.total_tce,
        by_gas={g: {"tonnes": None, "co2e": v} for g, v in summary.by_gas.items()},
        sources=dict(summary.by_section), sources_kind="section",
        output_10k_yuan=summary.output_value_10k_yuan or None,
        value_added_10k_yuan=summary.value_added_10k_yuan or None, gwp_set=summary.gwp_set,
        method={"standard": "park_total", "gwp_set": summary.gwp_set, "in_park_supply_memo": summary.in_park_supply_memo},
        counted=f"{len(summary.rows)}/{summary.n_enterprises}",
        conclusion={"park": True, "verified_inventories": sum(r.status == Status.VERIFIED for r in rows),
                    "counted_inventories": len(rows), "enterprises": summary.n_enterprises}
        if any(r.status == Status.VERIFIED for r in rows) else None,
    )


def figures_for(disclosure, year: int | None = None) -> Figures | None:
    """The figures of the disclosure's entity for ``year`` (default: the disclosure's year)."""
    year = year or disclosure.year
    if disclosure.enterprise_id is None:
        return park_figures(disclosure.park, year, disclosure.label_unverified)
    inventory = (Inventory.objects.filter(park_id=disclosure.park_id, enterprise_id=disclosure.enterprise_id,
                                          year=year).select_related("snapshot").first())
    return enterprise_figures(inventory)
