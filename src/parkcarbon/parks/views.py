"""Park Management views. Rows come only from ``for_user``; lookups go through ``object_for``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from parkcarbon.common.history import history_entries
from parkcarbon.common.policy import can, has_role_for
from parkcarbon.common.views import member_required, object_for, render_page
from parkcarbon.parks.forms import (
    AgencyAssignForm,
    AgencyForm,
    EnterpriseFilterForm,
    EnterpriseForm,
    ParkForm,
    ZoneForm,
)
from parkcarbon.parks.models import Agency, Enterprise, Park, Zone

FORM_PAGE = "common/form_page.html"


def _edit(request, form_class, *, instance=None, title, extra=None, **form_kwargs):
    """Shared create/edit flow: validate, save atomically, say so, go to the object's page."""
    form = form_class(request.POST or None, instance=instance, user=request.user, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            obj = form.save()
        messages.success(request, _("Saved: %(name)s") % {"name": obj})
        return redirect(obj.get_absolute_url())
    cancel_url = instance.get_absolute_url() if instance else reverse("parks:park_list")
    context = {"form": form, "title": title, "cancel_url": cancel_url, **(extra or {})}
    return render(request, FORM_PAGE, context)


def _require_any(request, model, action):
    """For "new" pages: the user must be allowed ``action`` on at least one parent row."""
    if not can(request.user, action, model):
        raise PermissionDenied


@member_required
def park_list(request):
    parks = Park.objects.for_user(request.user)
    return render(
        request, "parks/park_list.html", {"parks": parks, "can_add_zone": can(request.user, "add_zone", Park)}
    )


@member_required
def park_detail(request, pk):
    park = object_for(request, Park, pk=pk)
    user = request.user
    context = {
        "park": park,
        "zones": Zone.objects.for_user(user).filter(park=park),
        "enterprise_count": Enterprise.objects.for_user(user).filter(park=park).count(),
        "key_count": Enterprise.objects.for_user(user).filter(park=park, is_key_emitter=True).count(),
        "agencies": Agency.objects.for_user(user).filter(parks=park),
        "can_add_zone": can(user, "add_zone", park),
        "can_change": can(user, "change", park),
        "can_change_zone": can(user, "change", Zone),
        "can_manage_trial": can(user, "manage_trial", park),
        "history": history_entries(park),
    }
    return render(request, "parks/park_detail.html", context)


@member_required
def park_edit(request, pk):
    park = object_for(request, Park, "change", pk=pk)
    return _edit(request, ParkForm, instance=park, title=_("Edit park profile"),
                 extra={"history": history_entries(park)})


@member_required
def zone_create(request):
    _require_any(request, Park, "add_zone")
    return _edit(request, ZoneForm, title=_("New zone"))


@member_required
def zone_edit(request, pk):
    zone = object_for(request, Zone, "change", pk=pk)
    return _edit(
        request,
        ZoneForm,
        instance=zone,
        title=_("Edit zone"),
        extra={"history": history_entries(zone)},
    )


@member_required
def enterprise_list(request):
    user = request.user
    form = EnterpriseFilterForm(request.GET or None, user=user)
    rows = form.filter(Enterprise.objects.for_user(user).select_related("park", "zone"))
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    context = {
        "filter_form": form,
        "page": page,
        "total": rows.count(),
        "can_add": can(user, "add_enterprise", Park),
        "show_park": Park.objects.for_user(user).count() > 1,
    }
    return render_page(request, "parks/enterprise_list.html", "parks/_enterprise_table.html", context)


@member_required
def enterprise_detail(request, pk):
    enterprise = object_for(request, Enterprise.objects.select_related("park", "zone"), pk=pk)
    context = {
        "enterprise": enterprise,
        "agencies": Agency.objects.for_user(request.user).filter(enterprises=enterprise),
        "can_change": can(request.user, "change", enterprise),
        "history": history_entries(enterprise),
    }
    return render(request, "parks/enterprise_detail.html", context)


@member_required
def enterprise_create(request):
    _require_any(request, Park, "add_enterprise")
    return _edit(request, EnterpriseForm, title=_("New enterprise"))


@member_required
def enterprise_edit(request, pk):
    enterprise = object_for(request, Enterprise, "change", pk=pk)
    return _edit(request, EnterpriseForm, instance=enterprise, title=_("Edit enterprise"))


@member_required
def agency_list(request):
    if not has_role_for(request.user, "agency", "view"):
        raise PermissionDenied
    # Only the parks and enterprises the viewer reaches: an agency serving several parks must not reveal the
    # others' names or sizes to an agency member or another park's administrator.
    agencies = Agency.objects.for_user(request.user).prefetch_related(
        Prefetch("parks", queryset=Park.objects.for_user(request.user), to_attr="visible_parks"),
        Prefetch("enterprises", queryset=Enterprise.objects.for_user(request.user), to_attr="visible_enterprises"),
    )
    return render(
        request,
        "parks/agency_list.html",
        {"agencies": agencies, "can_add": can(request.user, "add_agency", Park)},
    )


@member_required
def agency_detail(request, pk):
    agency = object_for(request, Agency, pk=pk)
    user = request.user
    context = {
        "agency": agency,
        "parks": Park.objects.for_user(user).filter(agencies=agency),
        "enterprises": Enterprise.objects.for_user(user).filter(agencies=agency),
        "can_change": can(user, "change", agency),
        "can_assign": can(user, "assign", agency),
        "history": history_entries(agency),
    }
    return render(request, "parks/agency_detail.html", context)


@member_required
def agency_create(request):
    _require_any(request, Park, "add_agency")
    return _edit(request, AgencyForm, title=_("New agency"))


@member_required
def agency_edit(request, pk):
    agency = object_for(request, Agency, "change", pk=pk)
    return _edit(request, AgencyForm, instance=agency, title=_("Edit agency"))


@member_required
def agency_assign(request, pk):
    agency = object_for(request, Agency, "assign", pk=pk)
    form = AgencyAssignForm(request.POST or None, agency=agency, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Assignments of %(name)s saved.") % {"name": agency})
        return redirect(agency.get_absolute_url())
    return render(
        request,
        FORM_PAGE,
        {"form": form, "title": _("Assign %(name)s") % {"name": agency}, "object": agency},
    )


def divisions_json(request):
    """Public: the divisions under ``?parent=`` ("" = provinces) in the active language, for the cascading selects
    (parks/division_field.py). The list is the published national code list; nothing tenant-specific."""
    from parkcarbon.parks import divisions

    parent = request.GET.get("parent", "")
    response = JsonResponse({"divisions": [[d.code, d.name] for d in divisions.children(parent)]})
    response["Cache-Control"] = "public, max-age=86400"  # the shipped list changes only with a release
    response["Vary"] = "Accept-Language, Cookie"  # the names follow the visitor's language
    return response
