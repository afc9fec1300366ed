from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from parkcarbon.parks.division_field import DivisionField
from parkcarbon.parks.models import Agency, Enterprise, Park, Zone


class DivisionAdminMixin:
    """The admin chooses a division with the same province / city / county cascade as the app's forms."""

    class Media:
        js = ("js/parkcarbon.js",)  # the cascade's reloading; attribute-driven, nothing else runs on admin pages

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "division":
            return DivisionField(label=db_field.verbose_name, required=not db_field.blank,
                                 help_text=db_field.help_text)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ZoneInline(admin.TabularInline):
    model = Zone
    extra = 0


@admin.register(Park)
class ParkAdmin(DivisionAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "name_en", "code", "region_label", "level"]
    list_filter = ["level", "province"]
    search_fields = ["name", "name_en", "code"]
    inlines = [ZoneInline]


@admin.register(Zone)
class ZoneAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "park"]
    list_filter = ["park"]
    search_fields = ["name", "name_en", "code"]


@admin.register(Enterprise)
class EnterpriseAdmin(DivisionAdminMixin, SimpleHistoryAdmin):
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
