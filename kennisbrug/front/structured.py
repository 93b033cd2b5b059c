"""schema.org descriptions of the public pages, embedded as JSON-LD so that search engines
and other portals read what a page is about (kind, werkplaats, themes, dates, licence)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Product
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Werkplaats

# The schema.org type that says most about each kind of knowledge product.
PRODUCT_TYPES = {
    Product.Kind.ONDERZOEKSRAPPORT: "Report",
    Product.Kind.ARTIKEL: "ScholarlyArticle",
    Product.Kind.VIDEO: "VideoObject",
    Product.Kind.PODCAST: "PodcastSeries",
    Product.Kind.LESMATERIAAL: "LearningResource",
    Product.Kind.CASUISTIEKBUNDEL: "LearningResource",
    Product.Kind.FACTSHEET: "DigitalDocument",
    Product.Kind.HANDREIKING: "HowTo",
    Product.Kind.METHODE: "HowTo",
}
LICENCE_URLS = {
    Product.Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Product.Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Product.Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Product.Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Product.Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _terms(items, kind: str) -> list[dict[str, str]]:
    return [{"@type": "DefinedTerm", "name": item.name, "inDefinedTermSet": kind} for item in items]


def _organisation(werkplaats: Werkplaats | None) -> dict[str, str] | None:
    if werkplaats is None:
        return None
    return {
        "@type": "Organization",
        "name": werkplaats.name,
        "url": _url(werkplaats.get_absolute_url()),
    }


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def product(item: Product) -> dict[str, Any]:
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": PRODUCT_TYPES.get(item.kind, "CreativeWork"),
            "@id": _url(item.get_absolute_url()),
            "url": _url(item.get_absolute_url()),
            "name": item.title,
            "description": item.summary,
            "genre": item.get_kind_display(),
            "inLanguage": "nl",
            "datePublished": item.published_on.isoformat() if item.published_on else None,
            "copyrightYear": item.year,
            "author": [
                {"@type": "Person", "name": a.person.name} for a in item.authorship_set.all()
            ],
            "publisher": _organisation(item.werkplaats),
            "about": _terms(item.themes.all(), "Thema's Werkplaatsen Sociaal Domein"),
            "audience": [
                {"@type": "Audience", "audienceType": g.name} for g in item.target_groups.all()
            ],
            "keywords": ", ".join(item.keywords) if item.keywords else None,
            "license": LICENCE_URLS.get(item.licence),
            "isPartOf": {
                "@type": "ResearchProject",
                "name": item.project.title,
                "url": _url(item.project.get_absolute_url()),
            }
            if item.project
            else None,
            "associatedMedia": [
                _clean(
                    {
                        "@type": "MediaObject",
                        "name": str(a),
                        "encodingFormat": a.media_type,
                        "contentSize": a.size,
                        "contentUrl": _url(a.file.url),
                    }
                )
                for a in item.attachments.all()
            ],
        }
    )


def intervention(item: Intervention) -> dict[str, Any]:
    databank = item.databank
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "CreativeWork",
            "additionalType": "Interventie",
            "@id": _url(item.get_absolute_url()),
            "url": _url(item.get_absolute_url()),
            "name": item.title,
            "description": item.summary,
            "inLanguage": "nl",
            "about": _terms(item.themes.all(), "Thema's Werkplaatsen Sociaal Domein"),
            "audience": [
                {"@type": "Audience", "audienceType": g.name} for g in item.target_groups.all()
            ],
            "publisher": _clean(
                {"@type": "Organization", "name": databank.name, "url": databank.url}
            ),
            "sameAs": item.url,
            "copyrightYear": item.year,
            # The recognition of the Erkenningscommissie Interventies, as a stated award.
            "award": f"Erkend: {item.get_evidence_level_display()}"
            if item.evidence_level
            else None,
            "dateCreated": item.recognised_on.isoformat() if item.recognised_on else None,
        }
    )


def project(item: Project) -> dict[str, Any]:
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "ResearchProject",
            "@id": _url(item.get_absolute_url()),
            "url": _url(item.get_absolute_url()),
            "name": item.title,
            "description": item.summary or item.practice_question,
            "parentOrganization": _organisation(item.werkplaats),
            "member": [{"@type": "Organization", "name": o.name} for o in item.partners.all()],
            "areaServed": [
                {"@type": "AdministrativeArea", "name": m.name, "identifier": m.code}
                for m in item.municipalities.all()
            ],
            "knowsAbout": [t.name for t in item.themes.all()],
            "foundingDate": item.start.isoformat() if item.start else None,
            "dissolutionDate": item.end.isoformat() if item.end else None,
            "sameAs": item.url,
        }
    )


def werkplaats(item: Werkplaats, members, municipalities) -> dict[str, Any]:
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "@id": _url(item.get_absolute_url()),
            "url": _url(item.get_absolute_url()),
            "name": item.name,
            "alternateName": [item.short_name, *(n.name for n in item.names.all())],
            "description": item.description,
            "sameAs": item.website,
            "foundingDate": str(item.founded_year) if item.founded_year else None,
            "member": [{"@type": "Organization", "name": m.organisation.name} for m in members],
            "areaServed": [
                {"@type": "AdministrativeArea", "name": m.name, "identifier": m.code}
                for m in municipalities
            ],
            "parentOrganization": {"@type": "Organization", "name": "Werkplaatsen Sociaal Domein"},
        }
    )
