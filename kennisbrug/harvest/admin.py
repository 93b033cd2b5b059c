from django.contrib import admin

from kennisbrug.harvest.models import HarvestedRecord, HarvestRun, HarvestSource


@admin.register(HarvestSource)
class HarvestSourceAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "url", "set_spec", "werkplaats", "harvested_until"]
    readonly_fields = ["harvested_until", "resumption_token", "pending_from", "pending_until"]


@admin.register(HarvestRun)
class HarvestRunAdmin(admin.ModelAdmin):
    list_display = ["source", "started_at", "status", "created", "updated", "withdrawn", "error"]
    list_filter = ["status", "source"]


@admin.register(HarvestedRecord)
class HarvestedRecordAdmin(admin.ModelAdmin):
    list_display = ["identifier", "source", "product", "datestamp", "deleted"]
    list_filter = ["source", "deleted"]
    search_fields = ["identifier"]
    raw_id_fields = ["product"]
