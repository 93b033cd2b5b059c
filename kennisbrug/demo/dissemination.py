"""Demo data of the dissemination apps (events, news, newsletter), built in Python because its
dates are relative to the day it is loaded: upcoming events stay upcoming."""

from __future__ import annotations


def load() -> None:
    from kennisbrug.events import demo as events
    from kennisbrug.news import demo as news
    from kennisbrug.newsletter import demo as newsletter

    events.load()
    news.load()
    newsletter.load()  # composed from the events and news above
