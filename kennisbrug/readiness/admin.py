from django.contrib import admin

from kennisbrug.accounts.adminscope import WerkplaatsScopedAdmin
from kennisbrug.readiness.models import ReadinessCheck


@admin.register(ReadinessCheck)
class ReadinessCheckAdmin(WerkplaatsScopedAdmin):
    werkplaats_path = "product__werkplaats"
    list_display = ["product", "updated_by", "updated_at"]
    readonly_fields = ["updated_by"]
    raw_id_fields = ["product"]
