"""Compose an issue from what is new in its period: news, events, products, projects and
interventions, grouped in that order, newest first, at most MAX_PER_SECTION per group.

The items are snapshots (title, text, link) that the editor may reorder, shorten or remove.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from kennisbrug.events.models import Event
from kennisbrug.interventions.models import Intervention
from kennisbrug.news.models import Article
from kennisbrug.newsletter.models import Issue, IssueItem
from kennisbrug.products.models import Product
from kennisbrug.projects.models import Project
from kennisbrug.themes.models import Theme

MAX_PER_SECTION = 8
#: Events starting within this many days after the period are announced.
EVENT_HORIZON_DAYS = 120
Kind = IssueItem.Kind


def _bounds(issue: Issue) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(issue.period_start, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(issue.period_end, datetime.time.max))
    return start, end


def _scoped(queryset, issue: Issue, *, werkplaats_field: str = "werkplaats", themes: bool = True):
    if issue.werkplaats_id:
        queryset = queryset.filter(**{werkplaats_field: issue.werkplaats_id})
    if issue.theme_id and themes:
        family = Theme.objects.filter(Q(pk=issue.theme_id) | Q(parent=issue.theme_id))
        queryset = queryset.filter(themes__in=family).distinct()
    return queryset


def _day(value) -> str:
    return date_format(
        timezone.localtime(value) if isinstance(value, datetime.datetime) else value, "j F Y"
    )


def candidates(issue: Issue) -> list[IssueItem]:
    start, end = _bounds(issue)
    items: list[IssueItem] = []

    articles = _scoped(Article.objects.published(), issue).filter(published_at__range=(start, end))
    for article in articles.select_related("werkplaats").order_by("-published_at")[
        :MAX_PER_SECTION
    ]:
        meta = article.get_kind_display().capitalize()
        if article.werkplaats:
            meta += f" · {article.werkplaats}"
        items.append(
            IssueItem(
                kind=Kind.NEWS,
                title=article.title,
                summary=article.summary,
                meta=meta,
                path=article.get_absolute_url(),
            )
        )

    horizon = end + datetime.timedelta(days=EVENT_HORIZON_DAYS)
    events = _scoped(Event.objects.published(), issue).filter(starts_at__range=(start, horizon))
    for event in events.order_by("starts_at")[:MAX_PER_SECTION]:
        meta = f"{event.get_kind_display().capitalize()} · {_day(event.starts_at)}"
        if event.venue:
            meta += f" · {event.venue}"
        items.append(
            IssueItem(
                kind=Kind.EVENT,
                title=event.title,
                summary=event.summary,
                meta=meta,
                path=event.get_absolute_url(),
            )
        )

    products = _scoped(Product.objects.published(), issue).filter(
        Q(published_on__range=(issue.period_start, issue.period_end))
        | Q(published_on__isnull=True, created_at__range=(start, end))
    )
    for product in products.select_related("werkplaats").order_by("-published_on", "-pk")[
        :MAX_PER_SECTION
    ]:
        meta = product.get_kind_display().capitalize()
        if product.werkplaats:
            meta += f" · {product.werkplaats}"
        items.append(
            IssueItem(
                kind=Kind.PRODUCT,
                title=product.title,
                summary=product.summary,
                meta=meta,
                path=product.get_absolute_url(),
            )
        )

    projects = _scoped(Project.objects.all(), issue).filter(
        Q(start__range=(issue.period_start, issue.period_end)) | Q(created_at__range=(start, end))
    )
    for project in projects.select_related("werkplaats").order_by("-start", "-pk")[
        :MAX_PER_SECTION
    ]:
        items.append(
            IssueItem(
                kind=Kind.PROJECT,
                title=project.title,
                summary=project.summary or project.practice_question,
                meta=f"{project.get_kind_display().capitalize()} · {project.werkplaats}",
                path=project.get_absolute_url(),
            )
        )

    # Interventions count when linked to a werkplaats and recognised or added in the period.
    interventions = _scoped(Intervention.objects.active(), issue).filter(
        Q(recognised_on__range=(issue.period_start, issue.period_end))
        | Q(created_at__range=(start, end)),
        werkplaats__isnull=False,
    )
    for intervention in interventions.select_related("werkplaats", "databank").order_by(
        "-recognised_on", "-pk"
    )[:MAX_PER_SECTION]:
        items.append(
            IssueItem(
                kind=Kind.INTERVENTION,
                title=intervention.title,
                summary=intervention.summary,
                meta=f"{intervention.databank} · {intervention.werkplaats}",
                path=intervention.get_absolute_url(),
            )
        )
    return items


@transaction.atomic
def compose(issue: Issue) -> int:
    """Replace the issue's items by what is new in its period; only while it is a draft."""
    if issue.status != Issue.Status.DRAFT:
        raise ValueError("only a draft issue can be composed")
    issue.items.all().delete()
    items = candidates(issue)
    for position, item in enumerate(items, start=1):
        item.issue = issue
        item.position = position * 10  # room for the editor to put something in between
        item.summary = _short(item.summary)
    IssueItem.objects.bulk_create(items)
    return len(items)


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def sections(issue: Issue) -> list[tuple[str, list[IssueItem]]]:
    """The items grouped by kind, groups in a fixed order, items in the editor's order."""
    grouped: dict[str, list[IssueItem]] = {kind: [] for kind in Kind.values}
    for item in issue.items.all():
        grouped[item.kind].append(item)
    return [(Kind(kind).label, items) for kind, items in grouped.items() if items]
