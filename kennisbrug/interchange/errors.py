from __future__ import annotations

from django.utils.translation import gettext as _


class LineError(Exception):
    """One problem in an input file (an import, the thesaurus), with the line and field at fault."""

    def __init__(self, line: int, field: str | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.field = field
        self.message = message

    def __str__(self) -> str:
        # In the reader's language on a web page; the command line speaks Dutch (LANGUAGE_CODE).
        where = _("regel %(line)d") % {"line": self.line} if self.line else _("bestand")
        if self.field:
            where += ", " + _("veld %(field)s") % {"field": self.field}
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    """A file was refused; nothing was written. Holds every problem found (up to a limit)."""

    def __init__(self, filename: str, errors: list[LineError]) -> None:
        self.filename = filename
        self.errors = errors
        super().__init__(self.describe())

    def describe(self) -> str:
        lines = [f"{self.filename}: {error}" for error in self.errors]
        return "\n".join(lines)
