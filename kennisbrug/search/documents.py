"""What gets indexed: every findable record turned into one ``IndexDocument``.

One function per kind says which fields are the title, the keywords, the summary, the body
and the attachment text (the fields BM25 weighs differently), and what the facets are.
Only what the public may see is indexed: published products, interventions that are not
withdrawn.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Prefetch

from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Attachment, Product
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Membership, Werkplaats
from kennisbrug.search.models import SearchEntry
from kennisbrug.themes.models import Vraagstuk

Kind = SearchEntry.Kind
MAX_TEXT = 60_000  # characters of body and attachment text indexed per record


@dataclass
class IndexDocument:
    kind: str
    object_id: int
    source: str
    source_id: str
    title: str
    url: str
    subtype: str = ""
    keywords: str = ""
    summary: str = ""
    body: str = ""
    attachments: str = ""
    werkplaats_id: int | None = None
    theme_ids: list[int] = field(default_factory=list)
    target_group_ids: list[int] = field(default_factory=list)
    year: int | None = None
    date: datetime.date | None = None
    evidence_level: str = ""

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.object_id)

    def display_text(self) -> str:
        return "\n\n".join(p for p in (self.summary, self.body) if p)[:MAX_TEXT]


def _ids(manager) -> list[int]:
    return sorted(obj.pk for obj in manager.all())


def _join(*parts: str) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


# Words in werkplaats (and province) names that name no place on their own.
GENERIC_NAME_WORDS = frozenset(
    "werkplaats werkplaatsen sociaal sociale domein wsd wmo kennisplatform kenniscentrum"
    " hogeschool christelijke regio omgeving en noord zuid oost west midden".split()
)


def werkplaats_places(werkplaats: Werkplaats) -> str:
    """Where a werkplaats works: its provinces, the gemeenten taking part and what its
    names say beyond "Werkplaats Sociaal Domein" (the search engine's place bonus)."""
    names = [werkplaats.name, werkplaats.short_name, *(n.name for n in werkplaats.names.all())]
    words = {
        w
        for name in names
        for w in name.replace("&", " ").split()
        if w.lower() not in GENERIC_NAME_WORDS
    }
    provinces = {p.name for p in werkplaats.provinces.all()}
    members = werkplaats.memberships.all()
    towns = {m.organisation.municipality.name for m in members if m.organisation.municipality_id}
    return " ".join(sorted(words | provinces | towns))


def werkplaatsen_with_places() -> Iterable[Werkplaats]:
    return Werkplaats.objects.prefetch_related(
        "names",
        "provinces",
        Prefetch(
            "memberships",
            Membership.objects.current()
            .filter(organisation__municipality__isnull=False)
            .select_related("organisation__municipality"),
        ),
    )


def product_document(product: Product) -> IndexDocument:
    return IndexDocument(
        kind=Kind.PRODUCT,
        object_id=product.pk,
        source=product.source,
        source_id=product.source_id,
        title=product.title,
        url=product.get_absolute_url(),
        subtype=product.get_kind_display(),
        keywords=" ; ".join(product.keywords or []),
        summary=product.summary,
        body=product.body[:MAX_TEXT],
        attachments=_join(*(a.text for a in product.attachments.all()))[:MAX_TEXT],
        werkplaats_id=product.werkplaats_id,
        theme_ids=_ids(product.themes),
        target_group_ids=_ids(product.target_groups),
        year=product.year or (product.published_on.year if product.published_on else None),
        date=product.published_on,
        evidence_level=product.evidence_level,
    )


def intervention_document(intervention: Intervention) -> IndexDocument:
    i = intervention
    return IndexDocument(
        kind=Kind.INTERVENTION,
        object_id=i.pk,
        source=i.source,
        source_id=i.source_id,
        title=i.title,
        url=i.get_absolute_url(),
        subtype=i.databank.name,
        keywords=" ; ".join(i.keywords or []),
        summary=i.summary,
        body=_join(
            i.goal,
            i.target_group_text,
            i.approach,
            i.active_elements,
            i.rationale,
            i.providers,
            i.body,
        )[:MAX_TEXT],
        werkplaats_id=i.werkplaats_id,
        theme_ids=_ids(i.themes),
        target_group_ids=_ids(i.target_groups),
        year=i.year or (i.recognised_on.year if i.recognised_on else None),
        date=i.recognised_on,
        evidence_level=i.evidence_level,
    )


def project_document(project: Project) -> IndexDocument:
    return IndexDocument(
        kind=Kind.PROJECT,
        object_id=project.pk,
        source=project.source,
        source_id=project.source_id,
        title=project.title,
        url=project.get_absolute_url(),
        subtype=project.get_kind_display(),
        keywords=" ; ".join(form.name for form in project.forms.all()),
        summary=_join(project.summary, project.practice_question),
        body=project.body[:MAX_TEXT],
        werkplaats_id=project.werkplaats_id,
        theme_ids=_ids(project.themes),
        target_group_ids=_ids(project.beneficiary_groups),
        year=project.start.year if project.start else None,
        date=project.start,
    )


def vraagstuk_document(vraagstuk: Vraagstuk) -> IndexDocument:
    agenda = vraagstuk.agenda
    werkplaats = agenda.werkplaats
    return IndexDocument(
        kind=Kind.VRAAGSTUK,
        object_id=vraagstuk.pk,
        source=vraagstuk.source,
        source_id=vraagstuk.source_id,
        title=vraagstuk.title,
        url=f"{werkplaats.get_absolute_url()}#vraagstuk-{vraagstuk.pk}",
        subtype=vraagstuk.get_kind_display(),
        summary=vraagstuk.description,
        # Not the agenda's own text: it would make every question on it match its words.
        werkplaats_id=werkplaats.pk,
        theme_ids=_ids(vraagstuk.themes),
        year=agenda.start_year,
        date=datetime.date(agenda.start_year, 1, 1),
    )


def werkplaats_document(werkplaats: Werkplaats) -> IndexDocument:
    names = [werkplaats.short_name, *(n.name for n in werkplaats.names.all())]
    provinces = [p.name for p in werkplaats.provinces.all()]
    members = [m.organisation for m in werkplaats.memberships.all()]
    places = sorted({o.municipality.name for o in members if o.municipality_id})
    return IndexDocument(
        kind=Kind.WERKPLAATS,
        object_id=werkplaats.pk,
        source=werkplaats.source,
        source_id=werkplaats.source_id,
        title=werkplaats.name,
        url=werkplaats.get_absolute_url(),
        subtype=werkplaats.get_status_display(),
        keywords=" ; ".join(names + provinces),
        summary=werkplaats.description,
        # Who takes part and where: "werkplaats in Limburg" or "... met Avans" finds it.
        body=_join(", ".join(sorted({o.name for o in members})), ", ".join(places)),
        werkplaats_id=werkplaats.pk,
        theme_ids=sorted(
            {
                t.pk
                for a in werkplaats.agendas.all()
                for v in a.vraagstukken.all()
                for t in v.themes.all()
            }
        ),
        year=werkplaats.founded_year,
    )


# Per kind: the public records, fetched with what their documents need in few queries.
def products() -> Iterable[Product]:
    return Product.objects.published().prefetch_related(
        "themes",
        "target_groups",
        Prefetch("attachments", Attachment.objects.only("product", "text")),
    )


def interventions() -> Iterable[Intervention]:
    return (
        Intervention.objects.active()
        .select_related("databank")
        .prefetch_related("themes", "target_groups")
    )


def projects() -> Iterable[Project]:
    return Project.objects.prefetch_related("themes", "beneficiary_groups", "forms")


def vraagstukken() -> Iterable[Vraagstuk]:
    return Vraagstuk.objects.select_related("agenda__werkplaats").prefetch_related("themes")


def werkplaatsen() -> Iterable[Werkplaats]:
    return Werkplaats.objects.prefetch_related(
        "names",
        "provinces",
        "agendas__vraagstukken__themes",
        Prefetch(
            "memberships",
            Membership.objects.current().select_related("organisation__municipality"),
        ),
    )


KINDS = {
    Kind.PRODUCT: (Product, products, product_document),
    Kind.INTERVENTION: (Intervention, interventions, intervention_document),
    Kind.PROJECT: (Project, projects, project_document),
    Kind.VRAAGSTUK: (Vraagstuk, vraagstukken, vraagstuk_document),
    Kind.WERKPLAATS: (Werkplaats, werkplaatsen, werkplaats_document),
}
MODEL_KINDS = {model: kind for kind, (model, _, _) in KINDS.items()}


def all_documents() -> Iterator[IndexDocument]:
    for _model, queryset, to_document in KINDS.values():
        for obj in queryset().iterator(chunk_size=500):
            yield to_document(obj)
