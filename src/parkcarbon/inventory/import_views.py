"""Upload of the standard file: store, validate in the background, preview, confirm."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkcarbon.common import jobs, quota
from parkcarbon.common.views import member_required, object_for
from parkcarbon.engine.errors import InputError
from parkcarbon.engine.template import check_upload
from parkcarbon.inventory import imports, services
from parkcarbon.inventory.forms import UploadForm
from parkcarbon.inventory.models import (
    EDITABLE_STATUSES,
    ImportStatus,
    Inventory,
    PendingImport,
    Section,
)

# The tag of an upload's refusal: the inventory page shows it beside the upload form too (base.html at the top).
UPLOAD_TAG = "upload"


@member_required
@require_POST
def upload(request, pk):
    inventory = object_for(request, Inventory, "change", pk=pk)
    services.ensure_editable(inventory)
    form = UploadForm(request.POST, request.FILES)
    if getattr(request, "upload_refused", False):
        messages.error(request, _("The file is larger than %(mb)s MB.") % {"mb": settings.PARKCARBON_UPLOAD_MAX_BYTES // 2**20}, extra_tags=UPLOAD_TAG)
        return redirect(inventory.get_absolute_url())
    if not form.is_valid():
        messages.error(request, _("Choose the standard Excel file to upload."), extra_tags=UPLOAD_TAG)
        return redirect(inventory.get_absolute_url())
    upload_file = form.cleaned_data["file"]
    if upload_file.size > settings.PARKCARBON_UPLOAD_MAX_BYTES:
        messages.error(request, _("The file is larger than %(mb)s MB.") % {"mb": settings.PARKCARBON_UPLOAD_MAX_BYTES // 2**20}, extra_tags=UPLOAD_TAG)
        return redirect(inventory.get_absolute_url())
    data = upload_file.read()
    try:
        check_upload(data, max_bytes=settings.PARKCARBON_UPLOAD_MAX_BYTES)
    except InputError as exc:
        messages.error(request, exc.problems[0].text(get_language()), extra_tags=UPLOAD_TAG)
        return redirect(inventory.get_absolute_url())
    refusal = busy_refusal(request.user) or quota.refusal(inventory.park, len(data))
    if refusal:
        messages.error(request, refusal, extra_tags=UPLOAD_TAG)
        return redirect(inventory.get_absolute_url())
    upload_file.seek(0)
    pending = PendingImport.objects.create(inventory=inventory, file=upload_file, file_name=upload_file.name[:255],
                                           created_by=request.user)
    imports.validate_import.enqueue(pending.pk)
    jobs.schedule_housekeeping()  # prunes abandoned uploads; at most one round waits in the queue
    return redirect("inventory:import_detail", pk=inventory.pk, import_pk=pending.pk)


def busy_refusal(user) -> str:
    """Why a user's upload cannot start now: uploads are CPU-heavy, so a few at a time per user."""
    limit = settings.PARKCARBON_MAX_ACTIVE_UPLOADS_PER_USER
    jobs.reap(PendingImport.objects.filter(created_by=user))  # an upload whose worker died no longer counts
    busy = PendingImport.objects.filter(created_by=user, status__in=BUSY).count()
    if busy >= limit:
        return _("You have %(n)s uploads being checked or saved; wait until one of them is finished, then try "
                 "again.") % {"n": busy}
    return ""


def _pending(request, pk, import_pk, action="view"):
    inventory = object_for(request, Inventory, action, pk=pk)
    pending = PendingImport.objects.filter(pk=import_pk, inventory=inventory).first()
    if pending is None:
        raise Http404
    return inventory, pending


def replaced_lines(inventory, pending) -> list[dict]:
    """What saving the upload replaces: per section it contains, the lines there now and whether they were typed
    by hand (a manual version) or came from an earlier file."""
    labels = dict(Section.choices)
    current = services.current_versions(inventory)
    out = []
    for section in [s for s in Section.values if s in pending.preview]:  # the sections' order, as the table above
        version = current.get(section)
        count = version.lines.count() if version else 0
        if count:
            out.append({"section": labels.get(section, section), "lines": count, "typed": version.source == "manual",
                        "file_name": version.file_name})
    return out


BUSY = (ImportStatus.VALIDATING, ImportStatus.APPLYING)


@member_required
def import_detail(request, pk, import_pk):
    inventory, pending = _pending(request, pk, import_pk)
    if pending.status in BUSY and jobs.reap(PendingImport.objects.filter(pk=pending.pk)):
        pending.refresh_from_db()  # its worker died
    labels = dict(Section.choices)
    replaced = replaced_lines(inventory, pending) if pending.status == ImportStatus.VALID else []
    context = {"inventory": inventory, "pending": pending, "statuses": ImportStatus,
               "busy": pending.status in BUSY, "may_retry": _may_retry(request.user, inventory, pending),
               "preview_rows": [(labels.get(k, k), pending.preview[k])  # the sections in the template's order
                                for k in sorted(pending.preview, key=lambda k: list(labels).index(k) if k in labels else 9)],
               "replaced": replaced, "typed_replaced": sum(r["lines"] for r in replaced if r["typed"])}
    if request.htmx:
        return render(request, "inventory/_import_status.html", context)
    return render(request, "inventory/import.html", context)


@member_required
@require_POST
def import_confirm(request, pk, import_pk):
    inventory, pending = _pending(request, pk, import_pk, "change")
    services.ensure_editable(inventory)
    if pending.status != ImportStatus.VALID:
        messages.error(request, _("Only a file without problems can be saved."))
        return redirect("inventory:import_detail", pk=pk, import_pk=import_pk)
    typed = sum(r["lines"] for r in replaced_lines(inventory, pending) if r["typed"])
    if typed and not request.POST.get("confirm_replace"):
        messages.error(request, _("Confirm that the %(n)s lines typed by hand may be replaced before saving.")
                       % {"n": typed})
        return redirect("inventory:import_detail", pk=pk, import_pk=import_pk)
    if pending.warnings and not request.POST.get("confirm_warnings"):
        messages.error(request, _("Confirm that you checked the warnings before saving."))
        return redirect("inventory:import_detail", pk=pk, import_pk=import_pk)
    refusal = busy_refusal(request.user)
    if refusal:
        messages.error(request, refusal)
        return redirect("inventory:import_detail", pk=pk, import_pk=import_pk)
    updated = PendingImport.objects.filter(pk=pending.pk, status=ImportStatus.VALID).update(status=ImportStatus.APPLYING)
    if updated:  # a double click saves once
        imports.apply_import.enqueue(pending.pk)
    return redirect("inventory:import_detail", pk=pk, import_pk=import_pk)


def _may_retry(user, inventory, pending) -> bool:
    return (pending.status == ImportStatus.FAILED and pending.created_by_id == user.pk
            and inventory.status in EDITABLE_STATUSES and bool(pending.file))


@member_required
@require_POST
def import_retry(request, pk, import_pk):
    """Check a failed upload again (the user who uploaded it); saving then needs a new confirmation."""
    inventory, pending = _pending(request, pk, import_pk, "change")
    services.ensure_editable(inventory)
    if not _may_retry(request.user, inventory, pending):
        raise Http404
    refusal = busy_refusal(request.user)
    if refusal:
        messages.error(request, refusal)
    elif PendingImport.objects.filter(pk=pending.pk, status=ImportStatus.FAILED).update(
            status=ImportStatus.VALIDATING, failure="", problems=[], warnings=[], preview={}, lease_until=None):
        imports.validate_import.enqueue(pending.pk)
    return redirect("inventory:import_detail", pk=pk, import_pk=import_pk)
