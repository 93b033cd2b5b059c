from django.contrib import admin

from kennisbrug.accounts.models import Editorship


@admin.register(Editorship)
class EditorshipAdmin(admin.ModelAdmin):
    list_display = ["user", "werkplaats", "role"]
    list_filter = ["werkplaats", "role"]
    autocomplete_fields = ["user", "werkplaats"]
    # Only network admins (superusers) reach this: Django's default permissions apply.
