"""The content of a disclosure, frozen when it is submitted for approval: only the items the discloser included,
each figure marked verified or not, both languages' labels, and the coverage of the chosen frameworks. The public
page and every download are rendered from this frozen copy alone (never from live data).

``build_snapshot`` refuses (``ValidationError`` listing every problem) anything that cannot be disclosed as asked:
an unverified figure without the "unverified" label, an item without data, a correction without its reason.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from parkcarbon.disclosure import frameworks, hooks
from parkcarbon.disclosure.figures import Figures, figures_for
from parkcarbon.disclosure.items import FIGURE_ITEMS, ITEMS
from parkcarbon.inventory.models import GRID_BASIS_LABELS, Standard
from parkcarbon.reports.content.labels import CATEGORIES, GASES, SECTIONS

SCHEMA = "https://parkcarbon.org/schemas/disclosure/1"
UNIT = "t CO2e"


def both(label, params: dict | None = None) -> dict:
    """A translatable label in both languages (frozen: the published text does not change with a new catalog).
    ``label`` must be lazy (gettext_lazy): an eager gettext has already chosen the submitter's language, and the
    public page in the other language then showed it (the QA walk found English boundary text on zh pages)."""
    out = {}
    for key, language in (("zh", "zh-hans"), ("en", "en")):
        with override(language):
            out[key] = str(label) % params if params else str(label)
    return out


def _guideline_names(codes: list[str]) -> list[dict]:
    """The inventory's guideline codes as their titles in both languages (an unknown code stays a code)."""
    from parkcarbon.engine.methodology import methodologies

    known = methodologies()
    return [{"zh": known[c].title_zh, "en": known[c].title_en} if c in known else {"zh": c, "en": c} for c in codes]


def parse_measures(text: str) -> tuple[list[dict], list[str]]:
    """“Measure; expected annual reduction in t CO2e” per line -> rows, problems."""
    rows, problems = [], []
    for n, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        description, _sep, amount = line.partition(";")
        reduction = None
        if amount.strip():
            try:
                reduction = float(amount.strip().replace(",", ""))
            except ValueError:
                problems.append(_("Reduction measures, line %(n)s: the expected reduction “%(value)s” is not a "
                                  "number of tonnes.") % {"n": n, "value": amount.strip()})
                continue
            if not (reduction >= 0 and reduction < 1e12):
                problems.append(_("Reduction measures, line %(n)s: the expected reduction must be zero or more.")
                                % {"n": n})
                continue
        rows.append({"text": description.strip()[:500], "reduction_t": reduction})
    return rows, problems


def _figure_items(f: Figures) -> dict:
    """Every figure item available from ``f`` (None: not available for this entity)."""
    v = f.verified
    intensity = None
    if f.output_10k_yuan or f.value_added_10k_yuan:
        intensity = {"verified": v, "per_output": f.total / f.output_10k_yuan if f.output_10k_yuan else None,
                     "per_value_added": f.total / f.value_added_10k_yuan if f.value_added_10k_yuan else None,
                     "output_10k_yuan": f.output_10k_yuan, "value_added_10k_yuan": f.value_added_10k_yuan,
                     "unit": "t CO2e/10^4 yuan"}
    names = CATEGORIES if f.sources_kind == "category" else SECTIONS
    sources = [{"key": k, "zh": names.get(k, (k, k))[0], "en": names.get(k, (k, k))[1], "co2e": c}
               for k, c in sorted(f.sources.items(), key=lambda kv: -kv[1]) if c]
    return {
        "scope1": {"value": f.scope1, "unit": UNIT, "verified": v},
        "scope2_location": {"value": f.scope2_location, "unit": UNIT, "verified": v},
        "scope2_market": {"value": f.scope2_market, "unit": UNIT, "verified": v},
        "total": {"value": f.total, "value_market": f.total_market, "unit": UNIT, "verified": v},
        "by_gas": {"verified": v, "unit": UNIT, "rows": [
            {"gas": g, "label": GASES.get(g, g), "tonnes": d["tonnes"], "co2e": d["co2e"]}
            for g, d in sorted(f.by_gas.items(), key=lambda kv: -(kv[1]["co2e"] or 0)) if d["co2e"]]},
        "sources": {"verified": v, "unit": UNIT, "kind": f.sources_kind, "rows": sources},
        "biogenic": None if f.biogenic is None else {"value": f.biogenic, "unit": "t CO2", "verified": v},
        "energy": {"value": f.energy_tce, "unit": "tce", "verified": v},
        "intensity": intensity,
    }


def _method(f: Figures, disclosure) -> dict:
    m = f.method
    if m.get("standard") == "park_total":
        text = both(gettext_lazy("Park total of the enterprise inventories and the park's own sources (%(counted)s "
                                 "enterprises counted), every gas weighed with the park's GWP set %(gwp)s; energy "
                                 "supplied inside the park is counted once, at the producer."),
                    {"counted": f.counted, "gwp": f.gwp_set})
        return {"gwp_set": f.gwp_set, "boundary": text, "standard": both(gettext_lazy("Park inventory"))}
    standard = dict(Standard.choices).get(m.get("standard"), m.get("standard", ""))
    codes = m.get("methodologies", [])
    return {"gwp_set": m.get("gwp_set", ""), "standard": both(standard), "methodologies": codes,
            "methodology_names": _guideline_names(codes),
            "grid_factor": both(GRID_BASIS_LABELS.get(m.get("grid_basis"), m.get("grid_basis", ""))),
            "region": m.get("region", ""),
            "boundary": both(gettext_lazy("Operational control: the enterprise's facilities in the park; scope 1 and "
                                          "scope 2 (purchased electricity and heat). Scope 3 is not accounted."))}


def _target(disclosure) -> dict:
    d = disclosure
    return {"metric": d.target_metric, "metric_label": both(dict(d._meta.get_field("target_metric").choices)
                                                            .get(d.target_metric, "")),
            "scopes": d.target_scopes, "base_year": d.target_base_year, "base_value": d.target_base_value,
            "target_year": d.target_year, "reduction_pct": d.target_reduction_pct, "net": d.target_net,
            "carbon_credits": d.target_credits, "description": d.target_description}


def _party(disclosure) -> dict:
    e, p = disclosure.enterprise, disclosure.park
    park = {"code": p.code, "name": p.name, "name_en": p.name_en or p.name, "province": p.province, "city": p.city}
    if e is None:
        return {"park": park, "entity": {"kind": "park", "name": p.name, "name_en": p.name_en or p.name}}
    return {"park": park, "entity": {"kind": "enterprise", "name": e.name, "name_en": e.name_en or e.name,
                                     "credit_code": e.credit_code, "industry_code": e.industry_code}}


def build_snapshot(disclosure, prepared_by_name: str = "") -> dict:
    """The content to approve and publish; ValidationError lists every problem (nothing is frozen then)."""
    problems: list[str] = []
    included = [k for k in ITEMS if k in set(disclosure.items)]
    if not included:
        problems.append(_("Choose at least one item to disclose."))
    if disclosure.version > 1 and not disclosure.correction_reason.strip():
        problems.append(_("A correction needs its reason."))
    year = disclosure.year
    figures = figures_for(disclosure)
    wants_figures = any(k in FIGURE_ITEMS or k in ("method", "verification") for k in included if k != "previous_year")
    available: dict = _figure_items(figures) if figures else {}
    data: dict = {}
    if wants_figures and figures is None:
        problems.append(_("There are no figures of %(entity)s for %(year)s: the inventory has no results (or, for the "
                          "park, no inventory is counted).") % {"entity": disclosure.entity_name, "year": year})
    elif figures is not None and wants_figures and not figures.verified and not disclosure.label_unverified:
        problems.append(_("The figures of %(year)s are not verified. Wait for the verifier's conclusion, or include "
                          "them labelled “unverified”.") % {"year": year})
    for key in included:
        if key in FIGURE_ITEMS and key != "previous_year" and figures is not None:
            if available.get(key) is None:
                problems.append(_("“%(item)s” is not available for this entity and year.") % {"item": ITEMS[key].label})
            else:
                data[key] = available[key]
    if "previous_year" in included:
        previous = figures_for(disclosure, year - 1)
        if previous is None:
            problems.append(_("There are no figures for %(year)s, the previous year.") % {"year": year - 1})
        elif not previous.verified and not disclosure.label_unverified:
            problems.append(_("The figures of %(year)s (the previous year) are not verified; include them labelled "
                              "“unverified” or leave the item out.") % {"year": year - 1})
        else:
            data["previous_year"] = {"year": year - 1, "value": previous.total, "unit": UNIT,
                                     "verified": previous.verified}
    if "method" in included and figures is not None:
        data["method"] = _method(figures, disclosure)
    if "verification" in included:
        if figures is None or not figures.conclusion:
            problems.append(_("There is no positive verification conclusion to disclose for %(year)s.") % {"year": year})
        else:
            data["verification"] = figures.conclusion
    if "targets" in included:
        d = disclosure
        if not (d.target_metric and d.target_scopes and d.target_base_year and d.target_year
                and d.target_reduction_pct is not None):
            problems.append(_("The reduction target needs its metric, scopes, base year, target year and reduction."))
        elif d.target_year <= d.target_base_year:
            problems.append(_("The target year must come after the base year."))
        else:
            data["targets"] = _target(d)
    if "measures" in included:
        rows, measure_problems = parse_measures(disclosure.measures)
        problems += measure_problems
        if not rows and not measure_problems:
            problems.append(_("Describe at least one reduction measure, or leave the item out."))
        data["measures"] = rows
    if "carbon_assets" in included:
        assets = hooks.carbon_assets(disclosure.park, disclosure.enterprise, year)
        if assets is None:
            problems.append(_("No carbon asset positions are available for this entity and year."))
        elif not assets["verified"] and not disclosure.label_unverified:
            problems.append(_("The carbon asset positions are not verified; include them labelled “unverified”."))
        else:
            data["carbon_assets"] = assets
    if problems:
        raise ValidationError(problems)
    unverified = sorted(k for k, v in data.items() if isinstance(v, dict) and v.get("verified") is False)
    return {
        "schema": SCHEMA, **_party(disclosure), "year": year, "version": disclosure.version,
        "series": str(disclosure.series), "correction_reason": disclosure.correction_reason.strip(),
        "items": included, "data": data, "unverified_items": unverified, "unverified_labelled": bool(disclosure.label_unverified),
        "frameworks": frameworks.coverage(disclosure.frameworks, set(included), disclosure.entity_kind),
        "prepared_by": prepared_by_name, "frozen_at": timezone.now().isoformat(),
    }
