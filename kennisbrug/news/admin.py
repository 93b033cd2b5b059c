from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext as _

from kennisbrug.accounts.adminscope import WerkplaatsScopedAdmin
from kennisbrug.accounts.scope import may_publish
from kennisbrug.news.models import Article


@admin.register(Article)
class ArticleAdmin(WerkplaatsScopedAdmin):
    list_display = ["title", "kind", "werkplaats", "status", "published_at"]
    list_filter = ["kind", "status", "werkplaats"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes"]
    autocomplete_fields = ["products"]
    date_hierarchy = "published_at"

    def save_model(self, request, obj: Article, form, change) -> None:
        # Contributors write; only editors of the werkplaats (or network admins) publish.
        if obj.status == Article.Status.PUBLISHED and not may_publish(
            request.user, obj.werkplaats_id
        ):
            obj.status = Article.Status.CONCEPT
            self.message_user(
                request,
                _("Opgeslagen als concept: een redacteur publiceert het."),
                messages.WARNING,
            )
        super().save_model(request, obj, form, change)
