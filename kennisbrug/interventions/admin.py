from django.contrib import admin

from kennisbrug.accounts.adminscope import NetworkAdmin
from kennisbrug.interventions.models import Databank, Intervention


@admin.register(Databank)
class DatabankAdmin(NetworkAdmin):
    list_display = ["name", "slug", "institute"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Intervention)
class InterventionAdmin(NetworkAdmin):
    list_display = ["title", "databank", "evidence_level", "recognised_on", "withdrawn_at"]
    list_filter = ["databank", "evidence_level", "themes"]
    search_fields = ["title", "summary", "source_id"]
    filter_horizontal = ["themes", "target_groups"]
    readonly_fields = ["source", "source_id", "withdrawn_at"]
