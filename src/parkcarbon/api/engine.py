"""The accounting engine as a service (calculation without saving) and its reference data: activities, factors and
methodologies, each with the source document it cites. Lives here, not in ``parkcarbon.engine``: the engine has no
Django imports."""

from __future__ import annotations

from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from parkcarbon.api.common import MAX_PAGE, TEXT, Paging
from parkcarbon.api.errors import ApiError, problem_errors
from parkcarbon.engine import Options, calculate, load_library
from parkcarbon.engine import methodology as M
from parkcarbon.engine.calculate import GRID_BASES, GWP_SETS
from parkcarbon.engine.errors import EngineError, InputError
from parkcarbon.engine.methods import METHODS
from parkcarbon.engine.units import dimension_of
from parkcarbon.engine.values import FIELDS, IDENTITY_FIELDS, compute_checked

router = Router(tags=["engine"])

MAX_ROWS = 50_000
Cell = float | int | str | None


class CalcIn(Schema):
    """Rows as in the Excel template (one dict per activity line, the template's field names: activity, amount,
    unit, month, sector, enterprise, measured parameters such as ncv and ncv_unit ...)."""

    year: int = Field(ge=1900, le=2200)
    region: str = Field(max_length=12, pattern=TEXT)
    gwp: str | None = Field(None, max_length=8, description=f"One of {', '.join(GWP_SETS)}; empty: the guideline's")
    grid_basis: Literal[tuple(GRID_BASES)] | None = None  # type: ignore[valid-type]
    methodologies: list[str] = Field(default_factory=list, max_length=20)
    rows: list[dict[str, Cell]] = Field(max_length=MAX_ROWS)


@router.post("/calculate", url_name="calculate")
def calculate_rows(request, payload: CalcIn):
    """Compute rows without saving anything: every problem of the input at once (422), or the result (per-line
    tonnes per gas, CO2e, factors used with their sources, totals by gas, section, scope and category)."""
    lib = load_library()
    errors = []
    if payload.region not in lib.regions:
        errors.append({"field": "region", "message": _("Unknown region code.")})
    if payload.gwp and payload.gwp not in GWP_SETS:
        errors.append({"field": "gwp", "message": _("Choose one of the allowed values.")})
    unknown = [m for m in payload.methodologies if m not in M.methodologies()]
    errors += [{"field": "methodologies", "message": _("Unknown methodology: %(id)s") % {"id": m[:60]}} for m in unknown]
    if not lib.first_year <= payload.year <= lib.last_year:
        errors.append({"field": "year", "message": _("Enter a year from %(a)s to %(b)s.")
                       % {"a": lib.first_year, "b": lib.last_year}})
    if errors:
        raise ApiError(_("The request has invalid values; nothing was computed."), errors)
    rows = [{**row, "row_id": str(i)} for i, row in enumerate(payload.rows, start=1)]
    if payload.methodologies:
        def compute(checked):
            return M.calculate_enterprise(payload.methodologies, checked, payload.year, payload.region,
                                          gwp=payload.gwp or None, grid_basis=payload.grid_basis)
    else:
        options = Options(year=payload.year, region=payload.region, gwp=payload.gwp or Options.gwp,
                          grid_basis=payload.grid_basis or "reporting")

        def compute(checked):
            return calculate(checked, options)
    if not rows:
        raise ApiError(_("Give at least one row."), [{"field": "rows", "message": _("This field is required.")}])
    try:
        return compute_checked(rows, compute).to_dict()
    except InputError as exc:  # named after this body's field, rows[n] (the stored-lines endpoints say lines[n])
        raise ApiError(_("The activity data has problems; nothing was computed."),
                       problem_errors(exc.problems, prefix="rows")) from None


def source_dict(source_id: str) -> dict:
    s = load_library().sources.get(source_id, {})
    return {"id": source_id, **{k: s.get(k, "") for k in ("title", "publisher", "document", "year", "url")}}


class FactorFilter(Paging):
    q: str = Field("", max_length=100, pattern=TEXT, description="Part of the id, subject, parameter or source")
    subject: str = Field("", max_length=60, pattern=TEXT, description="Activity or fuel the factor applies to")
    param: str = Field("", max_length=40, pattern=TEXT)
    region: str = Field("", max_length=12, pattern=TEXT)
    year: int | None = Field(None, ge=1900, le=2200, description="Only factors valid in this year")


@router.get("/factors", url_name="factors")
def factors(request, filters: Query[FactorFilter]):
    """The cited factor library: every value with unit, region, validity, uncertainty and source document."""
    q = filters.q.lower()
    found = [f for f in load_library().factors.values()
             if (not q or q in f"{f.id} {f.subject} {f.param} {f.source} {f.table}".lower())
             and (not filters.subject or f.subject == filters.subject)
             and (not filters.param or f.param == filters.param)
             and (not filters.region or f.region == filters.region)
             and (filters.year is None or f.valid_from <= filters.year <= f.valid_to)]
    items = found[filters.offset:filters.offset + min(filters.limit, MAX_PAGE)]
    return {"count": len(found), "offset": filters.offset, "limit": filters.limit, "items": [
        {"id": f.id, "subject": f.subject, "param": f.param, "gas": f.gas, "qualifier": f.qualifier,
         "region": f.region, "valid_from": f.valid_from, "valid_to": f.valid_to, "value": f.value, "unit": f.unit,
         "uncertainty_pct": f.uncertainty_pct, "dataset": f.dataset, "table": f.table, "note": f.note,
         "source": source_dict(f.source)} for f in items]}


class ActivityFilter(Paging):
    section: Literal["energy", "ippu", "waste", "afolu"] | None = None
    q: str = Field("", max_length=100, pattern=TEXT)


@router.get("/activities", url_name="activities")
def activities(request, filters: Query[ActivityFilter]):
    """The activity catalogue: per activity its names, section, category, method (title and the source equation it
    follows), default unit and scope, and what a line of it may carry: ``quantities`` (quantity -> the method's unit,
    e.g. mass -> t, energy -> GJ), ``parameters`` (give one measured as ``measured.<name>`` = value + unit; label_en,
    label_zh, unit, required, needed_for) and ``fields`` (method fields sent in ``extra``: deposit_year, refrigerant,
    nameplate_new / nameplate_retired, evidence ...; label_en, label_zh, required)."""
    q = filters.q.lower()
    found = [a for a in load_library().activities.values()
             if (filters.section is None or a.section == filters.section)
             and (not q or q in f"{a.code} {a.name_en}".lower() or filters.q in a.name_zh)]
    items = found[filters.offset:filters.offset + filters.limit]
    return {"count": len(found), "offset": filters.offset, "limit": filters.limit, "items": [
        {"code": a.code, "name_zh": a.name_zh, "name_en": a.name_en, "section": a.section, "category": a.category,
         "method": a.method, "default_unit": a.default_unit, "scope": a.scope, **activity_inputs(a)} for a in items]}


def activity_inputs(a) -> dict:
    """What a line of the activity may carry besides amount and unit, as the entry form and the template offer it:
    the quantities its amount may be given in (with the method's unit for each), the parameters that may be given
    measured (``measured`` of a line; unit for the default unit's quantity) and the method fields (``extra`` of a
    line: deposit year, refrigerant, nameplate capacities, evidence ...), each labelled in both languages."""
    method = METHODS[a.method]
    dimension = dimension_of(a.default_unit)
    amount_unit = method.units.get(dimension) or next(iter(method.units.values()))
    return {
        "method_title_en": method.title_en, "method_title_zh": method.title_zh, "method_reference": method.reference,
        "quantities": {d: method.units[d] for d in a.dimensions if d in method.units},
        "parameters": [{"name": p.name, "unit": p.unit.format(amount=amount_unit), "gas": p.gas,
                        "label_en": p.label_en, "label_zh": p.label_zh, "required": p.required,
                        "needed_for": list(p.needed_for or ())} for p in method.params if p.overridable],
        "fields": [{"key": f, "label_en": FIELDS[f].label_en, "label_zh": FIELDS[f].label_zh,
                    "required": FIELDS[f].required} for f in method.row_fields if f not in IDENTITY_FIELDS],
    }


def methodology_dict(m, full: bool = False) -> dict:
    out = {"id": m.id, "title_zh": m.title_zh, "title_en": m.title_en, "issuer_zh": m.issuer_zh,
           "issuer_en": m.issuer_en, "document": m.document, "year": m.year, "status": m.status, "level": m.level,
           "industries": list(m.industries), "gwp": m.gwp, "grid_basis": m.grid_basis, "datasets": list(m.datasets),
           "source": source_dict(m.source)}
    if full:
        out["categories"] = [{"id": c.id, "title_zh": c.title_zh, "title_en": c.title_en, "section": c.section,
                              "scope": c.scope, "gases": list(c.gases), "activities": list(c.activities),
                              "units": list(c.units), "note": c.note} for c in m.categories]
        out["note"] = m.note
    return out


class MethodologyFilter(Paging):
    q: str = Field("", max_length=100, pattern=TEXT, description="Part of the id, title or document number")
    industry: str = Field("", max_length=5, pattern=TEXT, description="GB/T 4754-2017 industry code, e.g. 3120")


@router.get("/methodologies", url_name="methodologies")
def methodologies(request, filters: Query[MethodologyFilter]):
    q = filters.q.lower()
    found = [m for m in M.methodologies().values()
             if not q or q in f"{m.id} {m.title_en} {m.document}".lower() or filters.q in m.title_zh]
    if filters.industry:  # the guidelines applying to the industry, most specific first (as the UI proposes them)
        try:
            ranked = [m.id for m in M.propose(filters.industry)]
        except (ValueError, KeyError, EngineError):
            ranked = []
        found = sorted((m for m in found if m.id in ranked), key=lambda m: ranked.index(m.id))
    items = found[filters.offset:filters.offset + filters.limit]
    return {"count": len(found), "offset": filters.offset, "limit": filters.limit,
            "items": [methodology_dict(m) for m in items]}


@router.get("/methodologies/{methodology_id}", url_name="methodology")
def methodology(request, methodology_id: str):
    m = M.methodologies().get(methodology_id)
    if m is None:
        from django.http import Http404

        raise Http404
    return methodology_dict(m, full=True)
