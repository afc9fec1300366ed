"""Load an enterprise's figures from its inventory (the one Django-side step) and hand them to the pure rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache

from parkcarbon.benchmarking import rating, recommend
from parkcarbon.benchmarking.library import load
from parkcarbon.engine.errors import InputError
from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import Inventory

ELECTRICITY = ("electricity_grid", "electricity_in_park", "electricity_green", "electricity_supplier",
               "electricity_grid_residual", "electricity_green_separate")


def totals_of(snapshot) -> rating.Totals:
    tce = snapshot.energy_by_activity or {}
    mwh = sum(tce.get(a, 0.0) for a in ELECTRICITY) / load().value("tce_per_mwh_electricity")
    return rating.Totals(snapshot.total_co2e, snapshot.energy_tce, mwh)


@dataclass
class Row:
    """One enterprise-year on the benchmarking pages."""

    inventory: Inventory
    outputs: dict[str, float]
    comparisons: list[rating.Comparison] = field(default_factory=list)
    missing_products: list[str] = field(default_factory=list)  # the industry's products without an output
    unbenchmarked: list[str] = field(default_factory=list)  # products with an output but no value for the year
    co2e_per_output_value: float | None = None  # tCO2e per 10^4 CNY
    tce_per_output_value: float | None = None
    co2e_per_value_added: float | None = None
    ranks: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)

    @property
    def light(self) -> str:
        return rating.worst([c.light for c in self.comparisons])


def row_for(inventory: Inventory) -> Row:
    lib = load()
    outputs = {o.product: o.quantity for o in inventory.product_outputs.all()}
    row = Row(inventory, outputs)
    snapshot = getattr(inventory, "snapshot", None)
    if snapshot is None:
        return row
    totals = totals_of(snapshot)
    products = list(dict.fromkeys([*outputs, *(p.product for p in lib.products_for_industry(
        inventory.enterprise.industry_code if inventory.enterprise_id else ""))]))
    for product in products:
        if product in outputs:
            found = rating.compare(lib, product, outputs[product], totals, inventory.year)
            row.comparisons += found
            if not found:
                row.unbenchmarked.append(product)
    if not row.comparisons:  # none of the industry's benchmarked products has an output: say which could be given
        row.missing_products = [p for p in products if p not in outputs and lib.for_product(p)]
    if inventory.output_value_10k_yuan:
        row.co2e_per_output_value = snapshot.total_co2e / inventory.output_value_10k_yuan
        row.tce_per_output_value = snapshot.energy_tce / inventory.output_value_10k_yuan
    if inventory.value_added_10k_yuan:
        row.co2e_per_value_added = snapshot.total_co2e / inventory.value_added_10k_yuan
    return row


def park_rows(park, year: int, visible) -> list[Row]:
    """Rows of every enterprise inventory of the park and year, ranked among the park's peers (same product and
    metric; for intensity per output value, the same GB/T 4754 division). Ranks use every enterprise of the park,
    only the ``visible`` inventories (the user's reach) are returned."""
    inventories = (Inventory.objects.filter(park=park, year=year, enterprise__isnull=False)
                   .select_related("enterprise", "snapshot").prefetch_related("product_outputs"))
    rows = [row_for(i) for i in inventories]
    groups: dict[tuple[str, str], dict[int, float]] = {}
    for r in rows:
        for c in r.comparisons:
            if c.intensity is not None:
                groups.setdefault((c.product, c.metric), {})[r.inventory.pk] = c.intensity
        if r.co2e_per_output_value is not None:
            groups.setdefault(("division:" + r.inventory.enterprise.industry_code[:2], "co2e_per_output_value"),
                              {})[r.inventory.pk] = r.co2e_per_output_value
    for key, values in groups.items():
        for pk, place in rating.rank(values).items():
            next(r for r in rows if r.inventory.pk == pk).ranks[key] = place
    visible_pks = set(visible.filter(park=park, year=year).values_list("pk", flat=True))
    return [r for r in rows if r.inventory.pk in visible_pks]


def division_rank(row: Row) -> tuple[int, int] | None:
    return row.ranks.get(("division:" + row.inventory.enterprise.industry_code[:2], "co2e_per_output_value"))


def site_for(inventory: Inventory, outputs: dict[str, float]) -> recommend.Site | None:
    """The enterprise's tce and tCO2e per activity: tCO2e per activity is not stored, so the inventory's current lines
    are computed again (the same engine call as its stored result)."""
    snapshot = getattr(inventory, "snapshot", None)
    if snapshot is None:
        return None
    key = f"benchmarking-co2e-by-activity-{inventory.pk}-{snapshot.computed_at.timestamp()}"
    by_activity = cache.get(key)
    if by_activity is None:  # the stored result changes only with a new snapshot (new computed_at)
        rows = inventory_services.engine_frame(inventory_services.current_lines(inventory))
        totals = inventory_services.calculate_rows(inventory, rows).totals("activity")["co2e"]
        by_activity = {str(a): float(v) for a, v in totals.items()}
        cache.set(key, by_activity, 24 * 3600)
    facts = getattr(inventory, "site_facts", None)
    return recommend.Site(
        inventory.enterprise.industry_code, inventory.year, snapshot.total_co2e, dict(snapshot.energy_by_activity),
        by_activity, facts.roof_area_m2 if facts else None, outputs)


def recommendations_for(row: Row) -> list[recommend.Recommendation]:
    try:
        site = site_for(row.inventory, row.outputs)
    except InputError:  # a factor withdrawn since the lines were saved: no recommendation, the page still shows
        return []
    if site is None:
        return []
    found = recommend.recommend(site, load(), row.comparisons)
    for r in found:
        r.enterprise = row.inventory.enterprise
    return found
