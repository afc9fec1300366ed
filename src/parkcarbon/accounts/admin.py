from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from parkcarbon.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["park", "enterprise", "agency"]


@admin.register(User)
class ParkCarbonUserAdmin(SimpleHistoryAdmin, UserAdmin):
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "park", "enterprise", "agency"]
    list_filter = ["role", "park"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user", "park", "enterprise", "agency"]
