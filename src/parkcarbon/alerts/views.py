"""Alert list and detail with acknowledgement; rule management (park administrators)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from parkcarbon.alerts import services
from parkcarbon.alerts.forms import AcknowledgeForm, RuleForm
from parkcarbon.alerts.models import Alert, Rule
from parkcarbon.alerts.tasks import evaluate_park
from parkcarbon.common.policy import can, has_role_for
from parkcarbon.common.views import member_required, object_for, render_page

STATES = {
    "open": lambda qs: qs.open(),
    "acknowledged": lambda qs: qs.active().filter(acknowledged_at__isnull=False),
    "cleared": lambda qs: qs.filter(cleared_at__isnull=False),
    "all": lambda qs: qs,
}


@member_required
def alert_list(request):
    state = request.GET.get("state", "open")
    state = state if state in STATES else "open"
    alerts = STATES[state](Alert.objects.for_user(request.user)).select_related(
        "rule", "inventory__park", "inventory__enterprise", "acknowledged_by")
    page = Paginator(alerts, 50).get_page(request.GET.get("page"))
    return render_page(request, "alerts/list.html", "alerts/_table.html", {
        "page": page, "state": state, "states": state_labels(),
        "can_manage_rules": has_role_for(request.user, "rule", "view")})


def state_labels():
    return [("open", _("Open")), ("acknowledged", _("Acknowledged")), ("cleared", _("Cleared")), ("all", _("All"))]


@member_required
def alert_detail(request, pk: int):
    alert = object_for(request, Alert.objects.select_related("rule", "inventory__park", "inventory__enterprise"),
                       pk=pk)
    may_acknowledge = alert.state == "open" and can(request.user, "acknowledge", alert)
    return render(request, "alerts/detail.html", {"alert": alert, "form": AcknowledgeForm() if may_acknowledge else None})


@member_required
@require_POST
def acknowledge(request, pk: int):
    alert = object_for(request, Alert, "acknowledge", pk=pk)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            services.acknowledge(alert, request.user, form.cleaned_data["note"])
        except ValidationError as exc:
            form.add_error("note", exc)
        else:
            messages.success(request, _("Alert acknowledged."))
            return redirect(alert.get_absolute_url())
    return render(request, "alerts/detail.html", {"alert": alert, "form": form}, status=400)


@member_required
def rule_list(request):
    if not has_role_for(request.user, "rule", "view"):
        raise PermissionDenied
    rules = Rule.objects.for_user(request.user).select_related("park", "zone", "enterprise")
    return render(request, "alerts/rules.html", {"rules": rules,
                                                 "can_add": has_role_for(request.user, "park", "add_rule")})


@member_required
@require_http_methods(["GET", "POST"])
def rule_create(request):
    if not has_role_for(request.user, "park", "add_rule"):
        raise PermissionDenied
    return _rule_form(request, Rule(created_by=request.user), _("New alert rule"))


@member_required
@require_http_methods(["GET", "POST"])
def rule_edit(request, pk: int):
    rule = object_for(request, Rule, "change", pk=pk)
    return _rule_form(request, rule, _("Alert rule: %(name)s") % {"name": rule.name})


def _rule_form(request, rule: Rule, title: str):
    form = RuleForm(request.POST or None, instance=rule, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            rule = form.save()
            # the park's inventories are evaluated again in the background, once the rule is committed
            transaction.on_commit(lambda: evaluate_park.enqueue(rule.park_id))
        messages.success(request, _("Rule saved. The park's inventories are being checked against it."))
        return redirect("alerts:rules")
    return render(request, "common/form_page.html", {"form": form, "title": title,
                                                     "cancel_url": reverse("alerts:rules")})
