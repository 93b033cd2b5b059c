from django.contrib import admin

from kennisbrug.accounts.adminscope import NetworkAdmin, ScopedInline, WerkplaatsScopedAdmin
from kennisbrug.projects.models import ParticipantCount, Project, ProjectPerson, WorkForm


class ParticipantCountInline(ScopedInline, admin.TabularInline):
    model = ParticipantCount
    extra = 0


class ProjectPersonInline(ScopedInline, admin.TabularInline):
    model = ProjectPerson
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Project)
class ProjectAdmin(WerkplaatsScopedAdmin):
    list_display = ["title", "werkplaats", "kind", "status", "start", "nationally_relevant"]
    list_filter = ["werkplaats", "kind", "status", "nationally_relevant", "themes"]
    search_fields = ["title", "practice_question", "summary"]
    filter_horizontal = ["forms", "themes", "municipalities", "beneficiary_groups"]
    autocomplete_fields = ["partners"]
    inlines = [ParticipantCountInline, ProjectPersonInline]
    exclude = ["source", "source_id"]


@admin.register(WorkForm)
class WorkFormAdmin(NetworkAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
