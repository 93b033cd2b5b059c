"""Import field types the ledger needs beyond the interchange's own: decimals and references."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from kennisbrug.interchange.fields import Field, FieldError, Text
from kennisbrug.interchange.lookups import Lookups


class DecimalNumber(Field):
    """An exact, non-negative amount; accepts 1234.50, 1234,50 and 1.234,50 (Dutch)."""

    def __init__(
        self, name: str, *, places: int = 2, required: bool = False, blank_is_none: bool = False
    ) -> None:
        super().__init__(name, required=required)
        self.places = places
        self.blank_is_none = blank_is_none

    def empty(self) -> Decimal | None:
        return None if self.blank_is_none else Decimal("0")

    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> Decimal:
        if isinstance(raw, bool):
            raise FieldError(_("verwacht een getal"))
        if isinstance(raw, float):
            raw = repr(raw)  # a spreadsheet's 1234.5, not its binary neighbour
        text = str(raw).strip().replace("€", "").replace(" ", "")
        if "," in text:
            # Dutch notation: dots group thousands, the comma separates decimals.
            text = text.replace(".", "").replace(",", ".")
        if not re.fullmatch(r"-?\d+(\.\d+)?", text):
            raise FieldError(
                _("verwacht een bedrag of aantal zoals 1234,50, niet %(raw)s") % {"raw": repr(raw)}
            )
        try:
            value = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern above rules this out
            raise FieldError(_("geen getal: %(raw)s") % {"raw": repr(raw)}) from None
        if value < 0:
            raise FieldError(_("mag niet negatief zijn"))
        if -value.as_tuple().exponent > self.places:
            raise FieldError(
                _("hoogstens %(places)d cijfers achter de komma") % {"places": self.places}
            )
        return value

    def dump(self, obj: Any) -> str | None:
        value = getattr(obj, self.attr)
        return None if value is None else format(value, "f")


class PeriodRef(Text):
    """A funding period by its code (2023-2026)."""

    def __init__(self, name: str, *, required: bool = False) -> None:
        super().__init__(name, f"{name}_id", required=required)

    def empty(self) -> None:
        return None

    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> int:
        from kennisbrug.monitoring.models import FundingPeriod

        code = str(raw).strip().replace("–", "-")
        pk = FundingPeriod.objects.filter(slug=code).values_list("pk", flat=True).first()
        if pk is None:
            known = ", ".join(FundingPeriod.objects.values_list("slug", flat=True)) or _("geen")
            raise FieldError(
                _("onbekende periode %(code)s; bekend zijn: %(known)s")
                % {"code": repr(code), "known": known}
            )
        return pk

    def dump(self, obj: Any) -> str | None:
        return obj.period.slug if obj.period_id else None


class ProjectRef(Text):
    """A project by its source_id."""

    def __init__(self, name: str, *, required: bool = False) -> None:
        super().__init__(name, f"{name}_id", required=required)

    def empty(self) -> None:
        return None

    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> int:
        from kennisbrug.projects.models import Project

        source_id = str(raw).strip()
        pks = list(Project.objects.filter(source_id=source_id).values_list("pk", flat=True)[:2])
        if not pks:
            raise FieldError(
                _("onbekend project %(id)s (gezocht als source_id)") % {"id": repr(source_id)}
            )
        if len(pks) > 1:
            raise FieldError(
                _("%(id)s is niet eenduidig: meer bronnen gebruiken dit id")
                % {"id": repr(source_id)}
            )
        return pks[0]

    def dump(self, obj: Any) -> str | None:
        return obj.project.source_id if obj.project_id else None
