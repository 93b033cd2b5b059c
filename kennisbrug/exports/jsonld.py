"""Public records as schema.org in JSON-LD.

The context is written inline (``@vocab``), so the document means the same offline as online
and an RDF library needs no network to read it.
"""

from __future__ import annotations

from django.conf import settings

from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Product
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Werkplaats

CONTEXT = {"@vocab": "https://schema.org/", "inLanguage": {"@id": "inLanguage"}}
PRODUCT_TYPES = {
    "onderzoeksrapport": "Report",
    "artikel": "ScholarlyArticle",
    "video": "VideoObject",
    "podcast": "PodcastEpisode",
    "lesmateriaal": "LearningResource",
    "methode": "HowTo",
    "handreiking": "HowTo",
}
LICENCES = {
    "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "cc-by-sa-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc-by-nc-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "cc-by-nc-sa-4.0": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "cc0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _drop_empty(node: dict) -> dict:
    return {k: v for k, v in node.items() if v not in (None, "", [], {})}


def werkplaats_node(w: Werkplaats) -> dict:
    return _drop_empty(
        {
            "@id": _site(w.get_absolute_url()),
            "@type": "Organization",
            "name": w.name,
            "alternateName": w.short_name,
            "description": w.description,
            "url": w.website,
            "foundingDate": str(w.founded_year) if w.founded_year else None,
            "identifier": f"{w.source}/{w.source_id}",
        }
    )


def product_node(p: Product) -> dict:
    return _drop_empty(
        {
            "@id": _site(p.get_absolute_url()),
            "@type": PRODUCT_TYPES.get(p.kind, "CreativeWork"),
            "name": p.title,
            "abstract": p.summary,
            "keywords": list(p.keywords or []),
            "about": [t.name for t in p.themes.all()],
            "author": [{"@type": "Person", "name": a.person.name} for a in p.authorship_set.all()],
            "publisher": {"@id": _site(p.werkplaats.get_absolute_url())} if p.werkplaats else None,
            "datePublished": p.published_on.isoformat() if p.published_on else None,
            "license": LICENCES.get(p.licence),
            "sameAs": p.url,
            "inLanguage": "nl",
            "identifier": f"{p.source}/{p.source_id}",
        }
    )


def project_node(p: Project) -> dict:
    return _drop_empty(
        {
            "@id": _site(p.get_absolute_url()),
            "@type": "ResearchProject",
            "name": p.title,
            "description": p.summary or p.practice_question,
            "about": [t.name for t in p.themes.all()],
            "parentOrganization": {"@id": _site(p.werkplaats.get_absolute_url())},
            "foundingDate": p.start.isoformat() if p.start else None,
            "dissolutionDate": p.end.isoformat() if p.end else None,
            "url": p.url,
            "identifier": f"{p.source}/{p.source_id}",
        }
    )


def intervention_node(i: Intervention) -> dict:
    return _drop_empty(
        {
            "@id": _site(i.get_absolute_url()),
            "@type": "CreativeWork",
            "additionalType": "interventie",
            "name": i.title,
            "abstract": i.summary,
            "keywords": list(i.keywords or []),
            "about": [t.name for t in i.themes.all()],
            "publisher": {"@type": "Organization", "name": i.databank.name},
            "sameAs": i.url,
            "identifier": f"{i.source}/{i.source_id}",
        }
    )


def graph(kind: str) -> dict:
    if kind == "werkplaatsen":
        nodes = [werkplaats_node(w) for w in Werkplaats.objects.all()]
    elif kind == "products":
        qs = (
            Product.objects.published()
            .select_related("werkplaats")
            .prefetch_related("themes", "authorship_set__person")
        )
        nodes = [product_node(p) for p in qs]
    elif kind == "projects":
        qs = Project.objects.select_related("werkplaats").prefetch_related("themes")
        nodes = [project_node(p) for p in qs]
    else:
        qs = Intervention.objects.active().select_related("databank").prefetch_related("themes")
        nodes = [intervention_node(i) for i in qs]
    return {"@context": CONTEXT, "@graph": nodes}


KINDS = ("werkplaatsen", "products", "projects", "interventions")
