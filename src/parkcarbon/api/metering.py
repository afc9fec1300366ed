"""Metering data from an enterprise's energy monitoring system.

A meter is mapped once to an activity of the enterprise (e.g. grid electricity, in kWh). Each reading is the quantity
measured in the interval ending at its timestamp; it is stored once per (meter, timestamp): sending the same
reading again changes nothing, a different quantity for a stored time is refused (409). Readings are aggregated per
calendar month (in the platform's time zone) into activity lines of a draft inventory of the enterprise, saved as a
new section version through the same service as uploads; months without readings are reported as gaps.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja import Status as Reply

from parkcarbon.api.common import ID_MAX, TEXT, Paging, get_for, page
from parkcarbon.api.errors import ApiError
from parkcarbon.api.models import Meter, MeterReading
from parkcarbon.engine import load_library, units
from parkcarbon.engine.errors import UnitError
from parkcarbon.engine.values import MAX_AMOUNT, compute_checked
from parkcarbon.inventory import services
from parkcarbon.inventory.api import save_section, stored_lines
from parkcarbon.inventory.models import EDITABLE_STATUSES, Inventory
from parkcarbon.parks.models import Enterprise

router = Router(tags=["metering"])

MAX_READINGS = 50_000  # per request
NOTE_PREFIX = "meter:"  # the note of a line made from a meter: replaced on the next aggregation, others kept


def meter_dict(m: Meter) -> dict:
    return {"id": m.pk, "enterprise": m.enterprise_id, "code": m.code, "activity": m.activity, "section": m.section,
            "unit": m.unit, "name": m.name}


class MeterFilter(Paging):
    enterprise: int | None = Field(None, ge=1, le=ID_MAX)


@router.get("/meters", url_name="meters")
def meters(request, filters: Query[MeterFilter]):
    qs = Meter.objects.for_user(request.user).order_by("pk")
    if filters.enterprise is not None:
        qs = qs.filter(enterprise=filters.enterprise)
    return page(qs, filters.offset, filters.limit, meter_dict)


class MeterIn(Schema):
    enterprise: int = Field(ge=1, le=ID_MAX)
    code: str = Field(min_length=1, max_length=100, pattern=TEXT, description="The meter's id in the metering system")
    activity: str = Field(max_length=60, pattern=TEXT, description="Activity code, e.g. electricity_grid")
    unit: str = Field(max_length=20, pattern=TEXT, description="Unit of the lines made from it, e.g. kWh")
    name: str = Field("", max_length=200, pattern=TEXT)


def _unit_problem(unit: str, activity) -> str | None:
    try:
        fits = units.dimension_of(unit) in activity.dimensions
    except UnitError:
        fits = False
    return None if fits else _("Not a unit of this activity's quantity (e.g. %(u)s).") % {"u": activity.default_unit}


@router.post("/meters", url_name="meter_create", response={201: dict})
def create_meter(request, payload: MeterIn):
    enterprise = get_for(request, Enterprise, payload.enterprise, "add_meter")
    activity = load_library().activities.get(payload.activity)
    errors = []
    if activity is None:
        errors.append({"field": "activity", "message": _("Unknown activity code.")})
    elif problem := _unit_problem(payload.unit, activity):
        errors.append({"field": "unit", "message": problem})
    if Meter.objects.filter(enterprise=enterprise, code=payload.code).exists():
        errors.append({"field": "code", "message": _("The enterprise has a meter with this id already.")})
    if errors:
        raise ApiError(_("The meter has problems; nothing was saved."), errors)
    meter = Meter.objects.create(enterprise=enterprise, code=payload.code, activity=activity.code,
                                 section=activity.section, unit=payload.unit, name=payload.name)
    return Reply(201, meter_dict(meter))


class ReadingIn(Schema):
    meter: str = Field(min_length=1, max_length=100, pattern=TEXT, description="The meter's id (code)")
    timestamp: datetime = Field(description="End of the measured interval, ISO 8601 (no zone: Asia/Shanghai)")
    quantity: float
    unit: str = Field(max_length=20, pattern=TEXT)


class ReadingsIn(Schema):
    enterprise: int = Field(ge=1, le=ID_MAX)
    readings: list[ReadingIn] = Field(min_length=1, max_length=MAX_READINGS)


def _aware(ts: datetime) -> datetime:
    return timezone.make_aware(ts) if timezone.is_naive(ts) else ts


@router.post("/meters/readings", url_name="meter_readings")
def add_readings(request, payload: ReadingsIn):
    """Store readings, all or nothing. Idempotent on (meter, timestamp)."""
    enterprise = get_for(request, Enterprise, payload.enterprise)
    meters = {m.code: m for m in Meter.objects.for_user(request.user, "add_reading").filter(enterprise=enterprise)}
    if not meters and not Meter.objects.filter(enterprise=enterprise).exists():
        raise ApiError(_("The enterprise has no meters: map its meters first (POST /meters)."), status=422)
    if not meters:
        raise ApiError(_("You may not send readings for this enterprise."), status=403)
    errors, seen, rows = [], {}, []
    for i, r in enumerate(payload.readings, start=1):
        meter = meters.get(r.meter)
        where = f"readings[{i}]"
        if meter is None:
            errors.append({"field": f"{where}.meter", "message": _("No meter with this id in the enterprise.")})
            continue
        if not (math.isfinite(r.quantity) and 0 <= r.quantity <= MAX_AMOUNT):
            errors.append({"field": f"{where}.quantity", "message": _("Enter a quantity from 0 to 10^12.")})
        try:
            units.factor(r.unit, meter.unit)
        except UnitError:
            errors.append({"field": f"{where}.unit", "message": _("Cannot be converted to the meter's unit %(u)s.")
                           % {"u": meter.unit}})
        ts = _aware(r.timestamp)
        key = (meter.pk, ts)
        if key in seen:
            errors.append({"field": f"{where}.timestamp", "message": _("Duplicate of readings[%(n)s] (same meter and "
                                                                       "time).") % {"n": seen[key]}})
        seen[key] = i
        rows.append((i, meter, ts, r))
    if errors:
        raise ApiError(_("The readings have problems; nothing was saved."), errors)
    stored = {(m, ts): (q, u) for m, ts, q, u in MeterReading.objects.filter(
        meter__in=[m.pk for m in meters.values()], timestamp__in={ts for _i, _m, ts, _r in rows}).values_list(
        "meter", "timestamp", "quantity", "unit")}
    new, unchanged = [], 0
    for i, meter, ts, r in rows:
        old = stored.get((meter.pk, ts))
        if old is None:
            new.append(MeterReading(meter=meter, timestamp=ts, quantity=r.quantity, unit=r.unit,
                                    received_by=request.user))
        elif old == (r.quantity, r.unit):
            unchanged += 1
        else:
            errors.append({"field": f"readings[{i}].quantity", "message": _(
                "A different reading of this meter at this time is stored already (%(q)s %(u)s).")
                % {"q": old[0], "u": old[1]}})
    if errors:
        raise ApiError(_("The readings conflict with stored ones; nothing was saved."), errors, status=409)
    try:
        with transaction.atomic():
            MeterReading.objects.bulk_create(new, batch_size=2000)
    except IntegrityError as exc:  # the same readings sent twice at once: the other request stored them
        raise ApiError(_("These readings were being stored by another request; send them again."), status=409) from exc
    return {"created": len(new), "unchanged": unchanged}


def monthly(meters: list[Meter], year: int) -> tuple[dict, list[dict]]:
    """Sums per (meter, month) of a year in each meter's unit, and the months without any reading (gaps)."""
    tz = timezone.get_current_timezone()
    start, end = datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)
    sums: dict[tuple[int, int], float] = defaultdict(float)
    by_pk = {m.pk: m for m in meters}
    conversions: dict[tuple[int, str], float] = {}
    for meter_id, ts, quantity, unit in MeterReading.objects.filter(
            meter__in=list(by_pk), timestamp__gt=start, timestamp__lte=end).values_list(
            "meter", "timestamp", "quantity", "unit").iterator(chunk_size=5000):
        # a reading ends its interval: one at 00:00 on the 1st belongs to the month before
        month = timezone.localtime(ts - timedelta(microseconds=1), tz).month
        key = (meter_id, unit)
        if key not in conversions:
            conversions[key] = units.factor(unit, by_pk[meter_id].unit)
        sums[(meter_id, month)] += quantity * conversions[key]
    gaps = [{"meter": m.code, "missing_months": missing} for m in meters
            if (missing := [mo for mo in range(1, 13) if (m.pk, mo) not in sums])]
    return sums, gaps


class GapFilter(Schema):
    year: int = Field(ge=1900, le=2200)


@router.get("/enterprises/{enterprise_id}/meter-gaps", url_name="meter_gaps")
def meter_gaps(request, enterprise_id: int, filters: Query[GapFilter]):
    enterprise = get_for(request, Enterprise, enterprise_id)
    meters = list(Meter.objects.for_user(request.user).filter(enterprise=enterprise))
    _sums, gaps = monthly(meters, filters.year)
    return {"enterprise": enterprise.pk, "year": filters.year, "meters": len(meters), "gaps": gaps}


@router.post("/inventories/{inventory_id}/meter-lines", url_name="meter_lines")
def aggregate(request, inventory_id: int):
    """Monthly activity lines of the enterprise's meters in the inventory's year, replacing the lines made from
    meters before (other lines stay). All or nothing; the gaps are reported."""
    inv = get_for(request, Inventory, inventory_id, "change")
    if inv.status not in EDITABLE_STATUSES:
        raise ApiError(_("The inventory is submitted and read-only."), status=409)
    if inv.enterprise_id is None:
        raise ApiError(_("Meters belong to enterprises: choose an enterprise's inventory."))
    meters = list(Meter.objects.for_user(request.user).filter(enterprise=inv.enterprise_id))
    if not meters:
        raise ApiError(_("The enterprise has no meters: map its meters first (POST /meters)."))
    sums, gaps = monthly(meters, inv.year)
    sections = sorted({m.section for m in meters})
    current = services.current_versions(inv)
    saved = {}
    with transaction.atomic():
        for section in sections:
            new = [{"activity": m.activity, "amount": sums[(m.pk, mo)], "unit": m.unit, "month": mo,
                    "note": f"{NOTE_PREFIX}{m.code}"} for m in meters if m.section == section
                   for mo in range(1, 13) if (m.pk, mo) in sums]
            rows = [{**row, "row_id": f"{row['note']}/{row['month']}"} for row in new]
            if rows:
                compute_checked(rows, lambda checked: services.calculate_rows(inv, checked))
            kept = list(stored_lines(current[section], Q(note__startswith=NOTE_PREFIX)).values()) \
                if section in current else []
            version = save_section(inv, section, kept + new, request.user, "meters")
            saved[section] = {"version": version.number, "lines_from_meters": len(new), "lines_kept": len(kept)}
    return {"inventory": inv.pk, "year": inv.year, "sections": saved, "gaps": gaps}
