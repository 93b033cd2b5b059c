"""Rules every page, setting and command keeps; new ones are covered without new tests."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Product
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Theme

#: Pages for machines (sitemap.xml, robots.txt): not HTML, so not held to the HTML rules.
MACHINE_PAGES = {"front:sitemap", "front:sitemap-section", "front:robots"}

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def public_url_names() -> list[str]:
    names = []
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace in ("front", "search"):
            names += [
                f"{entry.namespace}:{p.name}"
                for p in entry.url_patterns
                if isinstance(p, URLPattern) and f"{entry.namespace}:{p.name}" not in MACHINE_PAGES
            ]
    return names


def sample_args(name: str) -> list:
    samples = {
        "front:werkplaats": lambda: [Werkplaats.objects.first().slug],
        "front:product": lambda: [Product.objects.published().first().pk],
        "front:project": lambda: [Project.objects.first().pk],
        "front:intervention": lambda: [Intervention.objects.first().pk],
        "front:theme": lambda: [Theme.objects.first().slug],
    }
    return samples[name]() if name in samples else []


@pytest.mark.parametrize("name", public_url_names())
def test_every_public_page_has_one_h1_a_language_and_a_skip_link(client, name):
    if name == "front:intervention" and not Intervention.objects.exists():
        pytest.skip("no interventions in the demo data yet")
    query = {"search:results": "?q=eenzaamheid"}.get(name, "")
    response = client.get(reverse(name, args=sample_args(name)) + query)

    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert re.search(r'<html lang="nl">', html)
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html
    assert re.search(r"<title>[^<]+ · Kennisbrug</title>", html)


def test_no_model_change_lacks_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_every_environment_variable_is_documented():
    settings_source = (ROOT / "kennisbrug" / "settings.py").read_text()
    names = set(re.findall(r'env_\w+,? *"([A-Z_]+)"', settings_source))
    names |= set(re.findall(r'env_\w+\("([A-Z_]+)"', settings_source))
    documented = (ROOT / "docs" / "settings.md").read_text()
    assert names, "found no settings to check"
    missing = sorted(name for name in names if f"`{name}`" not in documented)
    assert not missing, f"not in docs/settings.md: {missing}"


def test_every_cli_command_is_documented():
    from kennisbrug.cli import COMMANDS

    readme = (ROOT / "README.md").read_text()
    missing = [name for name in COMMANDS if f"`{name}`" not in readme]
    assert not missing, f"not in the README: {missing}"


def test_every_entity_is_documented_in_the_import_formats():
    from kennisbrug.interchange.entities import ENTITIES

    doc = (ROOT / "docs" / "import-formats.md").read_text()
    for name, entity in ENTITIES.items():
        assert f"### `{name}`" in doc, name
        for field in entity.field_names:
            assert field in doc, f"{name}.{field}"
