"""The Django admin shows organisations and memberships read-only: every change to who belongs where
goes through the audited actions (organisations.actions), never an unaudited admin form."""

from django.contrib import admin

from kedja.organisations.forms import LockoutAdminAuthenticationForm
from kedja.organisations.models import (
    AreaCoordinatorship,
    AreaMembership,
    Membership,
    Organisation,
    ProcurementArea,
    User,
)

# The admin's own sign-in page would otherwise be a way around the lockout.
admin.site.login_form = LockoutAdminAuthenticationForm


class ReadOnlyAdmin(admin.ModelAdmin):
    """Look, never touch: adding, changing and deleting are refused for every admin user."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    exclude = ["password"]


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "code", "org_number"]
    list_filter = ["kind"]
    search_fields = ["name", "org_number"]


@admin.register(ProcurementArea, AreaMembership, Membership, AreaCoordinatorship)
class MembershipAdmin(ReadOnlyAdmin):
    pass
