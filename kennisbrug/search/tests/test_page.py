"""The search page and "meer zoals dit", over the demo data set as indexed by ``demo``."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from kennisbrug.products.models import Product
from kennisbrug.search.engine import similar

pytestmark = pytest.mark.django_db
URL = "/zoeken/"


def page(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def total(html: str) -> int:
    return int(re.search(r'<p class="result-count">(\d+) resultaten?\b', html).group(1))


def hit_links(html: str) -> list[str]:
    return re.findall(r'<article class="hit">\s*<h2><a lang="nl" href="([^"]+)"', html)


def section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


class Fields(HTMLParser):
    """The visible form fields of a page and the ids its labels point at."""

    def __init__(self):
        super().__init__()
        self.fields: list[dict] = []
        self.labelled: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            self.fields.append(attrs)
        if tag == "label" and attrs.get("for"):
            self.labelled.add(attrs["for"])


def test_the_url_name_is_the_search_page():
    assert reverse("search:results") == URL


def test_a_query_shows_hits_with_the_matched_words_marked(client):
    html = page(client, q="eenzaamheid")

    assert "<h1>Zoekresultaten</h1>" in html
    assert re.search(r"<title>Zoeken naar ‘eenzaamheid’ · Kennisbrug</title>", html)
    assert re.search(r"\d+ resultaten voor ‘eenzaamheid’", html)
    assert len(hit_links(html)) == 10
    assert "<mark>" in html
    # Each hit says what it is in words, not only by its place or colour.
    assert re.search(r'<p class="meta">(Kennisproduct|Project|Agendavraagstuk|Interventie)', html)


def test_without_a_query_everything_is_listed_under_a_plain_heading(client):
    html = page(client)

    assert "<h1>Zoeken</h1>" in html
    assert "nieuwste eerst" in html
    assert len(hit_links(html)) == 10


def test_a_typo_is_corrected_and_offered(client):
    html = page(client, q="eenzaamhied")

    assert "Bedoelde je" in html
    assert "?q=eenzaamheid" in html
    assert total(html) > 0


def test_a_facet_filter_narrows_the_results_to_its_count(client):
    html = page(client, q="eenzaamheid")
    everything = total(html)
    checkbox = r'id="filter-soort-product"[^>]*> <label[^>]*>[^<]*<span class="count">\((\d+)\)'
    count = int(re.search(checkbox, html).group(1))

    filtered = page(client, q="eenzaamheid", soort="product")

    assert 0 < count < everything
    assert total(filtered) == count
    assert re.search(r'id="filter-soort-product"[^>]*checked', filtered)
    metas = re.findall(r'<p class="meta">([^<]+)', section(filtered, '<ol class="hits"', "</ol>"))
    assert metas and all(m.startswith("Kennisproduct") for m in metas)
    # The active filter is listed with a link that removes it and keeps the question.
    assert re.search(
        r'href="/zoeken/\?q=eenzaamheid"><span class="visually-hidden">Verwijder', filtered
    )


def test_filters_of_two_facets_combine_and_each_can_be_removed(client, werkplaats_a):
    html = page(client, soort="product", werkplaats=str(werkplaats_a.pk))

    products = Product.objects.published().filter(werkplaats=werkplaats_a).count()
    assert total(html) == products
    assert f'href="/zoeken/?werkplaats={werkplaats_a.pk}"' in html  # soort removed
    assert 'href="/zoeken/?soort=product"' in html  # werkplaats removed
    assert "Alle filters verwijderen" in html


def test_the_second_page_differs_and_page_links_keep_the_filters(client):
    first = page(client, q="zorg", soort="product")
    second = page(client, q="zorg", soort="product", pagina="2")

    assert total(first) > 10
    assert set(hit_links(first)).isdisjoint(hit_links(second))
    nav = section(second, '<nav class="pagination" aria-label="Paginering">', "</nav>")
    links = re.findall(r'href="([^"]+)"', nav)
    assert links and all("q=zorg" in link and "soort=product" in link for link in links)
    assert re.search(r'href="[^"]*pagina=2"[^>]*aria-current="page"', nav)
    assert 'rel="prev"' in nav


def test_sorting_by_date_is_kept_in_the_address_and_the_form(client):
    html = page(client, q="zorg", sorteer="datum")

    assert '<option value="datum" selected>' in html
    assert '<input type="hidden" name="sorteer" value="datum">' in html  # in the filter form


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": ("eenzaamheid " * 834)[:10_000]},
        {"q": "\"*NEAR( :/ ' OR 1=1; DROP TABLE x; --"},
        {"q": "zorg", "pagina": "abc"},
        {"q": "zorg", "pagina": "-1"},
        {"q": "zorg", "pagina": "99999"},
        {"q": "zorg", "pagina": "9" * 5000},
        {"q": "zorg", "werkplaats": "abc"},
        {"q": "zorg", "werkplaats": "²"},
        {"q": "zorg", "jaar": "9" * 30},
        {"q": "zorg", "thema": "99999"},
        {"q": "zorg", "soort": "nonsense"},
        {"q": "zorg", "niveau": "nonsense"},
        {"q": "zorg", "sorteer": "nonsense"},
        {"q": "\x00"},
    ],
    ids=lambda p: ",".join(f"{k}={v[:12]!r}" for k, v in p.items()),
)
def test_bad_input_is_answered_with_a_page(client, params):
    html = page(client, **params)

    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_control_characters_in_a_query_are_searched_as_spaces_and_never_echoed(client):
    html = page(client, q="eenzaamheid\x00ouderen\x07")

    assert "\x00" not in html and "\x07" not in html
    assert 'value="eenzaamheid ouderen"' in html
    assert total(html) > 0


def test_a_page_past_the_end_shows_the_last_page(client):
    html = page(client, q="zorg", pagina="99999")

    assert hit_links(html)
    nav = section(html, '<nav class="pagination"', "</nav>")
    assert 'rel="next"' not in nav


def test_values_that_cannot_exist_are_ignored_rather_than_emptying_the_list(client):
    assert total(page(client, q="zorg", soort="nonsense", werkplaats="abc")) == total(
        page(client, q="zorg")
    )


def test_the_page_has_one_h1_and_every_field_a_label(client):
    html = page(client, q="eenzaamheid", soort="product")

    assert len(re.findall(r"<h1[\s>]", html)) == 1
    parser = Fields()
    parser.feed(html)
    assert len(parser.fields) > 5
    unlabelled = [f for f in parser.fields if f.get("id") not in parser.labelled]
    assert not unlabelled
    assert re.search(r'<label for="zoekterm">Zoeken in Kennisbrug</label>', html)
    assert html.count("<fieldset>") == html.count("<legend>") >= 3
    assert "Filters toepassen" in html


def test_other_pages_carry_a_search_box_that_leads_here(client, werkplaats_a):
    for url in (werkplaats_a.get_absolute_url(), reverse("front:home")):
        html = client.get(url).content.decode()
        form = re.search(r'<form class="[^"]*search[^"]*" method="get" action="/zoeken/"', html)
        assert form, url
        assert re.search(r'<label[^>]*for="[^"]*zoekterm">Zoeken in Kennisbrug</label>', html)


# --- meer zoals dit ---------------------------------------------------------------------


def _product_with_similar_from_elsewhere() -> Product:
    for product in Product.objects.published().exclude(werkplaats=None).order_by("pk"):
        items = similar("product", product.pk)
        if any(not item.same_werkplaats for item in items):
            return product
    pytest.fail("no product in the demo data has similar items of another werkplaats")


def test_a_product_page_shows_more_like_this_from_other_werkplaatsen_first(client):
    product = _product_with_similar_from_elsewhere()

    html = client.get(product.get_absolute_url()).content.decode()

    more = section(html, '<section class="more-like-this"', "</section>")
    assert "<h2" in more and "Meer zoals dit" in more
    items = re.findall(r"<li>(.*?)</li>", more, flags=re.S)
    assert items and all('<a href="' in item for item in items)
    assert "(zelfde werkplaats)" not in items[0]
    meta = unescape(re.search(r'<p class="meta">([^<]*)</p>', items[0]).group(1))
    assert product.werkplaats.short_name not in meta.split(" · ")


def test_items_of_the_same_werkplaats_are_marked_and_come_last():
    # Six items never reach the product's own werkplaats in the demo data (the other
    # fourteen fill them), so ask for everything to see how the list marks them.
    product = Product.objects.published().exclude(werkplaats=None).order_by("pk").first()
    items = similar("product", product.pk, limit=1000)
    assert any(item.same_werkplaats for item in items)

    html = render_to_string("front/_meer_zoals_dit.html", {"similar": items})

    flags = ["(zelfde werkplaats)" in item for item in re.findall(r"<li>(.*?)</li>", html, re.S)]
    assert len(flags) == len(items)
    assert flags == [item.same_werkplaats for item in items] == sorted(flags)
