"""Typed readers for settings from the environment.

Each helper returns a laptop-safe default when the variable is unset and raises
``ValueError`` with the variable's name when it is set to something malformed,
so a typo in production fails at start-up instead of silently using a default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

TRUE_WORDS = {"1", "true", "yes", "on", "ja"}
FALSE_WORDS = {"0", "false", "no", "off", "nee", ""}


def env_str(name: str, default: str = "", environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    return environ.get(name, default)


def env_bool(name: str, default: bool = False, environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    if name not in environ:
        return default
    value = environ[name].strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ValueError(f"{name} must be true or false, not {environ[name]!r}")


def env_int(name: str, default: int, environ: Mapping[str, str] | None = None) -> int:
    environ = os.environ if environ is None else environ
    if name not in environ:
        return default
    try:
        return int(environ[name])
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {environ[name]!r}") from None


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    environ = os.environ if environ is None else environ
    if name not in environ:
        return list(default)
    return [part.strip() for part in environ[name].split(",") if part.strip()]


def env_secret(name: str, default: str = "", environ: Mapping[str, str] | None = None) -> str:
    """Read a secret from NAME, or from the file named by NAME_FILE (Docker/K8s secrets)."""
    environ = os.environ if environ is None else environ
    path = environ.get(f"{name}_FILE")
    if path:
        try:
            with open(path, encoding="utf-8") as fh:
                return fh.read().strip()
        except OSError as exc:
            raise ValueError(
                f"{name}_FILE points to {path!r}, which cannot be read: {exc}"
            ) from None
    return environ.get(name, default)


def parse_database_url(url: str) -> dict[str, object]:
    """Turn ``sqlite:///path`` or ``postgres://user:pw@host:port/name`` into Django's form.

    Only the two engines Kennisbrug supports are accepted.
    """
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative/path.db and sqlite:////absolute/path.db
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if not path:
            raise ValueError(
                "DATABASE_URL for SQLite needs a file path: sqlite:///var/kennisbrug.db"
            )
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path}
    if parts.scheme in {"postgres", "postgresql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ValueError("DATABASE_URL for PostgreSQL needs a database name after the host")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
        }
    raise ValueError(
        f"DATABASE_URL must start with sqlite:// or postgres://, not {parts.scheme or url!r}"
    )
