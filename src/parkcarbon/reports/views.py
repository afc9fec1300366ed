"""Reports pages: list, generate from an inventory, progress (polled by htmx), preview, downloads."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from parkcarbon.common.policy import has_role_for
from parkcarbon.common.views import member_required, object_for
from parkcarbon.inventory.models import Inventory
from parkcarbon.reports import services
from parkcarbon.reports.documents.html import render_fragment, render_html
from parkcarbon.reports.documents.model import ReportData
from parkcarbon.reports.forms import ReportForm
from parkcarbon.reports.models import FORMATS, Report, State


@member_required
def report_list(request):
    user = request.user
    reports = Report.objects.for_user(user).select_related("park", "enterprise", "created_by")
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    can_create = has_role_for(user, "report", "create")
    inventories = (Inventory.objects.for_user(user).select_related("park", "enterprise").filter(snapshot__isnull=False)
                   .order_by("-year", "enterprise__name")[:300] if can_create else [])
    return render(request, "reports/list.html", {"page": page, "inventories": inventories, "can_create": can_create})


@member_required
@require_http_methods(["GET", "POST"])
def create(request):
    pk = request.GET.get("inventory") or request.POST.get("inventory")
    if not (pk and str(pk).isdigit()):
        raise Http404
    inventory = object_for(request, Inventory, pk=int(pk))
    if not has_role_for(request.user, "report", "create"):
        raise PermissionDenied
    templates = services.templates_for(inventory)
    form = ReportForm(request.POST or None, templates=templates)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            report = services.request_report(request.user, inventory, form.cleaned_data["template"])
        return redirect(report.get_absolute_url())
    earlier = Report.objects.for_user(request.user).filter(inventory=inventory)[:20]
    return render(request, "reports/create.html", {"form": form, "inventory": inventory, "earlier": earlier,
                                                   "has_data": hasattr(inventory, "snapshot")})


@member_required
def detail(request, pk):
    report = object_for(request, Report.objects.select_related("park", "enterprise", "inventory", "created_by"), pk=pk)
    return render(request, "reports/detail.html", {"report": report, "formats": FORMATS})


@member_required
def progress(request, pk):
    report = object_for(request, Report, pk=pk)
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
    report = object_for(request, Report, pk=pk)
    if fmt not in FORMATS or report.status != State.DONE:
        raise Http404
    data_stem = report.content.get("file_stem", f"report-{report.pk}")
    name = services.file_name(report, data_stem, fmt)
    if fmt == "html":
        response = HttpResponse(render_html(ReportData.from_dict(report.content)), content_type=FORMATS[fmt][0])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    stored = report.file_for(fmt)
    if not stored:
        raise Http404
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name, content_type=FORMATS[fmt][0])
