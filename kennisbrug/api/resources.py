"""The API's resources: each is an interchange entity, so a record reads and writes in exactly
the shape of the import and export files (docs/import-formats.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet

from kennisbrug.api.auth import Caller
from kennisbrug.interchange.entities import ENTITIES, Entity
from kennisbrug.products.models import Product
from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Agenda


@dataclass
class Filter:
    name: str
    lookup: str
    description: str
    type: str = "string"  # or "integer"
    #: Filter through a subquery (many-to-many lookups would repeat rows otherwise).
    through_subquery: bool = False


@dataclass
class Resource:
    name: str
    label: str
    filters: list[Filter] = field(default_factory=list)
    #: What everyone may read; token holders may see more (``visible``).
    public: Callable[[QuerySet], QuerySet] = lambda qs: qs
    #: How to find the werkplaats of a stored record, for write access; None: read-only.
    werkplaats_attr: str | None = None
    #: The werkplaats id a new row (in import format) will belong to.
    werkplaats_of_row: Callable[[dict[str, Any]], int | None] | None = None

    @property
    def entity(self) -> Entity:
        return ENTITIES[self.name]

    @property
    def model(self) -> type[Model]:
        return self.entity.model

    @property
    def writable(self) -> bool:
        return self.werkplaats_attr is not None

    def visible(self, caller: Caller) -> QuerySet:
        qs = self.entity.queryset()
        if caller.is_admin:
            return qs
        public = self.public(qs)
        if self.writable and caller.roles():
            # Holders also see their own werkplaats's drafts.
            lookup = {f"{self.werkplaats_attr}__in": list(caller.roles())}
            return public | qs.filter(**lookup)
        return public

    def werkplaats_of(self, obj: Model) -> int | None:
        target = obj
        for part in self.werkplaats_attr.split("__"):
            target = getattr(target, part)
            if target is None:
                return None
        return target


def _werkplaats_by_slug(row: dict[str, Any]) -> int | None:
    slug = row.get("werkplaats")
    if not isinstance(slug, str) or not slug.strip():
        return None
    return Werkplaats.objects.filter(slug=slug.strip()).values_list("pk", flat=True).first()


def _werkplaats_of_agenda(row: dict[str, Any]) -> int | None:
    agenda = row.get("agenda")
    source = row.get("source") or "kennisbrug"
    if not isinstance(agenda, str) or not isinstance(source, str):
        return None
    return (
        Agenda.objects.filter(source=source, source_id=agenda.strip())
        .values_list("werkplaats_id", flat=True)
        .first()
    )


SOURCE = Filter("source", "source", "Alleen records uit deze bron.")
WERKPLAATS = Filter("werkplaats", "werkplaats__slug", "Slug van de werkplaats.")
THEME = Filter("theme", "themes__slug", "Slug van een thema.", through_subquery=True)
KIND = Filter("kind", "kind", "Soort (zie de waarden in het schema van het record).")

RESOURCES: dict[str, Resource] = {
    r.name: r
    for r in [
        Resource(
            "werkplaatsen",
            "Werkplaatsen Sociaal Domein",
            [SOURCE, Filter("status", "status", "Status: actief, in-voorbereiding, beeindigd.")],
        ),
        Resource(
            "organisations",
            "Organisaties in het netwerk",
            [SOURCE, KIND, Filter("parent", "parent__source_id", "source_id van de moeder.")],
        ),
        Resource(
            "themes",
            "Thema's van de landelijke taxonomie",
            [SOURCE, Filter("parent", "parent__slug", "Slug van het bovenliggende thema.")],
        ),
        Resource(
            "agendas",
            "Regionale kennisagenda's",
            [SOURCE, WERKPLAATS],
            lambda qs: qs,
            "werkplaats_id",
            _werkplaats_by_slug,
        ),
        Resource(
            "vraagstukken",
            "Vraagstukken op de agenda's",
            [
                SOURCE,
                Filter("werkplaats", "agenda__werkplaats__slug", "Slug van de werkplaats."),
                THEME,
                KIND,
            ],
            lambda qs: qs,
            "agenda__werkplaats_id",
            _werkplaats_of_agenda,
        ),
        Resource(
            "projects",
            "Projecten en leergemeenschappen",
            [SOURCE, WERKPLAATS, THEME, KIND, Filter("status", "status", "Projectstatus.")],
            lambda qs: qs,
            "werkplaats_id",
            _werkplaats_by_slug,
        ),
        Resource(
            "products",
            "Kennisproducten (gepubliceerd)",
            [SOURCE, WERKPLAATS, THEME, KIND, Filter("year", "year", "Jaar.", "integer")],
            lambda qs: qs.filter(status=Product.Status.PUBLISHED),
            "werkplaats_id",
            _werkplaats_by_slug,
        ),
        Resource(
            "interventions",
            "Erkende interventies uit de databanken",
            [
                SOURCE,
                WERKPLAATS,
                THEME,
                Filter("evidence_level", "evidence_level", "Erkenningsniveau."),
            ],
            lambda qs: qs.filter(withdrawn_at__isnull=True),
        ),
    ]
}
