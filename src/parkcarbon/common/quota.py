"""Storage quota per park: uploaded workbooks, evidence files and generated reports together.

Usage is measured from the files themselves (their size in storage), so nothing can drift out of step with what is
stored; it is measured only when something is about to be stored (an upload, an evidence file, a report request).
Abandoned uploads are deleted by the housekeeping task after PARKCARBON_PRUNE_UPLOADS_DAYS days."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

MB = 2**20


def stored_files(park) -> list[str]:
    from parkcarbon.inventory.imports import checked_name
    from parkcarbon.inventory.models import ActivityLine, PendingImport
    from parkcarbon.reports.models import Report

    uploads = PendingImport.objects.filter(inventory__park=park)
    names = list(uploads.exclude(file="").values_list("file", flat=True))
    names += [checked_name(pk) for pk in uploads.exclude(status="applied").values_list("pk", flat=True)]
    names += ActivityLine.objects.filter(version__inventory__park=park).exclude(evidence="").values_list(
        "evidence", flat=True)
    from parkcarbon.verification.models import Adjustment

    names += Adjustment.objects.filter(inventory__park=park).exclude(evidence="").values_list("evidence", flat=True)
    for files in Report.objects.filter(park=park).values_list("docx", "pdf", "xlsx"):
        names += [name for name in files if name]
    return names


def park_usage(park) -> int:
    """Bytes the park's files take in storage."""
    total = 0
    for name in stored_files(park):
        try:
            total += default_storage.size(name)
        except OSError:  # a file already removed (pruned, replaced) takes no space
            continue
    return total


def refusal(park, adding: int = 0) -> str:
    """Why ``adding`` more bytes cannot be stored for the park (empty when they can)."""
    limit = settings.PARKCARBON_PARK_STORAGE_QUOTA_MB * MB
    used = park_usage(park)
    if used + adding <= limit:
        return ""
    return _("The park's storage quota is full: %(used)s MB of %(limit)s MB are used by uploaded files, evidence "
             "files and reports. Unsaved uploads are deleted automatically after %(days)s days; ask the platform "
             "administrator for a larger quota.") % {
        "used": f"{used / MB:,.1f}", "limit": f"{limit / MB:,.0f}", "days": settings.PARKCARBON_PRUNE_UPLOADS_DAYS}
