from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Kennisbrug – beheer"
admin.site.site_title = "Kennisbrug"
admin.site.index_title = "Gegevens van het netwerk"

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("kennisbrug.search.urls")),
    path("thesaurus/", include("kennisbrug.thesaurus.urls")),
    path("", include("kennisbrug.front.urls")),
    path("evenementen/", include("kennisbrug.events.urls")),
    path("nieuws/", include("kennisbrug.news.urls")),
    path("nieuwsbrief/", include("kennisbrug.newsletter.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
