from __future__ import annotations


class LineError(Exception):
    """One problem in an input file (an import, the thesaurus), with the line and field at fault."""

    def __init__(self, line: int, field: str | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.field = field
        self.message = message

    def __str__(self) -> str:
        where = f"regel {self.line}" if self.line else "bestand"
        if self.field:
            where += f", veld {self.field}"
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
