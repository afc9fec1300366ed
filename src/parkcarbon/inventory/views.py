"""Carbon Accounting pages: basic information, data filling (manual and upload), preview, park inventory."""

from __future__ import annotations

import io

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkcarbon.common import quota
from parkcarbon.common.history import history_entries
from parkcarbon.common.policy import can
from parkcarbon.common.views import member_required, object_for
from parkcarbon.engine import InputError, load_library
from parkcarbon.engine import methodology as M
from parkcarbon.engine.template import write_template
from parkcarbon.inventory import services
from parkcarbon.inventory.forms import InventoryForm, LineForm, UploadForm, unit_options
from parkcarbon.inventory.models import ActivityLine, Inventory, Section, Status
from parkcarbon.inventory.park import park_summary
from parkcarbon.inventory.preview import line_rows, preview_context
from parkcarbon.inventory.regions import grid_region_of
from parkcarbon.parks.models import Enterprise, Park


@member_required
def index(request):
    user = request.user
    inventories = Inventory.objects.for_user(user).select_related("park", "enterprise", "snapshot")
    year = request.GET.get("year")
    if year and year.isdigit():
        inventories = inventories.filter(year=int(year))
    can_create = can(user, "add_inventory", Park) or can(user, "add_inventory", Enterprise)
    parks = Park.objects.for_user(user).filter(inventories__enterprise__isnull=False).distinct()
    years = sorted(set(Inventory.objects.for_user(user).values_list("year", flat=True)), reverse=True)
    return render(request, "inventory/index.html", {
        "inventories": inventories[:500], "can_create": can_create, "years": years, "year": year,
        "park_links": [(p, y) for p in parks for y in years[:1]] if can(user, "view", Park) else [],
    })


@member_required
def create(request):
    user = request.user
    if not (can(user, "add_inventory", Park) or can(user, "add_inventory", Enterprise)):
        raise PermissionDenied
    form = InventoryForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = user
        inventory = form.save()
        messages.success(request, _("Basic information saved. Now enter the activity data."))
        return redirect(inventory.get_absolute_url())
    return render(request, "inventory/form.html", {"form": form, "title": _("New inventory: basic information")})


@member_required
def edit(request, pk):
    inventory = object_for(request, Inventory, "change", pk=pk)
    services.ensure_editable(inventory)
    form = InventoryForm(request.POST or None, instance=inventory, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:  # the saved lines must still compute under the new guidelines, year and region
            services.calculate_inventory(form.instance)
        except InputError as exc:
            for problem in exc.problems[:10]:
                form.add_error(None, f"{problem.row} · {problem.column}: {problem.text(get_language())}")
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            services.refresh_snapshot(inventory)
        messages.success(request, _("Basic information saved."))
        return redirect(inventory.get_absolute_url())
    return render(request, "inventory/form.html", {"form": form, "title": _("Basic information"), "inventory": inventory})


def _section(request) -> str:
    section = request.GET.get("section") or request.POST.get("section") or Section.ENERGY
    if section not in Section.values:
        raise Http404
    return section


def _data_context(request, inventory, section, form=None):
    versions = services.current_versions(inventory)
    version = versions.get(section)
    lines = list(version.lines.all()) if version else []
    editable = inventory.status == Status.DRAFT and can(request.user, "change", inventory)
    try:
        rows = line_rows(inventory, lines)
        error = None
    except InputError as exc:
        rows, error = [], exc
    return {
        "inventory": inventory, "section": section, "sections": Section.choices, "version": version,
        "rows": rows, "calc_error": error, "editable": editable,
        "can_submit": inventory.status == Status.DRAFT and can(request.user, "submit", inventory),
        "form": form or LineForm(section=section, methodologies=inventory.methodologies), "upload_form": UploadForm(),
        "grid_region": grid_region_of(inventory.region), "region": load_library().regions.get(inventory.region, {}),
        "history_versions": inventory.versions.filter(section=section),
        "methodologies": [M.get(m) for m in inventory.methodologies], "unit_options": unit_options(),
    }


@member_required
def detail(request, pk):
    inventory = object_for(request, Inventory, pk=pk)
    section = _section(request)
    context = _data_context(request, inventory, section)
    template = "inventory/_lines.html" if request.htmx and not request.htmx.boosted else "inventory/detail.html"
    return render(request, template, context)


@member_required
def line_add(request, pk):
    inventory = object_for(request, Inventory, "change", pk=pk)
    section = _section(request)
    return _save_line(request, inventory, section, None)


@member_required
def line_edit(request, pk, line_pk):
    inventory = object_for(request, Inventory, "change", pk=pk)
    line = _line(inventory, line_pk, current_only=True)
    section = line.version.section
    if request.method == "GET":
        form = LineForm(instance=line, section=section, methodologies=inventory.methodologies)
        return render(request, "inventory/line_form.html", {"inventory": inventory, "form": form, "line": line,
                                                            "section": section})
    return _save_line(request, inventory, section, line)


def _line(inventory, line_pk, current_only: bool = False) -> ActivityLine:
    """A line of this inventory; for changes, only of a section's current version (earlier versions are history)."""
    lines = ActivityLine.objects.select_related("version").filter(version__inventory=inventory)
    if current_only:
        lines = lines.filter(version__in=list(services.current_versions(inventory).values()))
    try:
        return lines.get(pk=line_pk)
    except ActivityLine.DoesNotExist as exc:
        raise Http404 from exc


def _save_line(request, inventory, section, line):
    services.ensure_editable(inventory)
    form = LineForm(request.POST, request.FILES, instance=line, section=section, methodologies=inventory.methodologies)
    if getattr(request, "upload_refused", False):
        form.add_error("evidence", _("The file is larger than %(mb)s MB.") % {"mb": settings.PARKCARBON_UPLOAD_MAX_BYTES // 2**20})
    elif "evidence" in request.FILES and (refusal := quota.refusal(inventory.park, request.FILES["evidence"].size)):
        form.add_error("evidence", refusal)
    if form.is_valid():
        try:
            services.calculate_rows(inventory, [form.engine_row()])
        except InputError as exc:
            for problem in exc.problems:
                field = problem.column if problem.column in form.fields else f"p_{problem.column.removesuffix('_unit')}"
                form.add_error(field if field in form.fields else None, problem.text(get_language()))
    if form.is_valid():
        replaced = line.evidence.name if line is not None and "evidence" in form.changed_data and line.evidence else ""
        with transaction.atomic():
            services.ensure_editable(inventory)
            obj = form.save(commit=False)
            obj.measured = form.measured()
            if line is None:
                obj.version = services.manual_version(inventory, section, request.user)
                obj.position = obj.version.lines.count()
            obj.save()
            services.refresh_snapshot(inventory)
            if replaced and replaced != obj.evidence.name:  # the old evidence file goes once the change is saved
                transaction.on_commit(lambda: obj.evidence.storage.delete(replaced))
        if not request.htmx:
            messages.success(request, _("Line saved."))
        return redirect(reverse("inventory:detail", args=[inventory.pk]) + f"?section={section}")
    context = _data_context(request, inventory, section, form=form)
    if line is not None:
        return render(request, "inventory/line_form.html", {**context, "line": line}, status=422)
    template = "inventory/_lines.html" if request.htmx else "inventory/detail.html"
    return render(request, template, context, status=422)


@member_required
@require_POST
def line_delete(request, pk, line_pk):
    inventory = object_for(request, Inventory, "change", pk=pk)
    services.ensure_editable(inventory)
    line = _line(inventory, line_pk, current_only=True)
    section = line.version.section
    with transaction.atomic():
        services.ensure_editable(inventory)
        evidence = line.evidence
        line.delete()
        if evidence:
            transaction.on_commit(lambda: evidence.storage.delete(evidence.name))
        services.refresh_snapshot(inventory)
    return redirect(reverse("inventory:detail", args=[inventory.pk]) + f"?section={section}")


@member_required
def evidence(request, pk, line_pk):
    """The evidence file attached to a line, for whoever may see the inventory."""
    inventory = object_for(request, Inventory, pk=pk)
    line = _line(inventory, line_pk)
    if not line.evidence:
        raise Http404
    return FileResponse(line.evidence.open("rb"), as_attachment=True, filename=line.evidence.name.rsplit("/", 1)[-1])


@member_required
@require_POST
def line_check(request, pk):
    """htmx: the factor that will be used and the CO2e of the line being typed."""
    inventory = object_for(request, Inventory, pk=pk)
    form = LineForm(request.POST, section=_section(request), methodologies=inventory.methodologies)
    context = {"ok": False}
    if form.is_valid():
        try:
            result = services.calculate_rows(inventory, [form.engine_row()])
            context = {"ok": True, "row": line_rows(inventory, None, result=result)[0]}
        except InputError as exc:
            context["problems"] = [p.text(get_language()) for p in exc.problems]
    else:
        context["problems"] = [f"{form.fields[k].label}: {' '.join(v)}" for k, v in form.errors.items() if k in form.fields]
    return render(request, "inventory/_line_check.html", context)


@member_required
def template_download(request):
    """The standard template; for an inventory, its guidelines' activities come first in lists and instructions."""
    first: list[str] = []
    if request.GET.get("inventory", "").isdigit():
        inventory = object_for(request, Inventory, pk=int(request.GET["inventory"]))
        first = [code for m in inventory.methodologies for code in M.get(m).activities]
    buf = io.BytesIO()
    write_template(buf, first_activities=first)
    buf.seek(0)
    return FileResponse(buf, as_attachment=True, filename="parkcarbon-template.xlsx",
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@member_required
def preview(request, pk):
    inventory = object_for(request, Inventory, pk=pk)
    return render(request, "inventory/preview.html", preview_context(inventory))


@member_required
@require_POST
def submit(request, pk):
    inventory = object_for(request, Inventory, "submit", pk=pk)
    if not services.current_versions(inventory):
        messages.error(request, _("Enter activity data before submitting."))
    else:
        services.submit(inventory, request.user, note=request.POST.get("note", ""))
        messages.success(request, _("Inventory submitted. It is now read-only."))
    return redirect(inventory.get_absolute_url())


@member_required
def version_detail(request, pk, version_pk):
    inventory = object_for(request, Inventory, pk=pk)
    version = inventory.versions.filter(pk=version_pk).first()
    if version is None:
        raise Http404
    rows = line_rows(inventory, list(version.lines.all()))
    return render(request, "inventory/version.html", {"inventory": inventory, "version": version, "rows": rows})


@member_required
def history(request, pk):
    inventory = object_for(request, Inventory, pk=pk)
    return render(request, "inventory/history.html", {
        "inventory": inventory, "history": history_entries(inventory), "transitions": inventory.transitions.all(),
        "versions": inventory.versions.select_related("created_by"),
    })


@member_required
def park_inventory(request, park_pk, year):
    park = object_for(request, Park, pk=park_pk)
    summary = park_summary(park, year, user=request.user)
    page = Paginator(summary.rows, 100).get_page(request.GET.get("page"))  # largest emitters first
    labels = dict(Section.choices)
    by_section = [(labels.get(k, k), v) for k, v in summary.by_section.items()]
    context = {"park": park, "year": year, "summary": summary, "page": page, "years": range(year - 4, year + 2),
               "by_section": by_section}
    if request.htmx and not request.htmx.boosted:
        return render(request, "inventory/_park_enterprises.html", context)
    return render(request, "inventory/park.html", context)

