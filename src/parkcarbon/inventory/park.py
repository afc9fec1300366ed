"""The park inventory: its enterprises' inventories for the year plus the park's own sources.

Three rules keep a park figure from misleading:

* **Which inventories count.** Submitted inventories only (every status after submission; one returned for
  correction is a draft again); drafts only when the caller asks (``include_drafts``). The summary always carries
  the counts of both, so a page says what it adds.
* **One GWP set.** Enterprises report with their guideline's set (the 2013-2015 NDRC guidelines use SAR); the park
  total reweighs every inventory's gas tonnes with the park's set (``Park.gwp_set``, default AR5) so it never adds
  SAR and AR5 tonnes of CO2e together.
* **Double counting.** Electricity or heat produced by one enterprise in the park and sold to another is counted
  once, as the producer's direct emissions. The buyer records it as ``electricity_in_park`` / ``heat_in_park``;
  that scope-2 CO2e stays in the buyer's own inventory but is only a memo line in the park total.

The park's combined uncertainty is IPCC 2006 Vol.1 Ch.3 Eq 3.2 (Approach 1) over the counted inventories.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Exists, F, FloatField, OuterRef, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils.translation import get_language

from parkcarbon.engine import load_library
from parkcarbon.engine.result import combine_sum
from parkcarbon.engine.tce import intensities
from parkcarbon.inventory import services
from parkcarbon.inventory.models import EDITABLE_STATUSES, Inventory, ResultSnapshot, Status
from parkcarbon.parks.industry import lookup as industry_lookup
from parkcarbon.parks.models import Enterprise

STATUS_LABELS = dict(Status.choices)


def counted(status: str, include_drafts: bool) -> bool:
    """Does an inventory in ``status`` count in a park total? Submitted (and every later status) always."""
    return include_drafts or status not in EDITABLE_STATUSES  # a returned inventory is being corrected: a draft again


def _english() -> bool:
    return (get_language() or "").startswith("en")


@dataclass
class EnterpriseRow:
    """One inventory in the park total; CO2e figures are in the park's GWP set."""

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
    uncertainty_pct: float = 0.0
    reported_gwp_set: str = ""
    reported_co2e: float = 0.0  # as the enterprise reported it, in its own GWP set

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))

    @property
    def counted_co2e(self) -> float:
        """What this inventory adds to the park total (energy bought inside the park is counted at the producer)."""
        return self.co2e - self.in_park_supply_co2e


@dataclass
class ParkSummary:
    """The park total of one year. Every CO2e figure is in ``gwp_set`` and covers the counted inventories only:
    ``rows`` (enterprises, largest first) and ``own`` (the park's own sources). ``n_submitted`` / ``n_drafts`` count
    the enterprise inventories with data of each kind, counted or not; ``include_drafts`` says whether drafts are in.
    ``uncertainty_pct`` is the combined uncertainty of ``total_co2e`` (IPCC Approach 1, Eq 3.2 over inventories).
    ``reported_gwp_sets`` maps each set the counted inventories were reported with to how many used it.
    ``missing_gwp`` lists gases the park's set has no value for (their tonnes are left out; pages must say so)."""

    park_id: int
    year: int
    gwp_set: str = ""
    include_drafts: bool = False
    verified_only: bool = False  # only inventories with a verifier's positive conclusion count (verification app)
    n_verified: int = 0  # enterprise inventories verified (with or without qualifications)
    n_adjusted: int = 0  # verified_only: inventories counted at figures the verifier adjusted
    rows: list[EnterpriseRow] = field(default_factory=list)
    own: EnterpriseRow | None = None
    by_section: dict[str, float] = field(default_factory=dict)
    by_scope: dict[str, float] = field(default_factory=dict)
    by_gas: dict[str, float] = field(default_factory=dict)
    by_industry: dict[str, float] = field(default_factory=dict)
    by_zone: dict[str, float] = field(default_factory=dict)
    n_enterprises: int = 0
    n_submitted: int = 0
    n_drafts: int = 0
    own_excluded: bool = False
    enterprises_without_data: int = 0
    uncertainty_pct: float = 0.0
    reported_gwp_sets: dict[str, int] = field(default_factory=dict)
    missing_gwp: list[str] = field(default_factory=list)
    output_value_10k_yuan: float = 0.0
    value_added_10k_yuan: float = 0.0

    @property
    def n_included(self) -> int:
        return self.n_submitted + (self.n_drafts if self.include_drafts else 0)

    @property
    def n_excluded_drafts(self) -> int:
        return 0 if self.include_drafts else self.n_drafts

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
        """Sum of the inventories (in the park's GWP set; counts in-park energy twice)."""
        return sum(r.co2e for r in self.all_rows)

    @property
    def total_co2e(self) -> float:
        """The park total: gross minus the in-park supply counted at the producer already."""
        return self.gross_co2e - self.in_park_supply_memo

    @property
    def total_co2e_market(self) -> float:
        return sum(r.co2e_market for r in self.all_rows) - self.in_park_supply_memo

    def top_emitters(self, n: int = 10) -> list[EnterpriseRow]:
        return self.rows[:n]


def gwp_values(gwp_set: str) -> dict[str, float]:
    """{gas: 100-year GWP} of a set, from the engine's library (``engine/data/gwp.csv``)."""
    return {gas: record[0] for gas, record in load_library().gwp[gwp_set].items()}


def gwp_source(gwp_set: str) -> dict[str, str]:
    """Where a GWP set comes from (``engine/data/gwp.csv`` and ``sources.csv``): {"id", "title", "table"}."""
    lib = load_library()
    _value, source_id, table = lib.gwp[gwp_set]["CO2"]
    return {"id": source_id, "title": lib.sources.get(source_id, {}).get("title", source_id), "table": table}


def _weigh(tonnes: dict[str, float], gwp: dict[str, float], missing: set[str]) -> float:
    total = 0.0
    for gas, t in tonnes.items():
        value = services.gwp_of(gwp, gas)
        if value is not None:
            total += t * value
        elif t:
            missing.add(gas)
    return total


def _inventories(park, year, user):
    inventories = Inventory.objects.filter(park=park)
    if year is not None:
        inventories = inventories.filter(year=year)
    return inventories if user is None else inventories.for_user(user, "view")


def _ensure_gas_tonnes(inventories) -> None:
    """Snapshots stored before gas tonnes were kept get them once (recomputed from their lines)."""
    from parkcarbon.inventory.services import refresh_snapshot

    for inventory in inventories.filter(snapshot__isnull=False).exclude(snapshot__gas_tonnes__has_key="gwp"):
        refresh_snapshot(inventory)


def _verified_gas_tonnes(inventories) -> dict[int, dict]:
    """{inventory id: gas tonnes at the verified amounts} for the current versions whose verifier adjusted a line."""
    from parkcarbon.verification.models import Adjustment, Conclusion  # the workflow builds on inventories

    adjusted = Adjustment.objects.filter(inventory=OuterRef("inventory"), version_number=OuterRef("version_number"))
    conclusions = Conclusion.objects.filter(inventory__in=inventories, version_number=F("inventory__version_number")
                                            ).filter(Exists(adjusted))
    return {inv_id: tonnes for inv_id, tonnes in conclusions.values_list("inventory_id", "verified_gas_tonnes")
            if tonnes}


def park_summary(park, year: int, user=None, include_drafts: bool = False, verified_only: bool = False) -> ParkSummary:
    """Totals of the park for a year from stored snapshots, restricted to what ``user`` may see when given.

    Returns a :class:`ParkSummary`: counted inventories only (submitted; drafts too with ``include_drafts``),
    every CO2e in the park's GWP set (``park.gwp_set``), with the counts of submitted and draft inventories and the
    combined uncertainty. ``verified_only``: verified inventories only, at their verified figures (the verifier's
    adjusted amounts where there are adjustments, the reported ones elsewhere). One query of plain values: a park of 2,000 enterprises sums in well under 100 ms."""
    inventories = _inventories(park, year, user)
    _ensure_gas_tonnes(inventories)
    gwp = gwp_values(park.gwp_set)
    summary = ParkSummary(park.pk, year, gwp_set=park.gwp_set, include_drafts=include_drafts and not verified_only,
                          verified_only=verified_only)
    enterprises = park.enterprises.all() if user is None else Enterprise.objects.for_user(user).filter(park=park)
    summary.n_enterprises = enterprises.count()
    with_data = inventories.filter(enterprise__isnull=False, snapshot__isnull=False).values("enterprise")
    summary.enterprises_without_data = enterprises.exclude(pk__in=with_data).count()
    records = ResultSnapshot.objects.filter(inventory__in=inventories).values_list(
        "inventory_id", "inventory__enterprise_id", "inventory__enterprise__name", "inventory__enterprise__name_en",
        "inventory__enterprise__industry_code", "inventory__enterprise__zone__name",
        "inventory__enterprise__zone__name_en", "inventory__status", "gwp_set", "total_co2e", "total_co2e_market",
        "in_park_supply_co2e", "uncertainty_pct", "gas_tonnes", "energy_tce",
        "inventory__output_value_10k_yuan", "inventory__value_added_10k_yuan",
    )
    verified_tonnes = _verified_gas_tonnes(inventories) if verified_only else {}
    english = _english()
    sections, scopes, gases = defaultdict(float), defaultdict(float), defaultdict(float)
    industries, zones, reported_sets = defaultdict(float), defaultdict(float), defaultdict(int)
    missing: set[str] = set()
    industry_names: dict[str | None, tuple[str, str]] = {}
    for (inv_id, ent_id, name, name_en, code, zone, zone_en, status, reported_set, reported_co2e, reported_market,
         in_park, uncertainty, gas_tonnes, tce, output, added) in records:
        if ent_id is not None:
            if status in EDITABLE_STATUSES:
                summary.n_drafts += 1
            else:
                summary.n_submitted += 1
            summary.n_verified += status == Status.VERIFIED
        if not counted(status, summary.include_drafts) or (verified_only and status != Status.VERIFIED):
            summary.own_excluded = summary.own_excluded or ent_id is None
            continue
        reported_sets[reported_set] += 1
        if inv_id in verified_tonnes:
            gas_tonnes = verified_tonnes[inv_id]
            summary.n_adjusted += 1
        co2e = 0.0  # sections partition the lines: their sum is the inventory's total
        for key, tonnes in gas_tonnes.get("section", {}).items():
            value = _weigh(tonnes, gwp, missing)
            sections[key] += value
            co2e += value
            for gas, t in tonnes.items():  # fossil CH4 is CH4 by gas, weighed with its own GWP
                gases["CH4" if gas == "CH4_fossil" else gas] += t * (services.gwp_of(gwp, gas) or 0.0)
        for key, tonnes in gas_tonnes.get("scope", {}).items():
            scopes[key] += _weigh(tonnes, gwp, missing)
        summary.output_value_10k_yuan += output or 0
        summary.value_added_10k_yuan += added or 0
        if code not in industry_names:  # (class name, GB/T 4754 division) once per code
            industry, division = (industry_lookup(code), industry_lookup(code[:2])) if code else (None, None)
            industry_names[code] = (industry.name if industry else "", str(division) if division else (code or "—"))
        industry_name, division = industry_names[code]
        # Market-based differs from location-based by scope-2 CO2 only (GWP 1 in every set).
        row = EnterpriseRow(inv_id, ent_id, (name_en if english and name_en else name) or str(park), code or "",
                            industry_name, (zone_en if english and zone_en else zone) or "",
                            status, co2e, co2e - (reported_co2e - reported_market), in_park, tce, uncertainty,
                            reported_set, reported_co2e)
        if ent_id is None:
            summary.own = row
        else:
            summary.rows.append(row)
            industries[division] += row.counted_co2e
            zones[row.zone or "—"] += row.counted_co2e
    summary.rows.sort(key=lambda r: -r.co2e)
    memo = summary.in_park_supply_memo
    if memo:  # in-park supply is scope-2 CO2 of purchased energy
        scopes["2"] -= memo
        sections["energy"] -= memo
        gases["CO2"] -= memo
    summary.by_section, summary.by_scope, summary.by_gas = dict(sections), dict(scopes), dict(gases)
    summary.by_industry = dict(sorted(industries.items(), key=lambda kv: -kv[1]))
    summary.by_zone = dict(sorted(zones.items(), key=lambda kv: -kv[1]))
    summary.reported_gwp_sets = dict(sorted(reported_sets.items()))
    summary.missing_gwp = sorted(missing)
    counted_rows = summary.all_rows
    summary.uncertainty_pct = combine_sum(np.array([r.counted_co2e for r in counted_rows]),
                                          np.array([r.uncertainty_pct for r in counted_rows]))
    return summary


@dataclass
class YearTotal:
    """One year of the park's trend: the total of the counted inventories in the park's GWP set."""

    year: int
    co2e: float
    n_submitted: int
    n_drafts: int
    n_enterprises: int  # enterprises expected to report that year (see ``park_trend``)

    @property
    def is_complete(self) -> bool:
        return self.n_enterprises > 0 and self.n_submitted >= self.n_enterprises and not self.n_drafts


def park_trend(park, user=None, include_drafts: bool = False) -> list[YearTotal]:
    """The park total of every year with data, oldest first, by the same rules as :func:`park_summary` (counted
    inventories, park GWP set, in-park supply netted).

    A year is **complete** when every enterprise inventory of that year is submitted and every enterprise that
    reported the year before has an inventory for it: one enterprise's draft of a new year never makes a complete
    year, and an enterprise that stopped reporting leaves a gap that shows."""
    inventories = _inventories(park, None, user)
    _ensure_gas_tonnes(inventories)
    snapshots = ResultSnapshot.objects.filter(inventory__in=inventories)
    if not include_drafts:
        snapshots = snapshots.exclude(inventory__status__in=EDITABLE_STATUSES)
    # Summed in the database from each snapshot's total in the park's set: thousands of snapshots over the years
    # are never decoded in Python. (A set lacking a value for an emitted gas has no total; the year page says so.)
    totals = {row["inventory__year"]: (row["co2e"] or 0.0) - (row["memo"] or 0.0) for row in snapshots.values(
        "inventory__year").annotate(co2e=Sum(Cast(KT(f"gas_tonnes__gwp__{park.gwp_set}"), FloatField())),
                                    memo=Sum("in_park_supply_co2e"))}
    submitted: dict[int, set] = defaultdict(set)
    drafts: dict[int, set] = defaultdict(set)
    for year, ent_id, status in ResultSnapshot.objects.filter(inventory__in=inventories, inventory__enterprise__isnull=False
                                                              ).values_list("inventory__year", "inventory__enterprise_id",
                                                                            "inventory__status"):
        (drafts if status in EDITABLE_STATUSES else submitted)[year].add(ent_id)
    trend = []
    for year in sorted(set(totals) | set(drafts) | set(submitted)):
        expected = submitted[year] | drafts[year] | submitted[year - 1] | drafts[year - 1]
        trend.append(YearTotal(year, totals.get(year, 0.0), len(submitted[year]), len(drafts[year]), len(expected)))
    return trend


def latest_complete_year(park, user=None) -> YearTotal | None:
    """The newest year whose park total is complete (see :func:`park_trend`), with its submitted total."""
    complete = [t for t in park_trend(park, user) if t.is_complete]
    return complete[-1] if complete else None
