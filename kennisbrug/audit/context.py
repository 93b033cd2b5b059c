"""Who is acting right now, for the audit log (set by the middleware and by commands)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    label: str
    user: Any = None


_current: ContextVar[Actor | None] = ContextVar("kennisbrug_actor", default=None)
SYSTEM = Actor("systeem")


def current_actor() -> Actor:
    return _current.get() or SYSTEM


@contextlib.contextmanager
def acting_as(label: str, user: Any = None) -> Iterator[None]:
    token = _current.set(Actor(label, user))
    try:
        yield
    finally:
        _current.reset(token)
