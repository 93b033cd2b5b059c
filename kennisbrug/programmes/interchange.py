"""How programmes and external projects look in import files (see docs/import-formats.md)."""

from __future__ import annotations

from typing import Any

from kennisbrug.interchange import fields as f
from kennisbrug.interchange.lookups import Lookups
from kennisbrug.programmes.models import Programme


class ProgrammeRef(f.Text):
    """The programme of a project, by its slug; resolved by ``external_project_derive``."""

    kind = "derived"

    def dump(self, obj: Any) -> str:
        return obj.programme.slug


def external_project_derive(values: dict[str, Any], lookups: Lookups) -> dict[str, Any]:
    slug = values["programme"]
    pk = Programme.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if pk is None:
        raise f.FieldError(
            f"onbekend programma {slug!r}; importeer eerst de programmes", "programme"
        )
    return {"programme_id": pk}
