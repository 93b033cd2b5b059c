from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kennisbrug.accounts.adminscope import NetworkAdmin
from kennisbrug.accounts.scope import editable_werkplaats_ids, is_network_admin
from kennisbrug.thesaurus.models import Concept, Label


class ConceptForm(forms.ModelForm):
    class Meta:
        model = Concept
        fields = ["slug", "pref_label", "pref_label_en", "definition", "broader", "related"]

    def clean_broader(self) -> QuerySet:
        broader = self.cleaned_data["broader"]
        if self.instance.pk:
            # The search engine walks up the tree; a circle would never end.
            below = self.instance.descendant_ids() | {self.instance.pk}
            if any(concept.pk in below for concept in broader):
                raise forms.ValidationError(
                    _("Een begrip kan niet onder zichzelf of onder een smaller begrip vallen.")
                )
        return broader

    def clean_related(self) -> QuerySet:
        related = self.cleaned_data["related"]
        if self.instance.pk and any(concept.pk == self.instance.pk for concept in related):
            raise forms.ValidationError(_("Een begrip kan niet aan zichzelf verwant zijn."))
        return related


class LabelInline(admin.TabularInline):
    """Terms follow their concept: editors look, only network admins change."""

    model = Label
    extra = 1
    fields = ["text", "kind", "language"]

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_network_admin(request.user) or bool(editable_werkplaats_ids(request.user))

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_network_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_network_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_network_admin(request.user)


@admin.register(Concept)
class ConceptAdmin(NetworkAdmin):
    form = ConceptForm
    list_display = ["pref_label", "broader_list", "pref_label_en", "slug", "updated_at"]
    search_fields = ["pref_label", "pref_label_en", "slug", "labels__text"]
    prepopulated_fields = {"slug": ["pref_label"]}
    filter_horizontal = ["broader", "related"]
    inlines = [LabelInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("broader")

    @admin.display(description=_("valt onder"))
    def broader_list(self, concept: Concept) -> str:
        return ", ".join(str(parent) for parent in concept.broader.all())


@admin.register(Label)
class LabelAdmin(NetworkAdmin):
    list_display = ["text", "kind", "language", "concept"]
    list_filter = ["kind", "language"]
    search_fields = ["text", "concept__pref_label"]
    list_select_related = ["concept"]
    autocomplete_fields = ["concept"]
