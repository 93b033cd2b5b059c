"""ModelAdmin bases that enforce who may see and edit what in the beheer (Django admin).

- WerkplaatsScopedAdmin: records belonging to a werkplaats. Network admins see everything;
  editors see, add and change only records of their own werkplaatsen. Records of other
  werkplaatsen are not in their queryset, so an edit form for one answers "not found".
- NetworkAdmin: shared reference data (themes, organisations, municipalities …). Editors may
  look; only network admins change.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from kennisbrug.accounts.scope import editable_werkplaats_ids, is_network_admin


def _is_editor(request: HttpRequest) -> bool:
    return bool(editable_werkplaats_ids(request.user))


class NetworkAdmin(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_network_admin(request.user) or _is_editor(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_network_admin(request.user) or _is_editor(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_network_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_network_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_network_admin(request.user)


class WerkplaatsScopedAdmin(admin.ModelAdmin):
    #: The lookup path from the model to its werkplaats' primary key.
    werkplaats_path = "werkplaats"

    def werkplaats_id_of(self, obj: Model) -> int | None:
        target: Any = obj
        for part in self.werkplaats_path.split("__"):
            if part == "pk":
                return target.pk
            target = getattr(target, part, None)
            if target is None:
                return None
        return target.pk

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if is_network_admin(request.user):
            return queryset
        ids = editable_werkplaats_ids(request.user)
        lookup = "pk__in" if self.werkplaats_path == "pk" else f"{self.werkplaats_path}__in"
        return queryset.filter(**{lookup: ids})

    def _allowed(self, request: HttpRequest, obj: Model | None) -> bool:
        if is_network_admin(request.user):
            return True
        ids = editable_werkplaats_ids(request.user)
        if obj is None:
            return bool(ids)
        return self.werkplaats_id_of(obj) in ids

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request, None)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._allowed(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._allowed(request, None)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._allowed(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._allowed(request, obj)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        # An editor can only attach records to their own werkplaatsen.
        if db_field.name == "werkplaats" and not is_network_admin(request.user):
            from kennisbrug.registry.models import Werkplaats

            kwargs["queryset"] = Werkplaats.objects.filter(
                pk__in=editable_werkplaats_ids(request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        ids = editable_werkplaats_ids(request.user)
        if (
            self.werkplaats_path == "werkplaats"
            and len(ids) == 1
            and not is_network_admin(request.user)
        ):
            # Nothing to choose: a new record belongs to the editor's one werkplaats.
            initial.setdefault("werkplaats", next(iter(ids)))
        return initial


class ScopedInline:
    """Inlines follow the permission of the record they sit in."""

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return True

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return True

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return True

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return True
