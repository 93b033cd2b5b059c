from django.contrib import admin

from kennisbrug.accounts.adminscope import NetworkAdmin, ScopedInline, WerkplaatsScopedAdmin
from kennisbrug.registry.models import (
    Membership,
    Municipality,
    Organisation,
    Person,
    PersonRole,
    Province,
    Werkplaats,
    WerkplaatsName,
)


class WerkplaatsNameInline(ScopedInline, admin.TabularInline):
    model = WerkplaatsName
    extra = 0


class MembershipInline(ScopedInline, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["organisation", "role", "start", "end", "note"]
    autocomplete_fields = ["organisation"]


@admin.register(Werkplaats)
class WerkplaatsAdmin(WerkplaatsScopedAdmin):
    werkplaats_path = "pk"
    list_display = ["short_name", "name", "status", "founded_year"]
    list_filter = ["status", "provinces"]
    search_fields = ["name", "short_name", "names__name"]
    prepopulated_fields = {"slug": ["short_name"]}
    filter_horizontal = ["provinces"]
    inlines = [WerkplaatsNameInline, MembershipInline]
    readonly_fields = ["source", "source_id"]

    def has_add_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


@admin.register(Membership)
class MembershipAdmin(WerkplaatsScopedAdmin):
    list_display = ["organisation", "werkplaats", "role", "start", "end"]
    list_filter = ["werkplaats", "role", "organisation__kind"]
    search_fields = ["organisation__name", "werkplaats__name"]
    autocomplete_fields = ["organisation"]
    exclude = ["source", "source_id"]


@admin.register(PersonRole)
class PersonRoleAdmin(WerkplaatsScopedAdmin):
    list_display = ["person", "role", "werkplaats", "start", "end"]
    list_filter = ["werkplaats", "role"]
    search_fields = ["person__name"]
    autocomplete_fields = ["person"]
    exclude = ["source", "source_id"]


@admin.register(Organisation)
class OrganisationAdmin(NetworkAdmin):
    list_display = ["name", "kind", "parent", "municipality"]
    list_filter = ["kind"]
    search_fields = ["name", "abbreviation", "source_id"]
    autocomplete_fields = ["parent", "municipality"]


@admin.register(Person)
class PersonAdmin(NetworkAdmin):
    list_display = ["name", "organisation"]
    search_fields = ["name"]
    autocomplete_fields = ["organisation"]

    def has_add_permission(self, request) -> bool:
        # Editors add the people behind their products and projects.
        return self.has_module_permission(request)


@admin.register(Municipality)
class MunicipalityAdmin(NetworkAdmin):
    list_display = ["name", "code", "province", "active"]
    list_filter = ["province", "active"]
    search_fields = ["name", "code"]


@admin.register(Province)
class ProvinceAdmin(NetworkAdmin):
    list_display = ["name", "code"]
