"""iCalendar (RFC 5545) export of all-day reminders (docs/design.md §6: ``--ics FILE``).

Generic: ``deadline --ics``, ``ledger annotate --ics``, ``ledger due --ics`` and ``holidays export`` build a
list of ``Reminder`` and call ``write_ics``. UIDs are derived from what the event is
about (``reminder_uid``), so exporting the same deadlines twice gives the same UIDs and a
calendar application updates its events instead of duplicating them. The file is written
whole or not at all (docs/design.md §8). ``icalendar`` is imported only when a document is built.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from gkcli.calendar.index import WorkCalendar
from gkcli.core.files import write_atomically

if TYPE_CHECKING:
    from icalendar import Alarm

__all__ = ["ALARM_HOUR", "Reminder", "build_ics", "reminder_uid", "with_alarms", "write_ics"]

PRODUCT_ID = "-//gkcli//Government disclosure deadlines//ZH"
UID_DOMAIN = "gkcli"


@dataclass(frozen=True)
class Reminder:
    """One all-day event: ``date`` is the day it falls on (a deadline's last day);
    ``last``, when given, is the last day of an event that spans several days (a holiday period);
    ``alarm``, when given, is the day a calendar application alerts, at ``ALARM_HOUR`` (``--alarm``).
    (``dt.date`` in the annotations: the field ``date`` would shadow the type.)"""

    uid: str
    date: dt.date
    summary: str
    description: str = ""
    last: dt.date | None = None
    alarm: dt.date | None = None


def reminder_uid(*parts: str) -> str:
    """A stable UID from the parts that identify an event (e.g. rule id, trigger, row id)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def _unique_uid(uid: str, seen: dict[str, int]) -> str:
    """``uid``, or for its n-th repeat in one document ``uid`` with ``-n`` before the ``@``:
    two identical batch lines are two events, and exporting again gives the same UIDs."""
    seen[uid] = count = seen.get(uid, 0) + 1
    if count == 1:
        return uid
    local, at, domain = uid.partition("@")
    return f"{local}-{count}{at}{domain}"


def build_ics(reminders: Iterable[Reminder], *, name: str = "gkcli", stamp: datetime | None = None) -> bytes:
    """The iCalendar document holding ``reminders`` as all-day events, in the given order.

    ``stamp`` is the DTSTAMP of every event (default: now, UTC); pass a fixed one for a
    byte-identical document."""
    from icalendar import Calendar, Event

    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    document = Calendar()
    document.add("prodid", PRODUCT_ID)
    document.add("version", "2.0")
    document.add("calscale", "GREGORIAN")
    document.add("x-wr-calname", name)
    seen: dict[str, int] = {}
    for reminder in reminders:
        event = Event()
        event.add("uid", _unique_uid(reminder.uid, seen))
        event.add("dtstamp", stamp)
        event.add("dtstart", reminder.date)
        event.add("dtend", (reminder.last or reminder.date) + timedelta(days=1))
        event.add("summary", reminder.summary)
        if reminder.description:
            event.add("description", reminder.description)
        if reminder.alarm is not None:
            event.add_component(_alarm(reminder))
        event.add("transp", "TRANSPARENT")
        document.add_component(event)
    ical: bytes = document.to_ical()  # Component.to_ical has no return annotation
    return ical


ALARM_HOUR = 9
"""The hour (local time of the calendar application) at which an alarm goes off."""


def _alarm(reminder: Reminder) -> Alarm:
    """A VALARM at ``ALARM_HOUR`` on ``reminder.alarm``, relative to the all-day event's start."""
    from icalendar import Alarm

    assert reminder.alarm is not None
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", reminder.summary)
    alarm.add("trigger", timedelta(days=(reminder.alarm - reminder.date).days, hours=ALARM_HOUR))
    return alarm


def with_alarms(reminders: Iterable[Reminder], calendar: WorkCalendar, workdays_before: int) -> list[Reminder]:
    """``reminders``, each with an alarm ``workdays_before`` working days before its day on
    ``calendar`` (on the day itself for 0): ``--alarm N``."""
    return [
        replace(
            reminder, alarm=calendar.add_workdays(reminder.date, -workdays_before) if workdays_before else reminder.date
        )
        for reminder in reminders
    ]


def write_ics(path: Path, reminders: Iterable[Reminder], *, name: str = "gkcli", stamp: datetime | None = None) -> int:
    """Write ``reminders`` to the iCalendar file ``path`` atomically; returns how many."""
    events = list(reminders)
    write_atomically(path, build_ics(events, name=name, stamp=stamp))
    return len(events)
