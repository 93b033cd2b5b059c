from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kennisbrug.accounts.adminscope import ScopedInline, WerkplaatsScopedAdmin
from kennisbrug.events import participants
from kennisbrug.events import registration as places
from kennisbrug.events.models import Event, Registration, Round, Workshop, WorkshopChoice


class RoundInline(ScopedInline, admin.TabularInline):
    model = Round
    extra = 0
    show_change_link = True


class WorkshopInline(ScopedInline, admin.TabularInline):
    model = Workshop
    extra = 0


@admin.register(Event)
class EventAdmin(WerkplaatsScopedAdmin):
    list_display = ["title", "kind", "starts_at", "werkplaats", "capacity", "participants_link"]
    list_filter = ["kind", "werkplaats", "published"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes"]
    date_hierarchy = "starts_at"
    inlines = [RoundInline]

    def get_urls(self):
        return [
            path(
                "<int:pk>/deelnemers/",
                self.admin_site.admin_view(self.participants_view),
                name="events_event_participants",
            ),
            path(
                "<int:pk>/deelnemers.xlsx",
                self.admin_site.admin_view(self.participants_xlsx),
                name="events_event_participants_xlsx",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("deelnemers"))
    def participants_link(self, event: Event) -> str:
        url = reverse("admin:events_event_participants", args=[event.pk])
        return format_html('<a href="{}">{}</a>', url, _("deelnemerslijst"))

    def _event(self, request: HttpRequest, pk: int) -> Event:
        # The scoped queryset: an editor of another werkplaats gets "not found".
        return get_object_or_404(self.get_queryset(request), pk=pk)

    def participants_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self._event(request, pk)
        header, table = participants.rows(event)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Deelnemers: %(event)s") % {"event": event.title},
            "event": event,
            "header": header,
            "table": table,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "events/admin/participants.html", context)

    def participants_xlsx(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self._event(request, pk)
        response = HttpResponse(
            participants.workbook(event),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="deelnemers-{event.slug}.xlsx"'
        return response

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # More places than before: the waiting list moves up at once.
        promotions = places.serialised(lambda: places.fill_places(form.instance))
        if promotions:
            self.message_user(
                request,
                _("%(n)s wachtenden zijn doorgeschoven en gemaild.") % {"n": len(promotions)},
                messages.SUCCESS,
            )


@admin.register(Round)
class RoundAdmin(WerkplaatsScopedAdmin):
    werkplaats_path = "event__werkplaats"
    list_display = ["name", "event", "starts_at"]
    inlines = [WorkshopInline]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return False  # reached from the event page

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        places.serialised(lambda: places.fill_places(form.instance.event))


class WorkshopChoiceInline(ScopedInline, admin.TabularInline):
    model = WorkshopChoice
    extra = 0
    fields = ["workshop", "status", "created_at", "promoted_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Registration)
class RegistrationAdmin(WerkplaatsScopedAdmin):
    werkplaats_path = "event__werkplaats"
    list_display = ["name", "email", "event", "status", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["name", "email"]
    readonly_fields = [
        "event",
        "status",
        "consent_at",
        "created_at",
        "cancelled_at",
        "promoted_at",
        "anonymised_at",
    ]
    inlines = [WorkshopChoiceInline]
    actions = ["cancel_registrations"]

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # people register themselves; their consent is recorded there

    @admin.action(description=_("Afmelden (wachtlijst schuift door)"))
    def cancel_registrations(self, request: HttpRequest, queryset) -> None:
        promoted = 0
        for registration in queryset:
            promoted += len(places.cancel(registration))
        self.message_user(
            request,
            _("Afgemeld; %(n)s wachtenden doorgeschoven en gemaild.") % {"n": promoted},
            messages.SUCCESS,
        )
