"""Facts about one day and about the sources a result rests on, as every front end states them:
what ``gkcli workdays is`` answers (the typer-free fast path and the typer command alike),
a day's label and record, and the notes on provisional years and the user's own data (docs/design.md §2.3)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple

from gkcli.calendar.index import DayInfo, DayKind, WorkCalendar
from gkcli.calendar.sources import CalendarOptions, load_calendar
from gkcli.core.config import Settings
from gkcli.core.dates import parse_date
from gkcli.core.i18n import PROVISIONAL_LABEL, Lang, LangLike, format_day, kind_label, weekday_label

__all__ = ["DayAnswer", "calendar_notes", "day_record", "describe_day", "result_day_text"]


class DayAnswer(NamedTuple):
    """The answer of ``gkcli workdays is``: exit status, stdout line, record, stderr notes."""

    working: bool
    line: str
    record: dict[str, object]
    notes: list[str]


def describe_day(settings: Settings, text: str, lang: LangLike, calendar: WorkCalendar | None = None) -> DayAnswer:
    """Whether the day ``text`` is a working day, with its human line, record and notes;
    asked of ``calendar`` when given (a server's, loaded once), else of the settings' calendar."""
    if calendar is None:
        calendar = load_calendar(CalendarOptions.from_settings(settings))
    info = calendar.day_info(parse_date(text))
    line = f"{format_day(info.date, lang)} {kind_label(info.kind.value, lang)}"
    if info.name:
        line += f" {info.name}"
    if info.provisional:
        line += f" [{PROVISIONAL_LABEL[lang]}]"
    record = day_record(info, ("date", "working", "kind", "name", "source", "provisional"))
    notes = calendar_notes(
        calendar, settings.user_holidays_dir, info.date, info.date, lang, site_dir=settings.site_holidays_dir
    )
    return DayAnswer(info.is_working, line, record, notes)


def result_day_text(info: DayInfo, lang: LangLike, clock: str = "") -> str:
    """A result's day as an answer shows it: ``2026-10-09 (Fri)``, and for a make-up working
    day or a holiday its label, so a Saturday due date is not taken for a slip and moved to
    Monday, and a due instant inside a holiday is seen as one: ``2026-10-10（周六，国庆节调休上班）``
    / ``2026-10-10 (Sat, make-up working day for 国庆节)``, ``2026-10-03 22:30 (Sat, holiday for
    国庆节)`` (docs/design.md §2.1). ``clock`` (``22:30``) follows the date for a result with an
    exact instant. The command line's first line and the web page both use it."""
    when = f"{info.date.isoformat()} {clock}" if clock else info.date.isoformat()
    weekday = weekday_label(info.date, lang)
    if info.kind not in (DayKind.MAKEUP, DayKind.HOLIDAY):
        return f"{when} ({weekday})"
    if Lang(lang) is Lang.zh:
        return f"{when}（{weekday}，{info.name}{kind_label(info.kind.value, lang)}）"
    label = kind_label(info.kind.value, lang) + (f" for {info.name}" if info.name else "")
    return f"{when} ({weekday}, {label})"


def day_record(info: DayInfo, fields: Sequence[str] | None = None) -> dict[str, object]:
    """A day as a JSON-ready record: ``date`` (ISO), ``weekday`` (ISO, 1 = Monday), ``kind``,
    ``working``, ``name`` (the festival), ``source`` (its citation) and ``provisional``;
    only ``fields``, in that order, when given."""
    record: dict[str, object] = {
        "date": info.date.isoformat(),
        "weekday": info.date.isoweekday(),
        "kind": info.kind.value,
        "working": info.is_working,
        "name": info.name,
        "source": info.source.source if info.source else "",
        "provisional": info.provisional,
    }
    return record if fields is None else {field: record[field] for field in fields}


def calendar_notes(
    calendar: WorkCalendar,
    user_dir: Path,
    start: date,
    end: date,
    lang: LangLike,
    warned: set[int] | None = None,
    site_dir: Path | None = None,
) -> list[str]:
    """One stderr line for each year between ``start`` and ``end`` that is provisional
    (docs/design.md §2.3), or counted on imported data in the user's or the site-wide directory
    (named with its file). ``warned`` holds the years already reported in this run, so a batch
    says each once."""
    imported_dirs = [d for d in (user_dir, site_dir) if d is not None]
    warned = set() if warned is None else warned
    notes = []
    for year in range(min(start.year, end.year), max(start.year, end.year) + 1):
        data = calendar.year_data(year)
        if year in warned or data is None:
            continue
        warned.add(year)
        if data.provisional:
            notes.append(
                f"警告：{year}年尚无官方节假日安排，结果为临时推算。"
                if lang == Lang.zh
                else f"warning: {year} has no official arrangement; the result is provisional."
            )
        elif data.origin and any(Path(data.origin).is_relative_to(d) for d in imported_dirs):
            notes.append(
                f"注意：{year}年按 {data.source}（{data.origin}）计算。"
                if lang == Lang.zh
                else f"note: {year} counted on {data.source} ({data.origin})."
            )
    return notes
