"""The national theme taxonomy as a SKOS concept scheme, written by the thesaurus's writer."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Max

from kennisbrug.themes.models import Theme
from kennisbrug.thesaurus.skos import Scheme, SkosConcept, _safe_iri

TITLE = {"nl": "Thema's van de Werkplaatsen Sociaal Domein", "en": "Themes of the Werkplaatsen"}


def theme_scheme() -> Scheme:
    base = _safe_iri(settings.SITE_URL.rstrip("/") + "/themas/")
    themes = list(Theme.objects.order_by("position", "slug"))
    uri = {theme.pk: f"{base}{_safe_iri(theme.slug)}/" for theme in themes}
    concepts = {
        theme.pk: SkosConcept(
            uri=uri[theme.pk],
            pref_labels={"nl": theme.name} | ({"en": theme.name_en} if theme.name_en else {}),
            definition=theme.description,
        )
        for theme in themes
    }
    for theme in themes:
        if theme.parent_id:
            concepts[theme.pk].broader.append(uri[theme.parent_id])
            concepts[theme.parent_id].narrower.append(uri[theme.pk])
    modified = Theme.objects.aggregate(m=Max("updated_at"))["m"]
    return Scheme(uri=base, concepts=list(concepts.values()), modified=modified, title=TITLE)
