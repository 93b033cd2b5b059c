from django.contrib import admin

from kennisbrug.accounts.adminscope import NetworkAdmin, WerkplaatsScopedAdmin
from kennisbrug.accounts.scope import editable_werkplaats_ids, is_network_admin
from kennisbrug.monitoring.models import CoFinancing, FundingPeriod, ProjectFunding, Subsidy
from kennisbrug.projects.models import Project


@admin.register(FundingPeriod)
class FundingPeriodAdmin(NetworkAdmin):
    list_display = ["slug", "start_year", "end_year"]


@admin.register(Subsidy)
class SubsidyAdmin(WerkplaatsScopedAdmin):
    """Editors see their werkplaats's grants; only the network records them."""

    list_display = ["werkplaats", "period", "kind", "title", "amount"]
    list_filter = ["period", "kind", "werkplaats"]

    def has_add_permission(self, request, obj=None) -> bool:
        return is_network_admin(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return is_network_admin(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return is_network_admin(request.user)


@admin.register(CoFinancing)
class CoFinancingAdmin(WerkplaatsScopedAdmin):
    list_display = [
        "werkplaats",
        "partner",
        "year",
        "hours_planned",
        "hours_realised",
        "money_planned",
        "money_realised",
    ]
    list_filter = ["year", "werkplaats", "partner__kind"]
    search_fields = ["partner__name", "note"]
    autocomplete_fields = ["partner"]


@admin.register(ProjectFunding)
class ProjectFundingAdmin(WerkplaatsScopedAdmin):
    werkplaats_path = "project__werkplaats"
    list_display = ["project", "year", "amount"]
    list_filter = ["year", "project__werkplaats", "project__nationally_relevant"]
    autocomplete_fields = ["project"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "project" and not is_network_admin(request.user):
            kwargs["queryset"] = Project.objects.filter(
                werkplaats__in=editable_werkplaats_ids(request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
