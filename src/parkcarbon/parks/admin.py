from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from parkcarbon.parks.models import Agency, Enterprise, Park, Zone


class ZoneInline(admin.TabularInline):
    model = Zone
    extra = 0


@admin.register(Park)
class ParkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "name_en", "code", "province", "city", "level"]
    list_filter = ["level", "province"]
    search_fields = ["name", "name_en", "code"]
    inlines = [ZoneInline]


@admin.register(Zone)
class ZoneAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "park"]
    list_filter = ["park"]
    search_fields = ["name", "name_en", "code"]


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "credit_code", "industry_code", "park", "zone", "is_key_emitter"]
    list_filter = ["park", "is_key_emitter"]
    search_fields = ["name", "name_en", "credit_code"]
    autocomplete_fields = ["park", "zone"]


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "credit_code"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en", "credit_code"]
    filter_horizontal = ["parks", "enterprises"]
