"""Demo data of the dissemination apps (events, news, newsletter), built in Python because its
dates are relative to the day it is loaded: upcoming events stay upcoming."""

from __future__ import annotations


def load() -> None:
    from kennisbrug.events import demo as events

    events.load()
