"""The records the bridge joins, addressed as (kind, object id) like the search index does."""

from __future__ import annotations

from django.db.models import Model, Q

from kennisbrug.bridge.models import ItemKind
from kennisbrug.interventions.models import Intervention
from kennisbrug.products.models import Product
from kennisbrug.projects.models import Project

MODELS: dict[str, type[Model]] = {
    ItemKind.PRODUCT: Product,
    ItemKind.PROJECT: Project,
    ItemKind.INTERVENTION: Intervention,
}
KIND_OF = {model: kind for kind, model in MODELS.items()}


class AmbiguousSourceId(Exception):
    def __init__(self, matches: list[Model]):
        self.matches = matches
        super().__init__(", ".join(f"{KIND_OF[type(m)]} {m.source}/{m.source_id}" for m in matches))


def kind_of(obj: Model) -> str:
    return str(KIND_OF[type(obj)])


def get(kind: str, object_id: int) -> Model | None:
    model = MODELS.get(kind)
    if model is None:
        return None
    return model._default_manager.filter(pk=object_id).first()


def public(obj: Model) -> bool:
    """Whether the public may see this record (and so a link to it)."""
    if isinstance(obj, Product):
        return obj.status == Product.Status.PUBLISHED
    return True


def by_source_id(source_id: str, source: str | None = None) -> Model | None:
    """A product, project or intervention by its id at the source ("wsd-noord:prod-001",
    "DESI-1042"); ``source`` (or "source/source_id") settles an id two sources share."""
    if source is None and "/" in source_id:
        source, source_id = source_id.split("/", 1)
    wanted = Q(source_id=source_id) & (Q(source=source) if source else Q())
    matches = [m for model in MODELS.values() for m in model._default_manager.filter(wanted)]
    if len(matches) > 1:
        raise AmbiguousSourceId(matches)
    return matches[0] if matches else None


def werkplaats_id(obj: Model) -> int | None:
    return getattr(obj, "werkplaats_id", None)
