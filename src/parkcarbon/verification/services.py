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
    """Keep the current version as it is now: every line with what it needs to be recomputed and understood (its
    measured parameters, method fields and activity data uncertainty) and its result (CO2e and tonnes per gas, computed
    with the inventory's pinned factor release, as the snapshot is), the totals, and the basis of the calculation
    (factor release, GWP set, guidelines, grid basis, library and engine versions). Lines are stored compact (empty
    values left out); ``version_lines`` reads them back in one shape."""
    lines = [_compact(line) for line in _lines_now(inventory)]
    frozen, _ = FrozenVersion.objects.update_or_create(
        inventory=inventory, number=inventory.version_number,
        defaults={"status": inventory.status, "lines": lines, "totals": _totals_now(inventory)})
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


# ---------------------------------------------------------------- versions and their differences
#
# A version's line (``version_lines``), the same shape for the current version and for a frozen one:
#   section, activity, amount, unit, month, sector, note   the line as entered
#   ad_uncertainty_pct  activity data uncertainty (%) or None
#   measured            {parameter: {"value": v, "unit": u}} (e.g. a measured NCV)
#   extra               {field: value} (method fields and qualifiers, e.g. the combustion equipment)
#   co2e, gases         the line's result: t CO2e and {gas: t} (gases with tonnes only)
#   biogenic_co2        biogenic CO2 (t, a memo outside the totals)
# A version frozen before these were kept (no ``basis`` in its totals) has None for measured, extra,
# ad_uncertainty_pct, co2e, gases and biogenic_co2: not recorded, and never compared. co2e and gases are None too
# for a current version the engine refuses (e.g. a factor withdrawn since the lines were saved).
# Totals: {"total", "by_section": {section: t CO2e}, "basis": {factor_release, gwp_set, methodologies, grid_basis,
# library_version, engine_version} or None (not recorded)}.

LINE_VALUES = ("pk", "version__section", "activity", "amount", "unit", "month", "sector", "note", "ad_uncertainty_pct",
               "measured", "extra")
RESULT_KEYS = ("ad_uncertainty_pct", "measured", "extra", "co2e", "gases", "biogenic_co2")


def _lines_now(inventory: Inventory) -> list[dict]:
    """The current lines of the inventory with their results (full shape)."""
    records = list(inventory_services.current_lines(inventory).values_list(*LINE_VALUES))
    results = _line_results(inventory)
    lines = []
    for pk, section, activity, amount, unit, month, sector, note, unc, measured, extra in records:
        co2e, gases, biogenic = results.get(str(pk), (None, None, None))
        lines.append({"section": section, "activity": activity, "amount": amount, "unit": unit, "month": month,
                      "sector": sector or "", "note": note or "", "ad_uncertainty_pct": unc,
                      "measured": measured or {}, "extra": extra or {}, "co2e": co2e, "gases": gases,
                      "biogenic_co2": biogenic})
    return lines


def _line_results(inventory: Inventory) -> dict[str, tuple[float, dict, float]]:
    """Each current line's (CO2e, {gas: tonnes}, biogenic CO2) by line id, computed as the snapshot is (the pinned
    factor release, the inventory's guidelines, GWP set and grid basis). Empty when the engine refuses the lines."""
    try:
        result = inventory_services.calculate_inventory(inventory)
    except InputError:
        return {}
    if result is None:
        return {}
    lines = result.lines
    ids = lines["row_id"].astype(str).tolist()
    co2e = lines["co2e"].astype(float).tolist()
    biogenic = lines["CO2_biogenic"].astype(float).tolist() if "CO2_biogenic" in lines else [0.0] * len(ids)
    tonnes = {g: lines[g].astype(float).tolist() for g in result.gases}
    return {row: (co2e[i], {g: t[i] for g, t in tonnes.items() if t[i]}, biogenic[i]) for i, row in enumerate(ids)}


def _compact(line: dict) -> dict:
    """A line as stored in a frozen version: the entered fields always, the rest only when it holds something."""
    kept = {k: line[k] for k in ("section", "activity", "amount", "unit", "month", "sector")}
    if line["note"]:
        kept["note"] = line["note"]
    for k in ("ad_uncertainty_pct", "co2e"):
        if line[k] is not None:
            kept[k] = line[k]
    for k in ("measured", "extra", "gases", "biogenic_co2"):
        if line[k]:
            kept[k] = line[k]
    return kept


def _read(line: dict, full: bool) -> dict:
    """A stored frozen line in the shape of ``_lines_now``; ``full``: the version kept results (else None)."""
    shaped = {"section": line["section"], "activity": line["activity"], "amount": line["amount"],
              "unit": line["unit"], "month": line.get("month") or 0, "sector": line.get("sector") or "",
              "note": line.get("note") or ""}
    if not full:
        return {**shaped, **dict.fromkeys(RESULT_KEYS)}
    co2e = line.get("co2e")
    return {**shaped, "ad_uncertainty_pct": line.get("ad_uncertainty_pct"), "measured": line.get("measured") or {},
            "extra": line.get("extra") or {}, "co2e": co2e,
            "gases": (line.get("gases") or {}) if co2e is not None else None,
            "biogenic_co2": line.get("biogenic_co2", 0.0) if co2e is not None else None}


def _totals_now(inventory: Inventory) -> dict:
    snapshot = getattr(inventory, "snapshot", None)
    basis = {"factor_release": inventory.factor_release, "gwp_set": inventory.gwp_set,
             "methodologies": list(inventory.methodologies or []), "grid_basis": inventory.grid_basis,
             "library_version": snapshot.library_version if snapshot else "",
             "engine_version": snapshot.engine_version if snapshot else ""}
    return {"total": snapshot.total_co2e if snapshot else 0.0,
            "by_section": {k: v["co2e"] for k, v in (snapshot.by_section if snapshot else {}).items()},
            "basis": basis}


def version_lines(inventory: Inventory, number: int) -> tuple[list[dict], dict]:
    """Lines and totals of one version, in one shape (see above): frozen for a concluded one, the stored lines with
    their results computed now for the current one."""
    if number == inventory.version_number and not inventory.frozen_versions.filter(number=number).exists():
        return _lines_now(inventory), _totals_now(inventory)
    frozen = inventory.frozen_versions.get(number=number)
    totals = frozen.totals or {}
    full = "basis" in totals
    return ([_read(line, full) for line in frozen.lines],
            {"total": totals.get("total", 0.0), "by_section": totals.get("by_section", {}),
             "basis": totals.get("basis") if full else None})


def _key(line: dict) -> tuple:
    return (line["section"], line["activity"], line["unit"], line["month"], line.get("sector") or "")


def _same_co2e(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b)) + 1e-12  # the same inputs computed again: equal up to rounding


def line_changes(old: dict, new: dict) -> list[dict]:
    """What differs between two matched lines besides the amount: each measured parameter, method field and the
    activity data uncertainty, as {"field": "measured" | "extra" | "ad_uncertainty_pct", "name", "old", "new"}
    (None where one side has none). A side that did not record them (a version frozen before) is not compared."""
    if old.get("measured") is None or new.get("measured") is None:  # not recorded on one side
        return []
    changes = []
    for field in ("measured", "extra"):
        a, b = old.get(field) or {}, new.get(field) or {}
        for name in sorted(set(a) | set(b)):
            if a.get(name) != b.get(name):
                changes.append({"field": field, "name": name, "old": a.get(name), "new": b.get(name)})
    if old.get("ad_uncertainty_pct") != new.get("ad_uncertainty_pct"):
        changes.append({"field": "ad_uncertainty_pct", "name": "ad_uncertainty_pct",
                        "old": old.get("ad_uncertainty_pct"), "new": new.get("ad_uncertainty_pct")})
    return changes


def differences(old: list[dict], new: list[dict]) -> list[dict]:
    """Line-by-line differences between two versions' lines (``version_lines``).

    Matching: lines are matched on section, activity, unit, month and sector; within one such key the n-th line of
    one version (in the versions' line order) is matched with the n-th of the other, the rest are added or removed.
    A matched pair is "changed" when its amount, a measured parameter, a method field (e.g. the combustion
    equipment) or the activity data uncertainty differs, or when both versions recorded a CO2e and it differs (the
    same line computed with another factor release, say); otherwise it is left out. The note is not compared.

    Each row: section, activity, unit, month, sector, kind (added / removed / changed), old and new amount,
    old_co2e and new_co2e (t; None where a side has no line or did not record it) and ``changes`` (``line_changes``:
    what differs besides the amount)."""
    def grouped(lines):
        groups: dict[tuple, list[dict]] = {}
        for line in lines:
            groups.setdefault(_key(line), []).append(line)
        return groups

    a, b = grouped(old), grouped(new)
    rows = []
    for key in sorted(set(a) | set(b), key=lambda k: tuple(str(x) for x in k)):
        olds, news = a.get(key, []), b.get(key, [])
        for i in range(max(len(olds), len(news))):
            before = olds[i] if i < len(olds) else None
            after = news[i] if i < len(news) else None
            changes = line_changes(before, after) if before is not None and after is not None else []
            old_co2e = before.get("co2e") if before is not None else None
            new_co2e = after.get("co2e") if after is not None else None
            if before is not None and after is not None:
                same_result = old_co2e is None or new_co2e is None or _same_co2e(old_co2e, new_co2e)
                if before["amount"] == after["amount"] and not changes and same_result:
                    continue
            kind = "added" if before is None else "removed" if after is None else "changed"
            rows.append({"section": key[0], "activity": key[1], "unit": key[2], "month": key[3], "sector": key[4],
                         "old": before["amount"] if before is not None else None,
                         "new": after["amount"] if after is not None else None, "kind": kind,
                         "old_co2e": old_co2e, "new_co2e": new_co2e, "changes": changes})
    return rows


def _value_text(field: str, name: str, value) -> str:
    from parkcarbon.engine import equipment
    from parkcarbon.inventory import guide

    if value is None:
        return "—"
    if field == "measured":
        number = value.get("value") if isinstance(value, dict) else value
        unit = value.get("unit") if isinstance(value, dict) else ""
        text = f"{number:g}" if isinstance(number, int | float) else str(number)
        return f"{text} {guide.unit_label(unit)}" if unit else text
    if field == "ad_uncertainty_pct":
        return f"{value:g} %"
    if name == equipment.COLUMN:
        return equipment.label(str(value), guide.zh())
    return f"{value:g}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def _field_label(field: str, name: str, activity: str) -> str:
    from parkcarbon.engine.values import FIELDS
    from parkcarbon.inventory import guide

    if field == "measured":
        label = guide.param_label_of(activity, name)
        if label[:1].isupper() and label[1:2].islower():  # "Net calorific value" mid-sentence; "CH4 ..." kept
            label = label[0].lower() + label[1:]
        return _("Measured %(p)s") % {"p": label}
    if field == "ad_uncertainty_pct":
        return _("Activity data uncertainty")
    spec = FIELDS.get(name)
    full = (spec.label_zh if guide.zh() else spec.label_en) if spec else name
    return full.split("（")[0].split(" (")[0]  # "Combustion equipment (kiln / ...)": the name only


def field_text(field: str, name: str, value, activity: str) -> str:
    """A line's measured parameter or method field in the reader's language: "Measured Net calorific value
    20.9 GJ/t", "Combustion equipment Kiln"."""
    return f"{_field_label(field, name, activity)} {_value_text(field, name, value)}"


def change_text(change: dict, activity: str) -> str:
    """One change of ``line_changes`` in the reader's language: "Measured Net calorific value 20.9 GJ/t → 21.3
    GJ/t", "Combustion equipment Kiln → Industrial boiler"."""
    field, name = change["field"], change["name"]
    return (f"{_field_label(field, name, activity)} {_value_text(field, name, change['old'])} → "
            f"{_value_text(field, name, change['new'])}")


def basis_differences(old: dict | None, new: dict | None) -> list[dict]:
    """What the two versions were computed with, where it differs: [{"name", "old", "new"}] (none when a side did
    not record it)."""
    if not old or not new:
        return []
    return [{"name": k, "old": old.get(k), "new": new.get(k)}
            for k in ("factor_release", "gwp_set", "methodologies", "grid_basis", "library_version", "engine_version")
            if old.get(k) != new.get(k)]


def total_differences(old: dict, new: dict) -> list[dict]:
    sections = [s for s in Section.values if s in old.get("by_section", {}) or s in new.get("by_section", {})]
    rows = [{"section": s, "old": old.get("by_section", {}).get(s, 0.0), "new": new.get("by_section", {}).get(s, 0.0)}
            for s in sections]
    rows.append({"section": "total", "old": old.get("total", 0.0), "new": new.get("total", 0.0)})
    return rows
