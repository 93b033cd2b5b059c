from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Kennisbrug – beheer")
admin.site.site_title = "Kennisbrug"
admin.site.index_title = _("Gegevens van het netwerk")
# Django's "-" for an empty value reads as a stray mark at the end of a filter list
# ("Op werkplaats: … kUS Utrecht, -"): say it in words.
admin.site.empty_value_display = _("(geen)")

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("kennisbrug.search.urls")),
    path("thesaurus/", include("kennisbrug.thesaurus.urls")),
    path("monitoring/", include("kennisbrug.monitoring.urls")),
    path("", include("kennisbrug.bridge.urls")),
    path("radar/", include("kennisbrug.radar.urls")),
    path("programmas/", include("kennisbrug.programmes.urls")),
    path("", include("kennisbrug.readiness.urls")),
    path("", include("kennisbrug.experts.urls")),
    path("api/", include("kennisbrug.api.urls")),
    path("", include("kennisbrug.oai.urls")),
    path("feeds/", include("kennisbrug.feeds.urls")),
    path("oogst/", include("kennisbrug.harvest.urls")),
    path("export/", include("kennisbrug.exports.urls")),
    path("", include("kennisbrug.front.urls")),
    path("", include("kennisbrug.network.urls")),
    path("evenementen/", include("kennisbrug.events.urls")),
    path("nieuws/", include("kennisbrug.news.urls")),
    path("nieuwsbrief/", include("kennisbrug.newsletter.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
