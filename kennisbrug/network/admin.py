from django.contrib import admin

from kennisbrug.network.models import MunicipalityBoundary


@admin.register(MunicipalityBoundary)
class MunicipalityBoundaryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "imported_at"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "name", "geometry", "centroid_lat", "centroid_lon", "imported_at"]
