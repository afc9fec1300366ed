"""Analysis: the dashboard (charts and their data), the forecast with scenarios, and the all-enterprise run."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from parkcarbon.analysis.exports import CONTENT_TYPES, chart_response
from parkcarbon.analysis.figures import Filters, cached_figures
from parkcarbon.analysis.forms import ScenarioForm
from parkcarbon.analysis.models import ForecastRun, Scenario
from parkcarbon.analysis.planning import DEFAULT_END_YEAR, METHOD_LABELS, plan
from parkcarbon.analysis.tasks import forecast_park
from parkcarbon.common.policy import can, has_role_for, scope_for
from parkcarbon.common.views import member_required, object_for
from parkcarbon.parks.industry import lookup as industry_lookup
from parkcarbon.parks.models import Enterprise, Park


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def scope_from(request) -> tuple[Park, Filters, object | None, object | None]:
    """The park and filters of a request: (park, filters, zone, enterprise). A park, zone or enterprise the user
    cannot see is 404; without a park, the user's first park."""
    parks = Park.objects.for_user(request.user).order_by("name")
    park_id = _int(request.GET.get("park"))
    park = parks.filter(pk=park_id).first() if park_id is not None else parks.first()
    if park is None:
        raise Http404
    filters = Filters(year=_int(request.GET.get("year")), include_drafts=request.GET.get("drafts") == "1")
    zone = enterprise = None
    if (zone_id := _int(request.GET.get("zone"))) is not None:
        zone = get_object_or_404(park.zones.all(), pk=zone_id)
        filters.zone = zone.pk
    industry = request.GET.get("industry", "")
    if industry.isdigit() and len(industry) == 2:
        filters.industry = industry
    if (ent_id := _int(request.GET.get("enterprise"))) is not None:
        enterprise = get_object_or_404(Enterprise.objects.for_user(request.user).filter(park=park), pk=ent_id)
        filters.enterprise = enterprise.pk
    if enterprise is None and not park_wide(request.user, park):
        # An enterprise's users (or an agency assigned to some enterprises) see only those: their first one.
        enterprise = Enterprise.objects.for_user(request.user).filter(park=park).order_by("name").first()
        if enterprise is None:
            raise Http404
        filters.enterprise, filters.zone, filters.industry = enterprise.pk, None, ""
    return park, filters, zone, enterprise


def park_wide(user, park) -> bool:
    """Does the user see every inventory of the park (park staff, an agency assigned to the park)?"""
    scope = scope_for(user, "inventory", "view")
    return scope.everything or park.pk in scope.all_parks


ENTERPRISE_CHOICES = 300  # more than this in the filtered scope: choose a zone or industry first


def _choices(request, park: Park, filters: Filters) -> dict:
    visible = Enterprise.objects.for_user(request.user).filter(park=park)
    codes = sorted({c[:2] for c in visible.order_by().values_list("industry_code", flat=True).distinct() if c})
    enterprises = visible.order_by("name")
    if filters.zone is not None:
        enterprises = enterprises.filter(zone=filters.zone)
    if filters.industry:
        enterprises = enterprises.filter(industry_code__startswith=filters.industry)
    enterprises = list(enterprises.only("pk", "name", "name_en")[:ENTERPRISE_CHOICES + 1])
    if filters.enterprise is not None and not any(e.pk == filters.enterprise for e in enterprises):
        enterprises.insert(0, visible.get(pk=filters.enterprise))  # the chosen one stays selectable
    too_many = len(enterprises) > ENTERPRISE_CHOICES
    return {"parks": Park.objects.for_user(request.user).order_by("name"), "zones": park.zones.order_by("name"),
            "enterprises": [] if too_many else enterprises, "too_many_enterprises": too_many,
            "industries": [(c, str(industry_lookup(c) or c)) for c in codes]}


def _scope_label(park, filters: Filters, zone, enterprise) -> str:
    if enterprise is not None:
        return str(enterprise)
    parts = [park.display_name]
    if zone is not None:
        parts.append(str(zone))
    if filters.industry:
        parts.append(str(industry_lookup(filters.industry) or filters.industry))
    return " · ".join(parts)


@member_required
def dashboard(request):
    park, filters, zone, enterprise = scope_from(request)
    data = cached_figures(park, request.user, filters, park_wide(request.user, park))
    query = request.GET.copy()
    query.pop("year", None)
    return render(request, "analysis/dashboard.html", {
        "park": park, "filters": filters, "zone": zone, "enterprise": enterprise, "figures": data,
        "charts": [c.as_json() for c in data.charts], "scope_label": _scope_label(park, filters, zone, enterprise),
        "query": request.GET.urlencode(), "year_query": query.urlencode(), **_choices(request, park, filters)})


@member_required
def export(request, key: str, fmt: str):
    """One chart's data (CSV or XLSX) for the same scope and filters as the page it is on."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    park, filters, zone, enterprise = scope_from(request)
    if key == "forecast":
        chart = plan(park, request.user, filters, Scenario.objects.for_user(request.user).filter(park=park)).chart()
    else:
        chart = cached_figures(park, request.user, filters, park_wide(request.user, park)).chart(key)
    if chart is None:
        raise Http404
    label = _scope_label(park, filters, zone, enterprise)
    year = f" · {filters.year}" if filters.year and key != "forecast" and key != "trend" else ""
    return chart_response(chart, fmt, f"{chart.title} · {label}{year} ({chart.unit})", f"{key}-{park.code}")


@member_required
def forecast_page(request):
    park, filters, zone, enterprise = scope_from(request)
    scenarios = Scenario.objects.for_user(request.user).filter(park=park)
    result = plan(park, request.user, filters, scenarios)
    runs = ForecastRun.objects.for_user(request.user).filter(park=park)[:1]
    return render(request, "analysis/forecast.html", {
        "park": park, "filters": filters, "zone": zone, "enterprise": enterprise, "plan": result,
        "charts": [result.chart().as_json()], "scenarios": scenarios,
        "scope_label": _scope_label(park, filters, zone, enterprise), "query": request.GET.urlencode(),
        "can_add_scenario": can(request.user, "add_scenario", park),
        "can_run": can(request.user, "run_forecast", park), "run": runs[0] if runs else None,
        **_choices(request, park, filters)})


@member_required
@require_http_methods(["GET", "POST"])
def scenario_create(request, park_pk: int):
    park = object_for(request, Park, "add_scenario", pk=park_pk)
    return _scenario_form(request, Scenario(park=park, created_by=request.user, end_year=DEFAULT_END_YEAR),
                          _("New scenario for %(park)s") % {"park": park.display_name})


@member_required
@require_http_methods(["GET", "POST"])
def scenario_edit(request, pk: int):
    scenario = object_for(request, Scenario, "change", pk=pk)
    return _scenario_form(request, scenario, _("Scenario: %(name)s") % {"name": scenario.name})


def _scenario_form(request, scenario: Scenario, title: str):
    back = f"{reverse('analysis:forecast')}?park={scenario.park_id}"
    form = ScenarioForm(request.POST or None, instance=scenario)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Scenario saved."))
        return redirect(back)
    return render(request, "common/form_page.html", {"form": form, "title": title, "cancel_url": back},
                  status=400 if request.method == "POST" else 200)


@member_required
@require_POST
def run_create(request, park_pk: int):
    park = object_for(request, Park, "run_forecast", pk=park_pk)
    with transaction.atomic():
        run = ForecastRun.objects.create(park=park, created_by=request.user, end_year=DEFAULT_END_YEAR,
                                         include_drafts=request.POST.get("drafts") == "1")
        transaction.on_commit(lambda: forecast_park.enqueue(run.pk))
    messages.success(request, _("The forecast of every enterprise is being computed in the background."))
    return redirect("analysis:run", run.pk)


@member_required
def run_detail(request, pk: int):
    if not has_role_for(request.user, "forecast_run", "view"):
        raise PermissionDenied
    run = object_for(request, ForecastRun.objects.select_related("park"), pk=pk)
    labels = {k: str(v) for k, v in METHOD_LABELS.items()}
    # The run stored each enterprise's legal (Chinese) name; show the current name in the reader's language.
    names = {e.pk: e.display_name for e in Enterprise.objects.filter(pk__in=[r["enterprise"] for r in run.results])
             .only("pk", "name", "name_en")}
    rows = [r | {"method_label": labels.get(r.get("method"), ""), "name": names.get(r["enterprise"], r["name"])}
            for r in run.results]
    return render(request, "analysis/run.html", {"run": run, "park": run.park, "rows": rows})
