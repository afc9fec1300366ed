"""The verification workflow in the API: the same steps, services and policy as the inventory's workflow panel.

A step the caller's role may not take is 403; a step the inventory's state does not allow now (or that the caller
may not take because they entered its data) is 409 with the reason; a refused value is 422 with its field. Evidence
files of adjustments are attached in the web panel (the API records the values and the reason)."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from parkcarbon.api.common import ID_MAX, get_for
from parkcarbon.api.errors import ApiError
from parkcarbon.common.policy import WORKFLOW, can, workflow_refusal
from parkcarbon.inventory.models import Inventory
from parkcarbon.verification import services
from parkcarbon.verification.models import Opinion

router = Router(tags=["verification"])


def _user_name(user) -> str:
    return user.get_username() if user else ""


def workflow_dict(user, inventory: Inventory) -> dict:
    current = services.current_adjustments(inventory)
    return {
        "inventory": inventory.pk, "status": inventory.status, "version": inventory.version_number,
        "allowed_steps": sorted(services.allowed_steps(user, inventory)),
        "transitions": [{"from": t.old_status, "to": t.new_status, "by": _user_name(t.by), "at": t.at.isoformat(),
                         "note": t.note}
                        for t in inventory.transitions.select_related("by").order_by("at", "pk")],
        "comments": [{"id": c.pk, "version": c.version_number, "stage": c.stage, "line": c.line_id,
                      "line_label": c.line_label, "text": c.text, "by": _user_name(c.by), "at": c.at.isoformat()}
                     for c in inventory.comments.select_related("by").order_by("at", "pk")],
        "adjustments": [{"id": a.pk, "version": a.version_number, "line": a.line_id, "line_label": a.line_label,
                         "reported_amount": a.reported_amount, "verified_amount": a.verified_amount, "unit": a.unit,
                         "reason": a.reason, "has_evidence": bool(a.evidence), "current": current.get(a.line_id) == a,
                         "by": _user_name(a.by), "at": a.at.isoformat()}
                        for a in inventory.adjustments.select_related("by").order_by("at", "pk")],
        "conclusions": [{"version": c.version_number, "opinion": c.opinion, "statement": c.statement,
                         "agency": c.agency.name if c.agency else "", "reported_co2e": c.reported_co2e,
                         "verified_co2e": c.verified_co2e, "by": _user_name(c.by), "at": c.at.isoformat()}
                        for c in inventory.conclusions.select_related("by", "agency").order_by("version_number")],
        "frozen_versions": list(inventory.frozen_versions.values_list("number", flat=True)),
    }


def _take(request, inventory_id: int, step: str, call):
    """Run one workflow step: 404 out of reach, 403 role, 409 state (or the caller entered the data), 422 value."""
    inventory = get_for(request, Inventory, inventory_id)
    action = WORKFLOW[step][0]
    if not can(request.user, action, inventory):
        raise PermissionDenied
    entrants = services.entered_by(inventory) if action == "verify" else frozenset()
    reason = workflow_refusal(request.user, step, inventory, entrants)
    if reason:
        raise ApiError(services.refusal_message(reason, step, inventory), status=409)
    try:
        call(inventory)
    except PermissionDenied as exc:  # the state changed between the check and the locked re-check
        raise ApiError(str(exc) or _("You may not do this."), status=409) from exc
    except ValidationError as exc:
        raise ApiError(_("The request has invalid values; nothing was saved."),
                       [{"field": "", "message": m} for m in exc.messages]) from exc
    inventory.refresh_from_db()
    return workflow_dict(request.user, inventory)


@router.get("/inventories/{inventory_id}/workflow", url_name="inventory_workflow")
def workflow(request, inventory_id: int):
    """The inventory's state, the steps the caller may take now, and its transitions, comments, adjustments,
    conclusions and frozen versions."""
    return workflow_dict(request.user, get_for(request, Inventory, inventory_id))


class NoteIn(Schema):
    comment: str = Field("", max_length=2000)


class RequiredNoteIn(Schema):
    comment: str = Field(min_length=1, max_length=2000)


@router.post("/inventories/{inventory_id}/accept", url_name="inventory_accept")
def accept(request, inventory_id: int, payload: NoteIn | None = None):
    """Park review: accept a submitted inventory; it goes to the verifier assigned to the enterprise or park."""
    text = payload.comment if payload else ""
    return _take(request, inventory_id, "accept", lambda inv: services.accept(inv, request.user, text))


@router.post("/inventories/{inventory_id}/return", url_name="inventory_return")
def return_(request, inventory_id: int, payload: RequiredNoteIn):
    """Park review: return a submitted inventory to its reporter with what to correct."""
    return _take(request, inventory_id, "return",
                 lambda inv: services.return_to_reporter(inv, request.user, payload.comment))


class CommentIn(Schema):
    text: str = Field(min_length=1, max_length=2000)
    line: int | None = Field(None, ge=1, le=ID_MAX, description="A current line of the inventory, or none")


@router.post("/inventories/{inventory_id}/comments", url_name="inventory_comment")
def comment(request, inventory_id: int, payload: CommentIn):
    """A remark of the park's reviewer (while submitted) or of the verifier (while under verification)."""
    inventory = get_for(request, Inventory, inventory_id)
    return _take(request, inventory_id, services.comment_step(inventory),
                 lambda inv: services.add_comment(inv, request.user, payload.text, payload.line))


class AdjustmentIn(Schema):
    line: int = Field(ge=1, le=ID_MAX)
    verified_amount: float = Field(ge=0, le=1e15)
    reason: str = Field(min_length=1, max_length=2000)


@router.post("/inventories/{inventory_id}/adjustments", url_name="inventory_adjust")
def adjust(request, inventory_id: int, payload: AdjustmentIn):
    """The verifier's verified value of a line beside the reported one, with the reason."""
    return _take(request, inventory_id, "adjust", lambda inv: services.record_adjustment(
        inv, request.user, payload.line, payload.verified_amount, payload.reason))


class ConclusionIn(Schema):
    opinion: Literal["verified", "qualified", "not_verified"] = Field(
        description=f"One of {', '.join(Opinion.values)}")
    statement: str = Field(min_length=1, max_length=5000)


@router.post("/inventories/{inventory_id}/conclusion", url_name="inventory_conclude")
def conclude(request, inventory_id: int, payload: ConclusionIn):
    """The verifier's conclusion; the version is frozen and a verified inventory is read-only from then on."""
    return _take(request, inventory_id, "conclude",
                 lambda inv: services.conclude(inv, request.user, payload.opinion, payload.statement))


class ReasonIn(Schema):
    reason: str = Field(min_length=1, max_length=2000)


@router.post("/inventories/{inventory_id}/new-version", url_name="inventory_new_version")
def new_version(request, inventory_id: int, payload: ReasonIn):
    """Open the next version of a concluded inventory for correction; the concluded version stays readable."""
    return _take(request, inventory_id, "new_version",
                 lambda inv: services.new_version(inv, request.user, payload.reason))


@router.get("/inventories/{inventory_id}/versions/{number}", url_name="inventory_version")
def version(request, inventory_id: int, number: int):
    """A concluded version as it was, and its differences from the current version, line by line and in totals.

    ``lines``: each line as entered (section, activity, amount, unit, month, sector, note, ad_uncertainty_pct,
    ``measured`` {parameter: {value, unit}}, ``extra`` {field: value}) with its result (``co2e`` t, ``gases``
    {gas: t}, ``biogenic_co2`` t); ``totals.basis``: the factor release, GWP set, guidelines and grid basis it was
    computed with. A version concluded before these were kept has them null (not recorded, not compared).
    ``differences``: lines matched on section, activity, unit, month and sector (n-th with n-th); a row is added,
    removed or changed (amount, a measured parameter, a method field, the uncertainty or the CO2e differs), with
    ``old_co2e``/``new_co2e``, ``changes`` [{field, name, old, new}] and ``summary`` (the changes as text in the
    request's language). ``basis_differences``: what the calculation basis changed."""
    inventory = get_for(request, Inventory, inventory_id)
    if not 0 < number < 2**15 or not inventory.frozen_versions.filter(number=number).exists():
        raise ApiError(_("Not found."), status=404)
    old_lines, old_totals = services.version_lines(inventory, number)
    new_lines, new_totals = services.version_lines(inventory, inventory.version_number)
    differences = [{**d, "summary": [services.change_text(c, d["activity"]) for c in d["changes"]]}
                   for d in services.differences(old_lines, new_lines)]
    return {"inventory": inventory.pk, "number": number, "current": inventory.version_number,
            "lines": old_lines, "totals": old_totals, "differences": differences,
            "total_differences": services.total_differences(old_totals, new_totals),
            "basis_differences": services.basis_differences(old_totals["basis"], new_totals["basis"])}
