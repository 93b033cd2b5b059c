""" "Wie weet hier meer van": people and organisations ranked by their work on a topic.

1. The topic (words, a national theme, or both) is searched with the site's own engine over
   published products and projects; each hit weighs its relevance (1.0 for the best).
2. Each hit credits the people and organisations behind it: authors of a product, the named
   people of a project (the project leader most), its partner organisations, and a person's
   own organisation.
3. A person's or organisation's score is the sum of their credits, each later (weaker) work
   counting a little less, so ten marginal hits do not outweigh three central ones.
Only what is public already is used: names shown on product and project pages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from kennisbrug.products.models import Authorship
from kennisbrug.projects.models import Project, ProjectPerson
from kennisbrug.registry.models import Organisation, Person
from kennisbrug.search.engine import search

HITS = 60
CREDIT = {"auteur": 1.0, "projectleider": 1.0, "betrokkene": 0.7, "partner": 0.6, "via": 0.5}
#: How each role reads on the page (the keys above are codes, not text for readers).
ROLE_LABELS = {
    "auteur": _("auteur"),
    "projectleider": _("projectleider"),
    "betrokkene": _("betrokkene"),
    "partner": _("partner"),
    "via": _("via medewerker"),
}
DECAY = 0.6  # the k-th work of one expert counts 1 / (1 + DECAY·k)
SHOWN_WORKS = 3


@dataclass
class Work:
    title: str
    url: str
    kind_label: str
    werkplaats: str
    role: str
    weight: float

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS.get(self.role, self.role))


@dataclass
class Expert:
    name: str
    detail: str  # a person's organisation, an organisation's kind
    score: float = 0.0
    works: list[Work] = field(default_factory=list)

    @property
    def shown_works(self) -> list[Work]:
        return self.works[:SHOWN_WORKS]


@dataclass
class Experts:
    query: str
    people: list[Expert]
    organisations: list[Expert]
    works_considered: int


def find_experts(query: str = "", theme_id: int | None = None, limit: int = 10) -> Experts:
    filters = {"soort": ["product", "project"]}
    if theme_id:
        filters["thema"] = [str(theme_id)]
    if not query.strip() and not theme_id:
        return Experts(query, [], [], 0)
    hits = search(query, filters=filters, limit=HITS, facets=False).hits
    top = max((h.score for h in hits), default=0.0) or 1.0
    weight = {(h.kind, h.source_id): (h.score / top if query.strip() else 1.0) for h in hits}
    by_key = {(h.kind, h.source_id): h for h in hits}

    people: dict[int, list[Work]] = defaultdict(list)
    organisations: dict[int, list[Work]] = defaultdict(list)

    def credit(bucket, pk: int, key, role: str) -> None:
        hit = by_key[key]
        bucket[pk].append(
            Work(
                hit.title, hit.url, hit.kind_label, hit.werkplaats, role, weight[key] * CREDIT[role]
            )
        )

    product_ids = [h.source_id for h in hits if h.kind == "product"]
    for a in Authorship.objects.filter(product__source_id__in=product_ids).select_related(
        "product", "person"
    ):
        key = ("product", a.product.source_id)
        if key in by_key:
            credit(people, a.person_id, key, "auteur")
            if a.person.organisation_id:
                credit(organisations, a.person.organisation_id, key, "via")
    project_ids = [h.source_id for h in hits if h.kind == "project"]
    for pp in ProjectPerson.objects.filter(project__source_id__in=project_ids).select_related(
        "project", "person"
    ):
        key = ("project", pp.project.source_id)
        if key in by_key:
            credit(people, pp.person_id, key, "projectleider" if pp.is_lead else "betrokkene")
            if pp.person.organisation_id:
                credit(organisations, pp.person.organisation_id, key, "via")
    for project in Project.objects.filter(source_id__in=project_ids).prefetch_related("partners"):
        key = ("project", project.source_id)
        if key in by_key:
            for partner in project.partners.all():
                credit(organisations, partner.pk, key, "partner")

    person_rows = Person.objects.select_related("organisation").in_bulk(list(people))
    org_rows = Organisation.objects.in_bulk(list(organisations))
    ranked_people = _rank(
        {
            pk: (p.name, p.organisation.name if p.organisation else "")
            for pk, p in person_rows.items()
        },
        people,
        limit,
    )
    ranked_orgs = _rank(
        {pk: (o.name, o.get_kind_display()) for pk, o in org_rows.items()}, organisations, limit
    )
    return Experts(query, ranked_people, ranked_orgs, len(hits))


def _rank(names: dict[int, tuple[str, str]], credits: dict[int, list[Work]], limit: int):
    experts = []
    for pk, works in credits.items():
        if pk not in names:
            continue
        # One work credited twice (author and via an organisation) counts once, at its best.
        best: dict[str, Work] = {}
        for w in works:
            if w.url not in best or w.weight > best[w.url].weight:
                best[w.url] = w
        ordered = sorted(best.values(), key=lambda w: -w.weight)
        score = sum(w.weight / (1 + DECAY * k) for k, w in enumerate(ordered))
        name, detail = names[pk]
        experts.append(Expert(name, detail, score, ordered))
    experts.sort(key=lambda e: (-e.score, e.name))
    return experts[:limit]
