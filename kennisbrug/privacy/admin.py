from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kennisbrug.accounts.scope import is_network_admin
from kennisbrug.privacy import personal_data
from kennisbrug.privacy.models import Erasure


class LookupForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mailadres"))


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    """Network admins look up, export and erase one person's data; the log lists erasures."""

    list_display = ["erased_at", "erased_by", "summary"]
    readonly_fields = ["email_hash", "erased_by", "erased_at", "summary"]
    change_list_template = "privacy/erasure_changelist.html"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_network_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_network_admin(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_urls(self):
        return [
            path(
                "persoon/",
                self.admin_site.admin_view(self.person_view),
                name="privacy_erasure_person",
            ),
            *super().get_urls(),
        ]

    def person_view(self, request: HttpRequest) -> HttpResponse:
        if not is_network_admin(request.user):
            return HttpResponse(status=403)
        form = LookupForm(request.POST or request.GET or None)
        found = None
        if form.is_valid():
            email = form.cleaned_data["email"]
            action = request.POST.get("actie")
            if request.method == "POST" and action == "exporteren":
                data = json.dumps(personal_data.export(email), ensure_ascii=False, indent=2)
                response = HttpResponse(data, content_type="application/json; charset=utf-8")
                response["Content-Disposition"] = 'attachment; filename="persoonsgegevens.json"'
                return response
            if request.method == "POST" and action == "wissen":
                summary = personal_data.erase(email, actor=request.user.get_username())
                self.message_user(
                    request,
                    _("Gewist: %(s)s abonnee, %(r)s aanmeldingen, %(d)s verzendregels.")
                    % {
                        "s": summary["subscribers"],
                        "r": summary["registrations"],
                        "d": summary["deliveries"],
                    },
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:privacy_erasure_changelist"))
            found = personal_data.export(email)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Persoonsgegevens van één persoon"),
            "form": form,
            "found": found,
            "holds_data": bool(
                found
                and (
                    found["newsletter"] or found["newsletters_sent"] or found["event_registrations"]
                )
            ),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "privacy/person.html", context)
