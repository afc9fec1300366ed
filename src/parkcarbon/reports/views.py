"""Reports pages: list, generate from an inventory, progress (polled by htmx), preview, downloads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from parkcarbon.common import jobs, quota
from parkcarbon.common.converters import int_param, year_param
from parkcarbon.common.policy import has_role_for
from parkcarbon.common.views import member_required, object_for, render_page
from parkcarbon.inventory.models import Inventory
from parkcarbon.parks.models import Park
from parkcarbon.reports import services
from parkcarbon.reports.documents.html import render_fragment, render_html
from parkcarbon.reports.documents.model import ReportData
from parkcarbon.reports.forms import ReportForm
from parkcarbon.reports.models import FORMATS, Report, State, Template


@member_required
def report_list(request):
    user = request.user
    visible = Report.objects.for_user(user)
    reports = visible.select_related("park", "enterprise", "created_by").defer("content")
    template, year = request.GET.get("template", ""), request.GET.get("year", "")
    if template in Template.values:
        reports = reports.filter(template=template)
    if year_param(year) is not None:
        reports = reports.filter(year=year_param(year))
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    can_create = has_role_for(user, "report", "create")
    inventories = (Inventory.objects.for_user(user).select_related("park", "enterprise").filter(snapshot__isnull=False)
                   .order_by("-year", "enterprise__name")[:300] if can_create else [])
    years = sorted(set(visible.values_list("year", flat=True)), reverse=True)
    return render_page(request, "reports/list.html", "reports/_table.html", {
        "page": page, "inventories": inventories, "can_create": can_create, "templates": Template.choices,
        "years": years, "template": template, "year": year})


@member_required
@require_http_methods(["GET", "POST"])
def create(request):
    """Choose a template for an inventory (``?inventory=<pk>``), or for a park and year (``?park=<pk>&year=<y>``:
    the park inventory report, also when the park has no inventory of its own sources)."""
    if not has_role_for(request.user, "report", "create"):
        raise PermissionDenied
    params = request.POST if request.method == "POST" else request.GET
    pk, park_pk, year = params.get("inventory") or request.GET.get("inventory"), params.get("park"), params.get("year")
    if int_param(pk) is not None:
        inventory = object_for(request, Inventory, pk=int_param(pk))
        templates, park = services.templates_for(inventory), None
    elif int_param(park_pk) is not None and year_param(year) is not None:
        park = object_for(request, Park, pk=int_param(park_pk))
        if not services.may_report_on_park(request.user, park):
            raise Http404
        inventory = services.park_level_inventory(park, year_param(year))
        templates = services.templates_for(inventory)
    else:
        raise Http404
    form = ReportForm(request.POST or None, templates=templates)
    if request.method == "POST" and (refusal := start_refusal(request.user, inventory.park)):
        form.add_error(None, refusal)
    if request.method == "POST" and form.is_valid():
        template, verified_only = form.cleaned_data["template"], form.cleaned_data["verified_only"]
        with transaction.atomic():
            report = (services.request_park_report(request.user, park, inventory.year, template, verified_only)
                      if park else services.request_report(request.user, inventory, template, verified_only))
        return redirect(report.get_absolute_url())
    earlier = Report.objects.for_user(request.user).filter(park=inventory.park, enterprise=inventory.enterprise,
                                                           year=inventory.year)[:20]
    has_data = hasattr(inventory, "snapshot") if inventory.pk else True
    return render(request, "reports/create.html", {"form": form, "inventory": inventory, "park": park,
                                                   "earlier": earlier, "has_data": has_data})


MAX_OUTSTANDING_PER_USER = 3


def start_refusal(user, park) -> str:
    """Why a report cannot start now: builds are CPU-heavy (a few at a time per user) and need storage."""
    jobs.reap(Report.objects.filter(created_by=user))  # a build whose worker died no longer counts
    busy = Report.objects.filter(created_by=user, status__in=[State.QUEUED, State.RUNNING]).count()
    if busy >= MAX_OUTSTANDING_PER_USER:
        return _("You have %(n)s reports being generated; wait until they are ready.") % {"n": busy}
    return quota.refusal(park, 1)  # its size is known only once built: refused when the quota is used up


@member_required
@require_POST
def retry(request, pk):
    """Request a failed report again, as a new report (the user who requested it)."""
    report = object_for(request, Report.objects.select_related("park", "inventory"), pk=pk)
    if report.status != State.FAILED or report.created_by_id != request.user.pk:
        raise Http404
    refusal = start_refusal(request.user, report.park)
    if refusal:
        messages.error(request, refusal)
        return redirect(report.get_absolute_url())
    with transaction.atomic():
        if report.inventory is not None:
            new = services.request_report(request.user, report.inventory, report.template, report.verified_only)
        elif report.enterprise_id is None:
            new = services.request_park_report(request.user, report.park, report.year, report.template,
                                               report.verified_only)
        else:
            raise Http404  # the inventory was deleted
    return redirect(new.get_absolute_url())


def _reaped(report: Report) -> Report:
    if not report.finished and jobs.reap(Report.objects.filter(pk=report.pk)):
        report.refresh_from_db()  # its worker died
    return report


@member_required
def detail(request, pk):
    report = _reaped(object_for(request, Report.objects.select_related("park", "enterprise", "inventory", "created_by")
                                .defer("content"), pk=pk))
    return render(request, "reports/detail.html", {"report": report, "formats": FORMATS})


@member_required
def progress(request, pk):
    report = _reaped(object_for(request, Report.objects.defer("content"), pk=pk))
    return render(request, "reports/_progress.html", {"report": report})


@member_required
def preview(request, pk):
    report = object_for(request, Report.objects.select_related("park", "enterprise"), pk=pk)
    if report.status != State.DONE:
        raise Http404
    return render(request, "reports/preview.html", {"report": report,
                                                    "document": render_fragment(ReportData.from_dict(report.content))})


@member_required
def download(request, pk, fmt):
    return file_response(object_for(request, Report, pk=pk), fmt)


def file_response(report: Report, fmt: str):
    """The file of a finished report (docx, pdf, xlsx, html) as an attachment; 404 for another format or an
    unfinished report. The caller has checked that the user may read the report (web view and API alike)."""
    if fmt not in FORMATS or report.status != State.DONE:
        raise Http404
    name = services.file_name(report, report.content.get("file_stem", f"report-{report.pk}"), fmt)
    if fmt == "html":
        response = HttpResponse(render_html(ReportData.from_dict(report.content)), content_type=FORMATS[fmt][0])
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response
    stored = report.file_for(fmt)
    if not stored:
        raise Http404
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name, content_type=FORMATS[fmt][0])
