"""Read CBS's published municipality table ("Gemeentelijke indeling op 1 januari").

CBS publishes it with Dutch column names; this turns each line into a ``municipalities`` row.
Other columns are ignored. See docs/import-formats.md.
"""

from __future__ import annotations

from collections.abc import Iterator

from kennisbrug.interchange.errors import LineError
from kennisbrug.interchange.readers import read_csv

CODE_COLUMNS = ("GemeentecodeGM", "Gemeentecode")
PROVINCE_COLUMNS = ("ProvinciecodePV", "Provinciecode", "Provincienaam")


def _first(row: dict, columns: tuple[str, ...]) -> tuple[str | None, str]:
    for column in columns:
        value = (row.get(column) or "").strip()
        if value:
            return column, value
    return None, ""


def normalise_code(value: str, prefix: str, width: int) -> str:
    digits = value.upper().removeprefix(prefix)
    if not digits.isdigit():
        raise ValueError(value)
    return f"{prefix}{int(digits):0{width}d}"


def cbs_rows(text: str) -> Iterator[tuple[int, dict]]:
    for line, row in read_csv(text):
        column, code = _first(row, CODE_COLUMNS)
        if column is None:
            raise LineError(
                line, "GemeentecodeGM", "kolom GemeentecodeGM of Gemeentecode ontbreekt"
            )
        try:
            code = normalise_code(code, "GM", 4)
        except ValueError:
            raise LineError(line, column, f"geen gemeentecode: {code!r}") from None
        column, province = _first(row, PROVINCE_COLUMNS)
        if column is None:
            raise LineError(
                line, "ProvinciecodePV", "kolom ProvinciecodePV of Provincienaam ontbreekt"
            )
        if column == "Provinciecode":
            try:
                province = normalise_code(province, "PV", 2)
            except ValueError:
                raise LineError(line, column, f"geen provinciecode: {province!r}") from None
        yield (
            line,
            {"code": code, "name": (row.get("Gemeentenaam") or "").strip(), "province": province},
        )
