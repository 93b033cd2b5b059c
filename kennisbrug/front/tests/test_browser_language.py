"""The language switch: one button, the whole interface in English, and back."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("fixture", ["page", "js_off_page"])
def test_the_language_switch_turns_the_site_english_and_back(request, fixture, shoot):
    page = request.getfixturevalue(fixture)
    page.goto(reverse("front:werkplaats", args=["wsd-noord"]))
    assert page.locator("html").get_attribute("lang") == "nl"

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url.endswith("/werkplaatsen/wsd-noord/")  # the reader stays on the page
    assert page.get_by_role("heading", name="Who takes part").count() == 1
    assert page.get_by_role("navigation", name="Main menu").get_by_text("Themes").count() == 1
    if fixture == "page":
        shoot(page, "werkplaats-english")

    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", name="Wie doen er mee").count() == 1


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/radar/", "Overlap radar"), ("/monitoring/", "Monitoring and evaluation")],
)
def test_the_newer_pages_turn_english_with_the_switch_too(page, path, heading):
    page.goto(path)
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1, name=heading).count() == 1
