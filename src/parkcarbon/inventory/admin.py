from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from parkcarbon.inventory.models import ActivityLine, Inventory, PendingImport, SectionVersion
from parkcarbon.parks.admin import DivisionAdminMixin


@admin.register(Inventory)
class InventoryAdmin(DivisionAdminMixin, SimpleHistoryAdmin):
    list_display = ("park", "enterprise", "year", "region_label", "status", "gwp_set")
    list_filter = ("year", "status", "park")
    search_fields = ("enterprise__name", "park__name")


@admin.register(SectionVersion)
class SectionVersionAdmin(admin.ModelAdmin):
    list_display = ("inventory", "section", "number", "source", "file_name", "created_at", "created_by")


@admin.register(ActivityLine)
class ActivityLineAdmin(SimpleHistoryAdmin):
    list_display = ("version", "activity", "amount", "unit", "month")
    list_select_related = ("version",)


@admin.register(PendingImport)
class PendingImportAdmin(admin.ModelAdmin):
    list_display = ("inventory", "file_name", "status", "created_at", "created_by")
