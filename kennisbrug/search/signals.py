"""Keeping the index in step with the records, inside the records' own transaction."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Attachment, Product
from kennisbrug.projects.models import Project
from kennisbrug.registry.models import Membership, Werkplaats, WerkplaatsName
from kennisbrug.search import indexer
from kennisbrug.themes.models import Agenda, Vraagstuk

INDEXED = (Product, Intervention, Project, Vraagstuk, Werkplaats)


def _touch(records: set[tuple[type, int]]) -> None:
    waiting = indexer.pending()
    if waiting is not None:
        waiting.update(records)
    else:
        indexer.index_records(records)


def _record_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # loaddata: the index is rebuilt afterwards
        return
    _touch({(type(instance), instance.pk)})


def _record_deleted(sender, instance, **kwargs) -> None:
    _touch({(type(instance), instance.pk)})


def _relations_changed(sender, instance, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear") and type(instance) in INDEXED:
        _touch({(type(instance), instance.pk)})


def _part_changed(sender, instance, raw=False, **kwargs) -> None:
    """Parts that show in another record's document: attachment text, agenda, names."""
    if raw:
        return
    if isinstance(instance, Attachment):
        _touch({(Product, instance.product_id)})
    elif isinstance(instance, Agenda):
        records = {(Vraagstuk, pk) for pk in instance.vraagstukken.values_list("pk", flat=True)}
        _touch(records | {(Werkplaats, instance.werkplaats_id)})
    elif isinstance(instance, WerkplaatsName | Membership):
        _touch({(Werkplaats, instance.werkplaats_id)})


def connect() -> None:
    for model in INDEXED:
        post_save.connect(_record_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(
            _record_deleted, sender=model, dispatch_uid=f"search-del-{model.__name__}"
        )
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _relations_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"search-m2m-{model.__name__}-{field.name}",
            )
    for model in (Attachment, Agenda, WerkplaatsName, Membership):
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"search-part-{model.__name__}")
        post_delete.connect(
            _part_changed, sender=model, dispatch_uid=f"search-part-del-{model.__name__}"
        )
