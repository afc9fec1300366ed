"""Thresholds and alerts in the API: rules (park administrators; the same form and checks as the web page) and the
alerts they raise, with acknowledgement. Saving a rule re-evaluates the park's inventories in the background."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja import Status as Reply

from parkcarbon.alerts import services
from parkcarbon.alerts.forms import RuleForm
from parkcarbon.alerts.models import Alert, Rule
from parkcarbon.alerts.tasks import evaluate_park
from parkcarbon.api.common import ID_MAX, TEXT, Paging, get_for, page
from parkcarbon.api.errors import ApiError
from parkcarbon.common.policy import has_role_for
from parkcarbon.parks.models import Park

router = Router(tags=["alerts"])

RULE_FIELDS = ("park", "name", "metric", "threshold", "lower_bound", "parameter", "unit", "activity", "zone",
               "industry_prefix", "enterprise", "active")


def rule_dict(rule: Rule) -> dict:
    return {"id": rule.pk, "park": rule.park_id, "name": rule.name, "metric": rule.metric,
            "threshold": rule.threshold, "lower_bound": rule.lower_bound, "parameter": rule.parameter,
            "unit": rule.value_unit, "activity": rule.activity, "zone": rule.zone_id,
            "industry_prefix": rule.industry_prefix, "enterprise": rule.enterprise_id, "active": rule.active}


def alert_dict(alert: Alert) -> dict:
    return {"id": alert.pk, "rule": alert.rule_id, "rule_name": alert.rule.name, "metric": alert.rule.metric,
            "inventory": alert.inventory_id, "subject": alert.subject, "subject_label": alert.subject_label,
            "value": alert.value, "threshold": alert.threshold, "lower_bound": alert.lower_bound, "unit": alert.unit,
            "detail": alert.detail, "state": alert.state, "raised_at": alert.raised_at.isoformat(),
            "evaluated_at": alert.evaluated_at.isoformat(),
            "cleared_at": alert.cleared_at.isoformat() if alert.cleared_at else None,
            "acknowledged_at": alert.acknowledged_at.isoformat() if alert.acknowledged_at else None,
            "acknowledged_by": alert.acknowledged_by.get_username() if alert.acknowledged_by else "",
            "note": alert.note}


@router.get("/alert-rules", url_name="alert_rules")
def rules(request, paging: Query[Paging]):
    """The threshold rules of the parks the caller administers (others: an empty list)."""
    qs = Rule.objects.for_user(request.user) if has_role_for(request.user, "rule", "view") else Rule.objects.none()
    return page(qs.order_by("park", "name", "pk"), paging.offset, paging.limit, rule_dict)


class RuleIn(Schema):
    park: int = Field(ge=1, le=ID_MAX)
    name: str = Field(min_length=1, max_length=120, pattern=TEXT)
    metric: str = Field(max_length=40, pattern=TEXT)
    threshold: float = Field(ge=-1e15, le=1e15)
    lower_bound: float | None = Field(None, ge=-1e15, le=1e15)
    parameter: str = Field("", max_length=40, pattern=TEXT)
    unit: str = Field("", max_length=30, pattern=TEXT)
    activity: str = Field("", max_length=60, pattern=TEXT)
    zone: int | None = Field(None, ge=1, le=ID_MAX)
    industry_prefix: str = Field("", max_length=4, pattern=TEXT)
    enterprise: int | None = Field(None, ge=1, le=ID_MAX)
    active: bool = True


def _save_rule(request, rule: Rule, payload: RuleIn) -> Rule:
    data = {k: ("" if v is None else v) for k, v in payload.model_dump().items()}
    data["active"] = "on" if payload.active else ""
    form = RuleForm(data, instance=rule, user=request.user)
    if not form.is_valid():
        raise ApiError(_("The rule has problems; nothing was saved."),
                       [{"field": "" if name == "__all__" else name, "message": str(message)}
                        for name, messages in form.errors.items() for message in messages])
    with transaction.atomic():
        rule = form.save()
        transaction.on_commit(lambda: evaluate_park.enqueue(rule.park_id))
    return rule


@router.post("/alert-rules", url_name="alert_rule_create", response={201: dict})
def create_rule(request, payload: RuleIn):
    """A new rule of a park the caller administers; the park's inventories are evaluated against it."""
    get_for(request, Park, payload.park, "add_rule")
    return Reply(201, rule_dict(_save_rule(request, Rule(created_by=request.user), payload)))


@router.get("/alert-rules/{rule_id}", url_name="alert_rule")
def rule(request, rule_id: int):
    if not has_role_for(request.user, "rule", "view"):
        raise ApiError(_("Not found."), status=404)
    return rule_dict(get_for(request, Rule, rule_id))


@router.put("/alert-rules/{rule_id}", url_name="alert_rule_change")
def change_rule(request, rule_id: int, payload: RuleIn):
    """Replace a rule's settings (its park stays); the park's inventories are evaluated again."""
    if not has_role_for(request.user, "rule", "view"):
        raise ApiError(_("Not found."), status=404)
    existing = get_for(request, Rule, rule_id, "change")
    return rule_dict(_save_rule(request, existing, payload))


class AlertFilter(Paging):
    state: Literal["open", "acknowledged", "cleared", "all"] = "open"
    inventory: int | None = Field(None, ge=1, le=ID_MAX)
    rule: int | None = Field(None, ge=1, le=ID_MAX)


STATES = {
    "open": lambda qs: qs.open(),
    "acknowledged": lambda qs: qs.active().filter(acknowledged_at__isnull=False),
    "cleared": lambda qs: qs.filter(cleared_at__isnull=False),
    "all": lambda qs: qs,
}


@router.get("/alerts", url_name="alerts")
def alerts(request, filters: Query[AlertFilter]):
    """Alerts on the inventories the caller reaches, newest first (default: open ones)."""
    qs = STATES[filters.state](Alert.objects.for_user(request.user)).select_related("rule", "acknowledged_by")
    for name in ("inventory", "rule"):
        if getattr(filters, name) is not None:
            qs = qs.filter(**{name: getattr(filters, name)})
    return page(qs, filters.offset, filters.limit, alert_dict)


@router.get("/alerts/{alert_id}", url_name="alert")
def alert(request, alert_id: int):
    return alert_dict(get_for(request, Alert.objects.select_related("rule", "acknowledged_by"), alert_id))


class AcknowledgeIn(Schema):
    note: str = Field(min_length=1, max_length=2000)


@router.post("/alerts/{alert_id}/acknowledge", url_name="alert_acknowledge")
def acknowledge(request, alert_id: int, payload: AcknowledgeIn):
    """Acknowledge an open alert with a note (what was checked or done), attributed and timestamped."""
    found = get_for(request, Alert, alert_id, "acknowledge")
    if found.state != "open":
        raise ApiError(_("Only an open alert can be acknowledged."), status=409)
    try:
        services.acknowledge(found, request.user, payload.note)
    except ValidationError as exc:
        raise ApiError(_("The request has invalid values; nothing was saved."),
                       [{"field": "note", "message": m} for m in exc.messages]) from exc
    return alert_dict(Alert.objects.select_related("rule", "acknowledged_by").get(pk=found.pk))
