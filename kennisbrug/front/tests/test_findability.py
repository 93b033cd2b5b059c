"""What machines read: JSON-LD, OpenGraph, the sitemap and robots.txt."""

import json
import re
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from kennisbrug.products.models import Product
from kennisbrug.projects.models import Project

pytestmark = pytest.mark.django_db
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_a_product_page_carries_its_metadata_as_json_ld_and_opengraph(client, settings):
    product = Product.objects.published().exclude(authors=None).first()
    html = client.get(product.get_absolute_url()).content.decode()

    data = json_ld(html)
    assert data["name"] == product.title
    assert data["url"] == settings.SITE_URL + product.get_absolute_url()
    assert data["publisher"]["name"] == product.werkplaats.name
    assert {a["name"] for a in data["author"]} == {p.name for p in product.authors.all()}
    assert {t["name"] for t in data["about"]} == {t.name for t in product.themes.all()}
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:url" content="{data["url"]}">' in html


def test_json_ld_cannot_break_out_of_its_script_element(client, werkplaats_a):
    product = Product.objects.create(
        source_id="ld-escape",
        kind="artikel",
        title="</script><script>alert(1)</script>",
        werkplaats=werkplaats_a,
        status=Product.Status.PUBLISHED,
    )

    html = client.get(product.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    assert json_ld(html)["name"] == product.title


def test_the_sitemap_index_lists_every_section_and_the_sections_list_the_pages(client, settings):
    index = ElementTree.fromstring(client.get(reverse("front:sitemap")).content)
    sections = [loc.text for loc in index.iter(f"{SITEMAP_NS}loc")]
    assert settings.SITE_URL + reverse("front:sitemap-section", args=["producten"]) in sections

    products = ElementTree.fromstring(
        client.get(reverse("front:sitemap-section", args=["producten"])).content
    )
    urls = {loc.text for loc in products.iter(f"{SITEMAP_NS}loc")}
    assert len(urls) == Product.objects.published().count()
    concept = Product.objects.exclude(status=Product.Status.PUBLISHED).first()
    if concept is not None:
        assert settings.SITE_URL + concept.get_absolute_url() not in urls
    projects = client.get(reverse("front:sitemap-section", args=["projecten"])).content.decode()
    assert Project.objects.first().get_absolute_url() in projects
    assert client.get("/sitemap-onbekend.xml").status_code == 404


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_beheer(client, settings):
    text = client.get("/robots.txt").content.decode()

    assert "Disallow: /beheer/" in text
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text


def test_every_page_has_its_own_title(client):
    product = Product.objects.published().first()
    titles = {
        url: re.search(r"<title>(.*?)</title>", client.get(url).content.decode(), re.S).group(1)
        for url in [
            reverse("front:home"),
            reverse("front:agendas"),
            reverse("front:theme", args=["armoede"]),
            product.get_absolute_url(),
            reverse("search:results") + "?q=mantelzorg",
        ]
    }
    assert len(set(titles.values())) == len(titles)
    assert "mantelzorg" in titles[reverse("search:results") + "?q=mantelzorg"]
