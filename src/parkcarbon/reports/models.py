"""A generated report: which inventory and data versions it was made from, and its files (DOCX, XLSX, PDF) plus
the frozen content for the HTML preview. Reports are never regenerated in place: a new one is a new row, so
earlier reports stay downloadable exactly as they were issued."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parkcarbon.common.jobs import Leased
from parkcarbon.common.policy import Scope, TenantQuerySet


class Template(models.TextChoices):
    CN_ENTERPRISE = "cn_enterprise", _("Enterprise GHG emission report (China national guidelines, Chinese)")
    PARK_INVENTORY = "park_inventory", _("Park GHG inventory report (Chinese)")
    GHG_PROTOCOL = "ghg_protocol", _("GHG inventory report (GHG Protocol / ISO 14064-1, English)")


class State(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Generating")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


STAGES = {
    "collect": _("Gathering the inventory data"),
    "compose": _("Composing the report"),
    "charts": _("Drawing charts"),
    "docx": _("Writing the Word file"),
    "pdf": _("Writing the PDF"),
    "xlsx": _("Writing the Excel file"),
    "save": _("Saving"),
}

FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (DOCX)"),
    "pdf": ("application/pdf", "PDF"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)"),
    "html": ("text/html; charset=utf-8", "HTML"),
}


class ReportQuerySet(TenantQuerySet):
    policy_type = "report"

    def scope_filter(self, scope: Scope) -> Q:
        # Same reach as the inventories the reports are made from: park staff and agencies assigned to the park
        # see every report of the park; enterprise users and agencies assigned to an enterprise see that
        # enterprise's reports only (never a park report, which contains every enterprise).
        return Q(park__in=scope.all_parks) | Q(enterprise__in=scope.enterprises)


def report_path(report: Report, filename: str) -> str:
    return f"reports/{report.park_id}/{report.created_at:%Y}/{report.pk}-{filename}"


class Report(Leased):  # the build holds a lease (common/jobs.py); ``failure`` says why it failed
    park = models.ForeignKey("parks.Park", on_delete=models.PROTECT, related_name="reports", verbose_name=_("park"))
    enterprise = models.ForeignKey("parks.Enterprise", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="reports", verbose_name=_("enterprise"))
    inventory = models.ForeignKey("inventory.Inventory", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="reports", verbose_name=_("inventory"))
    year = models.PositiveSmallIntegerField(_("reporting year"))
    template = models.CharField(_("template"), max_length=20, choices=Template.choices)
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=300, blank=True)
    # Park reports: count only inventories with a positive verification conclusion, at their verified figures.
    verified_only = models.BooleanField(_("verified inventories only"), default=False)

    status = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(max_length=100, blank=True)

    # What the report was made from, so it can be reproduced.
    data_versions = models.JSONField(_("data versions"), default=dict, blank=True)
    gwp_set = models.CharField(_("GWP set"), max_length=8, blank=True)
    engine_version = models.CharField(_("engine version"), max_length=20, blank=True)
    library_version = models.CharField(_("factor library version"), max_length=20, blank=True)
    # the factor library release(s) the figures were computed with ("2026.7"; a park's: "2026.6/2026.7"), the id
    # users know from the documents; library_version is the library's fingerprint (hash)
    factor_release = models.CharField(_("factor library release"), max_length=100, blank=True)
    figures = models.JSONField(default=dict, blank=True)
    content = models.JSONField(default=dict, blank=True)  # the ReportData the files were rendered from

    docx = models.FileField(upload_to=report_path, blank=True, max_length=300)
    pdf = models.FileField(upload_to=report_path, blank=True, max_length=300)
    xlsx = models.FileField(upload_to=report_path, blank=True, max_length=300)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    generated_at = models.DateTimeField(_("generated"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [models.Index(fields=["park", "year"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.title or f"{self.get_template_display()} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    @property
    def entity_name(self) -> str:
        return str(self.enterprise) if self.enterprise_id else str(self.park)

    @property
    def finished(self) -> bool:
        return self.status in (State.DONE, State.FAILED)

    @property
    def versions_display(self) -> list[str]:
        """"#12: Energy Activities v3, Industrial Processes v1" per inventory (a summary for many)."""
        from parkcarbon.inventory.models import Section

        labels = dict(Section.choices)
        return [f"#{inv}: " + ", ".join(f"{labels.get(s, s)} v{n}" for s, n in sorted(versions.items()))
                for inv, versions in (self.data_versions or {}).items()]

    @property
    def stage_display(self) -> str:
        return str(STAGES.get(self.stage, self.stage))

    @property
    def total_display(self) -> str:
        """The total as the documents print it."""
        from parkcarbon.reports.documents.model import Col, fmt

        total = (self.figures or {}).get("total")
        return fmt(total, Col("", "num", 2)) if total is not None else "—"

    @property
    def is_draft(self) -> bool:
        """Made from an inventory not yet submitted (the documents say so on every page)."""
        return bool((self.figures or {}).get("draft"))

    def file_for(self, fmt: str):
        return getattr(self, fmt) if fmt in ("docx", "pdf", "xlsx") else None

    def available_formats(self) -> list[tuple[str, str]]:
        if self.status != State.DONE:
            return []
        return [(f, label) for f, (_mime, label) in FORMATS.items() if f == "html" or self.file_for(f)]
