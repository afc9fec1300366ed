"""Reports in the API: request (queued in the background, as in the UI), poll, download."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from parkcarbon.api.common import ID_MAX, Paging, get_for, page
from parkcarbon.api.errors import ApiError
from parkcarbon.common.policy import has_role_for
from parkcarbon.inventory.models import Inventory
from parkcarbon.reports import services
from parkcarbon.reports.models import Report, State
from parkcarbon.reports.views import file_response, start_refusal

router = Router(tags=["reports"])


def report_dict(r: Report) -> dict:
    return {"id": r.pk, "park": r.park_id, "enterprise": r.enterprise_id, "inventory": r.inventory_id,
            "year": r.year, "template": r.template, "language": r.language, "title": r.title, "status": r.status,
            "verified_only": r.verified_only,
            "progress": r.progress, "stage": r.stage, "failure": getattr(r, "failure", "") or "",
            "created_at": r.created_at.isoformat(),
            "generated_at": r.generated_at.isoformat() if r.generated_at else None,
            "formats": [fmt for fmt, _label in r.available_formats()] if r.status == State.DONE else []}


class ReportFilter(Paging):
    inventory: int | None = Field(None, ge=1, le=ID_MAX)
    year: int | None = Field(None, ge=1900, le=2200)


@router.get("/reports", url_name="reports")
def reports(request, filters: Query[ReportFilter]):
    qs = Report.objects.for_user(request.user).defer("content")
    if filters.inventory is not None:
        qs = qs.filter(inventory=filters.inventory)
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    return page(qs, filters.offset, filters.limit, report_dict)


class ReportIn(Schema):
    inventory: int = Field(ge=1, le=ID_MAX)
    template: str = Field(max_length=20, description="cn_enterprise, park_inventory or ghg_protocol")
    verified_only: bool = Field(False, description="Park reports: count verified inventories only, at verified figures")


@router.post("/reports", url_name="report_create", response={202: dict})
def request_report(request, payload: ReportIn):
    """Queue a report of an inventory; poll ``/reports/{id}`` until ``status`` is ``done``, then download."""
    if not has_role_for(request.user, "report", "create"):
        raise Http404
    inventory = get_for(request, Inventory, payload.inventory)
    templates = dict(services.templates_for(inventory))
    if payload.template not in templates:
        raise ApiError(_("This template does not apply to the inventory."),
                       [{"field": "template", "message": _("Choose one of: %(t)s") % {"t": ", ".join(templates)}}])
    refusal = start_refusal(request.user, inventory.park)
    if refusal:
        raise ApiError(str(refusal), status=429)
    with transaction.atomic():
        report = services.request_report(request.user, inventory, payload.template, payload.verified_only)
    return Status(202, report_dict(report))


@router.get("/reports/{report_id}", url_name="report")
def report(request, report_id: int):
    return report_dict(get_for(request, Report.objects.defer("content"), report_id))


@router.get("/reports/{report_id}/download/{fmt}", url_name="report_download")
def download(request, report_id: int, fmt: str):
    """The file of a finished report: docx, pdf, xlsx or html."""
    return file_response(get_for(request, Report, report_id), fmt)
