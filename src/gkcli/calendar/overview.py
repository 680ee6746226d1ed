"""The calendar in force, summarised: a year's holiday periods and make-up days with their
sources (``holidays list``, ``holidays export -f ics``), the covered years (``holidays
status``) and month grids (``cal``). Front ends only render these (docs/design.md §2, §6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from gkcli.calendar.index import DayInfo, DayKind, WorkCalendar
from gkcli.calendar.runs import day_runs
from gkcli.calendar.yeardata import YearData

__all__ = [
    "CalendarEntry",
    "CoverageStatus",
    "MonthGrid",
    "MonthRun",
    "coverage_status",
    "data_entries",
    "first_uncovered_year",
    "month_grids",
    "year_entries",
]

NOTICE_MONTH = 11
"""The State Council usually publishes next year's arrangement in November."""


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """A holiday period or a make-up day as the calendar in force has it."""

    kind: DayKind
    name: str
    start: date
    end: date
    source: YearData | None
    provisional: bool

    @property
    def days(self) -> int:
        """How many days the entry spans."""
        return (self.end - self.start).days + 1

    @property
    def source_text(self) -> str:
        """The citation of the entry's source, empty when none is known."""
        return self.source.source if self.source else ""

    def record(self) -> dict[str, object]:
        """The entry as a JSON-ready record."""
        return {
            "kind": self.kind.value,
            "name": self.name,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days": self.days,
            "source": self.source_text,
            "provisional": self.provisional,
        }


def _entry(first: DayInfo, last: DayInfo) -> CalendarEntry:
    """A run from ``first`` to ``last``; its source is its last day's (an extension or a New
    Year period announced with the following year)."""
    return CalendarEntry(last.kind, last.name, first.date, last.date, last.source, last.provisional)


def year_entries(calendar: WorkCalendar, year: int) -> list[CalendarEntry]:
    """The holiday periods (consecutive days off of one festival) and make-up days (each on its
    own) that touch ``year``, in date order. A period that crosses New Year is whole when the
    neighbouring year is covered."""
    first = date(year - 1, 12, 1) if calendar.is_covered(year - 1) else date(year, 1, 1)
    last = date(year + 1, 1, 31) if calendar.is_covered(year + 1) else date(year, 12, 31)
    infos = {info.date: info for info in calendar.days(first, last) if info.kind in (DayKind.HOLIDAY, DayKind.MAKEUP)}
    holidays = day_runs((day, info.name) for day, info in infos.items() if info.kind is DayKind.HOLIDAY)
    entries = [_entry(infos[run.first], infos[run.last]) for run in holidays]
    entries += [_entry(info, info) for info in infos.values() if info.kind is DayKind.MAKEUP]
    entries.sort(key=lambda entry: entry.start)
    return [entry for entry in entries if entry.end.year >= year and entry.start.year <= year]


def data_entries(data: YearData) -> list[CalendarEntry]:
    """The holiday periods and make-up days of one year's data, in date order (what
    ``holidays update`` shows before it writes)."""
    entries = [CalendarEntry(DayKind.HOLIDAY, p.name, p.start, p.end, data, False) for p in data.holidays]
    entries += [CalendarEntry(DayKind.MAKEUP, m.name, m.date, m.date, data, False) for m in data.makeup_workdays]
    return sorted(entries, key=lambda entry: entry.start)


@dataclass(frozen=True, slots=True)
class CoverageStatus:
    """Which years the calendar covers, from which source, and what is missing."""

    years: tuple[YearData, ...]
    missing_upcoming: int | None
    """Next year, when it is November or December (Beijing) and next year has no official arrangement."""

    @property
    def official_years(self) -> tuple[int, ...]:
        return tuple(data.year for data in self.years if not data.provisional)

    @property
    def provisional_years(self) -> tuple[int, ...]:
        return tuple(data.year for data in self.years if data.provisional)

    def records(self) -> list[dict[str, object]]:
        """One JSON-ready record a covered year."""
        return [
            {"year": data.year, "source": data.source, "origin": data.origin, "provisional": data.provisional}
            for data in self.years
        ]


def first_uncovered_year(calendar: WorkCalendar) -> int:
    """The first year after the earliest covered one that no source covers: the year a new
    arrangement is wanted for (``holidays update``)."""
    covered = set(calendar.coverage)
    year = min(covered)
    while year in covered:
        year += 1
    return year


def coverage_status(calendar: WorkCalendar, today: date) -> CoverageStatus:
    """The calendar's coverage as of ``today`` (a Beijing date)."""
    years = tuple(calendar.coverage.values())
    official = {data.year for data in years if not data.provisional}
    upcoming = today.year + 1
    missing = upcoming if today.month >= NOTICE_MONTH and upcoming not in official else None
    return CoverageStatus(years, missing)


@dataclass(frozen=True, slots=True)
class MonthRun:
    """Consecutive days of one month with the same kind and festival name (holidays and make-up days only)."""

    kind: DayKind
    name: str
    first: date
    last: date


@dataclass(frozen=True, slots=True)
class MonthGrid:
    """The days of one calendar month, as the calendar knows them."""

    year: int
    month: int
    days: tuple[DayInfo, ...]

    @property
    def provisional(self) -> bool:
        """Whether the month's year has only a provisional arrangement."""
        return self.days[0].provisional

    def weeks(self) -> list[list[DayInfo | None]]:
        """Monday-first rows of seven, ``None`` outside the month."""
        cells: list[DayInfo | None] = [None] * self.days[0].date.weekday() + list(self.days)
        cells += [None] * (-len(cells) % 7)
        return [cells[row : row + 7] for row in range(0, len(cells), 7)]

    def runs(self) -> list[MonthRun]:
        """The month's holidays and make-up days, grouped into runs."""
        special = ((info.date, (info.kind, info.name)) for info in self.days if info.kind in _SPECIAL)
        return [MonthRun(run.key[0], run.key[1], run.first, run.last) for run in day_runs(special)]


_SPECIAL = (DayKind.HOLIDAY, DayKind.MAKEUP)


def month_grids(calendar: WorkCalendar, year: int, month: int | None = None) -> list[MonthGrid]:
    """The month ``month`` of ``year``, or all twelve; CalendarOutOfRange for an uncovered year."""
    first = date(year, month or 1, 1)
    last = date(year + (month or 12) // 12, (month or 12) % 12 + 1, 1) - timedelta(1)
    days = list(calendar.days(first, last))
    return [
        MonthGrid(year, number, tuple(d for d in days if d.date.month == number))
        for number in range(first.month, last.month + 1)
    ]
