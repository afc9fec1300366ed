"""Release pages: the installed releases with their cited changes, "compare with release X" for an inventory, moving
a draft or restating a concluded inventory, a line's trace (method, factors with release and source, who entered and
who verified), and a park's series restatement with its progress."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkcarbon.common import jobs
from parkcarbon.common.policy import can, workflow_refusal
from parkcarbon.common.views import member_required, object_for
from parkcarbon.engine import equipment, factor_releases, releases
from parkcarbon.engine.methods import METHODS
from parkcarbon.inventory import guide
from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import EDITABLE_STATUSES, ActivityLine, Inventory
from parkcarbon.parks.models import Park
from parkcarbon.releases import park_releases, services
from parkcarbon.releases.forms import MoveForm, ReasonForm, SeriesForm
from parkcarbon.releases.models import SeriesRestatement


def _zh() -> bool:
    return (get_language() or "en").startswith("zh")


@member_required
def index(request):
    """Every installed release, newest first, with its changelog and the factors it changed against the one before."""
    entries = []
    for r in reversed(releases()):
        before = factor_releases.previous(r.id)
        changes, cited = [], []
        if before:
            old, new = inventory_services.load_library(release=before), inventory_services.load_library(release=r.id)
            every = factor_releases.factor_changes(old, new)
            changes = [(c, new.sources.get(c.new.source if c.new else c.old.source, {}))
                       for c in every if c.kind != "citation"]
            cited = [c.id for c in every if c.kind == "citation"]  # value unchanged: listed apart, not as "changed"
        entries.append({"release": r, "changelog": r.changelog(get_language() or "en"), "previous": before,
                        "changes": changes, "cited": cited})
    return render(request, "releases/index.html", {
        "entries": entries, "park_sets": park_releases.visible(request.user).order_by("park", "-number")[:50],
        "parks": Park.objects.for_user(request.user).order_by("name")[:50]})


def _comparison_context(request, inventory, release_id, **forms):
    error = ""
    try:
        comparison = services.compare(inventory, release_id)
    except services.NotComputable as exc:  # a release without an activity or value the lines use: say so, no 500
        error = exc.messages[0]
        comparison = services.Comparison(inventory, inventory.factor_release, release_id, 0.0, 0.0, {}, {}, [], 0)
    except ValidationError as exc:
        raise Http404(exc.messages[0]) from None
    editable = inventory.status in EDITABLE_STATUSES and can(request.user, "change", inventory)
    restatable = inventory.status in services.CONCLUDED and not workflow_refusal(request.user, "new_version", inventory)
    lib = inventory_services.load_library()
    park = inventory.park
    return {
        "inventory": inventory, "comparison": comparison, "releases": releases(), "error": error,
        "park_releases": park_releases.approved_for(park),
        "activities": lib.activities, "sections": inventory_services.section_names(),
        "can_move": editable and not error and comparison.new_release != comparison.old_release,
        "can_restate": restatable and not error and comparison.new_release != comparison.old_release,
        "move_form": forms.get("move_form") or MoveForm(initial={"release": comparison.new_release}, park=park),
        "restate_form": forms.get("restate_form") or ReasonForm(initial={"release": comparison.new_release}, park=park),
        "restatements": inventory.restatements.select_related("by"),
    }


@member_required
def compare(request, pk):
    inventory = object_for(request, Inventory, pk=pk)
    release_id = request.GET.get("release") or services.newer_release(inventory) or _previous(inventory)
    return render(request, "releases/compare.html", _comparison_context(request, inventory, release_id))


def _previous(inventory) -> str:
    """The release to compare with by default: the one before the pinned release (for a park release, its base)."""
    pinned = inventory.factor_release
    if park_releases.is_park_release(pinned):
        return pinned.split("+", 1)[0]
    try:
        return factor_releases.previous(pinned) or pinned
    except factor_releases.UnknownRelease:
        return factor_releases.latest()


def _post(request, pk, form_class, form_name, permitted, call, done):
    """Refuse a user the step does not allow (403), validate the form, call the service; a refused value comes back
    on the comparison page with the form (400)."""
    inventory = object_for(request, Inventory, pk=pk)
    if not permitted(inventory):
        raise PermissionDenied
    form = form_class(request.POST, park=inventory.park)
    if form.is_valid():
        try:
            call(inventory, form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, done)
            return redirect(inventory.get_absolute_url())
    release_id = form.data.get("release") or inventory.factor_release
    if release_id not in {r.id for r in releases()} and park_releases.find(release_id, inventory.park) is None:
        release_id = inventory.factor_release
    return render(request, "releases/compare.html",
                  _comparison_context(request, inventory, release_id, **{form_name: form}), status=400)


@member_required
@require_POST
def move(request, pk):
    return _post(request, pk, MoveForm, "move_form", lambda inventory: can(request.user, "change", inventory),
                 lambda inventory, d: services.move_draft(inventory, request.user, d["release"], d["reason"]),
                 _("The inventory is now computed with the chosen release."))


@member_required
@require_POST
def restate(request, pk):
    def permitted(inventory):
        if inventory.status in EDITABLE_STATUSES:
            return can(request.user, "change", inventory)
        return can(request.user, "new_version", inventory)  # the service refuses a state that cannot be restated

    return _post(request, pk, ReasonForm, "restate_form", permitted,
                 lambda inventory, d: services.restate(inventory, request.user, d["release"], d["reason"]),
                 _("Restated: a new version computed with the chosen release is open; the earlier version stays "
                   "readable."))


@member_required
def trace(request, pk, line_pk):
    """From a line to its method, each factor with its release and source, who entered it and who verified."""
    from parkcarbon.verification.services import latest_conclusion

    inventory = object_for(request, Inventory, pk=pk)
    line = ActivityLine.objects.filter(version__inventory=inventory, pk=line_pk).select_related("version").first()
    if line is None:
        raise Http404
    lib = inventory_services.library_of(inventory)
    result = inventory_services.calculate_rows(inventory, inventory_services.engine_rows([line]))
    row = result.lines.iloc[0]
    outside = set(filter(None, str(row.get("out_of_validity") or "").split(",")))  # used outside its source's years
    factors = []
    for column in [c for c in result.lines.columns if c.startswith("factor:")]:
        fid = str(row[column]) if row[column] == row[column] and row[column] else ""
        f = lib.factors.get(fid)
        factors.append({"param": column.split(":", 1)[1], "id": fid, "factor": f,
                        "source": lib.sources.get(f.source, {}) if f else {}, "outside": fid in outside,
                        "park_factor": park_releases.factor_record(fid, inventory.park) if fid in lib.overlay else None})
    activity = lib.activities.get(line.activity)
    method = METHODS.get(activity.method) if activity else None
    named = (line.extra or {}).get(equipment.COLUMN, "")
    for f in factors:  # the parameters the equipment qualifies: did the guideline have a value for it?
        qualified = method is not None and any(p.name == f["param"] and p.qualifier == equipment.COLUMN
                                               for p in method.params)
        f["by_equipment"] = bool(named and qualified and f["factor"] and f["factor"].qualifier == named)
        f["equipment_default"] = bool(named and qualified and f["factor"] and f["factor"].qualifier != named)
        f["label"] = guide.param_label_of(line.activity, f["param"])  # the parameter in words, beside its key
        f["provenance"] = guide.provenance_label(f["factor"].provenance) if f["factor"] else ""
    history = list(line.history.select_related("history_user").order_by("history_date"))
    return render(request, "releases/trace.html", {
        "inventory": inventory, "line": line, "activity": activity, "method": method, "factors": factors,
        "unit_label": guide.unit_label(line.unit),
        "co2e": float(row["co2e"]), "release": releases_by_id().get(inventory.factor_release),
        "park_release": park_releases.find(inventory.factor_release, inventory.park),
        "entered_by": history[0].history_user if history else line.version.created_by,
        "entered_at": history[0].history_date if history else line.version.created_at,
        "last_change": history[-1] if len(history) > 1 else None, "conclusion": latest_conclusion(inventory),
        "section_version": line.version, "zh": _zh(),
        "equipment": equipment.label(named, _zh()) if named else "",
    })


def releases_by_id() -> dict:
    return {r.id: r for r in releases()}


@member_required
def park_series(request, park_pk):
    park = object_for(request, Park, "restate_series", pk=park_pk)
    jobs.reap(SeriesRestatement.objects.filter(park=park))
    form = SeriesForm(request.POST or None, initial={"release": factor_releases.latest()}, park=park)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            series = services.start_series(park, request.user, d["release"], d["first_year"], d["last_year"],
                                           d["reason"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The restatement was queued; its progress is shown below."))
            return redirect("releases:series_status", series.pk)
    years = sorted(set(Inventory.objects.filter(park=park).values_list("year", flat=True)))
    by_year = {}
    for year, release in Inventory.objects.filter(park=park).values_list("year", "factor_release"):
        by_year.setdefault(year, {}).setdefault(release, 0)
        by_year[year][release] += 1
    return render(request, "releases/park_series.html", {
        "park": park, "form": form, "series_list": SeriesRestatement.objects.filter(park=park)[:20],
        "basis": [(y, sorted(by_year.get(y, {}).items())) for y in years],
    }, status=400 if request.method == "POST" else 200)


@member_required
def series_status(request, pk):
    series = SeriesRestatement.objects.for_user(request.user, "restate_series").filter(pk=pk).first()
    if series is None:
        raise Http404
    jobs.reap(SeriesRestatement.objects.filter(pk=pk))
    series.refresh_from_db()
    template = "releases/_series_progress.html" if request.htmx else "releases/series.html"
    return render(request, template, {"series": series, "park": series.park,
                                      "restatements": series.restatements.select_related("inventory", "by")})
