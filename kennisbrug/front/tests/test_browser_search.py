"""Searching in a real browser: a facet as a filter, the address as the state, the keyboard
alone, and the whole read-search-filter flow without JavaScript."""

import re

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def result_count(page) -> int:
    return int(re.match(r"\d+", page.locator(".result-count").inner_text()).group())


def test_a_facet_filters_the_results_and_the_address_can_be_shared(page, browser, site_url):
    page.goto(reverse("search:results") + "?q=eenzaamheid")
    unfiltered = result_count(page)
    kind = page.locator("fieldset", has=page.locator("legend", has_text="Soort"))
    option = kind.locator("label", has_text="Project")
    expected = int(re.search(r"\((\d+)\)", option.inner_text()).group(1))

    option.click()
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_url("**soort=project**")

    assert result_count(page) == expected < unfiltered
    metas = page.locator(".hit .meta").all_inner_texts()
    assert metas and all(m.startswith("Project") for m in metas)
    assert page.locator(".active-filters").get_by_text("Soort: Project").count() == 1
    # The address alone brings back the same list, in another browser session.
    other = browser.new_context(base_url=site_url, locale="nl-NL").new_page()
    other.goto(page.url)
    assert result_count(other) == expected
    assert other.locator(".hit h2").all_inner_texts() == page.locator(".hit h2").all_inner_texts()
    other.context.close()


def test_matched_words_are_highlighted_in_snippets(page):
    page.goto(reverse("search:results") + "?q=mantelzorg")

    assert page.locator(".hit mark").count() > 0


def test_the_search_is_usable_with_the_keyboard_alone(page):
    page.goto(reverse("front:home"))

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "zoekterm"
    page.keyboard.type("mantelzorg")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=mantelzorg**")

    first_hit = page.locator(".hit h2 a").first.get_attribute("href")
    for _ in range(60):  # tab through the header and the form to the first result
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == first_hit:
            break
    else:
        pytest.fail("the first result is not reachable with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{first_hit}")
    assert page.locator("h1").count() == 1


def test_search_filter_and_read_work_without_javascript(js_off_page):
    page = js_off_page
    page.goto(reverse("front:home"))
    page.locator("#zoekterm").fill("schulden")
    page.locator("#zoekterm").press("Enter")
    page.wait_for_url("**/zoeken/**")

    kind = page.locator("fieldset", has=page.locator("legend", has_text="Soort"))
    kind.locator("label", has_text="Kennisproduct").click()
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_url("**soort=product**")
    metas = page.locator(".hit .meta").all_inner_texts()
    assert metas and all(m.startswith("Kennisproduct") for m in metas)

    title = page.locator(".hit h2 a").first.inner_text()
    page.locator(".hit h2 a").first.click()
    page.wait_for_url("**/producten/**")
    assert page.locator("h1").inner_text() == title
