"""Parks, zones and enterprises in the API: the rows the caller reaches (policy ``for_user``), read only."""

from __future__ import annotations

from ninja import Field, Query, Router

from parkcarbon.api.common import ID_MAX, TEXT, Paging, get_for, page
from parkcarbon.parks.models import Enterprise, Park, Zone

router = Router(tags=["parks"])


def park_dict(p: Park) -> dict:
    return {"id": p.pk, "code": p.code, "name": p.name, "name_en": p.name_en, "province": p.province, "city": p.city,
            "level": p.level, "gwp_set": p.gwp_set,
            # trial (issue 21): GB/T 2260 code, and the trial's last day (null: a full account)
            "division": p.division, "trial_ends_on": p.trial_ends_on.isoformat() if p.trial_ends_on else None}


def zone_dict(z: Zone) -> dict:
    return {"id": z.pk, "park": z.park_id, "code": z.code, "name": z.name, "name_en": z.name_en}


def enterprise_dict(e: Enterprise) -> dict:
    return {"id": e.pk, "park": e.park_id, "zone": e.zone_id, "name": e.name, "name_en": e.name_en,
            "credit_code": e.credit_code, "industry_code": e.industry_code, "is_key_emitter": e.is_key_emitter,
            "division": e.division}


@router.get("/parks", url_name="parks")
def parks(request, paging: Query[Paging]):
    return page(Park.objects.for_user(request.user).order_by("pk"), paging.offset, paging.limit, park_dict)


@router.get("/parks/{park_id}", url_name="park")
def park(request, park_id: int):
    return park_dict(get_for(request, Park, park_id))


class ZoneFilter(Paging):
    park: int | None = Field(None, ge=1, le=ID_MAX)


@router.get("/zones", url_name="zones")
def zones(request, filters: Query[ZoneFilter]):
    qs = Zone.objects.for_user(request.user).order_by("pk")
    if filters.park is not None:
        qs = qs.filter(park=filters.park)
    return page(qs, filters.offset, filters.limit, zone_dict)


@router.get("/zones/{zone_id}", url_name="zone")
def zone(request, zone_id: int):
    return zone_dict(get_for(request, Zone, zone_id))


class EnterpriseFilter(Paging):
    park: int | None = Field(None, ge=1, le=ID_MAX)
    zone: int | None = Field(None, ge=1, le=ID_MAX)
    q: str = Field("", max_length=100, pattern=TEXT)


@router.get("/enterprises", url_name="enterprises")
def enterprises(request, filters: Query[EnterpriseFilter]):
    qs = Enterprise.objects.for_user(request.user).order_by("pk")
    if filters.park is not None:
        qs = qs.filter(park=filters.park)
    if filters.zone is not None:
        qs = qs.filter(zone=filters.zone)
    if filters.q:
        qs = qs.filter(name__icontains=filters.q) | qs.filter(credit_code__iexact=filters.q)
    return page(qs, filters.offset, filters.limit, enterprise_dict)


@router.get("/enterprises/{enterprise_id}", url_name="enterprise")
def enterprise(request, enterprise_id: int):
    return enterprise_dict(get_for(request, Enterprise, enterprise_id))
