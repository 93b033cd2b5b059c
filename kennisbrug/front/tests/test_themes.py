import re

import pytest
from django.urls import reverse

from kennisbrug.front.themes_index import current_activities, family
from kennisbrug.themes.models import Agenda, Theme, Vraagstuk

pytestmark = pytest.mark.django_db


def test_a_theme_page_lists_who_works_on_it_now_and_links_its_records(client):
    theme = Theme.objects.get(slug="bestaanszekerheid")
    on_agenda = Vraagstuk.objects.filter(
        agenda__in=Agenda.objects.current(), themes__in=family(theme)
    ).select_related("agenda__werkplaats")
    assert on_agenda.exists()

    html = client.get(reverse("front:theme", args=[theme.slug])).content.decode()

    assert f'<h1 lang="nl">{theme.name}</h1>' in html
    for vraagstuk in on_agenda:
        assert vraagstuk.agenda.werkplaats.get_absolute_url() in html
    for child in theme.children.all():
        assert reverse("front:theme", args=[child.slug]) in html
    # "search everything" covers the theme and its subthemes
    for pk in family(theme):
        assert f"thema={pk}" in html


def test_an_unknown_theme_is_not_found(client):
    assert client.get(reverse("front:theme", args=["bestaat-niet"])).status_code == 404


def test_the_agenda_comparison_counts_current_work_per_werkplaats_and_theme(client, werkplaats_a):
    html = client.get(reverse("front:agendas")).content.decode()

    row = re.search(
        rf'<tr><th scope="row"><a lang="nl" href="{werkplaats_a.get_absolute_url()}#agenda">'
        r".*?</tr>",
        html,
        re.S,
    ).group()
    cells = re.findall(r'<td class="cell[^"]*">(.*?)</td>', row, re.S)
    themes = list(Theme.objects.filter(parent__isnull=True))
    assert len(cells) == len(themes)
    activities = [a for a in current_activities() if a.werkplaats_id == werkplaats_a.pk]
    for theme, cell in zip(themes, cells, strict=True):
        expected = sum(1 for a in activities if theme.pk in a.themes)
        shown = re.search(r'<span aria-hidden="true">(\d+)</span>', cell)
        assert (int(shown.group(1)) if shown else 0) == expected, theme.name


def test_current_activities_skip_finished_projects_and_old_agendas():
    activities = current_activities()
    titles = {a.title for a in activities}

    from kennisbrug.projects.models import Project

    for project in Project.objects.filter(status=Project.Status.FINISHED)[:5]:
        assert not any(a.is_project and a.url == project.get_absolute_url() for a in activities)
    for vraagstuk in Vraagstuk.objects.exclude(agenda__in=Agenda.objects.current())[:5]:
        assert not any(
            not a.is_project and a.url.endswith(f"#vraagstuk-{vraagstuk.pk}") for a in activities
        )
    assert titles
