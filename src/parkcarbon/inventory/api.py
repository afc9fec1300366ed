"""Inventories and their activity lines in the API. The same form, checks and services as the UI: an inventory is
created through ``InventoryForm``, lines are checked by the engine (``compute_checked``: values, then the
inventory's guidelines) and saved as a new section version by ``services.replace_section``; submission is
``services.submit``. All or nothing: a request with one bad line saves nothing."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja import Status as Reply

from parkcarbon.api.common import ID_MAX, TEXT, Paging, get_for, page
from parkcarbon.api.errors import ApiError, problem_errors
from parkcarbon.common.policy import can
from parkcarbon.engine import equipment
from parkcarbon.engine.errors import InputError
from parkcarbon.engine.values import compute_checked, method_fields
from parkcarbon.inventory import services
from parkcarbon.inventory.forms import InventoryForm, measured_params
from parkcarbon.inventory.imports import _row_fields
from parkcarbon.inventory.models import EDITABLE_STATUSES, ActivityLine, Inventory
from parkcarbon.parks.models import Enterprise, Park

router = Router(tags=["inventories"])

SectionName = Literal["energy", "ippu", "waste", "afolu"]
MAX_LINES = 100_000  # per request; the body limit (DATA_UPLOAD_MAX_MEMORY_SIZE) usually binds first
DETAIL_LINES = 1000  # lines in the detail answer; the rest through /lines


def inventory_dict(inv: Inventory) -> dict:
    return {"id": inv.pk, "park": inv.park_id, "enterprise": inv.enterprise_id, "year": inv.year,
            "region": inv.region, "division": inv.division, "region_name": inv.region_label, "standard": inv.standard, "gwp_set": inv.gwp_set, "grid_basis": inv.grid_basis,
            "methodologies": inv.methodologies, "status": inv.status, "factor_release": inv.factor_release,
            "output_value_10k_yuan": inv.output_value_10k_yuan, "value_added_10k_yuan": inv.value_added_10k_yuan,
            "updated_at": inv.updated_at.isoformat()}


def totals_dict(inv: Inventory) -> dict | None:
    snap = getattr(inv, "snapshot", None)
    if snap is None:
        return None
    return {"total_co2e": snap.total_co2e, "total_co2e_market": snap.total_co2e_market,
            "biogenic_co2": snap.biogenic_co2, "uncertainty_pct": snap.uncertainty_pct, "energy_tce": snap.energy_tce,
            "gwp_set": snap.gwp_set, "engine_version": snap.engine_version, "library_version": snap.library_version,
            "computed_at": snap.computed_at.isoformat(), "by_section": snap.by_section, "by_scope": snap.by_scope,
            "by_gas": snap.by_gas, "by_month": snap.by_month, "by_category": snap.by_category}


LINE_VALUES = ("pk", "version__section", "activity", "amount", "unit", "month", "sector", "ad_uncertainty_pct",
               "measured", "extra", "note")


def line_dict(values: tuple) -> dict:
    line = dict(zip(("id", "section", *LINE_VALUES[2:]), values, strict=True))
    line["equipment"] = (line["extra"] or {}).get(equipment.COLUMN, "")  # also in extra, where it is stored
    return line


class InventoryFilter(Paging):
    year: int | None = Field(None, ge=1900, le=2200)
    park: int | None = Field(None, ge=1, le=ID_MAX)
    enterprise: int | None = Field(None, ge=1, le=ID_MAX)
    status: str | None = Field(None, max_length=20, pattern=TEXT)


@router.get("/inventories", url_name="inventories")
def inventories(request, filters: Query[InventoryFilter]):
    qs = Inventory.objects.for_user(request.user).select_related("snapshot").order_by("-year", "pk")
    for name in ("year", "park", "enterprise", "status"):
        if getattr(filters, name) is not None:
            qs = qs.filter(**{name: getattr(filters, name)})
    return page(qs, filters.offset, filters.limit, lambda inv: {**inventory_dict(inv), "totals": totals_dict(inv)})


class InventoryIn(Schema):
    """The basic information of the UI's form. The boundary is one enterprise, or (no enterprise) the park's own
    sources. Empty ``methodologies``/``gwp_set``: the guideline proposed for the boundary and its GWP set."""

    park: int | None = Field(None, ge=1, le=ID_MAX)
    enterprise: int | None = Field(None, ge=1, le=ID_MAX)
    year: int = Field(ge=1900, le=2200)
    division: str = Field("", max_length=6, pattern=TEXT,
                          description="GB/T 2260 code, province to county (e.g. 320583); its province sets the grid")
    region: str = Field("", max_length=12, pattern=TEXT,
                        description="Before divisions: a province code (CN-JS) or a GB/T 2260 code; used without division")
    methodologies: list[str] = Field(default_factory=list, max_length=20)
    standard: str = Field("cn_enterprise", max_length=20, pattern=TEXT)
    gwp_set: str = Field("", max_length=8, pattern=TEXT)
    grid_basis: str = Field("reporting", max_length=12, pattern=TEXT)
    output_value_10k_yuan: float | None = Field(None, ge=0, le=1e12)
    value_added_10k_yuan: float | None = Field(None, ge=-1e12, le=1e12)
    contact_name: str = Field("", max_length=60, pattern=TEXT)
    contact_phone: str = Field("", max_length=30, pattern=TEXT)


@router.post("/inventories", url_name="inventory_create", response={201: dict})
def create_inventory(request, payload: InventoryIn):
    user = request.user
    if payload.enterprise is not None:
        entity = get_for(request, Enterprise, payload.enterprise, "add_inventory")
        boundary = f"enterprise:{entity.pk}"
    elif payload.park is not None:
        entity = get_for(request, Park, payload.park, "add_inventory")
        boundary = f"park:{entity.pk}"
    else:
        raise ApiError(_("Give an enterprise, or a park for the park's own sources."),
                       [{"field": "enterprise", "message": _("This field is required.")}])
    data = {**payload.model_dump(exclude={"park", "enterprise"}), "boundary": boundary}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    region_field = "division" if payload.division or not payload.region else "region"
    if region_field == "region":
        data.pop("division")  # an older client: the form reads the province (or code) from region
    form = InventoryForm(data, user=user)
    if not form.is_valid():
        errors = [{**e, "field": region_field if e["field"] == "division" else e["field"]} for e in form_errors(form)]
        raise ApiError(_("The basic information has problems; nothing was saved."), errors)
    form.instance.created_by = user
    inventory = form.save()
    return Reply(201, inventory_dict(inventory))


def form_errors(form) -> list[dict]:
    return [{"field": "" if name == "__all__" else name, "message": str(message)}
            for name, messages in form.errors.items() for message in messages]


@router.get("/inventories/{inventory_id}", url_name="inventory")
def inventory_detail(request, inventory_id: int):
    inv = get_for(request, Inventory.objects.select_related("snapshot"), inventory_id)
    lines = services.current_lines(inv)
    count = lines.count()
    return {**inventory_dict(inv), "totals": totals_dict(inv), "line_count": count,
            "lines": [line_dict(v) for v in lines.values_list(*LINE_VALUES)[:DETAIL_LINES]],
            "lines_truncated": count > DETAIL_LINES,
            "may_change": inv.status in EDITABLE_STATUSES and can(request.user, "change", inv),
            "may_submit": inv.status in EDITABLE_STATUSES and can(request.user, "submit", inv)}


@router.get("/inventories/{inventory_id}/totals", url_name="inventory_totals")
def inventory_totals(request, inventory_id: int):
    inv = get_for(request, Inventory.objects.select_related("snapshot"), inventory_id)
    return {"id": inv.pk, "status": inv.status, "totals": totals_dict(inv)}


class LineFilter(Paging):
    section: SectionName | None = None


@router.get("/inventories/{inventory_id}/lines", url_name="inventory_lines")
def lines(request, inventory_id: int, filters: Query[LineFilter]):
    inv = get_for(request, Inventory, inventory_id)
    qs = services.current_lines(inv)
    if filters.section:
        qs = qs.filter(version__section=filters.section)
    return page(qs.values_list(*LINE_VALUES), filters.offset, filters.limit, line_dict)


class Measured(Schema):
    value: float
    unit: str = ""


class LineIn(Schema):
    id: int | None = Field(None, ge=1, le=ID_MAX, description="An existing line of the section to replace")
    # values are checked by the engine (check_values: bounds, control characters, lengths), as for uploads
    activity: str
    amount: float
    unit: str
    month: int = Field(0, description="1-12, or 0 for the whole year")
    sector: str = ""
    ad_uncertainty_pct: float | None = None
    measured: dict[str, Measured] = Field(default_factory=dict, description="Tier-2 parameters, e.g. ncv (an activity's are listed by GET /activities: parameters)")
    extra: dict[str, float | str] = Field(default_factory=dict, description="Method fields, e.g. deposit_year, refrigerant, nameplate_new, evidence (an activity's are "
                                                      "listed by GET /activities: fields)")
    equipment: str = Field("", max_length=40, description=(
        "Fuel combustion lines only, optional: the combustion equipment, kiln / industrial_boiler / other_equipment "
        "(or 窑炉 / 工业锅炉 / 其他燃烧设备). Where the guideline gives a default per equipment (coal's oxidation rate in "
        "the cement and flat glass guidelines, Table 2.3) the line takes that equipment's value; empty: the "
        "guideline's default. Stored in extra.equipment as its code."))
    note: str = ""


class LinesIn(Schema):
    section: SectionName
    replace: bool = Field(False, description="Replace the section's lines (else: update by id, add the others)")
    lines: list[LineIn] = Field(max_length=MAX_LINES)


def _engine_row(i: int, line: LineIn) -> dict:
    row = {"row_id": str(i), "activity": line.activity, "amount": line.amount, "unit": line.unit,
           "month": line.month, "sector": line.sector or None, "ad_uncertainty_pct": line.ad_uncertainty_pct,
           "note": line.note}
    for name, spec in line.measured.items():
        row[name], row[f"{name}_unit"] = spec.value, spec.unit
    row.update(line.extra)
    if line.equipment.strip():
        row[equipment.COLUMN] = line.equipment
    return row


def _stored(line: LineIn) -> dict:
    extra = dict(line.extra)
    if line.equipment.strip():
        extra[equipment.COLUMN] = line.equipment
    if equipment.COLUMN in extra:  # checked by the engine: stored as its code
        extra[equipment.COLUMN] = equipment.canonical(extra[equipment.COLUMN]) or extra[equipment.COLUMN]
        if not extra[equipment.COLUMN]:
            del extra[equipment.COLUMN]
    return {"activity": line.activity.strip(), "amount": line.amount, "unit": line.unit.strip(), "month": line.month,
            "sector": line.sector.strip(), "ad_uncertainty_pct": line.ad_uncertainty_pct,
            "measured": {k: {"value": v.value, "unit": v.unit.strip()} for k, v in line.measured.items()},
            "extra": extra, "note": line.note}


def _field_problems(payload: LinesIn, existing: dict) -> list[dict]:
    """What the engine cannot see: parameter and field names of another section, ids of no current line."""
    params = {p.name for p in measured_params(payload.section)}
    fields = set(_row_fields(payload.section))
    errors = []
    for i, line in enumerate(payload.lines, start=1):
        errors += [{"field": f"lines[{i}].measured.{k}", "message": _("Not a measured parameter of this section.")}
                   for k in line.measured if k not in params]
        errors += [{"field": f"lines[{i}].extra.{k}", "message": _("Not a field of this section's methods.")}
                   for k in line.extra if k not in fields]
        if line.id is not None and not payload.replace and line.id not in existing:
            errors.append({"field": f"lines[{i}].id", "message": _("No such line in the section's current data.")})
    return errors


def _line_errors(problems, payload: LinesIn) -> list[dict]:
    """Engine problems named where a line of this API carries the value: a measured parameter as
    ``lines[2].measured.ncv`` (its unit ``lines[2].measured.ncv.unit``), a method field as ``lines[2].extra.evidence``,
    the line's own fields as ``lines[2].month`` (the combustion equipment where the line gave it: ``equipment`` or
    ``extra.equipment``)."""
    section = payload.section
    params = {p.name for p in measured_params(section)}
    fields = set(method_fields())
    errors = problem_errors(problems)
    for error, p in zip(errors, problems, strict=False):
        if p.row in ("", "-"):
            continue
        column = p.column
        if column in params:
            where = f"measured.{column}"
        elif column.endswith("_unit") and column[:-5] in params:
            where = f"measured.{column[:-5]}.unit"
        elif column == equipment.COLUMN and _equipment_on_top(payload, p.row):
            where = column
        elif column in fields:
            where = f"extra.{column}"
        else:
            continue
        error["field"] = f"lines[{p.row}].{where}"
    return errors


def _equipment_on_top(payload: LinesIn, row) -> bool:
    try:
        return bool(payload.lines[int(row) - 1].equipment.strip())
    except (ValueError, IndexError):
        return False


def stored_lines(version, exclude=None) -> dict[int, dict]:
    """The stored fields of a version's lines by pk, in order, with the evidence file's stored name."""
    lines = ActivityLine.objects.filter(version=version).order_by("position", "pk")
    if exclude is not None:
        lines = lines.exclude(exclude)
    return {pk: dict(zip((*services.LINE_FIELDS, "evidence"), values, strict=True))
            for pk, *values in lines.values_list("pk", *services.LINE_FIELDS, "evidence")}


def save_section(inventory, section: str, rows: list[dict], user, file_name: str):
    """``services.replace_section`` (a new version, the snapshot refreshed), then the evidence files of lines
    carried over from the previous version attached to their copies (the bulk insert stores lines without files)."""
    evidence = {i: row.pop("evidence", "") for i, row in enumerate(rows)}
    version = services.replace_section(inventory, section, rows, user, file_name=file_name)
    for position, name in evidence.items():
        if name:
            ActivityLine.objects.filter(version=version, position=position).update(evidence=name)
    return version


@router.post("/inventories/{inventory_id}/lines", url_name="inventory_lines_upsert")
def upsert_lines(request, inventory_id: int, payload: LinesIn):
    """Bulk upsert of one section's lines, all or nothing: lines with an ``id`` replace that line, the others are
    added (``replace``: the given lines become the section's data). The result is a new version of the section;
    earlier versions stay readable."""
    inv = get_for(request, Inventory, inventory_id, "change")
    if inv.status not in EDITABLE_STATUSES:
        raise ApiError(_("The inventory is submitted and read-only."), status=409)
    current = services.current_versions(inv).get(payload.section)
    existing = stored_lines(current) if current is not None and not payload.replace else {}
    errors = _field_problems(payload, existing)
    if errors:
        raise ApiError(_("The activity data has problems; nothing was saved."), errors)
    rows = [_engine_row(i, line) for i, line in enumerate(payload.lines, start=1)]
    if rows:  # the engine's value check, then the inventory's guidelines and the calculation
        try:
            compute_checked(rows, lambda checked: services.calculate_rows(inv, checked))
        except InputError as exc:
            raise ApiError(_("The activity data has problems; nothing was saved."),
                           _line_errors(exc.problems, payload)) from exc
    given = {line.id: _stored(line) for line in payload.lines if line.id is not None and not payload.replace}
    merged = [given.get(pk) or fields for pk, fields in existing.items()]
    merged += [_stored(line) for line in payload.lines if line.id is None or payload.replace]
    with transaction.atomic():
        try:
            version = save_section(inv, payload.section, merged, request.user, "API")
        except PermissionDenied as exc:  # submitted meanwhile
            raise ApiError(_("The inventory is submitted and read-only."), status=409) from exc
    inv.refresh_from_db()
    return {"section": payload.section, "version": version.number, "line_count": len(merged),
            "updated": len(given), "added": len(merged) - len(existing),
            "totals": totals_dict(Inventory.objects.select_related("snapshot").get(pk=inv.pk))}


class SubmitIn(Schema):
    note: str = Field("", max_length=500)


@router.post("/inventories/{inventory_id}/submit", url_name="inventory_submit")
def submit(request, inventory_id: int, payload: SubmitIn | None = None):
    inv = get_for(request, Inventory, inventory_id, "submit")
    if inv.status not in EDITABLE_STATUSES:
        raise ApiError(_("The inventory is submitted and read-only."), status=409)
    try:
        services.submit(inv, request.user, note=payload.note if payload else "")
    except PermissionDenied as exc:
        raise ApiError(_("The inventory cannot be submitted now (an upload is being processed, or it was submitted "
                         "meanwhile)."), status=409) from exc
    inv.refresh_from_db()
    return inventory_dict(inv)

