"""Runs of consecutive days: the one grouping behind holiday periods in data files, provisional
years, ``holidays list`` and the month grids (docs/design.md §2.1).

A run is a stretch of consecutive calendar days that share a key (a festival name, a day
kind and name, or nothing at all); a gap of one day or a change of key starts a new run.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import date, timedelta
from typing import Generic, NamedTuple, TypeVar

__all__ = ["DayRun", "day_runs"]

K = TypeVar("K", bound=Hashable)


class DayRun(NamedTuple, Generic[K]):
    """Consecutive days ``first``..``last`` (both included) sharing ``key``. A NamedTuple, not a
    dataclass: ``dataclasses`` costs the ``workdays is`` fast path an import (docs/design.md §7)."""

    key: K
    first: date
    last: date

    @property
    def length(self) -> int:
        """How many days the run has."""
        return (self.last - self.first).days + 1

    def days(self) -> list[date]:
        """Every day of the run, in order."""
        return [self.first + timedelta(offset) for offset in range(self.length)]


_ONE_DAY = timedelta(1)


def day_runs(days: Iterable[tuple[date, K]]) -> list[DayRun[K]]:
    """``(day, key)`` pairs, in any order and each day once, grouped into runs in date order.
    A run grows as a plain tuple and becomes a ``DayRun`` once, when complete: the calendar
    groups every holiday of 2004–2026 at start-up (docs/performance.md)."""
    runs: list[tuple[K, date, date]] = []
    for day, key in sorted(days, key=lambda pair: pair[0]):
        if runs and runs[-1][0] == key and runs[-1][2] + _ONE_DAY == day:
            runs[-1] = (key, runs[-1][1], day)
        else:
            runs.append((key, day, day))
    return [DayRun(key, first, last) for key, first, last in runs]
