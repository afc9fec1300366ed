"""Upload of the standard file: store, validate in the background, preview, confirm."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkcarbon.common.views import member_required, object_for
from parkcarbon.engine.errors import InputError
from parkcarbon.engine.template import check_upload
from parkcarbon.inventory import imports, services
from parkcarbon.inventory.forms import UploadForm
from parkcarbon.inventory.models import ImportStatus, Inventory, PendingImport, Section


@member_required
@require_POST
def upload(request, pk):
    inventory = object_for(request, Inventory, "change", pk=pk)
    services.ensure_editable(inventory)
    form = UploadForm(request.POST, request.FILES)
    if getattr(request, "upload_refused", False):
        messages.error(request, _("The file is larger than %(mb)s MB.") % {"mb": settings.PARKCARBON_UPLOAD_MAX_BYTES // 2**20})
        return redirect(inventory.get_absolute_url())
    if not form.is_valid():
        messages.error(request, _("Choose the standard Excel file to upload."))
        return redirect(inventory.get_absolute_url())
    upload_file = form.cleaned_data["file"]
    if upload_file.size > settings.PARKCARBON_UPLOAD_MAX_BYTES:
        messages.error(request, _("The file is larger than %(mb)s MB.") % {"mb": settings.PARKCARBON_UPLOAD_MAX_BYTES // 2**20})
        return redirect(inventory.get_absolute_url())
    data = upload_file.read()
    try:
        check_upload(data, max_bytes=settings.PARKCARBON_UPLOAD_MAX_BYTES)
    except InputError as exc:
        messages.error(request, exc.problems[0].text(get_language()))
        return redirect(inventory.get_absolute_url())
    upload_file.seek(0)
    pending = PendingImport.objects.create(inventory=inventory, file=upload_file, file_name=upload_file.name[:255],
                                           created_by=request.user)
    imports.validate_import.enqueue(pending.pk)
    return redirect("inventory:import_detail", pk=inventory.pk, import_pk=pending.pk)


def _pending(request, pk, import_pk, action="view"):
    inventory = object_for(request, Inventory, action, pk=pk)
    pending = PendingImport.objects.filter(pk=import_pk, inventory=inventory).first()
    if pending is None:
        raise Http404
    return inventory, pending


@member_required
def import_detail(request, pk, import_pk):
    inventory, pending = _pending(request, pk, import_pk)
    labels = dict(Section.choices)
    current = services.current_versions(inventory)
    replaced = {k: (current[k].lines.count(), current[k].source) for k in pending.preview if k in current}
    typed = [(labels.get(k, k), n) for k, (n, source) in replaced.items() if source == "manual" and n]
    context = {"inventory": inventory, "pending": pending, "statuses": ImportStatus,
               "busy": pending.status in (ImportStatus.VALIDATING, ImportStatus.APPLYING),
               "preview_rows": [(labels.get(k, k), v, replaced.get(k, (0, ""))[0]) for k, v in pending.preview.items()],
               "typed_replaced": typed}
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
    if pending.warnings and not request.POST.get("confirm_warnings"):
        messages.error(request, _("Confirm that you checked the warnings before saving."))
        return redirect("inventory:import_detail", pk=pk, import_pk=import_pk)
    updated = PendingImport.objects.filter(pk=pending.pk, status=ImportStatus.VALID).update(status=ImportStatus.APPLYING)
    if updated:  # a double click saves once
        imports.apply_import.enqueue(pending.pk)
    return redirect("inventory:import_detail", pk=pk, import_pk=import_pk)
