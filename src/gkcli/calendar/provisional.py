"""Statutory holidays of 《全国年节及纪念日放假办法》 Art. 2, computed for any year.

For a year no source covers, ``--provisional`` counts with these days off, the weekend
compensation of Art. 6 and no make-up working days (docs/design.md §2.3); ``gkcli holidays verify``
checks that each official arrangement gives at least the Art. 2 days off. The revisions and
their days live in ``data/statutory-holidays.toml``; lunar dates come from the ``lunardate``
package and 清明 (a solar term) from chinese-calendar's solar-term table.

Art. 6 (全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假), as gkcli applies it: the
statutory days form holiday periods (runs of consecutive statutory days, whatever festival);
for each day of a period that is a Saturday or Sunday, the next weekday (Mon–Fri) after the
period that is not already off becomes a day off named after that day's festival. A day two
festivals share counts once. Only the all-citizen festivals of Art. 2 are compensated (Art. 6
gives none for the part-citizen days of Art. 3).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from gkcli.calendar.runs import day_runs
from gkcli.calendar.yeardata import YearData, group_periods
from gkcli.core import DATA_DIR

__all__ = [
    "PROVISIONAL_ORIGIN",
    "Revision",
    "StatutoryDay",
    "compensation_days",
    "provisional_year",
    "revision_for",
    "revisions",
    "statutory_days",
]

PROVISIONAL_ORIGIN = "statutory holidays (provisional)"


@dataclass(frozen=True)
class StatutoryDay:
    """One festival of Art. 2: where its first day falls and how many days off it gives."""

    name: str
    rule: str
    days: int
    month: int = 0
    day: int = 0
    term: str = ""
    start_offset: int = 0

    def first_day(self, year: int) -> date:
        """The festival's first day off in ``year``."""
        if self.rule == "solar":
            anchor = date(year, self.month, self.day)
        elif self.rule == "lunar":
            from lunardate import LunarDate

            anchor = LunarDate(year, self.month, self.day).to_solar_date()
        elif self.rule == "solar_term":
            anchor = _solar_term(year, self.term)
        else:
            raise ValueError(f"unknown rule {self.rule!r} for {self.name}")
        return anchor + timedelta(self.start_offset)


@dataclass(frozen=True)
class Revision:
    """A text of the 放假办法 and the year-round festivals it sets."""

    effective: date
    source: str
    compensation: str
    days: tuple[StatutoryDay, ...]


def _solar_term(year: int, term: str) -> date:
    from chinese_calendar import get_solar_terms

    terms: list[tuple[date, str]] = get_solar_terms(date(year, 1, 1), date(year, 12, 31))
    for day, name in terms:
        if name == term:
            return day
    raise ValueError(f"no solar term {term!r} known for {year}")


@cache
def revisions() -> tuple[Revision, ...]:
    """The revisions of the 放假办法, oldest first (``data/statutory-holidays.toml``)."""
    text = (DATA_DIR / "statutory-holidays.toml").read_text(encoding="utf-8")
    table = tomllib.loads(text)
    return tuple(
        sorted(
            (
                Revision(
                    entry["effective"],
                    entry["source"],
                    entry["compensation"],
                    tuple(StatutoryDay(**day) for day in entry["days"]),
                )
                for entry in table["revisions"]
            ),
            key=lambda revision: revision.effective,
        )
    )


def revision_for(year: int) -> Revision:
    """The revision in force on 1 January of ``year`` (the oldest known one before it)."""
    in_force = [revision for revision in revisions() if revision.effective <= date(year, 1, 1)]
    return in_force[-1] if in_force else revisions()[0]


def statutory_days(year: int) -> dict[date, str]:
    """Every statutory day off of ``year`` and its festival; a day two festivals share
    (中秋节 on 1 October) carries both names, as the notices write them (国庆节、中秋节)."""
    days: dict[date, str] = {}
    for festival in revision_for(year).days:
        first = festival.first_day(year)
        for offset in range(festival.days):
            day = first + timedelta(offset)
            days[day] = f"{days[day]}、{festival.name}" if day in days else festival.name
    return days


def compensation_days(year: int) -> dict[date, str]:
    """The weekdays off that Art. 6 gives for the statutory days of ``year`` falling on a
    Saturday or Sunday, each named after the festival it compensates (rule: module docstring)."""
    statutory = statutory_days(year)
    taken = set(statutory)
    compensation: dict[date, str] = {}
    for run in day_runs((day, None) for day in statutory):
        candidate = run.last
        for day in run.days():
            if day.weekday() < 5:
                continue
            candidate += timedelta(1)
            while candidate.weekday() >= 5 or candidate in taken:
                candidate += timedelta(1)
            taken.add(candidate)
            compensation[candidate] = statutory[day]
    return compensation


def provisional_year(year: int) -> YearData:
    """A stand-in arrangement for ``year``: the statutory days and their Art. 6 weekend
    compensation, no make-up working days, marked provisional (docs/design.md §2.3)."""
    revision = revision_for(year)
    return YearData(
        year=year,
        source=f"{revision.source}、{revision.compensation}：{year}年尚无官方安排，仅按法定节日及周末补假临时推算",
        holidays=group_periods(statutory_days(year) | compensation_days(year)),
        origin=PROVISIONAL_ORIGIN,
        provisional=True,
    )
