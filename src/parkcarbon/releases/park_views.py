"""Park factor sets (#23): a park's own factors on top of a shipped release, written by a park administrator (form or
CSV/xlsx upload) and approved or rejected by a second person. Seen only by the park's users and platform admins."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkcarbon.common.policy import can
from parkcarbon.common.views import member_required, object_for
from parkcarbon.engine import factor_releases
from parkcarbon.inventory.models import Inventory
from parkcarbon.parks.models import Park
from parkcarbon.releases import park_releases
from parkcarbon.releases.forms import ParkFactorForm, ParkFactorUploadForm, ParkReleaseForm, RejectForm
from parkcarbon.releases.models import ParkFactor, ParkRelease, ParkReleaseState


@member_required
def park_list(request, park_pk):
    """The park's factor sets, newest first, and a form to start one (park administrators)."""
    park = object_for(request, Park, pk=park_pk)
    sets = park_releases.visible(request.user).filter(park=park)
    may_add = can(request.user, "add_park_release", park)
    form = ParkReleaseForm(request.POST or None, initial={"base_release": factor_releases.latest()})
    if request.method == "POST":
        if not may_add:
            raise PermissionDenied
        if form.is_valid():
            try:
                release = park_releases.create(park, request.user, form.cleaned_data["base_release"],
                                               form.cleaned_data["title"])
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                return redirect(release.get_absolute_url())
    return render(request, "releases/park_list.html", {"park": park, "sets": sets, "form": form, "may_add": may_add},
                  status=400 if request.method == "POST" else 200)


def _detail(request, release, status=200, **forms):
    editable = release.state in (ParkReleaseState.DRAFT, ParkReleaseState.REJECTED) and can(
        request.user, "change", release)
    return render(request, "releases/park_release.html", {
        "release": release, "park": release.park, "factors": release.factors.select_related("created_by"),
        "events": release.events.select_related("by"), "editable": editable,
        "review_refusal": park_releases.review_refusal(release, request.user),
        "inventories": Inventory.objects.for_user(request.user).filter(
            park=release.park, factor_release=release.release_id).select_related("enterprise")
        if release.state == ParkReleaseState.APPROVED else [],
        "factor_form": forms.get("factor_form") or ParkFactorForm(),
        "upload_form": forms.get("upload_form") or ParkFactorUploadForm(),
        "reject_form": forms.get("reject_form") or RejectForm(),
        "errors": forms.get("errors", []),
    }, status=status)


@member_required
def detail(request, pk):
    return _detail(request, object_for(request, ParkRelease, pk=pk))


def _refused(request, release, exc: ValidationError, **forms):
    return _detail(request, release, status=400, errors=exc.messages, **forms)


@member_required
@require_POST
def add_factor(request, pk):
    release = object_for(request, ParkRelease, "change", pk=pk)
    form = ParkFactorForm(request.POST)
    if not form.is_valid():
        return _detail(request, release, status=400, factor_form=form)
    try:
        park_releases.add_factors(release, request.user, [form.row()])
    except ValidationError as exc:
        return _refused(request, release, exc, factor_form=form)
    messages.success(request, _("The factor was added."))
    return redirect(release.get_absolute_url())


@member_required
@require_POST
def upload(request, pk):
    release = object_for(request, ParkRelease, "change", pk=pk)
    form = ParkFactorUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, release, status=400, upload_form=form)
    try:
        added = park_releases.add_factors(release, request.user, park_releases.read_upload(form.cleaned_data["file"]))
    except ValidationError as exc:
        return _refused(request, release, exc, upload_form=form)
    messages.success(request, _("%(n)d factors were added.") % {"n": len(added)})
    return redirect(release.get_absolute_url())


@member_required
@require_POST
def remove_factor(request, pk, factor_pk):
    release = object_for(request, ParkRelease, "change", pk=pk)
    factor = ParkFactor.objects.filter(release=release, pk=factor_pk).first()
    if factor is None:
        raise Http404
    try:
        park_releases.remove_factor(factor, request.user)
    except ValidationError as exc:
        return _refused(request, release, exc)
    return redirect(release.get_absolute_url())


@member_required
@require_POST
def submit(request, pk):
    release = object_for(request, ParkRelease, "change", pk=pk)
    try:
        park_releases.submit(release, request.user)
    except ValidationError as exc:
        return _refused(request, release, exc)
    messages.success(request, _("Submitted: a second administrator reviews the set before it can be used."))
    return redirect(release.get_absolute_url())


@member_required
@require_POST
def approve(request, pk):
    release = object_for(request, ParkRelease, "approve", pk=pk)
    try:
        park_releases.approve(release, request.user)
    except ValidationError as exc:
        return _refused(request, release, exc)
    messages.success(request, _("Approved: the park's inventories may now be computed with %(id)s.") % {
        "id": release.release_id})
    return redirect(release.get_absolute_url())


@member_required
@require_POST
def reject(request, pk):
    release = object_for(request, ParkRelease, "approve", pk=pk)
    if request.user.pk in park_releases.authors(release):
        raise PermissionDenied  # a second person reviews: the author neither approves nor rejects
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _detail(request, release, status=400, reject_form=form)
    try:
        park_releases.reject(release, request.user, form.cleaned_data["reason"])
    except ValidationError as exc:
        return _refused(request, release, exc, reject_form=form)
    messages.success(request, _("Rejected: the author can correct the set and submit it again."))
    return redirect(release.get_absolute_url())
