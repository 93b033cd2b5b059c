"""The mails to participants: confirmation, waiting list, a place came free, cancellation.

Each is a subject/text/html triple; confirmations carry the event as an iCalendar file.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from kennisbrug.lib.ical import CalendarEvent, calendar


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def calendar_event(event, *, cancelled: bool = False) -> CalendarEvent:
    from kennisbrug.events.models import Workshop

    lines = [event.summary] if event.summary else []
    for workshop in Workshop.objects.filter(round__event=event).select_related("round"):
        room = f" ({workshop.room})" if workshop.room else ""
        lines.append(f"{workshop.round.name}: {workshop.title}{room}")
    host = settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "kennisbrug"
    return CalendarEvent(
        uid=f"evenement-{event.pk}@{host}",
        start=event.starts_at,
        end=event.ends_at,
        summary=event.title,
        description="\n".join(lines),
        location=", ".join(part for part in (event.venue, event.address) if part)
        or event.online_url,
        url=absolute(event.get_absolute_url()),
        status="CANCELLED" if cancelled else "CONFIRMED",
    )


def _send(registration, kind: str, subject: str, extra: dict | None = None) -> None:
    from kennisbrug.events.registration import waiting_position, workshop_waiting_position

    if not registration.email:
        return  # erased or anonymised meanwhile: nobody to write to
    event = registration.event
    choices = list(registration.choices.select_related("workshop", "round"))
    for choice in choices:
        choice.position = workshop_waiting_position(choice)
    context = {
        "kind": kind,
        "registration": registration,
        "event": event,
        "choices": choices,
        "position": waiting_position(registration),
        "manage_url": absolute(registration.get_absolute_url()),
        "event_url": absolute(event.get_absolute_url()),
        **(extra or {}),
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("events/mail/registration.txt", context),
        to=[registration.email],
        reply_to=[event.organiser_email] if event.organiser_email else None,
    )
    message.attach_alternative(
        render_to_string("events/mail/registration.html", context), "text/html"
    )
    if registration.status == registration.Status.CONFIRMED or kind == "geannuleerd":
        ics = calendar(
            [calendar_event(event, cancelled=kind == "geannuleerd")],
            method="CANCEL" if kind == "geannuleerd" else "PUBLISH",
        )
        message.attach(f"{event.slug}.ics", ics, "text/calendar; charset=utf-8")
    message.send()


def _registration(pk: int):
    from kennisbrug.events.models import Registration

    return Registration.objects.select_related("event").get(pk=pk)


def send_registration(pk: int) -> None:
    registration = _registration(pk)
    if registration.status == registration.Status.CONFIRMED:
        subject = _("Aanmelding bevestigd: %(event)s")
        kind = "bevestigd"
    else:
        subject = _("Je staat op de wachtlijst: %(event)s")
        kind = "wachtlijst"
    _send(registration, kind, subject % {"event": registration.event.title})


def send_promoted(pk: int, event_place: bool, workshop_ids: list[int]) -> None:
    registration = _registration(pk)
    subject = _("Er is een plek vrijgekomen: %(event)s") % {"event": registration.event.title}
    _send(
        registration,
        "plek",
        subject,
        {"event_place": event_place, "promoted_workshops": set(workshop_ids)},
    )


def send_cancelled(pk: int) -> None:
    registration = _registration(pk)
    subject = _("Afmelding ontvangen: %(event)s") % {"event": registration.event.title}
    _send(registration, "geannuleerd", subject)
