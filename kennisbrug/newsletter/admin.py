from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kennisbrug.accounts.adminscope import ScopedInline, WerkplaatsScopedAdmin
from kennisbrug.accounts.scope import is_network_admin
from kennisbrug.newsletter import compose, sending
from kennisbrug.newsletter.mail import issue_message
from kennisbrug.newsletter.models import Delivery, Issue, IssueItem, Subscriber


class NetworkAdminOnly(admin.ModelAdmin):
    """Personal data: only network admins see subscribers and deliveries."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_network_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_network_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_network_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return is_network_admin(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # people subscribe themselves; their consent is recorded there


@admin.register(Subscriber)
class SubscriberAdmin(NetworkAdminOnly):
    list_display = ["email", "status", "whole_network", "consent_at", "confirmed_at"]
    list_filter = ["status", "whole_network", "werkplaatsen"]
    search_fields = ["email", "name"]
    readonly_fields = [
        "consent_at",
        "consent_text",
        "confirmed_at",
        "unsubscribed_at",
        "created_at",
    ]
    filter_horizontal = ["werkplaatsen", "themes"]


@admin.register(Delivery)
class DeliveryAdmin(NetworkAdminOnly):
    list_display = ["email", "issue", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "issue"]
    search_fields = ["email"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
    actions = ["requeue"]

    @admin.action(description=gettext_lazy("Opnieuw in de wachtrij zetten"))
    def requeue(self, request: HttpRequest, queryset) -> None:
        n = queryset.filter(status=Delivery.Status.FAILED).update(
            status=Delivery.Status.PENDING, attempts=0, last_error=""
        )
        self.message_user(request, _("%(n)s opnieuw in de wachtrij.") % {"n": n})


class IssueItemInline(ScopedInline, admin.TabularInline):
    model = IssueItem
    extra = 0
    fields = ["position", "kind", "title", "summary", "meta", "path"]


@admin.register(Issue)
class IssueAdmin(WerkplaatsScopedAdmin):
    list_display = [
        "title",
        "period_start",
        "period_end",
        "werkplaats",
        "theme",
        "status",
        "sent_at",
    ]
    list_filter = ["status", "werkplaats"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "sending_started_at", "sent_at", "progress"]
    inlines = [IssueItemInline]
    change_form_template = "newsletter/admin/issue_change_form.html"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj and obj.status != Issue.Status.DRAFT:
            fields += [
                "title",
                "slug",
                "period_start",
                "period_end",
                "intro",
                "werkplaats",
                "theme",
            ]
        return fields

    def get_inline_instances(self, request, obj=None):
        return super().get_inline_instances(request, obj) if obj else []

    @admin.display(description=gettext_lazy("verzending"))
    def progress(self, issue: Issue) -> str:
        counts = sending.progress(issue)
        labels = dict(Delivery.Status.choices)
        return ", ".join(f"{labels[s]}: {n}" for s, n in counts.items() if n) or "–"

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        issue = form.instance
        if not change and issue.status == Issue.Status.DRAFT:
            n = compose.compose(issue)
            self.message_user(
                request, _("Samengesteld uit de periode: %(n)s onderdelen.") % {"n": n}
            )

    def get_urls(self):
        def view(name, func):
            return path(
                f"<int:pk>/{name}/",
                self.admin_site.admin_view(func),
                name=f"newsletter_issue_{name.replace('-', '_')}",
            )

        return [
            view("samenstellen", self.compose_view),
            view("voorbeeld", self.preview_web),
            view("voorbeeld-mail", self.preview_mail),
            view("voorbeeld-tekst", self.preview_text),
            view("proef", self.test_view),
            view("verzenden", self.send_view),
            *super().get_urls(),
        ]

    def _issue(self, request: HttpRequest, pk: int) -> Issue:
        return get_object_or_404(self.get_queryset(request), pk=pk)

    def _back(self, issue: Issue) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:newsletter_issue_change", args=[issue.pk]))

    def compose_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        issue = self._issue(request, pk)
        if request.method == "POST" and issue.status == Issue.Status.DRAFT:
            n = compose.compose(issue)
            self.message_user(request, _("Opnieuw samengesteld: %(n)s onderdelen.") % {"n": n})
        return self._back(issue)

    def preview_web(self, request: HttpRequest, pk: int) -> HttpResponse:
        issue = self._issue(request, pk)
        return TemplateResponse(
            request,
            "newsletter/issue_detail.html",
            {"issue": issue, "sections": compose.sections(issue)},
        )

    def preview_mail(self, request: HttpRequest, pk: int) -> HttpResponse:
        message = issue_message(self._issue(request, pk), None, to=request.user.email)
        return HttpResponse(message.alternatives[0][0])

    def preview_text(self, request: HttpRequest, pk: int) -> HttpResponse:
        message = issue_message(self._issue(request, pk), None, to=request.user.email)
        return HttpResponse(message.body, content_type="text/plain; charset=utf-8")

    def test_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        issue = self._issue(request, pk)
        if request.method == "POST":
            if not request.user.email:
                self.message_user(request, _("Je account heeft geen e-mailadres."), messages.ERROR)
            else:
                issue_message(issue, None, to=request.user.email).send()
                self.message_user(
                    request, _("Proef verstuurd naar %(email)s.") % {"email": request.user.email}
                )
        return self._back(issue)

    def send_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        issue = self._issue(request, pk)
        if request.method == "POST" and issue.status == Issue.Status.DRAFT:
            n = sending.start_sending(issue)
            self.message_user(
                request,
                _("%(n)s ontvangers in de wachtrij; de verzendtaak verstuurt ze.") % {"n": n},
                messages.SUCCESS,
            )
            return self._back(issue)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Verzenden: %(title)s") % {"title": issue.title},
            "issue": issue,
            "recipients": issue.recipients().count(),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "newsletter/admin/send_confirm.html", context)
