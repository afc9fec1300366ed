"""Carbon Accounting pages: basic information, data filling (manual and upload), preview, park inventory."""

from __future__ import annotations

import io
import time
from functools import cache as once
from typing import NamedTuple

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import OperationalError, connection, transaction
from django.db.models import BooleanField, F
from django.db.models.expressions import RawSQL
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkcarbon.alerts.dashboard import OPEN_COUNTED, open_alerts_subquery
from parkcarbon.common import quota
from parkcarbon.common.converters import int_param, year_param
from parkcarbon.common.history import history_entries
from parkcarbon.common.policy import can, can_each, can_loaded
from parkcarbon.common.views import member_required, object_for
from parkcarbon.engine import InputError
from parkcarbon.engine import methodology as M
from parkcarbon.engine.template import write_template
from parkcarbon.inventory import basic_sheet, guide, page_cache, services
from parkcarbon.inventory.forms import (
    InventoryForm,
    LineForm,
    entry_hints,
    missing_guidelines,
    unit_options,
)
from parkcarbon.inventory.models import (
    EDITABLE_STATUSES,
    ActivityLine,
    Inventory,
    Section,
    SectionVersion,
    Status,
)
from parkcarbon.inventory.park import park_summary, park_trend
from parkcarbon.inventory.park_page import ParkGwpForm, park_page_context
from parkcarbon.inventory.preview import line_rows, preview_context
from parkcarbon.inventory.regions import grid_region_of
from parkcarbon.parks.models import Enterprise, Park


@member_required
def index(request):
    user = request.user
    inventories = Inventory.objects.for_user(user).select_related("park", "enterprise", "snapshot")
    year = request.GET.get("year")
    if year_param(year) is not None:
        inventories = inventories.filter(year=year_param(year))
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
    form = InventoryForm(request.POST or None, user=user, initial={"boundary": request.GET.get("boundary", "")})
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
            for message in _line_problems(inventory, form.instance.methodologies, exc.problems[:10]):
                form.add_error(None, message)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            services.ensure_editable(inventory)  # locks the row: the check below and the save see the same state
            saved_at = Inventory.objects.values_list("updated_at", flat=True).get(pk=inventory.pk)
            if form.cleaned_data.get("read_at") == saved_at.isoformat():
                form.save()
                services.refresh_snapshot(inventory)
                messages.success(request, _("Basic information saved."))
                return redirect(inventory.get_absolute_url())
        form = InventoryForm(request.POST, instance=Inventory.objects.get(pk=inventory.pk), user=request.user)
        form.data = form.data.copy()
        form.data["read_at"] = saved_at.isoformat()
        form.is_valid()
        form.add_error(None, _("Someone else changed the basic information while you were editing it; your change "
                               "was not saved. The form now shows your values; save again to replace theirs."))
        return render(request, "inventory/form.html", {"form": form, "title": _("Basic information"),
                                                       "inventory": inventory}, status=409)
    return render(request, "inventory/form.html", {"form": form, "title": _("Basic information"), "inventory": inventory})


def _line_problems(inventory, methodologies, problems) -> list[str]:
    """Problems of saved lines as plain sentences: the line's activity by name, never a row id or column key."""
    lines = {str(pk): activity for pk, activity in services.current_lines(inventory).values_list("pk", "activity")}
    out = []
    for problem in problems:
        activity = lines.get(str(problem.row), "")
        if problem.column == "activity" and activity and methodologies:
            out.append(guide.not_covered_message(activity, methodologies, inventory.is_park_own))
        else:
            out.append(f"{guide.activity_name(activity)}: {problem.text(get_language())}" if activity
                       else problem.text(get_language()))
    return out


def _section(request) -> str:
    section = request.GET.get("section") or request.POST.get("section") or Section.ENERGY
    if section not in Section.values:
        raise Http404
    return section


SECTION_ORDER = {key: i for i, key in enumerate(Section.values)}  # energy, industrial processes, waste, AFOLU
PAGE_SIZE = 25  # lines per page of a section: only a page is computed and rendered, totals come from the snapshot


def _line_form(inventory, section, *args, **kwargs) -> LineForm:
    return LineForm(*args, section=section, methodologies=inventory.methodologies,
                    park_level=inventory.is_park_own, **kwargs)


class VersionRow(NamedTuple):
    """What the inventory page shows of a section's version (its list of versions, the current one's lines):
    ``created_by`` is the maker's ``str`` (``User.__str__``), None when nobody is recorded."""

    pk: int
    number: int
    source: str
    file_name: str
    created_at: object
    created_by: str | None


def _maker(username, first_name, last_name) -> str | None:
    """``str(user)`` of a version's maker from its columns (``User.__str__`` with Django's ``get_full_name``)."""
    if username is None:
        return None
    full = f"{first_name} {last_name}".strip()
    return f"{full} ({username})" if full else username


def _section_versions(inventory, section) -> list[VersionRow]:
    """Every version of the section, newest first, with who made it (the page's version list; the first is the
    current one): one query for both, as column tuples (the page prints fields only; model instances of the
    versions and their makers cost ~1,700 calls)."""
    # Sorted here: a section's version numbers are unique (section_version_unique), and the ORM's ORDER BY handling
    # cost more than sorting a handful of rows.
    rows = SectionVersion.objects.filter(inventory_id=inventory.pk, section=section).order_by().values_list(
        "pk", "number", "source", "file_name", "created_at",
        "created_by__username", "created_by__first_name", "created_by__last_name")
    return [VersionRow(pk, number, source, file_name, created_at, _maker(username, first, last))
            for pk, number, source, file_name, created_at, username, first, last
            in sorted(rows, key=lambda row: -row[1])]


def _page_of_lines(lines, number):
    """``Paginator(lines, PAGE_SIZE).get_page(number)`` in one query: the page's lines carry the number of all
    (a window count) instead of a COUNT query before them. Out of range or not a number: Paginator's own answer."""
    paginator = Paginator(lines, PAGE_SIZE)
    wanted = 1 if number is None else int_param(number)
    if wanted is not None and wanted >= 1:
        start = (wanted - 1) * PAGE_SIZE
        # COUNT(*) OVER (): what Window(Count("pk")) writes (a pk is never NULL), as text: the expression cost
        # ~1,000 calls to resolve and compile on every view.
        found = list(lines.annotate(lines_in_section=RawSQL("COUNT(*) OVER ()", ()))[start:start + PAGE_SIZE])
        if found:
            paginator.count = found[0].lines_in_section  # the cached property, known now
            page = paginator.page(wanted)
            page.object_list = found
            return page
    return paginator.get_page(number)


def _lines_context(request, inventory, section, versions: list | None = None, may_change: bool | None = None) -> dict:
    """One page of the section's current lines with their factors and CO2e; the section's totals from the snapshot.
    ``versions`` (the section's versions newest first) and ``may_change`` when the caller has asked already."""
    if versions is None:
        version = services.current_versions(inventory).get(section)
    else:
        version = versions[0] if versions else None
    # Within one version the model's ordering (version's inventory year, park, enterprise, section, number, then
    # position, pk) reduces to position, pk: ordering by these alone gives the same rows without joining four tables.
    in_version = (ActivityLine.objects.filter(version_id=version.pk).order_by("position", "pk") if version
                  else ActivityLine.objects.none())
    page = _page_of_lines(in_version, request.GET.get("page"))
    lines = list(page.object_list)
    editable = inventory.status in EDITABLE_STATUSES and (
        can(request.user, "change", inventory) if may_change is None else may_change)
    try:
        # The rows' delete forms keep the placeholder: the template puts in the page's own CSRF token
        # ({% with_csrf %}), so one masked token serves the whole page (each masking costs ~500 calls).
        rows_html, error = page_cache.rows_html(inventory, lines, editable, page_cache.CSRF_PLACEHOLDER), None
    except InputError as exc:
        rows_html, error = "", exc
    snapshot = getattr(inventory, "snapshot", None) if version else None
    return {
        "inventory": inventory, "section": section, "version": version, "page": page, "rows": [],
        "rows_html": rows_html, "calc_error": error,
        "section_total": (snapshot.by_section.get(section) if snapshot else None), "editable": editable,
    }


def _data_context(request, inventory, section, form=None):
    """The data page; a form with errors is rendered as posted, the empty one comes from the page cache."""
    methodologies = inventory.methodologies
    versions = _section_versions(inventory, section)
    if not hasattr(inventory, "can_submit"):  # read with the inventory by detail(), asked here on other paths
        inventory.can_change, inventory.can_submit = can_each(request.user, ["change", "submit"], inventory).values()
    editable_status = inventory.status in EDITABLE_STATUSES
    may = {"change": editable_status and inventory.can_change, "submit": editable_status and inventory.can_submit}
    lines = _lines_context(request, inventory, section, versions, may["change"])
    editable = lines["editable"]
    return {
        **lines, "sections": Section.choices,
        "can_submit": may["submit"],
        "form": form, "entry_fields": page_cache.entry_fields(inventory, section) if editable and not form else "",
        "upload_field": page_cache.upload_field(),
        "grid_region": grid_region_of(inventory.region),
        "history_versions": versions,
        "methodologies": [(M.get(m), guide.completeness(M.get(m))) for m in methodologies],
        "missing_guidelines": missing_guidelines(section, methodologies, inventory.is_park_own),
        "entry_hints": entry_hints(section, methodologies) if form else {},
        "unit_options": unit_options() if form else [],
    }


@once
def _has_restatements_sql() -> RawSQL:
    """``Exists(Restatement.objects.filter(inventory=OuterRef("pk")))`` of the inventory's own query, as SQL text
    (the expression cost ~500 calls to build and compile on every view). The outer row is the query's base table,
    which Django names by the table itself."""
    from parkcarbon.releases.models import Restatement

    quote, restatement, inventory = connection.ops.quote_name, Restatement._meta, Inventory._meta
    return RawSQL(f"EXISTS (SELECT 1 FROM {quote(restatement.db_table)} pc_restatement WHERE pc_restatement."  # noqa: S608
                  f"{quote(restatement.get_field('inventory').column)} = {quote(inventory.db_table)}."
                  f"{quote(inventory.pk.column)})", (), output_field=BooleanField())


@member_required
def detail(request, pk):
    # Reporters open this page most: the snapshot (section totals), the enterprise (title), the park (release
    # notice and whether it lists restatements) and the number of open alerts the user may see (the navigation
    # badge, alerts.dashboard.open_alert_count) come in one query. Whether the user may see, change and submit it
    # is answered in Python from the user's memberships and the row's park and enterprise (policy.can_loaded: the
    # same scopes as Inventory.objects.for_user, without three subqueries to build and run).
    user = request.user
    try:
        inventory = Inventory.objects.select_related("snapshot", "enterprise", "park").annotate(
            has_restatements=_has_restatements_sql(),
            open_alerts_of_user=open_alerts_subquery(user)).get(pk=pk)
    except Inventory.DoesNotExist as exc:
        raise Http404 from exc
    if not can_loaded(user, "view", inventory):
        raise Http404  # as object_for: an inventory the user may not see does not exist for them
    inventory.can_change, inventory.can_submit = can_loaded(user, "change", inventory), can_loaded(user, "submit", inventory)
    section = _section(request)
    if request.htmx and not request.htmx.boosted:  # a page of the line table
        return render(request, "inventory/_lines.html",
                      _lines_context(request, inventory, section, may_change=inventory.can_change))
    if inventory.open_alerts_of_user is not None:
        setattr(request.user, OPEN_COUNTED, inventory.open_alerts_of_user)  # this request's user object only
    return render(request, "inventory/detail.html", _data_context(request, inventory, section))


@member_required
@require_POST
def add_guideline(request, pk):
    """Add a guideline to the inventory's guidelines (one click from a section that needs it)."""
    inventory = object_for(request, Inventory, "change", pk=pk)
    section = _section(request)
    method_id = request.POST.get("methodology", "")
    back = reverse("inventory:detail", args=[inventory.pk]) + f"?section={section}#manual"
    if method_id not in M.methodologies():
        messages.error(request, _("Choose a guideline to add."))
        return redirect(back)
    with transaction.atomic():
        services.ensure_editable(inventory)
        inventory.refresh_from_db()
        if method_id not in inventory.methodologies:
            inventory.methodologies = [*inventory.methodologies, method_id]  # the first keeps GWP set and rules
            inventory.save(update_fields=["methodologies", "updated_at"])
            services.refresh_snapshot(inventory)
    messages.success(request, _("%(guideline)s added to this inventory's guidelines.")
                     % {"guideline": guide.title(M.get(method_id))})
    return redirect(back)


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
        return render(request, "inventory/line_form.html", _line_form_context(inventory, section, line))
    return _save_line(request, inventory, section, line)


def _line_form_context(inventory, section, line, form=None, **extra) -> dict:
    return {"inventory": inventory, "section": section, "line": line,
            "form": form or _line_form(inventory, section, instance=line),
            "entry_hints": entry_hints(section, inventory.methodologies), "unit_options": unit_options(), **extra}


def _line(inventory, line_pk, current_only: bool = False) -> ActivityLine:
    """A line of this inventory; for changes, only of a section's current version (earlier versions are history)."""
    lines = ActivityLine.objects.select_related("version").filter(version__inventory=inventory)
    if current_only:
        lines = lines.filter(version__in=list(services.current_versions(inventory).values()))
    try:
        return lines.get(pk=line_pk)
    except ActivityLine.DoesNotExist as exc:
        raise Http404 from exc


class StaleLine(Exception):
    """The line was changed by someone else since the form was read."""


def _claim(line, read_revision) -> None:
    """Inside the save's transaction: move the line from the revision the form was read at to the next one, or
    raise StaleLine. The conditional UPDATE is atomic on both databases (a row lock on PostgreSQL, the write lock
    on SQLite), so of two saves read at the same revision exactly one passes."""
    if read_revision is None:
        raise StaleLine
    if not ActivityLine.objects.filter(pk=line.pk, revision=read_revision).update(revision=F("revision") + 1):
        raise StaleLine
    line.revision = read_revision + 1


def _when_unlocked(write, attempts: int = 20) -> None:
    """Run a write transaction; on SQLite, run it again while another writer holds the database (a shared-cache
    database reports "table is locked" at once instead of waiting). The whole transaction is retried, so a
    concurrent edit is then seen by ``_claim``."""
    for attempt in range(attempts):
        try:
            return write()
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    return None


def _save_line(request, inventory, section, line):
    services.ensure_editable(inventory)
    form = _line_form(inventory, section, request.POST, request.FILES, instance=line)
    if getattr(request, "upload_refused", False):
        form.add_error("evidence", _("The file is larger than %(mb)s MB.") % {"mb": settings.PARKCARBON_UPLOAD_MAX_BYTES // 2**20})
    elif "evidence" in request.FILES and (refusal := quota.refusal(inventory.park, request.FILES["evidence"].size)):
        form.add_error("evidence", refusal)
    if form.is_valid():
        try:
            services.calculate_rows(inventory, [form.engine_row()])
        except InputError as exc:
            for problem in exc.problems:
                field = form.field_of(problem.column, unit_on_value=True)
                form.add_error(field if field in form.fields else None, problem.text(get_language()))
    if form.is_valid():
        replaced = line.evidence.name if line is not None and "evidence" in form.changed_data and line.evidence else ""
        obj = form.save(commit=False)
        obj.measured, obj.extra = form.measured(), form.extra()

        def write():
            with transaction.atomic():
                services.ensure_editable(inventory)
                if line is None:
                    obj.version = services.manual_version(inventory, section, request.user)
                    obj.position = obj.version.lines.count()
                else:
                    _claim(obj, form.cleaned_data.get("revision"))
                obj.save()
                services.refresh_snapshot(inventory)
                if replaced and replaced != obj.evidence.name:  # the old evidence file goes once the change is saved
                    transaction.on_commit(lambda: obj.evidence.storage.delete(replaced))

        try:
            _when_unlocked(write)
        except StaleLine:
            return _stale(request, inventory, section, line.pk, form)
        page_cache.warm_row(inventory, obj.pk)
        if not request.htmx:
            messages.success(request, _("Line saved."))
        return redirect(reverse("inventory:detail", args=[inventory.pk]) + f"?section={section}")
    if line is not None:
        return render(request, "inventory/line_form.html", _line_form_context(inventory, section, line, form),
                      status=422)
    return render(request, "inventory/detail.html", _data_context(request, inventory, section, form=form), status=422)


def _stale(request, inventory, section, line_pk, form):
    """Refuse a save read at an older revision: show the line as it is now beside the user's own values, and let
    the user save again on top of it (the form now carries the current revision)."""
    current = ActivityLine.objects.filter(pk=line_pk).first()
    if current is None:  # deleted meanwhile
        messages.error(request, _("Someone else deleted this line while you were editing it; your change was not saved."))
        return redirect(reverse("inventory:detail", args=[inventory.pk]) + f"?section={section}")
    try:
        theirs = guide.plain_rows(line_rows(inventory, [current]))[0]
    except InputError:
        theirs = None
    data = form.data.copy()
    data["revision"] = str(current.revision)
    form = _line_form(inventory, section, data, instance=ActivityLine.objects.get(pk=line_pk))
    form.is_valid()  # the user's values, checked again, on a copy (``current`` stays as saved)
    form.add_error(None, _("Someone else changed this line while you were editing it; your change was not saved. "
                           "Their version is shown below; check it, then save again to replace it with your values."))
    return render(request, "inventory/line_form.html", _line_form_context(
        inventory, section, current, form, theirs=theirs, theirs_line=current,
        changed_by=_last_editor(current)), status=409)


def _last_editor(line) -> str:
    record = line.history.select_related("history_user").first()
    user = record.history_user if record else None
    return (user.get_full_name() or user.username) if user else ""


@member_required
@require_POST
def line_delete(request, pk, line_pk):
    inventory = object_for(request, Inventory, "change", pk=pk)
    services.ensure_editable(inventory)
    line = _line(inventory, line_pk, current_only=True)
    section = line.version.section
    back = reverse("inventory:detail", args=[inventory.pk]) + f"?section={section}"
    read = request.POST.get("revision", "")
    try:
        with transaction.atomic():
            services.ensure_editable(inventory)
            _claim(line, int(read) if read.isdigit() else None)  # not a line changed since the page was read
            evidence = line.evidence
            line.delete()
            if evidence:
                transaction.on_commit(lambda: evidence.storage.delete(evidence.name))
            services.refresh_snapshot(inventory)
    except StaleLine:
        messages.error(request, _("Someone else changed this line after you opened the page; it was not deleted. "
                                  "Check the line as it is now."))
    return redirect(back)


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
    form = _line_form(inventory, _section(request), request.POST)
    context = {"ok": False}
    if form.is_valid():
        try:
            result = services.calculate_rows(inventory, [form.engine_row()])
            context = {"ok": True, "row": guide.plain_rows(line_rows(inventory, None, result=result))[0]}
        except InputError as exc:
            context["problems"] = [p.text(get_language()) for p in exc.problems]
    else:
        context["problems"] = [f"{form.fields[k].label}: {' '.join(v)}" if k in form.fields else " ".join(v)
                               for k, v in form.errors.items()]
    return render(request, "inventory/_line_check.html", context)


@member_required
def template_download(request):
    """The standard template; for an inventory, its guidelines' activities come first in lists and instructions."""
    first: list[str] = []
    basic: dict[str, str] = {}
    if int_param(request.GET.get("inventory")) is not None:
        inventory = object_for(request, Inventory, pk=int_param(request.GET["inventory"]))
        first = [code for m in inventory.methodologies for code in M.get(m).activities]
        basic = basic_sheet.template_values(inventory)
    buf = io.BytesIO()
    write_template(buf, first_activities=first, basic=basic)
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
    page = Paginator(version.lines.order_by("position", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"inventory": inventory, "version": version, "section": version.section, "page": page,
               "rows": guide.plain_rows(line_rows(inventory, list(page.object_list))), "editable": False}
    if request.htmx and not request.htmx.boosted:
        return render(request, "inventory/_lines.html", context)
    return render(request, "inventory/version.html", context)


@member_required
def history(request, pk):
    inventory = object_for(request, Inventory, pk=pk)
    labels = dict(Status.choices)
    transitions = [(t, labels.get(t.old_status, t.old_status), labels.get(t.new_status, t.new_status))
                   for t in inventory.transitions.select_related("by")]
    return render(request, "inventory/history.html", {
        "inventory": inventory, "history": history_entries(inventory), "transitions": transitions,
        "versions": sorted(inventory.versions.select_related("created_by"),  # energy first, as the preview
                           key=lambda v: (SECTION_ORDER.get(v.section, len(SECTION_ORDER)), -v.number)),
    })


@member_required
def park_inventory(request, park_pk, year):
    park = object_for(request, Park, pk=park_pk)
    include_drafts = request.GET.get("drafts") == "1"
    verified_only = request.GET.get("verified") == "1"
    summary = park_summary(park, year, user=request.user, include_drafts=include_drafts, verified_only=verified_only)
    page = Paginator(summary.rows, 100).get_page(request.GET.get("page"))  # largest emitters first
    context = {"park": park, "year": year, "summary": summary, "page": page, "include_drafts": summary.include_drafts,
               "drafts_query": "verified=1&" if verified_only else "drafts=1&" if include_drafts else ""}
    if request.htmx and not request.htmx.boosted:
        return render(request, "inventory/_park_enterprises.html", context)
    trend = park_trend(park, user=request.user, include_drafts=include_drafts)
    context.update(park_page_context(summary, trend))
    context["years"] = sorted({t.year for t in trend} | {year})
    if can(request.user, "set_gwp", park):
        context["gwp_form"] = ParkGwpForm(instance=park)
    from parkcarbon.reports.services import may_report_on_park  # reports import inventory: import here

    context["may_report"] = may_report_on_park(request.user, park)  # enterprise users see the page, not the report
    return render(request, "inventory/park.html", context)


@member_required
@require_POST
def park_gwp(request, park_pk, year):
    """The park's GWP set for its totals (every year; the change is kept in the park's history)."""
    park = object_for(request, Park, "set_gwp", pk=park_pk)
    form = ParkGwpForm(request.POST, instance=park)
    if form.is_valid():
        form.save()
        messages.success(request, _("Park totals now use GWP set %(gwp)s.") % {"gwp": park.gwp_set})
    else:
        messages.error(request, _("Choose one of the GWP sets listed."))
    return redirect("inventory:park", park.pk, year)
