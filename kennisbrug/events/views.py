"""The event calendar, an event's programme and registration form, and a person's registration."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kennisbrug.events import registration as places
from kennisbrug.events.forms import RegistrationForm
from kennisbrug.events.mail import calendar_event, send_registration
from kennisbrug.events.models import Event, Registration, Round, Workshop
from kennisbrug.lib.ical import calendar


def event_list(request: HttpRequest) -> HttpResponse:
    events = Event.objects.published().select_related("werkplaats")
    return render(
        request,
        "events/event_list.html",
        {"upcoming": events.upcoming(), "past": events.past()[:10]},
    )


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(
        Event.objects.published()
        .select_related("werkplaats")
        .prefetch_related(
            "themes",
            Prefetch("rounds", queryset=Round.objects.prefetch_related("workshops")),
        ),
        slug=slug,
    )
    form = RegistrationForm(request.POST or None, event=event)
    if request.method == "POST" and event.accepts_registrations and form.is_valid():
        try:
            registration = places.register(
                event,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
                workshops=form.chosen_workshops(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except places.AlreadyRegistered as exc:
            # Not the personal page itself: whoever typed the address may not own it.
            send_registration(exc.registration.pk)
            form.add_error(
                None,
                _(
                    "Met dit e-mailadres is al iemand aangemeld. We hebben de link naar die "
                    "aanmelding opnieuw naar dat adres gestuurd."
                ),
            )
        else:
            return redirect(registration.get_absolute_url())
    workshops = {w.pk: w for w in Workshop.objects.filter(round__event=event)}
    for workshop in workshops.values():
        workshop.places_left = max(workshop.capacity - workshop.confirmed_count(), 0)
    rounds = [(r, [workshops[w.pk] for w in r.workshops.all()]) for r in event.rounds.all()]
    return render(
        request,
        "events/event_detail.html",
        {"event": event, "form": form, "rounds": rounds, "places_left": event.places_left()},
        status=400 if request.method == "POST" else 200,
    )


def registration_detail(request: HttpRequest, token: str) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("event").exclude(anonymised_at__isnull=False),
        token=token,
    )
    choices = list(registration.choices.select_related("workshop", "round"))
    for choice in choices:
        choice.position = places.workshop_waiting_position(choice)
    return render(
        request,
        "events/registration_detail.html",
        {
            "registration": registration,
            "event": registration.event,
            "choices": choices,
            "position": places.waiting_position(registration),
        },
    )


@require_POST
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = get_object_or_404(Registration, token=token, anonymised_at__isnull=True)
    choice_id = request.POST.get("workshopkeuze")
    if choice_id:
        choice = get_object_or_404(registration.choices, pk=choice_id)
        places.cancel_workshop(choice)
        messages.success(
            request,
            _("Je bent afgemeld voor de workshop %(title)s.") % {"title": choice.workshop.title},
        )
    else:
        places.cancel(registration)
        messages.success(request, _("Je bent afgemeld. Je krijgt een bevestiging per e-mail."))
    return redirect(registration.get_absolute_url())


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.published(), slug=slug)
    return _ics(calendar([calendar_event(event)]), f"{event.slug}.ics")


def calendar_feed(request: HttpRequest) -> HttpResponse:
    events = Event.objects.published().order_by("starts_at")
    return _ics(
        calendar(
            (calendar_event(e) for e in events),
            name=_("Evenementen van de Werkplaatsen Sociaal Domein"),
        ),
        "kennisbrug.ics",
    )


def _ics(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
