"""Field types of the import and export formats.

Each field turns a raw cell (a JSON value, or a string from CSV) into the value stored on the
model, and the stored value back into a cell. A bad value raises FieldError with a message in
the active language (Dutch on the command line, the reader's on a web page); the importer
adds the line number and field name.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from kennisbrug.interchange.lookups import Lookups, Unknown

LIST_SEPARATOR = "|"


class FieldError(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


class Field:
    """A scalar column stored on the model attribute ``attr``."""

    kind = "scalar"

    def __init__(self, name: str, attr: str | None = None, *, required: bool = False) -> None:
        self.name = name
        self.attr = attr or name
        self.required = required

    def parse(self, raw: Any, csv: bool, lookups: Lookups) -> Any:
        if is_empty(raw):
            if self.required:
                raise FieldError(_("verplicht veld ontbreekt"))
            return self.empty()
        return self.convert(raw, csv, lookups)

    def empty(self) -> Any:
        return ""

    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> Any:
        if not isinstance(raw, str | int | float):
            raise FieldError(_("verwacht tekst"))
        return str(raw).strip()

    def dump(self, obj: Any) -> Any:
        return getattr(obj, self.attr)


class Text(Field):
    def __init__(
        self,
        name: str,
        attr: str | None = None,
        *,
        required: bool = False,
        max_length: int | None = None,
    ) -> None:
        super().__init__(name, attr, required=required)
        self.max_length = max_length

    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> str:
        value = super().convert(raw, csv, lookups)
        if self.max_length and len(value) > self.max_length:
            raise FieldError(
                _("te lang: %(length)d tekens, hoogstens %(max)d")
                % {"length": len(value), "max": self.max_length}
            )
        return value


class Url(Text):
    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> str:
        value = super().convert(raw, csv, lookups)
        try:
            URLValidator()(value)
        except ValidationError:
            raise FieldError(_("geen geldige URL: %(value)s") % {"value": repr(value)}) from None
        return value


class Email(Text):
    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> str:
        value = super().convert(raw, csv, lookups)
        try:
            EmailValidator()(value)
        except ValidationError:
            raise FieldError(
                _("geen geldig e-mailadres: %(value)s") % {"value": repr(value)}
            ) from None
        return value


class Choice(Field):
    def __init__(
        self,
        name: str,
        choices: Any,
        attr: str | None = None,
        *,
        required: bool = False,
        default: str = "",
    ) -> None:
        super().__init__(name, attr, required=required)
        self.values = [value for value, _label in choices.choices]
        self.default = default

    def empty(self) -> str:
        return self.default

    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> str:
        value = super().convert(raw, csv, lookups)
        if value not in self.values:
            raise FieldError(
                _("onbekende waarde %(value)s; kies uit: %(choices)s")
                % {"value": repr(value), "choices": ", ".join(self.values)}
            )
        return value


class Integer(Field):
    def __init__(
        self,
        name: str,
        attr: str | None = None,
        *,
        required: bool = False,
        minimum: int = 0,
        maximum: int = 10_000,
    ) -> None:
        super().__init__(name, attr, required=required)
        self.minimum, self.maximum = minimum, maximum

    def empty(self) -> None:
        return None

    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> int:
        if isinstance(raw, bool):
            raise FieldError(_("verwacht een geheel getal"))
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise FieldError(
                _("verwacht een geheel getal, niet %(raw)s") % {"raw": repr(raw)}
            ) from None
        if not self.minimum <= value <= self.maximum:
            raise FieldError(
                _("%(value)s ligt niet tussen %(minimum)s en %(maximum)s")
                % {"value": value, "minimum": self.minimum, "maximum": self.maximum}
            )
        return value


class Boolean(Field):
    WORDS = {"true": True, "ja": True, "1": True, "false": False, "nee": False, "0": False}

    def empty(self) -> bool:
        return False

    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> bool:
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        if word not in self.WORDS:
            raise FieldError(_("verwacht ja of nee, niet %(raw)s") % {"raw": repr(raw)})
        return self.WORDS[word]

    def dump(self, obj: Any) -> bool:
        return bool(getattr(obj, self.attr))


class Date(Field):
    """A date; a bare year means 1 January, or 31 December for the end of a period."""

    def __init__(
        self,
        name: str,
        attr: str | None = None,
        *,
        required: bool = False,
        period_end: bool = False,
    ) -> None:
        super().__init__(name, attr, required=required)
        self.period_end = period_end

    def empty(self) -> None:
        return None

    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> datetime.date:
        text = str(raw).strip()
        if re.fullmatch(r"\d{4}", text):
            year = int(text)
            return datetime.date(year, 12, 31) if self.period_end else datetime.date(year, 1, 1)
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise FieldError(
                _("verwacht een datum als JJJJ-MM-DD, niet %(raw)s") % {"raw": repr(raw)}
            ) from None

    def dump(self, obj: Any) -> str | None:
        value = getattr(obj, self.attr)
        return value.isoformat() if value else None


class StringList(Field):
    """A list of strings (JSON array, or |-separated in CSV)."""

    def empty(self) -> list:
        return []

    def items(self, raw: Any, csv: bool) -> list[str]:
        if isinstance(raw, str) and csv:
            raw = raw.split(LIST_SEPARATOR)
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            raise FieldError(_("verwacht een lijst van teksten"))
        seen: list[str] = []
        for item in raw:
            item = item.strip()
            if item and item not in seen:
                seen.append(item)
        return seen

    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> list[str]:
        return self.items(raw, csv)


class Ref(Field):
    """A reference to one record by a human key; stored as the foreign key id."""

    def __init__(
        self,
        name: str,
        target: str,
        attr: str | None = None,
        *,
        required: bool = False,
        show: str = "name",
    ) -> None:
        super().__init__(name, attr or f"{name}_id", required=required)
        self.target = target
        self.show = show

    def empty(self) -> None:
        return None

    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> int:
        try:
            return lookups.resolve(self.target, super().convert(raw, csv, lookups))
        except Unknown as exc:
            raise FieldError(str(exc)) from None

    def dump(self, obj: Any) -> str | None:
        related = getattr(obj, self.attr.removesuffix("_id"))
        return getattr(related, self.show) if related is not None else None


class RefList(StringList):
    """A many-to-many reference list, stored with ``.set()`` after the row is saved."""

    kind = "m2m"

    def __init__(
        self, name: str, target: str, attr: str | None = None, *, show: str = "name"
    ) -> None:
        super().__init__(name, attr)
        self.target = target
        self.show = show

    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> list[int]:
        pks = []
        for item in self.items(raw, csv):
            try:
                pks.append(lookups.resolve(self.target, item))
            except Unknown as exc:
                raise FieldError(str(exc)) from None
        return pks

    def dump(self, obj: Any) -> list[str]:
        return [getattr(item, self.show) for item in getattr(obj, self.attr).all()]


class Constant(Field):
    """A column that must be empty or hold one fixed value; it is not stored."""

    kind = "ignored"

    def __init__(self, name: str, value: str) -> None:
        super().__init__(name)
        self.value = value

    def convert(self, raw: Any, csv: bool, lookups: Lookups) -> str:
        text = super().convert(raw, csv, lookups)
        if text != self.value:
            raise FieldError(_("moet leeg zijn of %(value)s") % {"value": repr(self.value)})
        return text

    def dump(self, obj: Any) -> str:
        return self.value


class SelfRef(Text):
    """A reference to another row of the same entity (a parent); the importer resolves it."""

    def __init__(self, name: str, show: str) -> None:
        super().__init__(name)
        self.show = show

    def dump(self, obj: Any) -> str | None:
        related = getattr(obj, self.attr)
        return getattr(related, self.show) if related is not None else None


class SourcedRef(Text):
    """A reference by source_id within the row's own source; the entity's derive resolves it."""

    kind = "derived"

    def dump(self, obj: Any) -> str | None:
        related = getattr(obj, self.attr)
        return related.source_id if related is not None else None
