"""What each importable entity looks like in a file: its key, its fields, its references."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet

from kennisbrug.interchange import extras as x
from kennisbrug.interchange import fields as f
from kennisbrug.interchange.bulk import check_bulk_entity
from kennisbrug.interchange.lookups import Lookups, Unknown
from kennisbrug.interventions.models import Databank, EvidenceLevel, Intervention
from kennisbrug.products.models import Product
from kennisbrug.programmes.interchange import ProgrammeRef, external_project_derive
from kennisbrug.programmes.models import ExternalProject, Programme
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import (
    Membership,
    Municipality,
    Organisation,
    Person,
    PersonRole,
    Werkplaats,
)
from kennisbrug.themes.models import Agenda, Theme, Vraagstuk

Derive = Callable[[dict[str, Any], Lookups], dict[str, Any]]


@dataclass
class Entity:
    name: str
    model: type[Model]
    fields: list[f.Field]
    key: tuple[str, ...] = ("source", "source_id")
    #: A field naming another row of the same entity (a parent), resolved while writing.
    self_ref: str | None = None
    self_ref_kind: str | None = None
    #: Computes stored values from the parsed row (e.g. a slug from the source_id).
    derive: Derive | None = None
    #: Reference table to refresh after a row of this entity is created.
    lookup_kind: str | None = None
    export_related: tuple[str, ...] = ()
    export_prefetch: tuple[str, ...] = ()
    #: Written by the bulk path (interchange.bulk): files of thousands of rows, same result.
    bulk: bool = False
    field_names: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.field_names = [fl.name for fl in self.fields]
        if self.bulk:
            check_bulk_entity(self)

    def queryset(self) -> QuerySet:
        qs = self.model._default_manager.all()
        if self.export_related:
            qs = qs.select_related(*self.export_related)
        if self.export_prefetch:
            qs = qs.prefetch_related(*self.export_prefetch)
        return (
            qs.order_by(*self.key)
            if self.key != ("source", "source_id")
            else qs.order_by("source", "source_id")
        )


def origin() -> list[f.Field]:
    return [f.Text("source", max_length=100), f.Text("source_id", required=True, max_length=200)]


def sourced_ref(model: type[Model], field_name: str) -> Derive:
    """Resolve a reference by source_id within the row's own source (agenda, project)."""

    def derive(values: dict[str, Any], lookups: Lookups) -> dict[str, Any]:
        wanted = values[field_name]
        if not wanted:
            return {f"{field_name}_id": None}
        pk = lookups.sourced(model, values["source"], wanted)
        if pk is None:
            raise f.FieldError(
                f"onbekend: {wanted!r} (gezocht als source_id bij bron {values['source']!r})"
            )
        return {f"{field_name}_id": pk}

    return derive


def slug_from_source_id(values: dict[str, Any], lookups: Lookups) -> dict[str, Any]:
    return {"slug": values["source_id"]}


def product_derive(values: dict[str, Any], lookups: Lookups) -> dict[str, Any]:
    derived = sourced_ref(Project, "project")(values, lookups)
    # Product.save() fills year from the date; doing it here keeps a re-import a no-op.
    if values["year"] is None and values["published_on"]:
        derived["year"] = values["published_on"].year
    return derived


def intervention_derive(values: dict[str, Any], lookups: Lookups) -> dict[str, Any]:
    try:
        return {"databank_id": lookups.resolve("databank", values["source"])}
    except Unknown:
        raise f.FieldError(
            f"bron {values['source']!r} is geen bekende databank; voeg hem eerst toe",
            "source",
        ) from None


ENTITIES: dict[str, Entity] = {}


def register(entity: Entity) -> None:
    ENTITIES[entity.name] = entity


register(
    Entity(
        "municipalities",
        Municipality,
        [
            f.Text("code", required=True, max_length=6),
            f.Text("name", required=True, max_length=100),
            f.Ref("province", "province", required=True),
            f.Boolean("active"),
        ],
        key=("code",),
        export_related=("province",),
    )
)
ENTITIES["municipalities"].fields[3].empty = lambda: True  # active unless said otherwise

register(
    Entity(
        "werkplaatsen",
        Werkplaats,
        [
            *origin(),
            f.Text("name", required=True, max_length=200),
            f.Text("short_name", required=True, max_length=80),
            f.Choice("status", Werkplaats.Status, default=Werkplaats.Status.ACTIVE),
            f.Text("description"),
            f.Url("website", max_length=200),
            f.Integer("founded_year", minimum=1900, maximum=2100),
            f.RefList("provinces", "province"),
            x.WerkplaatsNames("aliases", "alias"),
            x.WerkplaatsNames("former_names", "vroeger"),
        ],
        derive=slug_from_source_id,
        lookup_kind="werkplaats",
        export_prefetch=("provinces", "names"),
    )
)

register(
    Entity(
        "organisations",
        Organisation,
        [
            *origin(),
            f.Text("name", required=True, max_length=200),
            f.Choice("kind", Organisation.Kind, required=True),
            f.Text("abbreviation", max_length=30),
            f.SelfRef("parent", show="source_id"),
            f.Ref("municipality", "municipality", show="code"),
            f.Url("website", max_length=200),
        ],
        self_ref="parent",
        self_ref_kind="organisation",
        lookup_kind="organisation",
        export_related=("parent", "municipality"),
    )
)

register(
    Entity(
        "memberships",
        Membership,
        [
            *origin(),
            f.Ref("werkplaats", "werkplaats", required=True, show="slug"),
            f.Ref("organisation", "organisation", required=True),
            f.Choice("role", Membership.Role, required=True),
            f.Date("start"),
            f.Date("end", period_end=True),
            f.Text("note", max_length=300),
        ],
        export_related=("werkplaats", "organisation"),
    )
)

register(
    Entity(
        "people",
        Person,
        [
            *origin(),
            f.Text("name", required=True, max_length=200),
            f.Email("email", max_length=254),
            f.Ref("organisation", "organisation"),
        ],
        lookup_kind="person",
        export_related=("organisation",),
    )
)

register(
    Entity(
        "person-roles",
        PersonRole,
        [
            *origin(),
            f.Ref("person", "person", required=True, show="source_id"),
            f.Ref("werkplaats", "werkplaats", required=True, show="slug"),
            f.Choice("role", PersonRole.Role, required=True),
            f.Date("start"),
            f.Date("end", period_end=True),
        ],
        export_related=("person", "werkplaats"),
    )
)

register(
    Entity(
        "themes",
        Theme,
        [
            *origin(),
            f.Text("name", required=True, max_length=120),
            f.Text("name_en", max_length=120),
            f.SelfRef("parent", show="slug"),
            f.Text("description"),
            f.Integer("position", maximum=32767),
        ],
        derive=slug_from_source_id,
        self_ref="parent",
        self_ref_kind="theme",
        lookup_kind="theme",
        export_related=("parent",),
    )
)
ENTITIES["themes"].fields[-1].empty = lambda: 0

register(
    Entity(
        "agendas",
        Agenda,
        [
            *origin(),
            f.Ref("werkplaats", "werkplaats", required=True, show="slug"),
            f.Text("title", required=True, max_length=200),
            f.Integer("start_year", required=True, minimum=1990, maximum=2100),
            f.Integer("end_year", required=True, minimum=1990, maximum=2100),
            f.Text("summary"),
        ],
        export_related=("werkplaats",),
    )
)

register(
    Entity(
        "vraagstukken",
        Vraagstuk,
        [
            *origin(),
            f.SourcedRef("agenda", required=True),
            f.Text("title", required=True, max_length=300),
            f.Choice("kind", Vraagstuk.Kind, required=True),
            f.Text("description"),
            f.RefList("themes", "theme", show="slug"),
            f.Integer("position", maximum=32767),
        ],
        derive=sourced_ref(Agenda, "agenda"),
        export_related=("agenda",),
        export_prefetch=("themes",),
    )
)
ENTITIES["vraagstukken"].fields[-1].empty = lambda: 0

register(
    Entity(
        "projects",
        Project,
        [
            *origin(),
            f.Ref("werkplaats", "werkplaats", required=True, show="slug"),
            f.Text("title", required=True, max_length=300),
            f.Choice("kind", Project.Kind, required=True),
            f.RefList("forms", "workform", show="slug"),
            f.Text("practice_question", required=True),
            f.Text("summary"),
            f.Text("body"),
            f.RefList("themes", "theme", show="slug"),
            f.RefList("municipalities", "municipality"),
            f.RefList("partners", "organisation"),
            x.TargetGroups("beneficiary_groups"),
            x.Participants("participants"),
            x.NamedParticipants("people"),
            f.Date("start"),
            f.Date("end", period_end=True),
            f.Choice("status", Project.Status, default=Project.Status.RUNNING),
            f.Boolean("nationally_relevant"),
            f.Url("url", max_length=200),
        ],
        export_related=("werkplaats",),
        export_prefetch=("forms", "themes", "municipalities", "partners", "beneficiary_groups"),
    )
)

register(
    Entity(
        "products",
        Product,
        [
            *origin(),
            f.Choice("kind", Product.Kind, required=True),
            f.Text("title", required=True, max_length=300),
            f.Text("summary"),
            f.Text("body"),
            f.StringList("keywords"),
            x.TargetGroups("target_groups"),
            f.RefList("themes", "theme", show="slug"),
            f.Integer("year", minimum=1900, maximum=2100),
            f.Date("published_on"),
            f.Ref("werkplaats", "werkplaats", show="slug"),
            f.SourcedRef("project"),
            x.Authors("authors"),
            f.Choice("licence", Product.Licence),
            f.Choice("status", Product.Status, default=Product.Status.CONCEPT),
            f.Choice("evidence_level", EvidenceLevel),
            f.Url("url", max_length=200),
        ],
        derive=product_derive,
        export_related=("werkplaats", "project"),
        export_prefetch=("themes", "target_groups"),
        bulk=True,
    )
)

register(
    Entity(
        "databanks",
        Databank,
        [
            f.Text("slug", required=True, max_length=80),
            f.Text("name", required=True, max_length=200),
            f.Ref("institute", "organisation"),
            f.Url("url", max_length=200),
        ],
        key=("slug",),
        lookup_kind="databank",
        export_related=("institute",),
    )
)

register(
    Entity(
        "interventions",
        Intervention,
        [
            f.Text("source", required=True, max_length=100),
            f.Text("source_id", required=True, max_length=200),
            f.Constant("kind", "interventie"),
            f.Text("title", required=True, max_length=300),
            f.Text("summary"),
            f.Text("body"),
            f.Text("goal"),
            f.Text("target_group_text"),
            f.Text("approach"),
            f.Text("active_elements"),
            f.Text("rationale"),
            f.Text("providers"),
            f.StringList("keywords"),
            x.TargetGroups("target_groups"),
            f.RefList("themes", "theme", show="slug"),
            f.Choice("evidence_level", EvidenceLevel),
            f.Date("recognised_on"),
            f.Integer("year", minimum=1900, maximum=2100),
            f.Ref("werkplaats", "werkplaats", show="slug"),
            f.Url("url", max_length=200),
        ],
        derive=intervention_derive,
        export_related=("werkplaats", "databank"),
        export_prefetch=("themes", "target_groups"),
        bulk=True,
    )
)

#: The order in which a full data set must be imported (references point backwards).
IMPORT_ORDER = [
    "municipalities",
    "themes",
    "werkplaatsen",
    "organisations",
    "memberships",
    "people",
    "person-roles",
    "agendas",
    "vraagstukken",
    "projects",
    "products",
    "databanks",
    "interventions",
]

# --- Monitoring: funding periods, subsidies, the co-financing ledger, project funding ------
from kennisbrug.monitoring import importfields as mf  # noqa: E402
from kennisbrug.monitoring.models import (  # noqa: E402
    CoFinancing,
    FundingPeriod,
    ProjectFunding,
    Subsidy,
)

register(
    Entity(
        "funding-periods",
        FundingPeriod,
        [
            f.Text("slug", required=True, max_length=20),
            f.Integer("start_year", required=True, minimum=1990, maximum=2100),
            f.Integer("end_year", required=True, minimum=1990, maximum=2100),
        ],
        key=("slug",),
    )
)
register(
    Entity(
        "subsidies",
        Subsidy,
        [
            f.Ref("werkplaats", "werkplaats", required=True, show="slug"),
            mf.PeriodRef("period", required=True),
            f.Choice("kind", Subsidy.Kind, default=Subsidy.Kind.BASIS),
            f.Text("title", max_length=200),
            f.Text("funder", max_length=200),
            mf.DecimalNumber("amount", required=True),
            f.Text("note", max_length=300),
        ],
        key=("werkplaats", "period", "kind", "title"),
        export_related=("werkplaats", "period"),
    )
)
ENTITIES["subsidies"].fields[4].empty = lambda: "Ministerie van VWS"
register(
    Entity(
        "cofinancing",
        CoFinancing,
        [
            f.Ref("werkplaats", "werkplaats", required=True, show="slug"),
            f.Ref("partner", "organisation", required=True, show="name"),
            f.Integer("year", required=True, minimum=1990, maximum=2100),
            mf.DecimalNumber("hours_planned", places=1),
            mf.DecimalNumber("hours_realised", places=1),
            mf.DecimalNumber("hourly_rate", blank_is_none=True),
            mf.DecimalNumber("money_planned"),
            mf.DecimalNumber("money_realised"),
            f.Text("note", max_length=300),
        ],
        key=("werkplaats", "partner", "year"),
        export_related=("werkplaats", "partner"),
    )
)
register(
    Entity(
        "project-funding",
        ProjectFunding,
        [
            mf.ProjectRef("project", required=True),
            f.Integer("year", required=True, minimum=1990, maximum=2100),
            mf.DecimalNumber("amount", required=True),
        ],
        key=("project", "year"),
        export_related=("project",),
    )
)
IMPORT_ORDER += ["funding-periods", "subsidies", "cofinancing", "project-funding"]
register(
    Entity(
        "programmes",
        Programme,
        [
            *origin(),
            f.Text("name", required=True, max_length=200),
            f.Choice("kind", Programme.Kind, default=Programme.Kind.OTHER),
            f.Text("description"),
            f.Text("funder", max_length=200),
            f.Integer("start_year", minimum=1900, maximum=2100),
            f.Integer("end_year", minimum=1900, maximum=2100),
            f.Url("website", max_length=200),
        ],
        derive=slug_from_source_id,
    )
)

register(
    Entity(
        "external-projects",
        ExternalProject,
        [
            *origin(),
            ProgrammeRef("programme", required=True),
            f.Text("title", required=True, max_length=300),
            f.Text("summary"),
            f.RefList("municipalities", "municipality"),
            f.RefList("themes", "theme", show="slug"),
            f.RefList("partners", "organisation"),
            f.Date("start"),
            f.Date("end", period_end=True),
            f.Text("contact_name", max_length=200),
            f.Email("contact_email", max_length=254),
            f.Url("url", max_length=200),
        ],
        derive=external_project_derive,
        export_related=("programme",),
        export_prefetch=("municipalities", "themes", "partners"),
    )
)
IMPORT_ORDER += ["programmes", "external-projects"]
