"""Demo events: two upcoming events with workshop programmes and one past werkplaatsevent.

Dates are relative to the day the demo is loaded, so the upcoming events stay upcoming.
Loading again updates the same rows (keyed by slug, round name and workshop title).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from kennisbrug.events.models import Event, Registration, Round, Workshop
from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Theme


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


EVENTS = [
    {
        "slug": "landelijke-werkplaatsendag",
        "title": "Landelijke Werkplaatsendag: samen leren in het sociaal domein",
        "kind": Event.Kind.CONGRES,
        "days": 35,
        "hours": (9, 30, 16, 30),
        "venue": "Jaarbeurs Meeting Center",
        "address": "Jaarbeursplein 6, Utrecht",
        "werkplaats": None,
        "capacity": 150,
        "themes": ["lerende-praktijk", "integraal-werken"],
        "summary": "De jaarlijkse ontmoeting van gemeenten, hogescholen en praktijkorganisaties "
        "uit alle werkplaatsen: wat hebben we dit jaar samen geleerd, en wat nemen we mee?",
        "body": "Het ochtendprogramma opent met een gesprek tussen een wethouder, een lector en "
        "een wijkprofessional over de vraag hoe praktijkgericht onderzoek écht landt in het "
        "werk van alledag.\n\nDaarna kies je in twee rondes een workshop. De dag sluit af met "
        "een markt waar elke werkplaats laat zien waar ze aan werkt.",
        "rounds": [
            (
                "Ronde 1",
                (11, 0, 12, 15),
                [
                    (
                        "Leerateliers opzetten: zo begin je",
                        "Zaal Utrecht",
                        30,
                        "Projectleiders van drie werkplaatsen",
                        "Hoe breng je professionals, "
                        "studenten en onderzoekers samen rond één praktijkvraag?",
                    ),
                    (
                        "Ervaringsdeskundigheid in onderzoek",
                        "Zaal Amsterdam",
                        25,
                        "Lectoraat Participatie",
                        "Wat verandert er als ervaringsdeskundigen "
                        "mee-onderzoeken in plaats van alleen geïnterviewd te worden?",
                    ),
                    (
                        "Monitoren wat werkt in de wijk",
                        "Zaal Rotterdam",
                        40,
                        "Onderzoekers van WSD Noord",
                        "Eenvoudige manieren om zichtbaar te maken "
                        "wat een aanpak oplevert, zonder extra registratielast.",
                    ),
                ],
            ),
            (
                "Ronde 2",
                (13, 30, 14, 45),
                [
                    (
                        "Geldzorgen vroeg signaleren",
                        "Zaal Utrecht",
                        30,
                        "Lectoraat Schulden en Incasso",
                        "Signalen herkennen en het gesprek "
                        "aangaan voordat schulden problematisch worden.",
                    ),
                    (
                        "Studenten als kracht in de wijk",
                        "Zaal Amsterdam",
                        12,
                        "Docenten Social Work",
                        "Hoe leerwerkplaatsen bijdragen aan de praktijk én aan het onderwijs.",
                    ),
                    (
                        "Samenwerken tussen gemeente en zorg",
                        "Zaal Rotterdam",
                        40,
                        "Beleidsadviseurs en kennismakelaars",
                        "Afspraken die werken: van intentie naar gezamenlijke uitvoering.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "symposium-armoede-en-schulden-noord",
        "title": "Symposium Armoede en schulden: wat werkt in de wijk?",
        "kind": Event.Kind.SYMPOSIUM,
        "days": 63,
        "hours": (13, 0, 17, 0),
        "venue": "Hanzehogeschool Groningen, Zernikeplein",
        "address": "Zernikeplein 7, Groningen",
        "werkplaats": "wsd-noord",
        "capacity": 80,
        "themes": ["armoede", "schulden"],
        "summary": "Onderzoekers en professionals uit Groningen en Drenthe delen wat zij "
        "leerden over bestaanszekerheid: van vroegsignalering tot schuldhulp aan huis.",
        "body": "Na een korte opening presenteren drie projecten hun resultaten. In de "
        "workshopronde ga je zelf aan de slag met casuïstiek uit de regio.",
        "rounds": [
            (
                "Workshopronde",
                (14, 30, 15, 45),
                [
                    (
                        "Casuïstiek: schulden en gezinnen",
                        "Lokaal H1.12",
                        20,
                        "Schuldhulpverleners uit Groningen",
                        "Aan de hand van echte, geanonimiseerde casussen bespreken we wat helpt.",
                    ),
                    (
                        "Vroegsignalering met woningcorporaties",
                        "Lokaal H1.14",
                        20,
                        "Onderzoekers WSD Noord",
                        "Wat leveren afspraken met verhuurders en energiebedrijven op?",
                    ),
                    (
                        "In gesprek over geld",
                        "Lokaal H1.16",
                        15,
                        "Ervaringsdeskundigen",
                        "Oefenen met het gesprek over geldzorgen, met acteurs.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "werkplaatsevent-leren-van-casuistiek",
        "title": "Werkplaatsevent: leren van casuïstiek",
        "kind": Event.Kind.WERKPLAATSEVENT,
        "days": -120,
        "hours": (15, 0, 17, 30),
        "venue": "Saxion, Enschede",
        "address": "M.H. Tromplaan 28, Enschede",
        "werkplaats": "wsd-twente",
        "capacity": 40,
        "themes": ["lerende-praktijk"],
        "summary": "Een middag over casuïstiekbespreking als leermiddel voor teams in de wijk.",
        "body": "",
        "rounds": [],
    },
]

#: Fictitious participants (example.org) so the organiser's list is not empty.
PARTICIPANTS = [
    ("Anouk de Vries", "Gemeente Groningen"),
    ("Jeroen Bakker", "Humanitas Groningen"),
    ("Fatima El Amrani", "Hanzehogeschool Groningen"),
    ("Sanne Mulder", "Lentis"),
]


def load() -> int:
    for spec in EVENTS:
        start_h, start_m, end_h, end_m = spec["hours"]
        werkplaats = Werkplaats.objects.get(slug=spec["werkplaats"]) if spec["werkplaats"] else None
        event, _ = Event.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "kind": spec["kind"],
                "summary": spec["summary"],
                "body": spec["body"],
                "starts_at": _at(spec["days"], start_h, start_m),
                "ends_at": _at(spec["days"], end_h, end_m),
                "venue": spec["venue"],
                "address": spec["address"],
                "werkplaats": werkplaats,
                "capacity": spec["capacity"],
                "organiser_email": "evenementen@example.org",
            },
        )
        event.themes.set(Theme.objects.filter(slug__in=spec["themes"]))
        for name, (sh, sm, eh, em), workshops in spec["rounds"]:
            round_, _ = Round.objects.update_or_create(
                event=event,
                name=name,
                defaults={
                    "starts_at": _at(spec["days"], sh, sm),
                    "ends_at": _at(spec["days"], eh, em),
                },
            )
            for title, room, capacity, presenters, description in workshops:
                Workshop.objects.update_or_create(
                    round=round_,
                    title=title,
                    defaults={
                        "room": room,
                        "capacity": capacity,
                        "presenters": presenters,
                        "description": description,
                    },
                )
    symposium = Event.objects.get(slug="symposium-armoede-en-schulden-noord")
    for name, organisation in PARTICIPANTS:
        email = name.lower().replace(" ", ".") + "@example.org"
        Registration.objects.get_or_create(
            event=symposium,
            email=email,
            defaults={
                "name": name,
                "organisation": organisation,
                "status": Registration.Status.CONFIRMED,
                "consent_at": timezone.now(),
            },
        )
    return len(EVENTS)
