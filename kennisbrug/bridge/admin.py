from django.contrib import admin

from kennisbrug.accounts.adminscope import WerkplaatsScopedAdmin
from kennisbrug.bridge.models import Link


@admin.register(Link)
class LinkAdmin(WerkplaatsScopedAdmin):
    list_display = ["__str__", "werkplaats", "status", "decided_by", "decided_at"]
    list_filter = ["status", "subject_kind", "target_kind", "werkplaats"]
    readonly_fields = ["decided_by", "decided_at"]
