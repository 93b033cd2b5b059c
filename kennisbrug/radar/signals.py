"""Look for new overlaps when an external project (or a werkplaats's project or agenda) changes.

The work runs once per transaction, after it commits: by then the many-to-many fields
(municipalities, themes) are stored too, and a rolled-back save alerts nobody.
"""

from __future__ import annotations

import logging
import threading

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save

logger = logging.getLogger(__name__)
_state = threading.local()


def schedule(*, external_id: int | None = None, werkplaats_id: int | None = None) -> None:
    pending = _state.__dict__.setdefault("pending", {"external": set(), "werkplaats": set()})
    if external_id:
        pending["external"].add(external_id)
    if werkplaats_id:
        pending["werkplaats"].add(werkplaats_id)
    # One callback per change is cheap: the first one to run takes everything pending.
    transaction.on_commit(flush)


def flush() -> None:
    pending = _state.__dict__.pop("pending", None)
    if not pending or not (pending["external"] or pending["werkplaats"]):
        return
    from kennisbrug.radar import services

    try:
        services.refresh(
            external_ids=sorted(pending["external"]),
            werkplaats_ids=sorted(pending["werkplaats"]),
        )
    except Exception:
        # The change itself is committed; `kennisbrug radar --notify` catches up later.
        logger.exception("De radar kon niet worden bijgewerkt")


def _external_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        schedule(external_id=instance.pk)


def _external_m2m(sender, instance, action, reverse=False, **kwargs) -> None:
    if action.startswith("post_") and not reverse:
        schedule(external_id=instance.pk)


def _project_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        schedule(werkplaats_id=instance.werkplaats_id)


def _project_m2m(sender, instance, action, reverse=False, **kwargs) -> None:
    if action.startswith("post_") and not reverse:
        schedule(werkplaats_id=instance.werkplaats_id)


def _vraagstuk_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        schedule(werkplaats_id=instance.agenda.werkplaats_id)


def _vraagstuk_m2m(sender, instance, action, reverse=False, **kwargs) -> None:
    if action.startswith("post_") and not reverse:
        schedule(werkplaats_id=instance.agenda.werkplaats_id)


def connect() -> None:
    from kennisbrug.programmes.models import ExternalProject
    from kennisbrug.projects.models import Project
    from kennisbrug.themes.models import Vraagstuk

    uid = "kennisbrug.radar"
    post_save.connect(_external_saved, sender=ExternalProject, dispatch_uid=f"{uid}.external")
    for name in ("municipalities", "themes"):
        m2m_changed.connect(
            _external_m2m,
            sender=getattr(ExternalProject, name).through,
            dispatch_uid=f"{uid}.external.{name}",
        )
        m2m_changed.connect(
            _project_m2m,
            sender=getattr(Project, name).through,
            dispatch_uid=f"{uid}.project.{name}",
        )
    post_save.connect(_project_saved, sender=Project, dispatch_uid=f"{uid}.project")
    post_save.connect(_vraagstuk_saved, sender=Vraagstuk, dispatch_uid=f"{uid}.vraagstuk")
    m2m_changed.connect(
        _vraagstuk_m2m, sender=Vraagstuk.themes.through, dispatch_uid=f"{uid}.vraagstuk.themes"
    )
