"""Verification pages: the workflow panel of an inventory, its steps (each a POST calling one service function),
an adjustment's evidence, a frozen version beside the current one, and the work list."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkcarbon.common import quota
from parkcarbon.common.views import member_required, object_for
from parkcarbon.inventory import guide
from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import GRID_BASIS_LABELS, Inventory, Section, Status
from parkcarbon.verification import services
from parkcarbon.verification.forms import (
    AcceptForm,
    AdjustmentForm,
    CommentForm,
    ConclusionForm,
    NewVersionForm,
    ReturnForm,
)

OPEN_STATUSES = (Status.SUBMITTED, Status.UNDER_VERIFICATION, Status.RETURNED)


def _line_choices(inventory):
    lines = inventory_services.current_lines(inventory).select_related("version")[:2000]
    return [(line.pk, services.line_label(line)) for line in lines]


def _panel_context(request, inventory, **forms):
    steps = services.allowed_steps(request.user, inventory)
    lines = _line_choices(inventory) if steps & {"review_comment", "verify_comment", "adjust"} else []
    labels = dict(Status.choices)
    adjustments = list(inventory.adjustments.select_related("by", "line__version").order_by("-at", "-pk"))
    current = services.current_adjustments(inventory)
    return {
        "inventory": inventory, "steps": steps,
        "transitions": [(t, labels.get(t.old_status, t.old_status), labels.get(t.new_status, t.new_status))
                        for t in inventory.transitions.select_related("by").order_by("-at", "-pk")],
        "comments": inventory.comments.select_related("by", "line__version").order_by("-at", "-pk"),
        "adjustments": adjustments, "current_adjustment_ids": {a.pk for a in current.values()},
        "conclusions": inventory.conclusions.select_related("by", "agency"),
        "frozen_versions": inventory.frozen_versions.defer("lines"),  # a list: not every version's lines
        "verified_total": services.verified_total(inventory) if current else None,
        "comment_form": forms.get("comment_form") or CommentForm(lines=lines),
        "return_form": forms.get("return_form") or ReturnForm(), "accept_form": AcceptForm(),
        "adjustment_form": forms.get("adjustment_form") or AdjustmentForm(lines=lines),
        "conclusion_form": forms.get("conclusion_form") or ConclusionForm(),
        "new_version_form": forms.get("new_version_form") or NewVersionForm(),
    }


@member_required
def panel(request, pk):
    inventory = object_for(request, Inventory, pk=pk)
    return render(request, "verification/panel.html", _panel_context(request, inventory))


def _run(request, inventory, step, form_name, form, call, done: str):
    """Check the step is allowed (403 otherwise), validate the form, call the service; a refused value comes back on
    the panel with the form (400)."""
    services.require(request.user, step, inventory)
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, done)
            return redirect("verification:panel", inventory.pk)
    return render(request, "verification/panel.html", _panel_context(request, inventory, **{form_name: form}),
                  status=400)


@member_required
@require_POST
def accept(request, pk):
    inventory = object_for(request, Inventory, pk=pk)
    return _run(request, inventory, "accept", "accept_form", AcceptForm(request.POST),
                lambda d: services.accept(inventory, request.user, d["text"]),
                _("Accepted. The inventory is now with the verifier."))


@member_required
@require_POST
def return_(request, pk):
    inventory = object_for(request, Inventory, pk=pk)
    return _run(request, inventory, "return", "return_form", ReturnForm(request.POST),
                lambda d: services.return_to_reporter(inventory, request.user, d["text"]),
                _("Returned to the reporter, who can correct it and submit it again."))


@member_required
@require_POST
def comment(request, pk):
    inventory = object_for(request, Inventory, pk=pk)
    form = CommentForm(request.POST, lines=_line_choices(inventory))
    return _run(request, inventory, services.comment_step(inventory), "comment_form", form,
                lambda d: services.add_comment(inventory, request.user, d["text"], d["line"]), _("Comment saved."))


@member_required
@require_POST
def adjust(request, pk):
    inventory = object_for(request, Inventory, pk=pk)
    form = AdjustmentForm(request.POST, request.FILES, lines=_line_choices(inventory))
    # the same limits as a line's evidence file: the request size, then the park's storage quota
    if getattr(request, "upload_refused", False):
        form.add_error(None, _("The file is larger than %(mb)s MB.") % {"mb": settings.PARKCARBON_UPLOAD_MAX_BYTES // 2**20})
    elif "evidence" in request.FILES and (refusal := quota.refusal(inventory.park, request.FILES["evidence"].size)):
        form.add_error("evidence", refusal)
    return _run(request, inventory, "adjust", "adjustment_form", form,
                lambda d: services.record_adjustment(inventory, request.user, d["line"], d["verified_amount"],
                                                     d["reason"], d["evidence"]),
                _("Verified adjustment recorded."))


@member_required
@require_POST
def conclude(request, pk):
    inventory = object_for(request, Inventory, pk=pk)
    return _run(request, inventory, "conclude", "conclusion_form", ConclusionForm(request.POST),
                lambda d: services.conclude(inventory, request.user, d["opinion"], d["statement"]),
                _("Conclusion issued."))


@member_required
@require_POST
def new_version(request, pk):
    inventory = object_for(request, Inventory, pk=pk)
    return _run(request, inventory, "new_version", "new_version_form", NewVersionForm(request.POST),
                lambda d: services.new_version(inventory, request.user, d["text"]),
                _("A new version is open for correction; the concluded version stays readable."))


@member_required
def evidence(request, pk, adjustment_pk):
    inventory = object_for(request, Inventory, pk=pk)
    adjustment = inventory.adjustments.filter(pk=adjustment_pk).first()
    if adjustment is None or not adjustment.evidence:
        raise Http404
    return FileResponse(adjustment.evidence.open("rb"), as_attachment=True,
                        filename=adjustment.evidence.name.rsplit("/", 1)[-1])


def _basis_label(name: str) -> str:
    return {"factor_release": _("Factor library release"), "gwp_set": _("GWP set"),
            "methodologies": _("Accounting guidelines"), "grid_basis": _("Grid emission factor"),
            "library_version": _("Factor library fingerprint"), "engine_version": _("Engine version")}.get(name, name)


def _basis_value(name: str, value) -> str:
    """A basis value for the reader: guideline titles, the grid basis's label, or the value as kept."""
    from parkcarbon.engine import methodology as M

    if name == "methodologies":
        titles = []
        for mid in value or []:
            try:
                titles.append(guide.title(M.get(mid)))
            except KeyError:
                titles.append(mid)  # a guideline no longer shipped: its id
        return ("、" if guide.zh() else ", ").join(titles) or "—"
    if name == "grid_basis" and value in GRID_BASIS_LABELS:
        return str(GRID_BASIS_LABELS[value])
    return str(value) if value not in (None, "") else "—"


def _measured_text(line: dict) -> str:
    """The line's measured parameters and method fields in the reader's language ("" when none)."""
    parts = [services.field_text(field, name, value, line["activity"])
             for field in ("measured", "extra") for name, value in sorted((line[field] or {}).items())]
    if line["ad_uncertainty_pct"] is not None:
        parts.append(services.field_text("ad_uncertainty_pct", "", line["ad_uncertainty_pct"], line["activity"]))
    return ("；" if guide.zh() else "; ").join(parts)


@member_required
def version(request, pk, number):
    """A concluded version as it was (with each line's measured parameters, method fields and CO2e), and its
    differences from the current version, line by line and in totals, with what each changed line changed."""
    inventory = object_for(request, Inventory, pk=pk)
    if not inventory.frozen_versions.filter(number=number).exists():
        raise Http404
    old_lines, old_totals = services.version_lines(inventory, number)
    new_lines, new_totals = services.version_lines(inventory, inventory.version_number)
    sections = dict(Section.choices)
    sections["total"] = _("Total")
    diff = [{**d, "section_label": sections.get(d["section"], d["section"]),
             "activity_label": guide.activity_name(d["activity"]),
             "change_texts": [services.change_text(c, d["activity"]) for c in d["changes"]],
             "co2e_change": None if d["old_co2e"] is None or d["new_co2e"] is None else d["new_co2e"] - d["old_co2e"]}
            for d in services.differences(old_lines, new_lines)]
    totals = [{**t, "label": sections.get(t["section"], t["section"]), "change": t["new"] - t["old"]}
              for t in services.total_differences(old_totals, new_totals)]
    lines = [{**line, "section_label": sections.get(line["section"], line["section"]),
              "activity_label": guide.activity_name(line["activity"]),
              "measured_text": _measured_text(line) if line["measured"] is not None else None}
             for line in old_lines[:2000]]
    kept, now = old_totals["basis"], new_totals["basis"] or {}
    changed = {b["name"] for b in services.basis_differences(kept, now)}
    basis = None if kept is None else [
        {"label": _basis_label(k), "old": _basis_value(k, v), "new": _basis_value(k, now.get(k)), "changed": k in changed}
        for k, v in kept.items()]
    return render(request, "verification/version.html", {
        "inventory": inventory, "number": number, "frozen": inventory.frozen_versions.get(number=number),
        "diff": diff, "totals": totals, "lines": lines, "n_lines": len(old_lines), "basis": basis,
    })


@member_required
def worklist(request):
    """Inventories in the workflow that the user reaches: to review, under verification, returned."""
    inventories = (Inventory.objects.for_user(request.user).filter(status__in=OPEN_STATUSES)
                   .select_related("park", "enterprise", "snapshot").order_by("status", "-year")[:500])
    return render(request, "verification/worklist.html", {"inventories": inventories})
