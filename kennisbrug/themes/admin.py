from django.contrib import admin

from kennisbrug.accounts.adminscope import NetworkAdmin, ScopedInline, WerkplaatsScopedAdmin
from kennisbrug.themes.models import Agenda, TargetGroup, Theme, Vraagstuk


@admin.register(Theme)
class ThemeAdmin(NetworkAdmin):
    list_display = ["name", "parent", "slug", "position"]
    list_filter = ["parent"]
    search_fields = ["name", "slug", "name_en"]
    prepopulated_fields = {"slug": ["name"]}
    exclude = ["source", "source_id"]


@admin.register(TargetGroup)
class TargetGroupAdmin(NetworkAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class VraagstukInline(ScopedInline, admin.StackedInline):
    model = Vraagstuk
    extra = 0
    fields = ["title", "kind", "description", "themes", "position"]
    filter_horizontal = ["themes"]


@admin.register(Agenda)
class AgendaAdmin(WerkplaatsScopedAdmin):
    list_display = ["werkplaats", "title", "start_year", "end_year"]
    list_filter = ["werkplaats", "start_year"]
    search_fields = ["title", "summary", "vraagstukken__title"]
    inlines = [VraagstukInline]
    exclude = ["source", "source_id"]
