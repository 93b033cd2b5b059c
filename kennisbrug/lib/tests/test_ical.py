import datetime
from zoneinfo import ZoneInfo

import pytest

from kennisbrug.lib.ical import CalendarEvent, calendar, escape, fold

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_text_values_escape_commas_semicolons_backslashes_and_newlines():
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "coördinatie " * 20
    folded = fold(line)
    physical = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in physical)
    assert all(part.startswith(" ") for part in physical[1:])
    assert "".join(part[1:] if i else part for i, part in enumerate(physical)) == line


def test_a_calendar_has_one_vevent_per_event_in_utc_with_crlf_lines():
    start = datetime.datetime(2026, 3, 12, 9, 30, tzinfo=AMSTERDAM)
    text = calendar(
        [
            CalendarEvent(
                uid="event-1@kennisbrug",
                start=start,
                end=start + datetime.timedelta(hours=7),
                summary="Symposium: armoede, schulden en werk",
                location="Utrecht",
            )
        ],
        name="Kennisbrug",
    )

    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.count("BEGIN:VEVENT") == 1
    assert "DTSTART:20260312T083000Z" in text  # 09:30 in Amsterdam winter time is 08:30 UTC
    assert "SUMMARY:Symposium: armoede\\, schulden en werk" in text
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        calendar(
            [
                CalendarEvent(
                    uid="x",
                    start=datetime.datetime(2026, 1, 1),
                    end=datetime.datetime(2026, 1, 1),
                    summary="x",
                )
            ]
        )
