"""The park inventory: its enterprises' inventories for the year plus the park's own sources.

Double counting rule: electricity or heat produced by one enterprise in the park and sold to another is counted
once, as the producer's direct emissions. The buyer records it as ``electricity_in_park`` / ``heat_in_park``;
that scope-2 CO2e stays in the buyer's own inventory but is only a memo line in the park total.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from parkcarbon.engine.tce import intensities
from parkcarbon.inventory.models import Inventory, ResultSnapshot
from parkcarbon.parks.industry import lookup as industry_lookup
from parkcarbon.parks.models import Enterprise


@dataclass
class EnterpriseRow:
    inventory_id: int
    enterprise_id: int | None
    name: str
    industry_code: str
    industry_name: str
    zone: str
    status: str
    co2e: float
    co2e_market: float
    in_park_supply_co2e: float
    energy_tce: float = 0.0


@dataclass
class ParkSummary:
    park_id: int
    year: int
    rows: list[EnterpriseRow] = field(default_factory=list)
    own: EnterpriseRow | None = None
    by_section: dict[str, float] = field(default_factory=dict)
    by_scope: dict[str, float] = field(default_factory=dict)
    by_gas: dict[str, float] = field(default_factory=dict)
    by_industry: dict[str, float] = field(default_factory=dict)
    by_zone: dict[str, float] = field(default_factory=dict)
    enterprises_without_data: int = 0
    output_value_10k_yuan: float = 0.0
    value_added_10k_yuan: float = 0.0

    @property
    def total_tce(self) -> float:
        """Energy consumption in tce. Electricity or heat supplied inside the park is counted at the producer's
        fuel too, so the buyers' consumption of it double counts energy just as it would emissions; this total is
        the sum of the inventories as reported (the energy statistics convention), not netted."""
        return sum(r.energy_tce for r in self.all_rows)

    @property
    def intensity(self) -> dict:
        return intensities(self.total_co2e, self.total_tce, self.output_value_10k_yuan or None,
                           self.value_added_10k_yuan or None)

    @property
    def in_park_supply_memo(self) -> float:
        return sum(r.in_park_supply_co2e for r in self.all_rows)

    @property
    def all_rows(self) -> list[EnterpriseRow]:
        return self.rows + ([self.own] if self.own else [])

    @property
    def gross_co2e(self) -> float:
        """Sum of the inventories as reported (counts in-park energy twice)."""
        return sum(r.co2e for r in self.all_rows)

    @property
    def total_co2e(self) -> float:
        """The park total: gross minus the in-park supply counted at the producer already."""
        return self.gross_co2e - self.in_park_supply_memo

    @property
    def total_co2e_market(self) -> float:
        return sum(r.co2e_market for r in self.all_rows) - self.in_park_supply_memo


def park_summary(park, year: int, user=None) -> ParkSummary:
    """Totals of the park for a year from stored snapshots (no recalculation), restricted to what ``user``
    may see when given. One query of plain values: a park of 2,000 enterprises sums in well under 100 ms."""
    inventories = Inventory.objects.filter(park=park, year=year)
    if user is not None:
        inventories = inventories.for_user(user, "view")
    summary = ParkSummary(park.pk, year)
    enterprises = park.enterprises.all() if user is None else Enterprise.objects.for_user(user).filter(park=park)
    with_data = inventories.filter(enterprise__isnull=False, snapshot__isnull=False).values("enterprise")
    summary.enterprises_without_data = enterprises.exclude(pk__in=with_data).count()
    records = ResultSnapshot.objects.filter(inventory__in=inventories).values_list(
        "inventory_id", "inventory__enterprise_id", "inventory__enterprise__name", "inventory__enterprise__name_en",
        "inventory__enterprise__industry_code", "inventory__enterprise__zone__name", "inventory__status",
        "total_co2e", "total_co2e_market", "in_park_supply_co2e", "by_section", "by_scope", "by_gas", "energy_tce",
        "inventory__output_value_10k_yuan", "inventory__value_added_10k_yuan",
    )
    sections, scopes, gases = defaultdict(float), defaultdict(float), defaultdict(float)
    industries, zones = defaultdict(float), defaultdict(float)
    names: dict[str, str] = {}
    for (inv_id, ent_id, name, _name_en, code, zone, status, co2e, market, in_park, by_section, by_scope,
         by_gas, tce, output, added) in records:
        summary.output_value_10k_yuan += output or 0
        summary.value_added_10k_yuan += added or 0
        if code and code not in names:
            industry = industry_lookup(code)
            names[code] = str(industry) if industry else code
        row = EnterpriseRow(inv_id, ent_id, name or str(park), code or "", names.get(code or "", ""), zone or "",
                            status, co2e, market, in_park, tce)
        if ent_id is None:
            summary.own = row
        else:
            summary.rows.append(row)
            industries[row.industry_name or row.industry_code] += co2e - in_park
            zones[row.zone] += co2e - in_park
        for key, value in by_section.items():
            sections[key] += value["co2e"]
        for key, value in by_scope.items():
            scopes[key] += value["co2e"]
        for key, value in by_gas.items():
            gases[key] += value["co2e"]
    summary.rows.sort(key=lambda r: -r.co2e)
    if summary.in_park_supply_memo:
        scopes["2"] -= summary.in_park_supply_memo
        sections["energy"] -= summary.in_park_supply_memo
        gases["CO2"] -= summary.in_park_supply_memo
    summary.by_section, summary.by_scope, summary.by_gas = dict(sections), dict(scopes), dict(gases)
    summary.by_industry = dict(sorted(industries.items(), key=lambda kv: -kv[1]))
    summary.by_zone = dict(sorted(zones.items(), key=lambda kv: -kv[1]))
    return summary
