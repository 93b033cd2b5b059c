"""What machines read: sitemap.xml and robots.txt."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import cache_control

from kennisbrug.front.templatetags.front import absolute
from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Product
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Theme


class _SiteMap(Sitemap):
    def get_urls(self, page=1, site=None, protocol=None):
        # The public address comes from SITE_URL, not from the sites framework or Host header.
        scheme, _, domain = absolute("").partition("://")
        return super().get_urls(page=page, site=_Domain(domain), protocol=scheme)


class _Domain:
    def __init__(self, domain: str):
        self.domain = domain


class PagesSitemap(_SiteMap):
    names = ["front:home", "front:werkplaatsen", "front:themes", "front:agendas"]

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)


class WerkplaatsSitemap(_SiteMap):
    def items(self):
        return Werkplaats.objects.order_by("pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class ThemeSitemap(_SiteMap):
    def items(self):
        return Theme.objects.order_by("pk").only("slug")

    def location(self, item):
        return reverse("front:theme", args=[item.slug])


class ProductSitemap(_SiteMap):
    def items(self):
        return Product.objects.published().order_by("pk").only("pk", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class ProjectSitemap(_SiteMap):
    def items(self):
        return Project.objects.order_by("pk").only("pk", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class InterventionSitemap(_SiteMap):
    def items(self):
        return Intervention.objects.active().order_by("pk").only("pk", "updated_at")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "paginas": PagesSitemap,
    "werkplaatsen": WerkplaatsSitemap,
    "themas": ThemeSitemap,
    "producten": ProductSitemap,
    "projecten": ProjectSitemap,
    "interventies": InterventionSitemap,
}


@cache_control(max_age=3600, public=True)
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The index: one entry per section and page (a sitemap holds at most 50,000 addresses)."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        pages = sitemap_class().paginator.num_pages
        for page in range(1, pages + 1):
            url = reverse("front:sitemap-section", args=[section])
            entries.append(absolute(url + (f"?p={page}" if page > 1 else "")))
    body = render_to_string("front/sitemap_index.xml", {"entries": entries})
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@cache_control(max_age=3600, public=True)
def sitemap(request: HttpRequest, section: str) -> HttpResponse:
    if section not in SITEMAPS:
        raise Http404
    return sitemap_view(
        request, {section: SITEMAPS[section]}, section=section, template_name="front/sitemap.xml"
    )


@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /beheer/",
        f"Sitemap: {absolute(reverse('front:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
