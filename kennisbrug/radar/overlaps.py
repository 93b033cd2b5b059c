"""Finding overlaps between werkplaatsen and the projects of external programmes.

An external project overlaps with a werkplaats when both hold:

1. **Place**: the project runs in a municipality of the werkplaats (a participating gemeente,
   or a municipality of one of its projects), or in a municipality bordering one of those
   that lies in the werkplaats's own province(s) (its region). Borders come from
   ``data/neighbours.csv``.
2. **Topic**: the project shares a theme of the national taxonomy with the werkplaats's
   current agenda or its projects, or its texts name thesaurus concepts that the werkplaats's
   texts name too (found the way the search engine tags documents, so "vereenzaming" and
   "eenzaamheid" meet at one concept).

Ranking (higher first): ``place × (themes + concepts + our projects) × period``, with
place 1.0 for the same municipality and 0.6 for a neighbouring one; 1.0 per shared theme;
up to 0.5 per shared concept, less for concepts that most werkplaatsen name (inverse
werkplaats frequency); 0.25 per project of ours that shares both topic and place (at most
three); and half the score for projects that have ended.
"""

from __future__ import annotations

import csv
import datetime
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db.models import Prefetch
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kennisbrug.front.templatetags.front import naam, naamtaal
from kennisbrug.programmes.models import ExternalProject
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Membership, Municipality, Werkplaats
from kennisbrug.search.runtime import runtime
from kennisbrug.themes.models import Agenda, Theme, Vraagstuk

NEIGHBOURS_FILE = Path(__file__).resolve().parent / "data" / "neighbours.csv"

SAME_PLACE = 1.0
NEIGHBOUR_PLACE = 0.6
THEME_WEIGHT = 1.0
CONCEPT_WEIGHT = 0.5
PROJECT_BONUS = 0.25
MAX_BONUS_PROJECTS = 3
ENDED_FACTOR = 0.5
#: Without a shared theme, concepts must add up to at least this much: one concept that at
#: most half of the werkplaatsen name (like "eenzaamheid") is enough. The same bar makes one
#: of our projects or vraagstukken part of the reason.
MIN_CONCEPT_SCORE = 0.18
#: Concepts named by more than this share of the werkplaatsen ("professionals", "welzijn")
#: say nothing about an overlap and are left out.
MAX_CONCEPT_SHARE = 0.5
MAX_CONCEPTS_SHOWN = 6


@cache
def neighbour_codes(path: Path = NEIGHBOURS_FILE) -> dict[str, frozenset[str]]:
    """CBS code → the codes of the municipalities bordering it (symmetric)."""
    found: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            a, b = row["code_a"].strip(), row["code_b"].strip()
            found[a].add(b)
            found[b].add(a)
    return {code: frozenset(codes) for code, codes in found.items()}


#: Concepts found per text, kept across requests for the current analysis (model and
#: thesaurus); reading them is most of the cost of a radar page.
_concept_cache: dict[tuple, dict[str, frozenset[int]]] = {}
CONCEPT_CACHE_SIZE = 20_000


class ConceptReader:
    """Thesaurus concepts named in a text, as the search engine finds them."""

    def __init__(self) -> None:
        self.rt = runtime()
        key = (self.rt.model_id, self.rt.thesaurus)
        if key not in _concept_cache:
            _concept_cache.clear()
            _concept_cache[key] = {}
        self._seen = _concept_cache[key]

    def __call__(self, *texts: str) -> frozenset[int]:
        text = "\n".join(t for t in texts if t)
        found = self._seen.get(text)
        if found is None:
            analyzer = self.rt.analyzer
            found = frozenset(self.rt.matcher.find(analyzer.all_stems(text), analyzer.terms(text)))
            if len(self._seen) >= CONCEPT_CACHE_SIZE:
                self._seen.clear()
            self._seen[text] = found
        return found

    def label(self, concept_id: int) -> str:
        info = self.rt.matcher.concepts.get(concept_id)
        return info.label if info else str(concept_id)


@dataclass
class Topics:
    theme_ids: frozenset[int]
    concept_ids: frozenset[int]

    def meets(self, other: Topics) -> bool:
        return bool(self.theme_ids & other.theme_ids or self.concept_ids & other.concept_ids)


@dataclass
class OurProject:
    project: Project
    topics: Topics
    municipality_ids: frozenset[int]


@dataclass
class OurQuestion:
    vraagstuk: Vraagstuk
    topics: Topics


@dataclass
class WerkplaatsProfile:
    werkplaats: Werkplaats
    municipalities: dict[int, Municipality]
    #: neighbouring municipality id → (that municipality, the one of ours it borders)
    neighbours: dict[int, tuple[Municipality, Municipality]]
    agenda: Agenda | None
    questions: list[OurQuestion]
    projects: list[OurProject]
    topics: Topics = field(init=False)

    def __post_init__(self) -> None:
        parts = [q.topics for q in self.questions] + [p.topics for p in self.projects]
        self.topics = Topics(
            frozenset().union(*(t.theme_ids for t in parts)),
            frozenset().union(*(t.concept_ids for t in parts)),
        )


@dataclass
class ExternalProfile:
    project: ExternalProject
    municipalities: dict[int, Municipality]
    topics: Topics


@dataclass
class Match:
    """One overlap, with its reason."""

    werkplaats: Werkplaats
    external: ExternalProject
    same_places: list[Municipality]
    #: (their municipality, our municipality it borders)
    neighbour_places: list[tuple[Municipality, Municipality]]
    themes: list[Theme]
    concepts: list[str]
    our_projects: list[Project]
    questions: list[Vraagstuk]
    score: float

    @property
    def key(self) -> tuple[int, int]:
        return (self.werkplaats.pk, self.external.pk)

    @property
    def places_text(self) -> str:
        parts = [m.name for m in self.same_places]
        parts += [
            _("%(theirs)s (grenst aan %(ours)s)") % {"theirs": theirs.name, "ours": ours.name}
            for theirs, ours in self.neighbour_places
        ]
        return ", ".join(parts)

    @property
    def topics_text(self) -> str:
        return ", ".join([t.name for t in self.themes] + self.concepts)

    @property
    def summary(self) -> str:
        text = _("in %(places)s, over %(topics)s") % {
            "places": self.places_text,
            "topics": self.topics_text,
        }
        if self.our_projects:
            text += "; " + _("raakt aan %(projects)s") % {
                "projects": ", ".join(f"‘{p.title}’" for p in self.our_projects[:3])
            }
        return text

    @property
    def summary_html(self) -> SafeString:
        """The summary for a page, its places, topics and titles marked Dutch (WCAG 3.1.2)."""

        def dutch(text: str) -> SafeString:
            return format_html('<span lang="nl">{}</span>', text)

        # Themes in the reader's language where they have an English name; concepts are
        # words from the records, Dutch.
        topics = [
            format_html('<span lang="{}">{}</span>', naamtaal(t), naam(t)) for t in self.themes
        ] + [dutch(c) for c in self.concepts]
        html = escape(_("in %(places)s, over %(topics)s")) % {
            "places": dutch(self.places_text),
            "topics": mark_safe(", ".join(topics)),  # noqa: S308 - every part is escaped
        }
        if self.our_projects:
            titles = ", ".join(f"‘{p.title}’" for p in self.our_projects[:3])
            html += "; " + escape(_("raakt aan %(projects)s")) % {"projects": dutch(titles)}
        return mark_safe(html)  # noqa: S308 - the sentences and every value are escaped

    def reason(self) -> dict:
        """The reason as plain data, stored with the Overlap for e-mails and the dashboard."""
        return {
            "municipalities": [m.name for m in self.same_places],
            "neighbours": [[theirs.name, ours.name] for theirs, ours in self.neighbour_places],
            "themes": [t.name for t in self.themes],
            "concepts": list(self.concepts),
            "projects": [[p.pk, p.title] for p in self.our_projects],
            "questions": [[q.pk, q.title] for q in self.questions],
        }


@dataclass
class AgendaOverlap:
    """Two werkplaatsen whose agendas ask about the same things."""

    a: Werkplaats
    b: Werkplaats
    themes: list[Theme]
    concepts: list[str]
    questions_a: list[Vraagstuk]
    questions_b: list[Vraagstuk]
    score: float


def current_agendas() -> dict[int, Agenda]:
    """Each werkplaats's agenda of this year, or else its latest one."""
    year = datetime.date.today().year
    chosen: dict[int, Agenda] = {}
    vraagstukken = Prefetch("vraagstukken", queryset=Vraagstuk.objects.prefetch_related("themes"))
    for agenda in Agenda.objects.prefetch_related(vraagstukken).order_by("-start_year"):
        held = chosen.get(agenda.werkplaats_id)
        is_current = agenda.start_year <= year <= agenda.end_year
        if held is None or (is_current and not held.start_year <= year <= held.end_year):
            chosen[agenda.werkplaats_id] = agenda
    return chosen


class RadarContext:
    """Everything the radar compares, read once (a handful of queries)."""

    def __init__(self) -> None:
        self.concepts = ConceptReader()
        self.themes = {t.pk: t for t in Theme.objects.all()}
        municipalities = {m.pk: m for m in Municipality.objects.all()}
        by_code = {m.code: m for m in municipalities.values()}
        self.werkplaatsen = list(
            Werkplaats.objects.exclude(status=Werkplaats.Status.ENDED).prefetch_related("provinces")
        )
        members: dict[int, set[int]] = defaultdict(set)
        for werkplaats_id, municipality_id in (
            Membership.objects.current()
            .filter(organisation__municipality__isnull=False)
            .values_list("werkplaats_id", "organisation__municipality_id")
        ):
            members[werkplaats_id].add(municipality_id)
        projects: dict[int, list[OurProject]] = defaultdict(list)
        for project in (
            Project.objects.exclude(status=Project.Status.STOPPED)
            .prefetch_related("themes", "municipalities")
            .order_by("-start", "title")
        ):
            topics = Topics(
                frozenset(t.pk for t in project.themes.all()),
                self.concepts(project.title, project.practice_question, project.summary),
            )
            place_ids = frozenset(m.pk for m in project.municipalities.all())
            projects[project.werkplaats_id].append(OurProject(project, topics, place_ids))
        agendas = current_agendas()
        neighbours = neighbour_codes()
        self.profiles: dict[int, WerkplaatsProfile] = {}
        for werkplaats in self.werkplaatsen:
            own_ids = members[werkplaats.pk].union(
                *(p.municipality_ids for p in projects[werkplaats.pk])
            )
            own = {pk: municipalities[pk] for pk in own_ids}
            province_ids = {p.pk for p in werkplaats.provinces.all()}
            near: dict[int, tuple[Municipality, Municipality]] = {}
            for ours in sorted(own.values(), key=lambda m: m.name):
                for code in sorted(neighbours.get(ours.code, ())):
                    theirs = by_code.get(code)
                    if theirs and theirs.pk not in own and theirs.province_id in province_ids:
                        near.setdefault(theirs.pk, (theirs, ours))
            agenda = agendas.get(werkplaats.pk)
            questions = [
                OurQuestion(
                    v,
                    Topics(frozenset(t.pk for t in v.themes.all()), self.concepts(v.title)),
                )
                for v in (agenda.vraagstukken.all() if agenda else ())
            ]
            self.profiles[werkplaats.pk] = WerkplaatsProfile(
                werkplaats, own, near, agenda, questions, projects[werkplaats.pk]
            )
        # How many werkplaatsen name each concept: common ones say less about an overlap.
        self.concept_df: dict[int, int] = defaultdict(int)
        for profile in self.profiles.values():
            for concept_id in profile.topics.concept_ids:
                self.concept_df[concept_id] += 1
        self.externals = [
            ExternalProfile(
                e,
                {m.pk: m for m in e.municipalities.all()},
                Topics(
                    frozenset(t.pk for t in e.themes.all()),
                    self.concepts(e.title, e.summary),
                ),
            )
            for e in ExternalProject.objects.select_related("programme").prefetch_related(
                "municipalities", "themes"
            )
        ]

    def concept_weight(self, concept_id: int) -> float:
        n = max(len(self.profiles), 1)
        df = max(self.concept_df.get(concept_id, 0), 1)
        if df > MAX_CONCEPT_SHARE * n:
            return 0.0
        return CONCEPT_WEIGHT * math.log(1 + n / df) / math.log(1 + n)

    def relevance(self, a: Topics, b: Topics) -> float:
        """How much two sets of topics share: 1 per theme, the concepts by their weight."""
        return THEME_WEIGHT * len(a.theme_ids & b.theme_ids) + sum(
            self.concept_weight(c) for c in a.concept_ids & b.concept_ids
        )

    def telling_concepts(self, concept_ids: Iterable[int], themes: list[Theme]) -> list[str]:
        """Labels of the concepts worth showing: weighty ones, not already a theme's name."""
        names = " ".join(t.name for t in themes).casefold()
        ordered = sorted(
            (c for c in concept_ids if self.concept_weight(c) > 0),
            key=lambda c: (-self.concept_weight(c), self.concepts.label(c)),
        )
        labels = [self.concepts.label(c) for c in ordered]
        return [label for label in labels if label.casefold() not in names][:MAX_CONCEPTS_SHOWN]

    def match(self, profile: WerkplaatsProfile, external: ExternalProfile) -> Match | None:
        same = [m for pk, m in external.municipalities.items() if pk in profile.municipalities]
        near = [
            profile.neighbours[pk] for pk in external.municipalities if pk in profile.neighbours
        ]
        if not same and not near:
            return None
        theme_ids = profile.topics.theme_ids & external.topics.theme_ids
        concept_ids = profile.topics.concept_ids & external.topics.concept_ids
        concept_score = sum(self.concept_weight(c) for c in concept_ids)
        if not theme_ids and concept_score < MIN_CONCEPT_SCORE:
            return None
        relevant = [
            p
            for p in profile.projects
            if self.relevance(p.topics, external.topics) >= MIN_CONCEPT_SCORE
        ]
        # Our projects in the same place (or bordering it) first, then by how much they share.
        nearby_ids = set(external.municipalities) | {ours.pk for _t, ours in near}
        relevant.sort(
            key=lambda p: (
                not (p.municipality_ids & nearby_ids),
                -self.relevance(p.topics, external.topics),
            )
        )
        bonus = PROJECT_BONUS * min(
            MAX_BONUS_PROJECTS, sum(1 for p in relevant if p.municipality_ids & nearby_ids)
        )
        score = (SAME_PLACE if same else NEIGHBOUR_PLACE) * (
            THEME_WEIGHT * len(theme_ids) + concept_score + bonus
        )
        if external.project.has_ended:
            score *= ENDED_FACTOR
        themes = sorted((self.themes[t] for t in theme_ids), key=lambda t: (t.position, t.name))
        return Match(
            werkplaats=profile.werkplaats,
            external=external.project,
            same_places=sorted(same, key=lambda m: m.name),
            neighbour_places=sorted(near, key=lambda pair: pair[0].name),
            themes=themes,
            concepts=self.telling_concepts(concept_ids, themes),
            our_projects=[p.project for p in relevant],
            questions=[
                q.vraagstuk
                for q in profile.questions
                if self.relevance(q.topics, external.topics) >= MIN_CONCEPT_SCORE
            ],
            score=round(score, 3),
        )

    def matches(
        self,
        werkplaats_ids: Iterable[int] | None = None,
        external_ids: Iterable[int] | None = None,
    ) -> list[Match]:
        """All overlaps (optionally of some werkplaatsen or external projects), best first."""
        wanted_w = set(werkplaats_ids) if werkplaats_ids is not None else None
        wanted_e = set(external_ids) if external_ids is not None else None
        found = []
        for profile in self.profiles.values():
            if wanted_w is not None and profile.werkplaats.pk not in wanted_w:
                continue
            for external in self.externals:
                if wanted_e is not None and external.project.pk not in wanted_e:
                    continue
                match = self.match(profile, external)
                if match:
                    found.append(match)
        found.sort(key=lambda m: (-m.score, m.external.title, m.werkplaats.short_name))
        return found

    def agenda_overlaps(self, werkplaats_id: int | None = None) -> list[AgendaOverlap]:
        """Pairs of werkplaatsen whose agenda questions share themes or concepts."""
        found = []
        profiles = sorted(self.profiles.values(), key=lambda p: p.werkplaats.short_name)
        for i, a in enumerate(profiles):
            for b in profiles[i + 1 :]:
                if werkplaats_id is not None and werkplaats_id not in (
                    a.werkplaats.pk,
                    b.werkplaats.pk,
                ):
                    continue
                ta = _union(q.topics for q in a.questions)
                tb = _union(q.topics for q in b.questions)
                theme_ids = ta.theme_ids & tb.theme_ids
                concept_ids = ta.concept_ids & tb.concept_ids
                concept_score = sum(self.concept_weight(c) for c in concept_ids)
                if not theme_ids:
                    continue
                shared = Topics(theme_ids, concept_ids)
                themes = sorted((self.themes[t] for t in theme_ids), key=lambda t: t.position)
                found.append(
                    AgendaOverlap(
                        a.werkplaats,
                        b.werkplaats,
                        themes,
                        self.telling_concepts(concept_ids, themes),
                        [q.vraagstuk for q in a.questions if q.topics.meets(shared)],
                        [q.vraagstuk for q in b.questions if q.topics.meets(shared)],
                        round(THEME_WEIGHT * len(theme_ids) + concept_score, 3),
                    )
                )
        found.sort(key=lambda o: (-o.score, o.a.short_name, o.b.short_name))
        return found


def _union(topics: Iterable[Topics]) -> Topics:
    items = list(topics)
    return Topics(
        frozenset().union(*(t.theme_ids for t in items)),
        frozenset().union(*(t.concept_ids for t in items)),
    )


def matches_for_werkplaats(werkplaats: Werkplaats) -> list[Match]:
    return RadarContext().matches(werkplaats_ids=[werkplaats.pk])


def matches_for_external(project: ExternalProject) -> list[Match]:
    return RadarContext().matches(external_ids=[project.pk])
