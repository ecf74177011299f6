from django.contrib import admin

from kedja.organisations.models import (
    AreaCoordinatorship,
    AreaMembership,
    Membership,
    Organisation,
    ProcurementArea,
    User,
)


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    exclude = ["password"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "org_number"]
    list_filter = ["kind"]
    search_fields = ["name", "org_number"]


admin.site.register([ProcurementArea, AreaMembership, Membership, AreaCoordinatorship])
