from django.contrib import admin

from parkcarbon.reports.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("pk", "title", "template", "year", "status", "progress", "created_by", "created_at", "generated_at")
    list_filter = ("template", "status", "year")
    search_fields = ("title",)
    readonly_fields = ("data_versions", "figures", "engine_version", "library_version", "gwp_set", "task_id", "error")
    exclude = ("content",)
