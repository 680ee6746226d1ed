"""The generic iCalendar export: all-day events, stable UIDs, whole-file writes."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest

from gkcli.core.errors import InputError
from gkcli.core.files import write_atomically
from gkcli.report.ics import Reminder, build_ics, reminder_uid, write_ics

STAMP = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
REMINDERS = [
    Reminder(
        reminder_uid("interpretation", "2026-09-30"),
        date(2026, 10, 10),
        "政策解读材料发布 截止",
        "依据：临政办发〔2016〕22号 二(一)4",
    ),
    Reminder(reminder_uid("request-reply", "2022-09-30"), date(2022, 11, 2), "依申请公开答复 截止"),
]


def _events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_uid_is_stable_and_depends_on_every_part() -> None:
    assert reminder_uid("a", "b") == reminder_uid("a", "b")
    assert reminder_uid("a", "b") != reminder_uid("a", "c")
    assert reminder_uid("ab", "c") != reminder_uid("a", "bc")
    assert reminder_uid("a").endswith("@gkcli")


def test_events_are_all_day_with_summary_and_description() -> None:
    events = _events(build_ics(REMINDERS, stamp=STAMP))
    assert [str(e["uid"]) for e in events] == [r.uid for r in REMINDERS]
    first, second = events
    assert first.decoded("dtstart") == date(2026, 10, 10)
    assert first.decoded("dtend") == date(2026, 10, 11)
    assert str(first["summary"]) == "政策解读材料发布 截止"
    assert str(first["description"]) == "依据：临政办发〔2016〕22号 二(一)4"
    assert "description" not in second
    assert b"DTSTART;VALUE=DATE:20261010" in build_ics(REMINDERS, stamp=STAMP)


def test_same_input_same_bytes() -> None:
    assert build_ics(REMINDERS, stamp=STAMP) == build_ics(REMINDERS, stamp=STAMP)


def test_calendar_header() -> None:
    document = icalendar.Calendar.from_ical(build_ics([], name="台账", stamp=STAMP))
    assert str(document["version"]) == "2.0"
    assert str(document["x-wr-calname"]) == "台账"


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "out"
    directory.mkdir()
    return directory


def test_write_ics_writes_the_whole_file(out_dir: Path) -> None:
    target = out_dir / "out.ics"
    assert write_ics(target, iter(REMINDERS), stamp=STAMP) == 2
    assert target.read_bytes() == build_ics(REMINDERS, stamp=STAMP)
    assert [p.name for p in out_dir.iterdir()] == ["out.ics"]


def test_new_file_gets_the_umask_mode_not_0600(tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    old = os.umask(0o022)
    try:
        write_atomically(target, b"x")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_failed_write_leaves_the_old_file_and_no_temporary(out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = out_dir / "out.ics"
    target.write_bytes(b"old")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(InputError) as caught:
        write_atomically(target, b"new")
    assert "out.ics" in caught.value.message("en") and "out.ics" in caught.value.message("zh")
    assert target.read_bytes() == b"old"
    assert [p.name for p in out_dir.iterdir()] == ["out.ics"]


def test_missing_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        write_ics(tmp_path / "no" / "such" / "out.ics", REMINDERS)
    assert caught.value.exit_code == 2
    assert "no/such/out.ics" in caught.value.message("en")
