"""The dashboard's figures for a scope (park, zone, industry or one enterprise), all from stored snapshots.

The same rules as the park page (``inventory/park.py``): counted inventories only (submitted; drafts when asked),
every CO2e reweighed from the inventories' gas tonnes with the park's GWP set, and -- when the scope is the park or
a part of it -- electricity or heat bought from a producer in the park counted once, at the producer. For a single
enterprise the figures are its own inventory (its purchases from the park's producer included).

Every chart is a :class:`Chart`: a table (columns and rows) that the page draws and the user downloads, so what is
drawn and what is downloaded are the same numbers. Years come from one query summed in the database; the structure
of the selected year decodes that year's snapshots only. A park of thousands of enterprises takes a second or two
to sum, so the figures are cached under a key that includes the park's data version (:func:`cached_figures`), which
signals raise on every save or delete of a snapshot, inventory, enterprise, zone or the park.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

import numpy as np
from django.core.cache import cache
from django.db.models import Count, FloatField, Q, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from parkcarbon.engine import load_library
from parkcarbon.inventory import services
from parkcarbon.inventory.models import EDITABLE_STATUSES, ResultSnapshot, Section
from parkcarbon.inventory.park import _english, _ensure_gas_tonnes, _inventories, _weigh, gwp_values
from parkcarbon.inventory.services import IN_PARK_SUPPLY_ACTIVITIES
from parkcarbon.parks.industry import lookup as industry_lookup

TOP = 12  # categories per chart; the rest is one "Others" row
CACHE_SECONDS = 24 * 3600  # the key changes with the data anyway; this only bounds memory of unused entries


@dataclass
class Filters:
    year: int | None = None  # None: the newest year with counted data
    zone: int | None = None
    industry: str = ""  # GB/T 4754 division (two digits)
    enterprise: int | None = None
    include_drafts: bool = False

    @property
    def is_part_of_park(self) -> bool:
        return self.enterprise is None


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # pie | bar | hbar | trend | lines | sankey
    unit: str
    columns: list[str]
    rows: list[list]
    note: str = ""

    def as_json(self) -> dict:
        return {"key": self.key, "title": self.title, "kind": self.kind, "unit": self.unit, "columns": self.columns,
                "rows": self.rows, "note": self.note}


@dataclass
class Figures:
    years: list[int] = field(default_factory=list)  # years with counted data, oldest first
    year: int | None = None
    totals: dict[int, float] = field(default_factory=dict)  # year -> t CO2e (park GWP set)
    n_inventories: dict[int, int] = field(default_factory=dict)
    charts: list[Chart] = field(default_factory=list)
    gwp_set: str = ""
    asked_year: int | None = None  # a year asked for (?year=) without counted data: the newest one is shown instead
    draft_years: list[int] = field(default_factory=list)  # years with drafts only (not counted unless drafts are)

    def chart(self, key: str) -> Chart | None:
        return next((c for c in self.charts if c.key == key), None)


def scoped_inventories(park, user, filters: Filters):
    inventories = _inventories(park, None, user)
    if filters.enterprise is not None:
        inventories = inventories.filter(enterprise_id=filters.enterprise)
    else:
        if filters.zone is not None:
            inventories = inventories.filter(enterprise__zone_id=filters.zone)
        if filters.industry:
            inventories = inventories.filter(enterprise__industry_code__startswith=filters.industry)
        if filters.zone is not None or filters.industry:
            inventories = inventories.filter(enterprise__isnull=False)  # the park's own sources have neither
    if not filters.include_drafts:
        inventories = inventories.exclude(status__in=EDITABLE_STATUSES)
    return inventories.filter(snapshot__isnull=False)


def _ensure_activity_tonnes(inventories) -> None:
    """Snapshots stored before gas tonnes per activity were kept get them once (recomputed from their lines)."""
    stale = inventories.exclude(snapshot__gas_tonnes__has_key="activity").filter(versions__lines__isnull=False)
    for inventory in stale.distinct():  # (a snapshot without lines behind it is left as it is)
        services.refresh_snapshot(inventory)


def annual(park, inventories, net: bool) -> dict[int, dict]:
    """{year: co2e, tce, output, added, co2e_with_output, tce_with_output, n} summed in the database."""
    co2e = Cast(KT(f"gas_tonnes__gwp__{park.gwp_set}"), FloatField())
    with_output = Q(inventory__output_value_10k_yuan__gt=0)
    with_added = Q(inventory__value_added_10k_yuan__gt=0)
    rows = ResultSnapshot.objects.filter(inventory__in=inventories).values("inventory__year").annotate(
        co2e=Sum(co2e), memo=Sum("in_park_supply_co2e"), tce=Sum("energy_tce"),
        output=Sum("inventory__output_value_10k_yuan", filter=with_output),
        added=Sum("inventory__value_added_10k_yuan", filter=with_added),
        co2e_o=Sum(co2e, filter=with_output), memo_o=Sum("in_park_supply_co2e", filter=with_output),
        tce_o=Sum("energy_tce", filter=with_output), co2e_a=Sum(co2e, filter=with_added),
        memo_a=Sum("in_park_supply_co2e", filter=with_added), n=Count("pk"))
    out = {}
    for r in rows:
        def memo(key, r=r):
            return (r[key] or 0.0) if net else 0.0  # in-park supply, counted at the producer

        out[r["inventory__year"]] = {"co2e": (r["co2e"] or 0.0) - memo("memo"), "tce": r["tce"] or 0.0,
                          "output": r["output"] or 0.0, "added": r["added"] or 0.0,
                          "co2e_output": (r["co2e_o"] or 0.0) - memo("memo_o"), "tce_output": r["tce_o"] or 0.0,
                          "co2e_added": (r["co2e_a"] or 0.0) - memo("memo_a"), "n": r["n"]}
    return dict(sorted(out.items()))


def _top(pairs: dict[str, float], n: int = TOP) -> list[list]:
    items = sorted(((k, v) for k, v in pairs.items() if abs(v) > 1e-9), key=lambda kv: -kv[1])
    if len(items) > n:
        items = [*items[: n - 1], (_("Others"), sum(v for _k, v in items[n - 1:]))]
    return [[str(k), round(v, 3)] for k, v in items]


def linear_fit(values: list[float]) -> list[float]:
    """The least-squares line through annual values (the trend drawn beside the totals)."""
    if len(values) < 2:
        return list(values)
    slope, intercept = np.polyfit(np.arange(len(values), dtype=float), np.asarray(values, dtype=float), 1)
    return [float(intercept + slope * i) for i in range(len(values))]


def data_version(park) -> int:
    """The park's data version (``models.DataVersion``, raised on every change of what its figures are made of)."""
    from parkcarbon.analysis.models import DataVersion

    return DataVersion.objects.filter(park=park).values_list("counter", flat=True).first() or 0


def data_versions(park_ids) -> dict[int, tuple[int, int]]:
    """park id -> (counter, structure) of each of these parks (``models.DataVersion``), in one query; (0, 0) for a
    park whose data never changed since the table existed."""
    from parkcarbon.analysis.models import DataVersion

    found = {pk: (c, s) for pk, c, s in DataVersion.objects.filter(park_id__in=park_ids).values_list(
        "park_id", "counter", "structure")}
    return {pk: found.get(pk, (0, 0)) for pk in park_ids}


def cached_figures(park, user, filters: Filters, park_wide: bool) -> Figures:
    """:func:`figures`, kept in the cache until the park's data changes (:func:`data_version`). Only the figures of
    a whole park (or part of it) seen by park-wide users, or of one enterprise, are shared between users: the same
    key always means the same rows."""
    if not (park_wide or filters.enterprise is not None):
        return figures(park, user, filters)
    key = "analysis-figures:" + hashlib.sha256(repr((
        park.pk, park.gwp_set, data_version(park), get_language(), filters.year, filters.zone, filters.industry, filters.enterprise,
        filters.include_drafts)).encode()).hexdigest()
    result = cache.get(key)
    if result is None:
        result = figures(park, user, filters)
        cache.set(key, result, CACHE_SECONDS)
    return result


def figures(park, user, filters: Filters) -> Figures:
    """The dashboard of ``park`` as ``user`` may see it, for ``filters``."""
    inventories = scoped_inventories(park, user, filters)
    _ensure_gas_tonnes(inventories)
    _ensure_activity_tonnes(inventories)
    net = filters.is_part_of_park
    years = annual(park, inventories, net)
    result = Figures(years=list(years), gwp_set=park.gwp_set, totals={y: v["co2e"] for y, v in years.items()},
                     n_inventories={y: v["n"] for y, v in years.items()})
    if not filters.include_drafts:  # by design only submitted inventories count: name the years left out
        drafts = scoped_inventories(park, user, replace(filters, include_drafts=True)).filter(
            status__in=EDITABLE_STATUSES).order_by().values_list("year", flat=True).distinct()
        result.draft_years = sorted(set(drafts) - set(years))
    if not years:
        return result
    year = filters.year if filters.year in years else max(years)
    result.year = year
    result.asked_year = filters.year if filters.year is not None and filters.year != year else None
    t = "t CO2e"
    values = [years[y]["co2e"] for y in years]
    result.charts.append(Chart("trend", _("Total CO2e by year"), "trend", t,
                               [_("Year"), _("Total CO2e"), _("Linear trend")],
                               [[str(y), round(v, 3), round(f, 3)] for y, v, f in zip(years, values, linear_fit(values),
                                                                                      strict=True)]))
    result.charts.extend(_structure(park, inventories.filter(year=year), net, t))
    result.charts.extend(_intensities(park, years, filters))
    product = _product_intensity(park, inventories)
    if product is not None:
        result.charts.append(product)
    return result


def _product_intensity(park, inventories) -> Chart | None:
    """t CO2e per unit of each main product, by year, from the product outputs of the inventories' basic information
    (Benchmarks). Only inventories reporting one product count: a site's CO2e is not split among several products."""
    from parkcarbon.benchmarking.library import load as benchmark_library
    from parkcarbon.benchmarking.models import ProductOutput

    outputs = list(ProductOutput.objects.filter(inventory__in=inventories, quantity__gt=0).values_list(
        "inventory_id", "inventory__year", "product", "quantity"))
    products_of = Counter(inventory_id for inventory_id, *_rest in outputs)
    single = [row for row in outputs if products_of[row[0]] == 1]
    co2e = dict(ResultSnapshot.objects.filter(inventory__in=[row[0] for row in single]).annotate(
        c=Cast(KT(f"gas_tonnes__gwp__{park.gwp_set}"), FloatField())).values_list("inventory_id", "c"))
    sums: dict[tuple[str, int], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for inventory_id, year, product, quantity in single:
        if co2e.get(inventory_id) is not None:
            sums[product, year][0] += co2e[inventory_id]
            sums[product, year][1] += quantity
    if not sums:
        return None
    library, language = benchmark_library().products, "en" if _english() else "zh"
    products, years = sorted({p for p, _y in sums}), sorted({y for _p, y in sums})
    return Chart("intensity_product", _("Intensity per unit of product"), "lines", _("t CO2e per unit of product"),
                 [_("Year"), *(f"{library[p].name(language)} (t CO2e/{library[p].unit})" for p in products)],
                 [[str(y), *(round(sums[p, y][0] / sums[p, y][1], 6) if (p, y) in sums else None for p in products)]
                  for y in years],
                 note=_("Enterprises reporting one main product (Benchmarks: product output): whole-site CO2e "
                        "divided by that output."))


def _structure(park, inventories, net: bool, unit: str) -> list[Chart]:
    """Charts of one year: sections, gases, scopes, industries, zones, top emitters, energy, Sankey, months."""
    gwp = gwp_values(park.gwp_set)
    lib = load_library()
    english = _english()
    records = inventories.values_list(
        "enterprise_id", "enterprise__name", "enterprise__name_en", "enterprise__industry_code",
        "enterprise__zone__name", "enterprise__zone__name_en", "snapshot__gas_tonnes", "snapshot__energy_by_activity",
        "snapshot__by_month", "snapshot__total_co2e", "snapshot__in_park_supply_co2e")
    sections, scopes, gases, activities = (defaultdict(float) for _i in range(4))
    industries, zones, emitters, energy, months = (defaultdict(float) for _i in range(5))
    divisions: dict[str, str] = {}
    missing: set[str] = set()
    for (ent_id, name, name_en, code, zone, zone_en, tonnes, tce, by_month, reported, in_park) in records:
        memo = in_park if net else 0.0
        co2e = 0.0
        for key, gas_t in tonnes.get("section", {}).items():
            value = _weigh(gas_t, gwp, missing)
            sections[key] += value
            co2e += value
            for gas, amount in gas_t.items():
                gases["CH4" if gas == "CH4_fossil" else gas] += amount * (services.gwp_of(gwp, gas) or 0.0)
        for key, gas_t in tonnes.get("scope", {}).items():
            scopes[key] += _weigh(gas_t, gwp, missing)
        for key, gas_t in tonnes.get("activity", {}).items():
            if not (net and key in IN_PARK_SUPPLY_ACTIVITIES):  # counted at the producer
                activities[key] += _weigh(gas_t, gwp, missing)
        sections["energy"] -= memo
        scopes["2"] -= memo
        gases["CO2"] -= memo
        counted = co2e - memo
        if ent_id is not None:
            if code not in divisions:
                division = industry_lookup(code[:2]) if code else None
                divisions[code] = str(division) if division else (code or "—")
            industries[divisions[code]] += counted
            zones[(zone_en if english and zone_en else zone) or "—"] += counted
            emitters[(name_en if english and name_en else name) or "—"] += counted
        else:
            emitters[_("Park's own sources")] += counted
        for activity, value in (tce or {}).items():
            energy[activity] += value
        scale = counted / reported if reported else 0.0  # months in the park's set, in-park supply netted
        for month, row in (by_month or {}).items():
            months[int(month)] += row.get("co2e", 0.0) * scale
    section_labels = dict(Section.choices)

    def act_name(code: str) -> str:
        act = lib.activities.get(code)
        return (act.name_en if english else act.name_zh) if act else code

    charts = [
        Chart("sections", _("By section"), "pie", unit, [_("Section"), unit],
              _top({str(section_labels.get(k, k)): v for k, v in sections.items()})),
        Chart("gases", _("By gas"), "pie", unit, [_("Gas"), unit], _top(dict(gases))),
        Chart("scopes", _("By scope"), "pie", unit, [_("Scope"), unit],
              _top({_("Scope %(n)s") % {"n": k}: v for k, v in sorted(scopes.items())})),
        Chart("industries", _("By industry"), "hbar", unit, [_("Industry"), unit], _top(dict(industries))),
        Chart("zones", _("By zone"), "bar", unit, [_("Zone"), unit], _top(dict(zones))),
        Chart("top", _("Top emitters"), "hbar", unit, [_("Enterprise"), unit], _top(dict(emitters), 10)),
        Chart("energy", _("Energy mix"), "pie", "tce", [_("Energy carrier"), "tce"],
              _top({act_name(k): v for k, v in energy.items()})),
        Chart("sankey", _("Energy carriers to emissions"), "sankey", unit,
              [_("From"), _("To"), unit], _sankey(activities, lib, act_name, section_labels)),
        Chart("months", _("Monthly profile"), "bar", unit, [_("Month"), unit],
              [[str(m), round(months.get(m, 0.0), 3)] for m in range(1, 13)],
              note=_("Lines entered for the whole year (not by month): %(t)s t CO2e.") % {"t": f"{months[0]:,.1f}"}
              if months.get(0) else ""),
    ]
    if missing:
        charts[0].note = _("GWP set %(gwp)s has no value for %(gases)s; those tonnes are not counted.") % {
            "gwp": park.gwp_set, "gases": ", ".join(sorted(missing))}
    return charts


def _sankey(activities: dict[str, float], lib, act_name, section_labels) -> list[list]:
    """Links energy carrier (or non-energy section) -> scope, largest carriers first, the rest as "Others"."""
    links: dict[tuple[str, str], float] = defaultdict(float)
    scope_names = {1: _("Scope 1: direct"), 2: _("Scope 2: purchased energy"), 3: _("Scope 3")}
    for code, value in activities.items():
        act = lib.activities.get(code)
        scope = scope_names.get(act.scope if act else 1, scope_names[1])
        if act is None or act.section != "energy":
            source = str(section_labels.get(act.section, act.section)) if act else code
        else:
            source = act_name(code)
        links[(source, scope)] += value
    items = sorted(((k, v) for k, v in links.items() if v > 1e-9), key=lambda kv: -kv[1])
    if len(items) > TOP:
        rest = defaultdict(float)
        for (_s, target), v in items[TOP - 1:]:
            rest[target] += v
        items = items[: TOP - 1] + [((_("Other sources"), target), v) for target, v in rest.items()]
    return [[s, target, round(v, 3)] for (s, target), v in items]


def _intensities(park, years: dict[int, dict], filters: Filters) -> list[Chart]:
    labels = [str(y) for y in years]

    def ratio(a, b):
        return round(a / b, 6) if b else None

    output = Chart("intensity_output", _("Intensity per 10^4 yuan of output value"), "lines",
                   _("per 10^4 yuan"), [_("Year"), _("t CO2e per 10^4 yuan of output value"),
                                        _("tce per 10^4 yuan of output value"),
                                        _("t CO2e per 10^4 yuan of value added")],
                   [[y, ratio(v["co2e_output"], v["output"]), ratio(v["tce_output"], v["output"]),
                     ratio(v["co2e_added"], v["added"])] for y, v in zip(labels, years.values(), strict=True)],
                   note=_("Inventories without gross output value (or value added) are left out of that ratio."))
    charts = [output]
    if filters.is_part_of_park and filters.zone is None and not filters.industry and park.area_km2:
        charts.append(Chart("intensity_area", _("Intensity per area"), "lines", _("t CO2e per km²"),
                            [_("Year"), _("t CO2e per km² of park area")],
                            [[y, ratio(v["co2e"], float(park.area_km2))] for y, v in zip(labels, years.values(),
                                                                                  strict=True)],
                            note=_("Park area: %(a)s km².") % {"a": park.area_km2}))
    return charts
