"""Benchmarking pages: the park table with the abatement cost curve, one enterprise's comparison and recommendations,
its product outputs, and the table as CSV."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from openpyxl import Workbook

from parkcarbon.benchmarking import recommend, services, texts
from parkcarbon.benchmarking.forms import OutputFormSet, SiteFactsForm
from parkcarbon.benchmarking.library import load
from parkcarbon.benchmarking.models import ProductOutput, SiteFacts
from parkcarbon.common.policy import can
from parkcarbon.common.views import member_required, object_for
from parkcarbon.engine.template import neutralise
from parkcarbon.inventory.models import Inventory
from parkcarbon.parks.models import Park

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _number(request, name: str) -> int | None:
    """A query parameter as a whole number; anything else (hostile or not) is None."""
    value = request.GET.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def _park_and_year(request):
    parks = Park.objects.for_user(request.user)
    park = parks.filter(pk=_number(request, "park")).first() if _number(request, "park") else None
    park = park or parks.order_by("pk").first()
    if park is None:
        raise Http404
    visible = Inventory.objects.for_user(request.user).filter(park=park, enterprise__isnull=False)
    years = sorted(set(visible.values_list("year", flat=True)), reverse=True)
    year = _number(request, "year")
    year = year if year in years else (years[0] if years else None)
    return parks, park, years, year, visible


def _product_name(code: str) -> str:
    return load().products[code].name(get_language() or "zh-hans")


def _macc_data(recs) -> dict:
    segments = recommend.macc(recs, label=lambda r: f"{r.enterprise.display_name} · {texts.title(r.rule)}")
    return {"unit_x": "t CO2e/a", "unit_y": "CNY/t CO2e",
            "segments": [{"label": s.label, "start": s.start_t, "width": s.width_t, "cost": s.cost_per_t}
                         for s in segments]}


@member_required
def park(request):
    parks, park, years, year, visible = _park_and_year(request)
    rows = services.park_rows(park, year, visible) if year else []
    recs = [r for row in rows for r in services.recommendations_for(row)]
    return render(request, "benchmarking/park.html", {
        "parks": parks, "park": park, "years": years, "year": year, "rows": rows,
        "macc": _macc_data(recs), "total_reduction": sum(r.reduction_t for r in recs if r.cost_per_t is not None),
        "rating_rule": texts.RATING_RULE, "product_name": _product_name, "levels": texts.LEVELS,
        "metrics": texts.METRICS, "lights": texts.LIGHTS})


def _assumption(a) -> dict:
    """A recommendation's parameter in the page's language: in words beside its id, its unit and note."""
    language = get_language() or "zh-hans"
    return {"id": a.id, "label": a.label(language), "value": a.value, "unit": a.unit_in(language), "status": a.status,
            "note": a.note(language)}


@member_required
def enterprise(request, pk: int):
    inventory = object_for(request, Inventory.objects.select_related("enterprise", "park", "snapshot"), pk=pk,
                           enterprise__isnull=False)
    visible = Inventory.objects.for_user(request.user)
    row = next(r for r in services.park_rows(inventory.park, inventory.year, visible.filter(pk=pk)))
    recs = services.recommendations_for(row)
    lib = load()
    return render(request, "benchmarking/enterprise.html", {
        "inventory": inventory, "row": row, "division_rank": services.division_rank(row),
        "recommendations": [{"rec": r, "title": texts.title(r.rule), "why": texts.explain(r),
                             "assumptions": [_assumption(lib.assumptions[a]) for a in r.assumptions]} for r in recs],
        "macc": _macc_data(recs), "sources": lib.sources, "rating_rule": texts.RATING_RULE,
        "can_edit": can(request.user, "change", inventory), "product_name": _product_name,
        "levels": texts.LEVELS, "metrics": texts.METRICS, "lights": texts.LIGHTS})


@member_required
@require_http_methods(["GET", "POST"])
def outputs(request, pk: int):
    inventory = object_for(request, Inventory, "change", pk=pk, enterprise__isnull=False)
    queryset = ProductOutput.objects.filter(inventory=inventory)
    facts = SiteFacts.objects.filter(inventory=inventory).first() or SiteFacts(inventory=inventory)
    formset = OutputFormSet(request.POST or None, queryset=queryset, prefix="out")
    facts_form = SiteFactsForm(request.POST or None, instance=facts, prefix="site")
    if request.method == "POST" and formset.is_valid() and facts_form.is_valid():
        with transaction.atomic():  # all or nothing
            for item in formset.save(commit=False):
                item.inventory = inventory
                item.save()
            for item in formset.deleted_objects:
                item.delete()
            facts_form.save()
        messages.success(request, _("Product output saved."))
        return redirect("benchmarking:enterprise", pk=inventory.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "benchmarking/outputs.html", {"inventory": inventory, "formset": formset,
                                                          "facts_form": facts_form}, status=status)


def table_rows(rows, year) -> list[list]:
    """The park table as rows of cells (header first), for CSV and XLSX alike."""
    lib = load()
    table = [[_("Enterprise"), _("Industry"), _("Year"), _("Product"), _("Output"), _("Unit"), _("Metric"),
              _("Intensity"), _("Intensity unit"), _("Advanced"), _("Entry"), _("Limit"), _("Carbon-market benchmark"),
              _("Rating"), _("Rank among park peers"), _("Missing"), _("Sources")]]
    for row in rows:
        base = [row.inventory.enterprise.name, row.inventory.enterprise.industry_code, year]
        for c in row.comparisons:
            place = row.ranks.get((c.product, c.metric))
            table.append([*base, _product_name(c.product), row.outputs.get(c.product), texts.unit_label(lib.products[c.product].unit),
                          str(texts.METRICS[c.metric]), None if c.intensity is None else round(c.intensity, 4), texts.unit_label(c.unit),
                          *(c.levels[k].value if k in c.levels else None
                            for k in ("advanced", "entry", "limit", "allowance")),
                          str(texts.LIGHTS[c.light]), f"{place[0]}/{place[1]}" if place else "", "",
                          "; ".join(sorted({f"{b.source_id} {b.table_ref}" for b in c.levels.values()}))])
        for product in row.missing_products:
            table.append([*base, _product_name(product), None, texts.unit_label(lib.products[product].unit), "", None, "", None, None,
                          None, None, str(texts.LIGHTS["none"]), "", _("output"), ""])
    return table


@member_required
def download(request):
    """The park table as CSV (default) or XLSX (``?format=xlsx``); text cells neutralised against formula injection."""
    parks, park, years, year, visible = _park_and_year(request)
    table = table_rows(services.park_rows(park, year, visible) if year else [], year)
    safe = [[neutralise(v) for v in row] for row in table]
    name = f"benchmarks-{park.code}-{year}"
    if request.GET.get("format") == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Benchmarks")[:31]
        for row in safe:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM
    csv.writer(response).writerows([["" if v is None else v for v in row] for row in safe])
    return response
