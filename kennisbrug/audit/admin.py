from django.contrib import admin

from kennisbrug.accounts.adminscope import WerkplaatsScopedAdmin
from kennisbrug.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(WerkplaatsScopedAdmin):
    """Read-only: the log is written by the system, never by hand."""

    list_display = ["at", "actor", "action", "content_type", "object_repr", "werkplaats"]
    list_filter = ["action", "content_type", "werkplaats"]
    search_fields = ["object_repr", "actor"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
