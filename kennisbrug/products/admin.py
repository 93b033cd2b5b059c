import json

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from kennisbrug.accounts.adminscope import ScopedInline, WerkplaatsScopedAdmin
from kennisbrug.accounts.scope import is_network_admin, may_publish
from kennisbrug.products.models import Attachment, Authorship, Product


class AuthorshipInline(ScopedInline, admin.TabularInline):
    model = Authorship
    extra = 0
    autocomplete_fields = ["person"]


class AttachmentInline(ScopedInline, admin.TabularInline):
    model = Attachment
    extra = 1  # an empty upload row is there without JavaScript
    fields = ["title", "file", "media_type", "size"]
    readonly_fields = ["media_type", "size"]


class KeywordsField(forms.CharField):
    """Keywords typed as "armoede, schulden" rather than as a JSON list."""

    def prepare_value(self, value):
        if isinstance(value, str) and value.startswith("["):
            try:
                value = json.loads(value)
            except ValueError:
                return value
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        value = super().to_python(value).strip()
        if value.startswith("["):  # a JSON list still works (older forms, scripts)
            try:
                return [str(v).strip() for v in json.loads(value) if str(v).strip()]
            except ValueError:
                pass
        return [part.strip() for part in value.split(",") if part.strip()]


class ProductForm(forms.ModelForm):
    keywords = KeywordsField(
        label=_("Trefwoorden"),
        required=False,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: armoede, schulden, jongeren."),
    )

    class Meta:
        model = Product
        # ModelAdmin passes the fieldsets' fields; these are the same, named for ruff's sake.
        fields = [
            "kind",
            "title",
            "summary",
            "body",
            "keywords",
            "werkplaats",
            "project",
            "themes",
            "target_groups",
            "published_on",
            "year",
            "licence",
            "evidence_level",
            "url",
            "status",
        ]


@admin.register(Product)
class ProductAdmin(WerkplaatsScopedAdmin):
    form = ProductForm
    # The editor's way through the form: what it is, where it belongs, then publication.
    fieldsets = [
        (None, {"fields": ["kind", "title", "summary", "body", "keywords"]}),
        (
            _("Waar het bij hoort"),
            {"fields": ["werkplaats", "project", "themes", "target_groups"]},
        ),
        (
            _("Publicatie"),
            {
                "fields": ["published_on", "year", "licence", "evidence_level", "url", "status"],
                "description": _(
                    "Klaar? Zet de status op ‘ter review’ en sla op: een redacteur van je "
                    "werkplaats of het netwerkbeheer kijkt het na en publiceert het. Pas dan "
                    "staat het op de website en is het te vinden met de zoekfunctie. Bijlagen "
                    "(PDF of Word) voeg je hieronder toe."
                ),
            },
        ),
    ]
    list_display = ["title", "kind", "werkplaats", "year", "status"]
    list_filter = ["status", "kind", "werkplaats", "themes", "year"]
    search_fields = ["title", "summary", "keywords"]
    filter_horizontal = ["themes", "target_groups"]
    autocomplete_fields = ["project"]
    inlines = [AuthorshipInline, AttachmentInline]
    actions = ["submit_for_review", "publish"]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        # A contributor can write and submit, but not publish.
        if db_field.name == "status" and not is_network_admin(request.user):
            from kennisbrug.accounts.models import Editorship

            editor = request.user.editorships.filter(role=Editorship.Role.EDITOR).exists()
            if not editor:
                kwargs["choices"] = [
                    c for c in db_field.choices if c[0] != Product.Status.PUBLISHED
                ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    @admin.action(description=_("Ter review aanbieden"))
    def submit_for_review(self, request, queryset):
        count = 0
        for product in queryset.filter(status=Product.Status.CONCEPT):
            product.status = Product.Status.REVIEW
            product.save()
            count += 1
        self.message_user(request, _("%(n)d product(en) ter review aangeboden.") % {"n": count})

    @admin.action(description=_("Publiceren"))
    def publish(self, request, queryset):
        published = refused = 0
        for product in queryset.exclude(status=Product.Status.PUBLISHED):
            if not may_publish(request.user, product.werkplaats_id):
                refused += 1
                continue
            product.status = Product.Status.PUBLISHED
            product.save()
            published += 1
        self.message_user(request, _("%(n)d product(en) gepubliceerd.") % {"n": published})
        if refused:
            self.message_user(
                request,
                _("%(n)d product(en) niet gepubliceerd: daarvoor is redacteursrecht nodig.")
                % {"n": refused},
                level=messages.WARNING,
            )
