"""Demo articles: three news items and one dossier article, published in the last weeks."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kennisbrug.news.models import Article
from kennisbrug.products.models import Product
from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Theme

ARTICLES = [
    {
        "slug": "leerateliers-groningen-halverwege",
        "title": "Leerateliers in Groningen halverwege: professionals leren van elkaars casussen",
        "kind": Article.Kind.NEWS,
        "days_ago": 4,
        "werkplaats": "wsd-noord",
        "themes": ["lerende-praktijk", "armoede"],
        "author": "Redactie WSD Noord",
        "summary": "Twaalf wijkprofessionals en vier studenten bespreken elke maand een casus "
        "over geldzorgen. Halverwege blijkt vooral het vaste ritme te helpen.",
        "body": "Sinds het voorjaar komen wijkcoaches, schuldhulpverleners en studenten Social "
        "Work maandelijks samen in een leeratelier. Ze brengen elk een lastige situatie in en "
        "onderzoeken samen wat er speelt.\n\nDe tussenevaluatie laat zien dat deelnemers eerder "
        'collega\'s van andere organisaties inschakelen. "Je weet nu wie je moet bellen," zegt '
        "een van hen. De werkplaats bundelt de casussen volgend jaar in een casuïstiekbundel.",
    },
    {
        "slug": "nieuwe-handreiking-ervaringsdeskundigheid",
        "title": "Nieuwe handreiking: ervaringsdeskundigen als mede-onderzoekers",
        "kind": Article.Kind.NEWS,
        "days_ago": 10,
        "werkplaats": None,
        "themes": ["ervaringsdeskundigheid"],
        "author": "Landelijke redactie",
        "summary": "Hoe betrek je ervaringsdeskundigen vanaf de onderzoeksvraag tot en met de "
        "conclusies? Vier werkplaatsen zetten hun lessen op een rij.",
        "body": "Meedoen als ervaringsdeskundige is meer dan een interview geven. In de nieuwe "
        "handreiking beschrijven onderzoekers en ervaringsdeskundigen hoe zij samen vragen "
        "formuleerden, gesprekken voerden en uitkomsten duidden.\n\nDe handreiking bevat ook "
        "praktische afspraken over vergoeding, begeleiding en het delen van resultaten.",
    },
    {
        "slug": "gemeenten-zuid-limburg-sluiten-aan",
        "title": "Drie gemeenten in Zuid-Limburg sluiten aan bij de werkplaats",
        "kind": Article.Kind.NEWS,
        "days_ago": 18,
        "werkplaats": "wsd-zuyd",
        "themes": ["integraal-werken"],
        "author": "Redactie WSD Zuyd",
        "summary": "Met drie nieuwe gemeenten werkt de werkplaats nu samen met bijna alle "
        "gemeenten in de regio aan de regionale kennisagenda.",
        "body": "De gemeenten brengen elk een praktijkvraag in over samenwerking tussen "
        "wijkteams en de eerstelijnszorg. De eerste werkteams starten na de zomer.",
    },
    {
        "slug": "dossier-bestaanszekerheid-wat-werkt",
        "title": "Dossier bestaanszekerheid: wat werkt tegen geldzorgen?",
        "kind": Article.Kind.DOSSIER,
        "days_ago": 7,
        "werkplaats": None,
        "themes": ["bestaanszekerheid", "schulden"],
        "author": "Landelijke redactie",
        "summary": "Een overzicht van wat de werkplaatsen de afgelopen jaren leerden over "
        "vroegsignalering, schuldhulp en het gesprek over geld.",
        "body": "Geldzorgen raken aan bijna alles in het sociaal domein: gezondheid, opvoeden, "
        "wonen en werk. In dit dossier brengen we de kennis uit de werkplaatsen bij elkaar.\n\n"
        "1. Vroegsignalering werkt het best als signalen van verhuurders, energiebedrijven en "
        "zorgverzekeraars snel bij één team terechtkomen.\n2. Mensen zoeken pas hulp als ze "
        "zich niet veroordeeld voelen; de toon van de eerste brief doet ertoe.\n3. Schuldhulp "
        "aan huis bereikt gezinnen die nooit naar een loket zouden komen.\n\nHieronder vind je "
        "de kennisproducten waar dit dossier op steunt.",
    },
]


def load() -> int:
    now = timezone.now()
    for spec in ARTICLES:
        werkplaats = Werkplaats.objects.get(slug=spec["werkplaats"]) if spec["werkplaats"] else None
        article, _ = Article.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "kind": spec["kind"],
                "summary": spec["summary"],
                "body": spec["body"],
                "author_name": spec["author"],
                "werkplaats": werkplaats,
                "status": Article.Status.PUBLISHED,
                "published_at": now - datetime.timedelta(days=spec["days_ago"]),
            },
        )
        themes = Theme.objects.filter(slug__in=spec["themes"])
        article.themes.set(themes)
        related = Product.objects.published().filter(themes__in=themes).distinct()
        if werkplaats:
            related = related.filter(werkplaats=werkplaats)
        article.products.set(related.order_by("-published_on", "pk")[:3])
    return len(ARTICLES)
