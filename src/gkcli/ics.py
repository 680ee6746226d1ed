"""iCalendar (RFC 5545) export of all-day reminders (SPEC §6: ``--ics FILE``).

Generic: ``deadline --ics``, ``ledger annotate --ics`` and ``holidays export`` build a
list of ``Reminder`` and call ``write_ics``. UIDs are derived from what the event is
about (``reminder_uid``), so exporting the same deadlines twice gives the same UIDs and a
calendar application updates its events instead of duplicating them. The file is written
whole or not at all (SPEC §8). ``icalendar`` is imported only when a document is built.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from .errors import InputError

__all__ = ["Reminder", "reminder_uid", "build_ics", "write_ics", "write_atomically"]

PRODUCT_ID = "-//gkcli//Government disclosure deadlines//ZH"
UID_DOMAIN = "gkcli"


@dataclass(frozen=True)
class Reminder:
    """One all-day event: ``date`` is the day it falls on (a deadline's last day);
    ``last``, when given, is the last day of an event that spans several days (a holiday period)."""

    uid: str
    date: date
    summary: str
    description: str = ""
    last: date | None = None


def reminder_uid(*parts: str) -> str:
    """A stable UID from the parts that identify an event (e.g. rule id, trigger, row id)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


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
    for reminder in reminders:
        event = Event()
        event.add("uid", reminder.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", reminder.date)
        event.add("dtend", (reminder.last or reminder.date) + timedelta(days=1))
        event.add("summary", reminder.summary)
        if reminder.description:
            event.add("description", reminder.description)
        event.add("transp", "TRANSPARENT")
        document.add_component(event)
    return document.to_ical()


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a temporary file in the same
    directory, flushed to disk, then renamed over ``path`` (SPEC §8)."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    temporary: str | None = None
    try:
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _new_file_mode(target))
        os.replace(temporary, target)
        temporary = None
    except OSError as exc:
        raise InputError(
            f"cannot write {target}: {exc.strerror or exc}; check that the directory exists and is writable",
            f"无法写入 {target}：{exc.strerror or exc}；请检查目录是否存在、是否可写",
        ) from None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


def _new_file_mode(target: Path) -> int:
    """The mode an ordinary ``open(target, "w")`` would give: the existing file's mode,
    else 0o666 less the umask (``mkstemp`` alone would leave 0o600)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_ics(path: Path, reminders: Iterable[Reminder], *, name: str = "gkcli", stamp: datetime | None = None) -> int:
    """Write ``reminders`` to the iCalendar file ``path`` atomically; returns how many."""
    events = list(reminders)
    write_atomically(path, build_ics(events, name=name, stamp=stamp))
    return len(events)
