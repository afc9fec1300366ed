"""Evaluate an inventory against its park's rules, and acknowledge alerts. Views, signals and the API call these.

``evaluate`` runs inside the transaction that changed the inventory, so data and alerts commit together; the
e-mail about new alerts is queued as a task only once that transaction has committed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parkcarbon.alerts.models import Alert, Metric, Rule
from parkcarbon.common.policy import can
from parkcarbon.engine import calculate, units
from parkcarbon.engine.errors import EngineError, InputError
from parkcarbon.engine.tce import intensities
from parkcarbon.inventory.models import Inventory, ResultSnapshot

MONTHS = range(1, 13)
INTENSITY_METRICS = (Metric.CO2E_PER_OUTPUT, Metric.CO2E_PER_VALUE_ADDED, Metric.TCE_PER_OUTPUT,
                     Metric.TCE_PER_VALUE_ADDED)


@dataclass
class Breach:
    subject: str  # "" = the whole inventory; "month:3", "activity:diesel", "line:<pk>"
    value: float
    detail: dict = field(default_factory=dict)


class Facts:
    """What the rules read about one inventory, each loaded once and only when a rule needs it."""

    def __init__(self, inventory: Inventory):
        self.inventory = inventory
        self.snapshot = ResultSnapshot.objects.filter(inventory=inventory).first()
        self._months = self._measured = self._previous = None

    @property
    def activity_months(self) -> set[tuple[str, int]]:
        """(activity, month) pairs of the current lines: one distinct query, however many lines an upload has."""
        if self._months is None:
            self._months = set(self._current().values_list("activity", "month").distinct())
        return self._months

    @property
    def measured_lines(self) -> list[dict]:
        """The current lines that carry measured parameters (the only ones the line rules look at)."""
        if self._measured is None:
            self._measured = list(self._current().exclude(measured={}).values(
                "pk", "version__section", "position", "activity", "amount", "unit", "month", "sector", "measured",
                "extra"))
        return self._measured

    def _current(self):
        from parkcarbon.inventory.services import current_lines

        return current_lines(self.inventory).order_by()

    @property
    def previous(self) -> ResultSnapshot | None:
        """The stored result of the same entity's inventory of the year before."""
        if self._previous is None:
            inv = self.inventory
            self._previous = ResultSnapshot.objects.filter(
                inventory__park=inv.park_id, inventory__enterprise=inv.enterprise_id,
                inventory__year=inv.year - 1).first() or False
        return self._previous or None

    def previous_in_own_gwp(self) -> tuple[float, float] | None:
        """(previous year's total, factor to restate its parts) in this inventory's GWP set: years compare alike."""
        prev = self.previous
        if prev is None or self.snapshot is None or not prev.total_co2e:
            return None
        total = (prev.gas_tonnes or {}).get("gwp", {}).get(self.snapshot.gwp_set, prev.total_co2e)
        return total, total / prev.total_co2e


def _pct(current: float, previous: float) -> float:
    return (current - previous) / previous * 100


def measure(rule: Rule, facts: Facts) -> list[Breach]:
    """The breaches of one rule by one inventory (an empty list: the rule holds)."""
    inv, snap, metric, limit = facts.inventory, facts.snapshot, rule.metric, rule.threshold
    if metric == Metric.ANNUAL_CO2E:
        return [Breach("", snap.total_co2e)] if snap and snap.total_co2e > limit else []
    if metric in INTENSITY_METRICS:
        if snap is None:
            return []
        positive = [v if v and v > 0 else None for v in (inv.output_value_10k_yuan, inv.value_added_10k_yuan)]
        value = intensities(snap.total_co2e, snap.energy_tce, *positive)[metric]
        denominator = positive[0] if "output" in metric else positive[1]
        return ([Breach("", value, {"co2e": snap.total_co2e, "tce": snap.energy_tce, "per_10k_yuan": denominator})]
                if value is not None and value > limit else [])
    if metric == Metric.CHANGE_YEAR:
        previous = facts.previous_in_own_gwp()
        if previous is None or previous[0] <= 0:
            return []
        change = _pct(snap.total_co2e, previous[0])
        return ([Breach("", change, {"current": snap.total_co2e, "previous": previous[0], "year": inv.year - 1})]
                if change > limit else [])
    if metric == Metric.CHANGE_MONTH:
        return _same_month(facts, limit)
    if metric == Metric.MISSING_MONTHS:
        return _missing_months(facts, rule)
    if metric == Metric.MEASURED_RANGE:
        return _measured_range(facts, rule)
    if metric == Metric.DEFAULT_DEVIATION:
        return _default_deviation(facts, rule)
    raise ValueError(f"unknown metric {metric!r}")


def _same_month(facts: Facts, limit: float) -> list[Breach]:
    previous = facts.previous_in_own_gwp()
    if previous is None:
        return []
    now, before = facts.snapshot.by_month or {}, facts.previous.by_month or {}
    breaches = []
    for m in MONTHS:
        if str(m) not in now or str(m) not in before:
            continue
        current, last = now[str(m)]["co2e"], before[str(m)]["co2e"] * previous[1]
        if last > 0 and _pct(current, last) > limit:
            breaches.append(Breach(f"month:{m}", _pct(current, last), {"month": m, "current": current, "previous": last}))
    return breaches


def _covered(rule: Rule, lines: list[dict]) -> list[dict]:
    return [line for line in lines if not rule.activity or line["activity"] == rule.activity]


def _missing_months(facts: Facts, rule: Rule) -> list[Breach]:
    """Per activity reported month by month: the months of the year without a line. An activity given as an annual
    figure (month 0) has no gaps."""
    months: dict[str, set[int]] = {}
    for activity, month in facts.activity_months:
        if not rule.activity or activity == rule.activity:
            months.setdefault(activity, set()).add(month)
    breaches = []
    for activity, given in sorted(months.items()):
        missing = sorted(set(MONTHS) - given)
        if 0 not in given and len(missing) > rule.threshold:
            breaches.append(Breach(f"activity:{activity}", len(missing), {"activity": activity, "months": missing}))
    return breaches


def _line_detail(line: dict, **more) -> dict:
    return {"activity": line["activity"], "month": line["month"], "section": line["version__section"],
            "row": line["position"] + 1, **more}


def _measured_range(facts: Facts, rule: Rule) -> list[Breach]:
    breaches = []
    for line in _covered(rule, facts.measured_lines):
        spec = (line["measured"] or {}).get(rule.parameter)
        if not spec or spec.get("value") is None:
            continue
        try:
            value = float(spec["value"]) * (units.factor(spec.get("unit") or rule.unit, rule.unit) if rule.unit else 1)
        except (EngineError, TypeError, ValueError):
            continue  # a unit the range cannot be compared with: the import checks already named it
        low = rule.lower_bound if rule.lower_bound is not None else float("-inf")
        if not low <= value <= rule.threshold:
            breaches.append(Breach(f"line:{line['pk']}", value, _line_detail(line, parameter=rule.parameter,
                                                                            given=spec)))
    return breaches


def _default_deviation(facts: Facts, rule: Rule) -> list[Breach]:
    """Lines whose measured parameters move their CO2e more than the threshold (%) away from the CO2e computed
    with the guideline's defaults for the same line."""
    from parkcarbon.inventory.services import options_for, spread_rows

    lines = _covered(rule, facts.measured_lines)
    if not lines:
        return []
    frame = pd.DataFrame([{**line, "row_id": str(line["pk"]), "ad_uncertainty_pct": None, "evidence_file": ""}
                          for line in lines])[["row_id", "activity", "amount", "unit", "month", "sector",
                                               "ad_uncertainty_pct", "measured", "extra", "evidence_file"]]
    options = options_for(facts.inventory)
    measured = _co2e(spread_rows(frame), options)
    defaults = _co2e(spread_rows(frame.assign(measured=[{}] * len(frame))), options)
    breaches = []
    for line in lines:
        key = str(line["pk"])
        if key in measured and defaults.get(key):
            change = _pct(measured[key], defaults[key])
            if abs(change) > rule.threshold:
                breaches.append(Breach(f"line:{key}", change, _line_detail(
                    line, measured_co2e=measured[key], default_co2e=defaults[key], parameters=sorted(line["measured"]))))
    return breaches


def _co2e(rows: pd.DataFrame, options) -> dict[str, float]:
    """CO2e per row id; rows the engine refuses (e.g. a parameter with no default) are left out, not fatal."""
    try:
        lines = calculate(rows, options).lines
    except InputError as exc:
        bad = {p.row for p in exc.problems}
        rows = rows[~rows["row_id"].isin(bad)]
        if rows.empty or not bad:
            return {}
        try:
            lines = calculate(rows, options).lines
        except InputError:
            return {}
    return dict(zip(lines["row_id"].astype(str), lines["co2e"].astype(float), strict=True))


def rules_for(inventory: Inventory) -> list[Rule]:
    rules = Rule.objects.filter(park=inventory.park_id, active=True)
    return [rule for rule in rules if rule.applies_to(inventory)]


@transaction.atomic
def evaluate(inventory: Inventory, notify: bool = True) -> list[Alert]:
    """Evaluate every active rule covering the inventory: raise new alerts, update the numbers of active ones and
    clear those that no longer hold. Returns the alerts raised now; with ``notify`` their e-mail is queued for
    when the transaction commits."""
    # Lock the inventory first: an evaluation in a task and one in a user's save of the same inventory take turns
    # (the save paths hold this lock already), so neither raises an alert the other has just raised.
    list(Inventory.objects.select_for_update().filter(pk=inventory.pk).order_by().values_list("pk"))
    existing = {(a.rule_id, a.subject): a for a in Alert.objects.select_for_update().filter(inventory=inventory)
                .active()}
    rules = rules_for(inventory)
    facts = Facts(inventory) if rules else None
    raised, seen = [], set()
    for rule in rules:
        for breach in measure(rule, facts):
            seen.add((rule.pk, breach.subject))
            fields = {"value": breach.value, "threshold": rule.threshold, "lower_bound": rule.lower_bound,
                      "unit": rule.value_unit, "detail": breach.detail}
            alert = existing.get((rule.pk, breach.subject))
            if alert is None:
                raised.append(Alert.objects.create(rule=rule, inventory=inventory, subject=breach.subject, **fields))
            else:
                for name, value in fields.items():
                    setattr(alert, name, value)
                alert.save()
    gone = [a.pk for key, a in existing.items() if key not in seen]
    if gone:
        Alert.objects.filter(pk__in=gone).update(cleared_at=timezone.now())
    if raised and notify:
        notify_on_commit(raised)
    return raised


def notify_on_commit(alerts: list[Alert]) -> None:
    from parkcarbon.alerts.tasks import send_alert_mail

    ids = [a.pk for a in alerts]
    transaction.on_commit(lambda: send_alert_mail.enqueue(ids))


@transaction.atomic
def evaluate_park(park_id: int) -> int:
    """Evaluate every inventory of a park (after its rules changed); one message per user lists all new alerts.
    Returns how many alerts were raised."""
    raised = [alert for inv in Inventory.objects.filter(park=park_id).select_related("enterprise")
              for alert in evaluate(inv, notify=False)]
    if raised:
        notify_on_commit(raised)
    return len(raised)


@transaction.atomic
def acknowledge(alert: Alert, acting_user, note: str) -> Alert:
    """Acknowledge an alert with a note, attributed and timestamped. The note is required."""
    if not can(acting_user, "acknowledge", alert):
        raise PermissionDenied
    if not (note or "").strip():
        raise ValidationError(_("Say what was checked or done: a note is required."))
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    alert.acknowledged_at, alert.acknowledged_by, alert.note = timezone.now(), acting_user, note.strip()
    alert.save(update_fields=["acknowledged_at", "acknowledged_by", "note", "evaluated_at"])
    return alert
