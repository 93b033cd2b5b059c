"""Keeping the stored overlaps up to date and alerting the people who follow them.

1. ``sync`` computes the overlaps in scope and stores them; a pair seen for the first time
   gets a new Overlap row (the unique pair makes "new" unambiguous, also across processes).
2. ``create_alerts`` makes one Alert per subscriber per new overlap (unique per pair).
3. ``send_pending`` mails the alerts not yet mailed: each is claimed with a conditional
   UPDATE before its mail goes out, so two runs at once or a restart never mail twice.
   A mail that fails is released again and retried by the next run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from kennisbrug.radar.models import Alert, Overlap, Subscription
from kennisbrug.radar.overlaps import RadarContext
from kennisbrug.themes.models import Theme

logger = logging.getLogger(__name__)


def sync(
    ctx: RadarContext,
    *,
    werkplaats_ids: Iterable[int] | None = None,
    external_ids: Iterable[int] | None = None,
) -> list[Overlap]:
    """Store the overlaps in scope; return those seen for the first time."""
    werkplaats_ids = list(werkplaats_ids) if werkplaats_ids is not None else None
    external_ids = list(external_ids) if external_ids is not None else None
    stored = Overlap.objects.all()
    if werkplaats_ids is not None:
        stored = stored.filter(werkplaats_id__in=werkplaats_ids)
    if external_ids is not None:
        stored = stored.filter(external_project_id__in=external_ids)
    new: list[Overlap] = []
    with transaction.atomic():
        existing = {(o.werkplaats_id, o.external_project_id): o for o in stored}
        for match in ctx.matches(werkplaats_ids, external_ids):
            reason = match.reason()
            overlap = existing.pop(match.key, None)
            if overlap is None:
                overlap, created = Overlap.objects.get_or_create(
                    werkplaats=match.werkplaats,
                    external_project=match.external,
                    defaults={"score": match.score, "reason": reason},
                )
                if created:
                    new.append(overlap)
                    continue
            if (overlap.score, overlap.reason, overlap.active) != (match.score, reason, True):
                overlap.score, overlap.reason, overlap.active = match.score, reason, True
                overlap.save(update_fields=["score", "reason", "active", "last_seen_at"])
        gone = [o.pk for o in existing.values() if o.active]
        Overlap.objects.filter(pk__in=gone).update(active=False)
    return new


def subscribers(overlap: Overlap) -> set[int]:
    """Users following the werkplaats, a theme of the project or of the overlap (or a broader
    theme), or a municipality of the project."""
    project = overlap.external_project
    theme_ids = set(project.themes.values_list("pk", flat=True))
    theme_ids |= set(
        Theme.objects.filter(name__in=overlap.reason.get("themes", [])).values_list("pk", flat=True)
    )
    parents = dict(Theme.objects.values_list("pk", "parent_id"))
    for theme_id in list(theme_ids):
        parent = parents.get(theme_id)
        while parent and parent not in theme_ids:
            theme_ids.add(parent)
            parent = parents.get(parent)
    municipality_ids = project.municipalities.values_list("pk", flat=True)
    return set(
        Subscription.objects.filter(
            Q(werkplaats_id=overlap.werkplaats_id)
            | Q(theme_id__in=theme_ids)
            | Q(municipality_id__in=list(municipality_ids)),
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )


def create_alerts(overlaps: Iterable[Overlap]) -> list[Alert]:
    created_alerts = []
    for overlap in overlaps:
        for user_id in sorted(subscribers(overlap)):
            alert, created = Alert.objects.get_or_create(user_id=user_id, overlap=overlap)
            if created:
                created_alerts.append(alert)
    return created_alerts


def alert_path(alert: Alert) -> str:
    """Where an alert leads: the overlap on the radar of its werkplaats."""
    overlap = alert.overlap
    path = reverse("radar:werkplaats", args=[overlap.werkplaats.slug])
    return f"{path}#overlap-{overlap.external_project_id}"


def alert_url(alert: Alert) -> str:
    return settings.SITE_URL.rstrip("/") + alert_path(alert)


def _message(alert: Alert) -> EmailMultiAlternatives:
    context = {
        "alert": alert,
        "overlap": alert.overlap,
        "project": alert.overlap.external_project,
        "werkplaats": alert.overlap.werkplaats,
        "reason": alert.overlap.reason,
        "url": alert_url(alert),
        "dashboard_url": settings.SITE_URL.rstrip("/") + reverse("radar:dashboard"),
    }
    # Mails go out from commands and signal handlers too, where no request sets a language.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("radar/email/overlap_subject.txt", context).strip()
        text = render_to_string("radar/email/overlap.txt", context)
        html = render_to_string("radar/email/overlap.html", context)
    message = EmailMultiAlternatives(subject, text, to=[alert.user.email])
    message.attach_alternative(html, "text/html")
    return message


def send_pending(alert_ids: Iterable[int] | None = None) -> int:
    """Mail the alerts not mailed yet (to users with an address); return how many went out."""
    pending = Alert.objects.filter(
        emailed_at__isnull=True, user__is_active=True, user__email__gt=""
    ).select_related("user", "overlap__werkplaats", "overlap__external_project__programme")
    if alert_ids is not None:
        pending = pending.filter(pk__in=list(alert_ids))
    sent = 0
    for alert in pending.order_by("pk"):
        claimed = Alert.objects.filter(pk=alert.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            continue  # another process took it
        try:
            _message(alert).send()
        except Exception:
            logger.exception("Signaal %s kon niet worden gemaild; volgende keer opnieuw", alert.pk)
            Alert.objects.filter(pk=alert.pk).update(emailed_at=None)
            continue
        sent += 1
    return sent


@dataclass
class RunResult:
    overlaps: int
    new_overlaps: int
    new_alerts: int
    mailed: int


def refresh(
    *,
    werkplaats_ids: Iterable[int] | None = None,
    external_ids: Iterable[int] | None = None,
    everything: bool = False,
    notify: bool = True,
) -> RunResult:
    """Look for new overlaps in scope (or everywhere), alert subscribers and mail them."""
    ctx = RadarContext()
    new: list[Overlap] = []
    if everything:
        new += sync(ctx)
    else:
        if werkplaats_ids:
            new += sync(ctx, werkplaats_ids=werkplaats_ids)
        if external_ids:
            new += sync(ctx, external_ids=external_ids)
    alerts = create_alerts(new)
    mailed = 0
    if notify:
        mailed = send_pending(None if everything else [a.pk for a in alerts])
    return RunResult(Overlap.objects.filter(active=True).count(), len(new), len(alerts), mailed)
