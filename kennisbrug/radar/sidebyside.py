"""Agendas side by side: two to four werkplaatsen (and optionally one external programme)
in columns, their vraagstukken (or the programme's projects) in rows by theme.

A theme row is *shared* when two or more columns have something under it and *unique* when
only one does; the page says which in words, not only in colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kennisbrug.programmes.models import Programme
from kennisbrug.radar.overlaps import current_agendas
from kennisbrug.registry.models import Werkplaats
from kennisbrug.themes.models import Theme

MIN_COLUMNS = 2
MAX_COLUMNS = 4


@dataclass
class Item:
    title: str
    url: str = ""


@dataclass
class Column:
    label: str
    url: str
    subtitle: str
    subtitle_lang: str = ""  # "nl" when the subtitle is an agenda's title, not our own words
    by_theme: dict[int, list[Item]] = field(default_factory=dict)
    unthemed: list[Item] = field(default_factory=list)


@dataclass
class Row:
    theme: Theme | None
    cells: list[list[Item]]

    @property
    def present(self) -> int:
        return sum(1 for cell in self.cells if cell)

    @property
    def shared(self) -> bool:
        # Vraagstukken without a theme have nothing in common just by lacking one.
        return self.theme is not None and self.present >= 2


@dataclass
class Comparison:
    columns: list[Column]
    rows: list[Row]

    @property
    def shared_rows(self) -> list[Row]:
        return [r for r in self.rows if r.shared]

    @property
    def unique_rows(self) -> list[Row]:
        return [r for r in self.rows if not r.shared]


class ChoiceError(ValueError):
    pass


def werkplaats_column(werkplaats: Werkplaats, agenda) -> Column:
    column = Column(
        werkplaats.short_name,
        werkplaats.get_absolute_url(),
        f"{agenda.title} ({agenda.start_year}–{agenda.end_year})"
        if agenda
        else _("nog geen agenda"),
        subtitle_lang="nl" if agenda else "",
    )
    for vraagstuk in agenda.vraagstukken.all() if agenda else ():
        item = Item(vraagstuk.title, f"{werkplaats.get_absolute_url()}#vraagstuk-{vraagstuk.pk}")
        themes = list(vraagstuk.themes.all())
        for theme in themes:
            column.by_theme.setdefault(theme.pk, []).append(item)
        if not themes:
            column.unthemed.append(item)
    return column


def programme_column(programme: Programme) -> Column:
    column = Column(
        programme.name,
        programme.get_absolute_url(),
        _("thema's van de projecten van het programma"),
    )
    for project in programme.projects.prefetch_related("themes").order_by("title"):
        item = Item(project.title, project.get_absolute_url())
        themes = list(project.themes.all())
        for theme in themes:
            column.by_theme.setdefault(theme.pk, []).append(item)
        if not themes:
            column.unthemed.append(item)
    return column


def compare(werkplaats_slugs: list[str], programme_slug: str | None = None) -> Comparison:
    """Raises ChoiceError (with a Dutch message) for a choice the page cannot show."""
    slugs = list(dict.fromkeys(s for s in werkplaats_slugs if s))
    werkplaatsen = {w.slug: w for w in Werkplaats.objects.filter(slug__in=slugs)}
    unknown = [s for s in slugs if s not in werkplaatsen]
    if unknown:
        raise ChoiceError(_("Onbekende werkplaats: %(slugs)s") % {"slugs": ", ".join(unknown)})
    programme = None
    if programme_slug:
        programme = Programme.objects.filter(slug=programme_slug).first()
        if programme is None:
            raise ChoiceError(_("Onbekend programma: %(slug)s") % {"slug": programme_slug})
    count = len(slugs) + (1 if programme else 0)
    if not MIN_COLUMNS <= count <= MAX_COLUMNS:
        raise ChoiceError(
            _("Kies twee tot vier agenda's om naast elkaar te leggen (nu %(count)d).")
            % {"count": count}
        )
    agendas = current_agendas()
    columns = [werkplaats_column(werkplaatsen[s], agendas.get(werkplaatsen[s].pk)) for s in slugs]
    if programme:
        columns.append(programme_column(programme))
    theme_ids = {pk for column in columns for pk in column.by_theme}
    themes = sorted(Theme.objects.filter(pk__in=theme_ids), key=lambda t: (t.position, t.name))
    rows = [Row(theme, [c.by_theme.get(theme.pk, []) for c in columns]) for theme in themes]
    if any(c.unthemed for c in columns):
        rows.append(Row(None, [c.unthemed for c in columns]))
    return Comparison(columns, rows)
