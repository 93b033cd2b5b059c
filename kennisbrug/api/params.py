"""Strict reading of query parameters: a bad value is a 400 that names it, never a guess."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils.dateparse import parse_date, parse_datetime

from kennisbrug.api.errors import ApiError

MAX_TEXT = 200


def clean_text(name: str, value: str, max_length: int = MAX_TEXT) -> str:
    # NUL and other control characters are refused: PostgreSQL cannot even compare them.
    if any(ord(char) < 0x20 or 0xD800 <= ord(char) <= 0xDFFF for char in value):
        raise ApiError(400, f"Parameter {name!r} bevat stuurtekens.")
    if len(value) > max_length:
        raise ApiError(400, f"Parameter {name!r} is te lang (hoogstens {max_length} tekens).")
    return value


def text(request: HttpRequest, name: str, max_length: int = MAX_TEXT) -> str | None:
    value = request.GET.get(name)
    if value is None:
        return None
    return clean_text(name, value, max_length)


def texts(request: HttpRequest, name: str, limit: int = 30) -> list[str]:
    values = request.GET.getlist(name)
    if len(values) > limit:
        raise ApiError(400, f"Parameter {name!r} hoogstens {limit} keer.")
    return [clean_text(name, value) for value in values]


def integer(
    request: HttpRequest, name: str, default: int | None, minimum: int, maximum: int
) -> int | None:
    raw = request.GET.get(name)
    if raw is None:
        return default
    raw = clean_text(name, raw, 12)
    if not raw.strip().lstrip("-").isascii() or not raw.strip().lstrip("-").isdigit():
        raise ApiError(400, f"Parameter {name!r} moet een geheel getal zijn.")
    value = int(raw)
    if not minimum <= value <= maximum:
        raise ApiError(400, f"Parameter {name!r} moet tussen {minimum} en {maximum} liggen.")
    return value


def moment(request: HttpRequest, name: str) -> datetime.datetime | None:
    raw = text(request, name, 40)
    if raw is None:
        return None
    try:
        parsed = parse_datetime(raw)
        if parsed is None:
            day = parse_date(raw)
            parsed = datetime.datetime.combine(day, datetime.time()) if day else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise ApiError(400, f"Parameter {name!r}: verwacht een datum of tijdstip (ISO 8601).")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    try:
        # In UTC: PostgreSQL refuses offsets beyond its own range (+21:32 is valid ISO 8601).
        return parsed.astimezone(datetime.UTC)
    except OverflowError:
        raise ApiError(400, f"Parameter {name!r}: tijdstip buiten het bereik.") from None
