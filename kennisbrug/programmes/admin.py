from django.contrib import admin

from kennisbrug.accounts.adminscope import NetworkAdmin
from kennisbrug.programmes.models import ExternalProject, Programme


@admin.register(Programme)
class ProgrammeAdmin(NetworkAdmin):
    list_display = ["name", "kind", "funder", "start_year", "end_year"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    exclude = ["source_id"]


@admin.register(ExternalProject)
class ExternalProjectAdmin(NetworkAdmin):
    """Saving here is one transaction; the radar looks for new overlaps once it commits
    (see kennisbrug.radar.signals), with the municipalities and themes already stored."""

    list_display = ["title", "programme", "start", "end"]
    list_filter = ["programme", "themes", "municipalities"]
    search_fields = ["title", "summary"]
    filter_horizontal = ["municipalities", "themes"]
    autocomplete_fields = ["partners"]
    exclude = ["source_id"]
