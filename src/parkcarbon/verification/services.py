"""The verification workflow. Views (and the API) call these; each runs in a transaction, locks the inventory row,
asks the policy module (``common.policy.workflow_refusal``) whether the step is allowed, and records who and when.

States: draft -> submitted -> (park review) returned -> submitted ... | under_verification -> (verifier's conclusion)
verified / not_verified -> (correction) draft of the next version.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from parkcarbon.common.policy import WORKFLOW, memberships, workflow_refusal
from parkcarbon.engine.errors import InputError
from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import ActivityLine, Inventory, Section, Status, Transition
from parkcarbon.verification.models import Adjustment, Comment, Conclusion, FrozenVersion, Opinion, Stage


def entered_by(inventory: Inventory) -> frozenset[int]:
    """Users who entered the inventory's data: its creator, whoever loaded or created a section version, and
    whoever saved a line (line history). A verifier among them may not verify it."""
    ids = {inventory.created_by_id, *inventory.versions.values_list("created_by_id", flat=True)}
    line_ids = ActivityLine.objects.filter(version__inventory=inventory).values("pk")
    ids |= set(ActivityLine.history.filter(id__in=line_ids).values_list("history_user_id", flat=True))
    return frozenset(i for i in ids if i is not None)


def refusal_message(reason: str, step: str, inventory: Inventory) -> str:
    if reason == "status":
        return _("This step is not possible while the inventory is “%(status)s”.") % {
            "status": inventory.get_status_display()}
    if reason == "entered":
        return _("You entered data of this inventory, so you may not verify it.")
    return _("Your role does not allow this step on this inventory.")


def allowed_steps(user, inventory: Inventory) -> set[str]:
    """The workflow steps ``user`` may take on ``inventory`` now (for showing buttons)."""
    entrants = entered_by(inventory) if inventory.status == Status.UNDER_VERIFICATION else frozenset()
    return {step for step in WORKFLOW if not workflow_refusal(user, step, inventory, entrants)}


def comment_step(inventory: Inventory) -> str:
    return "verify_comment" if inventory.status == Status.UNDER_VERIFICATION else "review_comment"


def require(user, step: str, inventory: Inventory) -> None:
    """Refuse (PermissionDenied) unless the policy allows ``user`` the step now; views call it before reading a form."""
    needs_entrants = WORKFLOW[step][0] == "verify"
    reason = workflow_refusal(user, step, inventory, entered_by(inventory) if needs_entrants else frozenset())
    if reason:
        raise PermissionDenied(refusal_message(reason, step, inventory))


def _lock(inventory: Inventory) -> Inventory:
    """Lock the inventory's row and re-read its state: two steps on one inventory never both pass."""
    inventory.status, inventory.version_number = (
        Inventory.objects.select_for_update().values_list("status", "version_number").get(pk=inventory.pk))
    return inventory


def _check(user, step: str, inventory: Inventory) -> Inventory:
    """Lock and re-read the inventory, then refuse the step unless the policy allows it."""
    require(user, step, _lock(inventory))
    return inventory


def _move(inventory: Inventory, user, new_status: str, note: str = "") -> Transition:
    transition = Transition.objects.create(inventory=inventory, old_status=inventory.status, new_status=new_status,
                                           by=user, note=note[:500])
    inventory.status = new_status
    inventory.save(update_fields=["status", "version_number", "updated_at"])
    return transition


def _text(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(_("Please write %(what)s.") % {"what": what})
    return value


def line_label(line: ActivityLine) -> str:
    from parkcarbon.inventory import guide

    section = dict(Section.choices).get(line.version.section, line.version.section)
    month = f" · {line.month:02d}" if line.month else ""
    return f"{section} · {guide.activity_name(line.activity)}{month} · {line.amount:g} {guide.unit_label(line.unit)}"[:200]


def _line_of(inventory: Inventory, line_id) -> ActivityLine:
    """A current line of this inventory (any other id is refused as not found)."""
    try:
        return inventory_services.current_lines(inventory).select_related("version").get(pk=int(line_id))
    except (ActivityLine.DoesNotExist, TypeError, ValueError) as exc:
        raise ValidationError(_("That line is not part of this inventory.")) from exc


@transaction.atomic
def add_comment(inventory: Inventory, user, text: str, line_id=None) -> Comment:
    """A remark by the park's reviewer (while submitted) or the verifier (while under verification)."""
    step = comment_step(_lock(inventory))  # the stage follows from the status as locked
    require(user, step, inventory)
    line = _line_of(inventory, line_id) if line_id not in (None, "") else None
    return Comment.objects.create(
        inventory=inventory, version_number=inventory.version_number, line=line,
        line_label=line_label(line) if line else "", text=_text(text, _("a comment")), by=user,
        stage=Stage.VERIFICATION if step == "verify_comment" else Stage.REVIEW)


@transaction.atomic
def accept(inventory: Inventory, acting_user, comment: str = "") -> Transition:
    """The park accepts a submitted inventory: it goes to the verifier assigned to the enterprise or the park."""
    _check(acting_user, "accept", inventory)
    return _move(inventory, acting_user, Status.UNDER_VERIFICATION, comment.strip())


@transaction.atomic
def return_to_reporter(inventory: Inventory, acting_user, comment: str) -> Transition:
    """The park returns a submitted inventory to its reporter, who may edit it again and resubmit."""
    _check(acting_user, "return", inventory)
    text = _text(comment, _("what the reporter should correct"))
    Comment.objects.create(inventory=inventory, version_number=inventory.version_number, stage=Stage.REVIEW,
                           text=text, by=acting_user)
    return _move(inventory, acting_user, Status.RETURNED, text)


@transaction.atomic
def record_adjustment(inventory: Inventory, acting_user, line_id, verified_amount, reason: str,
                      evidence=None) -> Adjustment:
    """The verifier records the verified value of a line beside the reported one. ``evidence`` is an uploaded file
    already checked for size and quota by the caller (the same limits as a line's evidence)."""
    _check(acting_user, "adjust", inventory)
    line = _line_of(inventory, line_id)
    try:
        verified = float(verified_amount)
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("The verified amount must be a number.")) from exc
    if not verified >= 0 or verified == float("inf"):
        raise ValidationError(_("The verified amount must be zero or more."))
    adjustment = Adjustment(
        inventory=inventory, version_number=inventory.version_number, line=line, line_label=line_label(line),
        reported_amount=line.amount, verified_amount=verified, unit=line.unit,
        reason=_text(reason, _("the reason for the adjustment")), by=acting_user)
    if evidence:
        adjustment.evidence.save(evidence.name, evidence, save=False)
    adjustment.save()
    return adjustment


def current_adjustments(inventory: Inventory):
    """The latest adjustment of each line in the inventory's current version."""
    latest = {}
    for adj in inventory.adjustments.filter(version_number=inventory.version_number).order_by("at", "pk"):
        latest[adj.line_id] = adj
    return latest


def verified_result(inventory: Inventory):
    """The engine's result with every adjusted line at its verified amount (None when the inventory has no lines)."""
    rows = inventory_services.engine_frame(inventory_services.current_lines(inventory))
    if not len(rows):
        return None
    for line_id, adj in current_adjustments(inventory).items():
        rows.loc[rows["row_id"] == str(line_id), "amount"] = adj.verified_amount
    try:
        return inventory_services.calculate_rows(inventory, rows)
    except InputError:
        return None


def verified_total(inventory: Inventory) -> float | None:
    """Total CO2e with every adjusted line at its verified amount (None when the inventory has no lines)."""
    result = verified_result(inventory)
    return None if result is None else float(result.total_co2e)


@transaction.atomic
def conclude(inventory: Inventory, acting_user, opinion: str, statement: str) -> Conclusion:
    """The verifier's conclusion: verified / verified with qualifications / not verified, with a statement. The
    version is frozen as it is (lines and totals); a verified inventory is read-only from now on."""
    _check(acting_user, "conclude", inventory)
    if opinion not in Opinion.values:
        raise ValidationError(_("Choose a conclusion."))
    statement = _text(statement, _("the verification statement"))
    snapshot = getattr(inventory, "snapshot", None)
    agency = next((m.agency for m in memberships(acting_user) if m.role == "verifier" and m.agency_id), None)
    verified = verified_result(inventory)
    conclusion = Conclusion.objects.create(
        inventory=inventory, version_number=inventory.version_number, opinion=opinion, statement=statement,
        agency=agency, reported_co2e=snapshot.total_co2e if snapshot else None,
        verified_co2e=None if verified is None else float(verified.total_co2e),
        verified_gas_tonnes=inventory_services.gas_tonnes(verified) if verified is not None else {}, by=acting_user)
    new_status = Status.NOT_VERIFIED if opinion == Opinion.NOT_VERIFIED else Status.VERIFIED
    _move(inventory, acting_user, new_status, f"{conclusion.get_opinion_display()}: {statement}")
    freeze(inventory)
    return conclusion


def freeze(inventory: Inventory) -> FrozenVersion:
    """Keep the current version's lines and totals as they are now."""
    lines = [{"section": s, "activity": a, "amount": amount, "unit": u, "month": m, "sector": sec, "note": n}
             for s, a, amount, u, m, sec, n in inventory_services.current_lines(inventory).values_list(
                 "version__section", "activity", "amount", "unit", "month", "sector", "note")]
    snapshot = getattr(inventory, "snapshot", None)
    totals = {"total": snapshot.total_co2e if snapshot else 0.0,
              "by_section": {k: v["co2e"] for k, v in (snapshot.by_section if snapshot else {}).items()}}
    frozen, _ = FrozenVersion.objects.update_or_create(
        inventory=inventory, number=inventory.version_number,
        defaults={"status": inventory.status, "lines": lines, "totals": totals})
    return frozen


@transaction.atomic
def new_version(inventory: Inventory, acting_user, reason: str) -> Transition:
    """Open the next version of a concluded inventory for correction. The concluded one stays readable (frozen)."""
    _check(acting_user, "new_version", inventory)
    reason = _text(reason, _("why the inventory is corrected"))
    if not inventory.frozen_versions.filter(number=inventory.version_number).exists():
        freeze(inventory)
    inventory.version_number += 1
    return _move(inventory, acting_user, Status.DRAFT, reason)


def latest_conclusion(inventory: Inventory) -> Conclusion | None:
    """The conclusion on the inventory's current version, if the verifier has issued one."""
    return inventory.conclusions.filter(version_number=inventory.version_number).select_related("agency", "by").first()


def conclusion_sentence(inventory: Inventory, english: bool) -> str:
    """What a report states about verification: the conclusion, by whom and when, with its statement."""
    conclusion = latest_conclusion(inventory)
    if conclusion is None:
        return ""
    opinion = {"verified": ("核查通过", "verified"), "qualified": ("有保留意见的核查通过", "verified with qualifications"),
               "not_verified": ("核查不通过", "not verified")}[conclusion.opinion]
    agency = conclusion.agency
    who = ((agency.name_en or agency.name) if english else agency.name) if agency else ""
    day = conclusion.at.date().isoformat()
    if english:
        return (f"Verification conclusion (version {conclusion.version_number}): {opinion[1]}"
                f"{f', by {who}' if who else ''}, {day}. {conclusion.statement}")
    return (f"核查结论（第{conclusion.version_number}版）：{opinion[0]}{f'，核查机构：{who}' if who else ''}，{day}。"
            f"{conclusion.statement}")


# ---------------------------------------------------------------- differences between versions

def _key(line: dict) -> tuple:
    return (line["section"], line["activity"], line["unit"], line["month"], line.get("sector") or "")


def version_lines(inventory: Inventory, number: int) -> tuple[list[dict], dict]:
    """Lines and totals of one version: frozen for a concluded one, the stored lines for the current one."""
    if number == inventory.version_number and not inventory.frozen_versions.filter(number=number).exists():
        lines = [{"section": s, "activity": a, "amount": amount, "unit": u, "month": m, "sector": sec}
                 for s, a, amount, u, m, sec in inventory_services.current_lines(inventory).values_list(
                     "version__section", "activity", "amount", "unit", "month", "sector")]
        snapshot = getattr(inventory, "snapshot", None)
        return lines, {"total": snapshot.total_co2e if snapshot else 0.0,
                       "by_section": {k: v["co2e"] for k, v in (snapshot.by_section if snapshot else {}).items()}}
    frozen = inventory.frozen_versions.get(number=number)
    return frozen.lines, frozen.totals


def differences(old: list[dict], new: list[dict]) -> list[dict]:
    """Line-by-line differences: lines are matched on section, activity, unit, month and sector (the n-th such line
    of one version with the n-th of the other); unchanged lines are left out."""
    def grouped(lines):
        groups: dict[tuple, list[float]] = {}
        for line in lines:
            groups.setdefault(_key(line), []).append(line["amount"])
        return groups

    a, b = grouped(old), grouped(new)
    rows = []
    for key in sorted(set(a) | set(b), key=lambda k: tuple(str(x) for x in k)):
        olds, news = a.get(key, []), b.get(key, [])
        for i in range(max(len(olds), len(news))):
            before = olds[i] if i < len(olds) else None
            after = news[i] if i < len(news) else None
            if before == after:
                continue
            kind = "added" if before is None else "removed" if after is None else "changed"
            rows.append({"section": key[0], "activity": key[1], "unit": key[2], "month": key[3], "sector": key[4],
                         "old": before, "new": after, "kind": kind})
    return rows


def total_differences(old: dict, new: dict) -> list[dict]:
    sections = [s for s in Section.values if s in old.get("by_section", {}) or s in new.get("by_section", {})]
    rows = [{"section": s, "old": old.get("by_section", {}).get(s, 0.0), "new": new.get("by_section", {}).get(s, 0.0)}
            for s in sections]
    rows.append({"section": "total", "old": old.get("total", 0.0), "new": new.get("total", 0.0)})
    return rows
