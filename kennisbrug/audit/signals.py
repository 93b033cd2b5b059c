"""Write an AuditEntry for every create, update, delete and many-to-many change.

Audited are the models of the domain apps; the audit log itself and Django's own tables are not.
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from kennisbrug.audit.context import current_actor
from kennisbrug.audit.models import AuditEntry

AUDITED_APPS = {"registry", "themes", "projects", "products", "interventions", "accounts"}
AUDITED_APPS |= {"bridge", "readiness"}  # editors' link judgements and readiness checks
IGNORED_FIELDS = {"created_at", "updated_at"}


def is_audited(model: type[models.Model]) -> bool:
    return model._meta.app_label in AUDITED_APPS and not model._meta.auto_created


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime | decimal.Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name
    return value


def _snapshot(instance: models.Model) -> dict[str, Any]:
    return {
        field.attname: _plain(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.attname not in IGNORED_FIELDS
    }


def _werkplaats_id(instance: models.Model) -> int | None:
    from kennisbrug.registry.models import Werkplaats

    if isinstance(instance, Werkplaats):
        return instance.pk
    if hasattr(instance, "werkplaats_id"):
        return instance.werkplaats_id
    for parent in ("agenda", "project", "product"):
        related = getattr(instance, parent, None)
        if related is not None and hasattr(related, "werkplaats_id"):
            return related.werkplaats_id
    return None


def _write(instance: models.Model, action: str, changes: dict[str, Any]) -> None:
    actor = current_actor()
    werkplaats_id = _werkplaats_id(instance)
    if action == AuditEntry.Action.DELETE:
        from kennisbrug.registry.models import Werkplaats

        # A deleted werkplaats cannot be pointed at any more.
        if isinstance(instance, Werkplaats) or (
            werkplaats_id and not Werkplaats.objects.filter(pk=werkplaats_id).exists()
        ):
            werkplaats_id = None
    AuditEntry.objects.create(
        user=actor.user,
        actor=actor.label,
        action=action,
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        werkplaats_id=werkplaats_id,
        changes=changes,
    )


def remember_before(sender, instance, raw=False, **kwargs) -> None:
    if raw or not is_audited(sender) or instance._state.adding or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = _snapshot(old) if old else None


def record_save(sender, instance, created, raw=False, **kwargs) -> None:
    if raw or not is_audited(sender):
        return
    after = _snapshot(instance)
    if created:
        _write(instance, AuditEntry.Action.CREATE, {k: [None, v] for k, v in after.items()})
        return
    before = getattr(instance, "_audit_before", None) or {}
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if changes:
        _write(instance, AuditEntry.Action.UPDATE, changes)


def record_delete(sender, instance, **kwargs) -> None:
    if is_audited(sender):
        _write(instance, AuditEntry.Action.DELETE, {})


def record_m2m(sender, instance, action, model, pk_set, reverse, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"} or reverse:
        return
    if not is_audited(type(instance)) or (action != "post_clear" and not pk_set):
        return
    field = next(
        (f.name for f in instance._meta.many_to_many if f.remote_field.through is sender), "?"
    )
    key = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    names = sorted(str(o) for o in model._default_manager.filter(pk__in=pk_set or []))
    _write(instance, AuditEntry.Action.UPDATE, {field: {key: names}})


def connect() -> None:
    for model in apps.get_models():
        if is_audited(model):
            pre_save.connect(remember_before, sender=model, dispatch_uid=f"audit-pre-{model}")
            post_save.connect(record_save, sender=model, dispatch_uid=f"audit-post-{model}")
            post_delete.connect(record_delete, sender=model, dispatch_uid=f"audit-del-{model}")
    m2m_changed.connect(record_m2m, dispatch_uid="audit-m2m")
