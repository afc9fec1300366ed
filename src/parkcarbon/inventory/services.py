"""Inventory operations. Views and the API call these; each write runs in a transaction and is attributed."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from parkcarbon.engine import Options, Result, calculate
from parkcarbon.engine.errors import InputError
from parkcarbon.engine.result import combine_sum
from parkcarbon.inventory.models import (
    ActivityLine,
    Inventory,
    ResultSnapshot,
    Section,
    SectionVersion,
    Status,
    Transition,
)

# Energy bought from a producer inside the park: counted at the producer (its direct emissions); the buyer's
# scope-2 emissions for it are a memo item in the park total, never added to it.
IN_PARK_SUPPLY_ACTIVITIES = ("electricity_in_park", "heat_in_park")


def options_for(inventory: Inventory) -> Options:
    return Options(year=inventory.year, region=inventory.region, gwp=inventory.gwp_set, grid_basis=inventory.grid_basis)


def current_versions(inventory: Inventory) -> dict[str, SectionVersion]:
    """The latest version of each section that has one."""
    latest: dict[str, SectionVersion] = {}
    for v in inventory.versions.order_by("section", "-number"):
        latest.setdefault(v.section, v)
    return latest


def current_lines(inventory: Inventory):
    return ActivityLine.objects.filter(version__in=list(current_versions(inventory).values())).order_by(
        "version__section", "position", "pk"
    )


def engine_rows(lines) -> pd.DataFrame:
    return pd.DataFrame([line.engine_row() for line in lines])


def calculate_inventory(inventory: Inventory) -> Result | None:
    """The engine's result for the inventory's current lines (None when it has none)."""
    lines = list(current_lines(inventory))
    if not lines:
        return None
    return calculate(engine_rows(lines), options_for(inventory))


def refresh_snapshot(inventory: Inventory) -> ResultSnapshot | None:
    """Recompute and store the inventory's totals; remove the snapshot when there is no data."""
    try:
        result = calculate_inventory(inventory)
    except InputError:
        result = None  # stored lines were valid when saved; a factor withdrawn since leaves no snapshot
    if result is None:
        ResultSnapshot.objects.filter(inventory=inventory).delete()
        return None
    lines = result.lines
    in_park = lines["activity"].isin(IN_PARK_SUPPLY_ACTIVITIES)

    def table(by):
        t = result.totals(by)
        return {str(k): {"co2e": float(v["co2e"]), "co2e_market": float(v["co2e_market"]),
                         "uncertainty_pct": float(v["uncertainty_pct"])} for k, v in t.iterrows()}

    snapshot, _ = ResultSnapshot.objects.update_or_create(
        inventory=inventory,
        defaults={
            "engine_version": result.engine_version, "library_version": result.library_version,
            "gwp_set": result.gwp_set, "total_co2e": result.total_co2e,
            "total_co2e_market": float(lines["co2e_market"].sum()),
            "biogenic_co2": float(lines["CO2_biogenic"].sum()),
            "in_park_supply_co2e": float(lines.loc[in_park, "co2e"].sum()),
            "uncertainty_pct": combine_sum(lines["co2e"].to_numpy(), lines["uncertainty_pct"].to_numpy()),
            "by_section": table("section"), "by_scope": table("scope"), "by_month": table("month"),
            "by_category": table("category"),
            "by_gas": {r["gas"]: {"tonnes": r["tonnes"], "co2e": r["co2e"]} for r in result.by_gas().to_dict("records")},
        },
    )
    return snapshot


def _next_version(inventory: Inventory, section: str) -> int:
    return (inventory.versions.filter(section=section).aggregate(n=Max("number"))["n"] or 0) + 1


def ensure_editable(inventory: Inventory) -> None:
    if inventory.status != Status.DRAFT:
        raise PermissionDenied("A submitted inventory is read-only.")


@transaction.atomic
def manual_version(inventory: Inventory, section: str, user) -> SectionVersion:
    """The section's current version for manual edits (created on first use)."""
    ensure_editable(inventory)
    current = current_versions(inventory).get(section)
    if current is not None:
        return current
    return SectionVersion.objects.create(inventory=inventory, section=section, number=1, source="manual", created_by=user)


@transaction.atomic
def replace_section(inventory: Inventory, section: str, rows: list[dict], user, file_name: str = "") -> SectionVersion:
    """Import validated rows as a new version of the section; earlier versions stay. All or nothing."""
    ensure_editable(inventory)
    version = SectionVersion.objects.create(
        inventory=inventory, section=section, number=_next_version(inventory, section), source="upload",
        file_name=file_name[:255], created_by=user,
    )
    ActivityLine.objects.bulk_create([ActivityLine(version=version, position=i, **row) for i, row in enumerate(rows)],
                                     batch_size=2000)
    refresh_snapshot(inventory)
    return version


@transaction.atomic
def submit(inventory: Inventory, user, note: str = "") -> None:
    if inventory.status != Status.DRAFT:
        raise PermissionDenied("Only a draft can be submitted.")
    Transition.objects.create(inventory=inventory, old_status=inventory.status, new_status=Status.SUBMITTED, by=user,
                              note=note)
    inventory.status = Status.SUBMITTED
    inventory.save(update_fields=["status", "updated_at"])


@dataclass
class SectionSummary:
    section: str
    label: str
    lines: int
    co2e: float


def section_names() -> dict[str, str]:
    return dict(Section.choices)
