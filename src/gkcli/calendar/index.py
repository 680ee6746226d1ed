"""The working-day calendar: day kinds and O(1) working-day arithmetic (docs/design.md §2, §3).

``WorkCalendar`` holds one entry per day over the covered years and a prefix-sum index
of working days over day ordinals, so ``add_workdays`` and ``count_workdays`` are two
array look-ups whatever the distance, make-up days included. A year that no source
covers is *unknown*: any question that needs one of its days raises
``CalendarOutOfRange`` naming the year (docs/design.md §2.3).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from enum import Enum
from itertools import accumulate, compress
from typing import TYPE_CHECKING, Any, NamedTuple

from gkcli.calendar.yeardata import YearData
from gkcli.core.errors import CalendarOutOfRange

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from gkcli.calendar.arrays import CalendarArrays

__all__ = ["DayInfo", "DayKind", "WorkCalendar"]


class DayKind(str, Enum):
    """What a date is (docs/design.md §2.1). ``WORKDAY`` and ``MAKEUP`` are working days (工作日)."""

    WORKDAY = "workday"
    MAKEUP = "makeup"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"

    @property
    def is_working(self) -> bool:
        return self in (DayKind.WORKDAY, DayKind.MAKEUP)


_KINDS = tuple(DayKind)
_CODE = {kind: code for code, kind in enumerate(_KINDS)}
_UNKNOWN = len(_KINDS)
# For ``bytes.translate``: a day's kind code to 1 for a working day, else 0.
_WORKING = bytes(int(code < _UNKNOWN and _KINDS[code].is_working) for code in range(256))


class DayInfo(NamedTuple):
    """One date of the calendar: its kind, the festival it belongs to, and where that comes from."""

    date: date
    kind: DayKind
    name: str = ""
    source: YearData | None = None
    provisional: bool = False

    @property
    def is_working(self) -> bool:
        return self.kind.is_working


class WorkCalendar:
    """Working days over a set of covered years, assembled from year data in precedence order."""

    def __init__(self, bases: Sequence[YearData], overlays: Sequence[YearData] = ()) -> None:
        """``bases``: full-year arrangements, lowest precedence first (the last one for a year
        wins); ``overlays``: amending or regional data applied on top, in order."""
        coverage: dict[int, YearData] = {}
        for data in bases:
            coverage[data.year] = data
        if not coverage:
            raise ValueError("a calendar needs at least one covered year")
        self._coverage = dict(sorted(coverage.items()))
        first_year, last_year = min(coverage), max(coverage)
        self.first_day = date(first_year, 1, 1)
        self.last_day = date(last_year, 12, 31)
        self._origin = self.first_day.toordinal()
        size = self.last_day.toordinal() - self._origin + 1

        # Weekday rule for covered years: day.weekday() == (ordinal - 1) % 7, Monday = 0.
        weekend, workday = _CODE[DayKind.WEEKEND], _CODE[DayKind.WORKDAY]
        week = bytes(weekend if (self._origin - 1 + i) % 7 >= 5 else workday for i in range(7))
        kinds = bytearray((week * (size // 7 + 1))[:size])
        for year in range(first_year, last_year + 1):
            if year not in coverage:
                start = date(year, 1, 1).toordinal() - self._origin
                end = date(year, 12, 31).toordinal() - self._origin + 1
                kinds[start:end] = bytes([_UNKNOWN]) * (end - start)
        self._names: dict[int, str] = {}
        self._sources: dict[int, YearData] = {}
        for data in [coverage[year] for year in sorted(coverage)] + list(overlays):
            self._apply(data, kinds)
        self._kinds = bytes(kinds)
        self._working_index: tuple[array[int], array[int]] | None = None

        # For each covered year, the first and last year of the unbroken covered run it sits in.
        self._run_start: dict[int, int] = {}
        self._run_end: dict[int, int] = {}
        for year in coverage:
            start = year
            while start - 1 in coverage:
                start -= 1
            end = year
            while end + 1 in coverage:
                end += 1
            self._run_start[year], self._run_end[year] = start, end
        self._arrays: CalendarArrays | None = None

    def _working(self) -> tuple[array[int], array[int]]:
        """The working-day index: the index of every working day in order, and for each day
        index how many working days come before it. Built when arithmetic first needs it
        (``gkcli workdays is`` asks one day's kind and never does: docs/performance.md), by
        the standard library's loops."""
        if self._working_index is None:
            working = self._kinds.translate(_WORKING)
            workdays = array("l", compress(range(len(working)), working))
            self._working_index = (workdays, array("l", accumulate(working, initial=0)))
        return self._working_index

    def _apply(self, data: YearData, kinds: bytearray) -> None:
        holiday, makeup_day = _CODE[DayKind.HOLIDAY], _CODE[DayKind.MAKEUP]  # once, not per day
        entries = [(day, holiday, period.name) for period in data.holidays for day in period.days()]
        entries += [(makeup.date, makeup_day, makeup.name) for makeup in data.makeup_workdays]
        for day, code, name in entries:
            index = day.toordinal() - self._origin
            if 0 <= index < len(kinds) and kinds[index] != _UNKNOWN:
                kinds[index] = code
                self._names[index] = name
                self._sources[index] = data

    # -- coverage ---------------------------------------------------------------------------

    @property
    def coverage(self) -> dict[int, YearData]:
        """Covered years and the arrangement that covers each."""
        return dict(self._coverage)

    def is_covered(self, year: int) -> bool:
        return year in self._coverage

    def year_data(self, year: int) -> YearData | None:
        """The arrangement that covers ``year``, or None."""
        return self._coverage.get(year)

    def provisional_years(self, start: date, end: date) -> list[int]:
        """Years between ``start`` and ``end`` whose arrangement is provisional (docs/design.md §2.3)."""
        low, high = sorted((start.year, end.year))
        return [y for y in range(low, high + 1) if y in self._coverage and self._coverage[y].provisional]

    def _missing(self, year: int, *also: int) -> CalendarOutOfRange:
        provisional = [y for y, data in self._coverage.items() if data.provisional]
        return CalendarOutOfRange(year, (min(provisional), max(provisional)) if provisional else None, also=also)

    def _require(self, first_year: int, last_year: int) -> None:
        if first_year not in self._coverage:
            raise self._missing(first_year)
        if self._run_end[first_year] < last_year:
            raise self._missing(self._run_end[first_year] + 1)

    def _index(self, day: date) -> int:
        self._require(day.year, day.year)
        return day.toordinal() - self._origin

    def _date(self, index: int) -> date:
        return date.fromordinal(self._origin + index)

    # -- single days ------------------------------------------------------------------------

    def kind(self, day: date) -> DayKind:
        return _KINDS[self._kinds[self._index(day)]]

    def is_workday(self, day: date) -> bool:
        """True for a working day (工作日): a weekday that is not a holiday, or a make-up day."""
        return self.kind(day).is_working

    def day_info(self, day: date) -> DayInfo:
        index = self._index(day)
        return DayInfo(
            date=day,
            kind=_KINDS[self._kinds[index]],
            name=self._names.get(index, ""),
            source=self._sources.get(index, self._coverage[day.year]),
            provisional=self._coverage[day.year].provisional,
        )

    def days(self, start: date, end: date) -> Iterator[DayInfo]:
        """Every day from ``start`` to ``end`` inclusive."""
        self._require(start.year, end.year)
        for offset in range((end - start).days + 1):
            yield self.day_info(start + timedelta(offset))

    # -- arithmetic -------------------------------------------------------------------------

    def add_workdays(self, day: date, n: int) -> date:
        """The ``n``-th working day after ``day`` (before it when ``n`` < 0).

        The start day is never counted (民法典 Art. 201; 行诉解释 Art. 48): the first counted
        day is the first working day strictly after ``day``, so a start on a rest day
        counts from the next working day. ``n`` = 0 returns ``day``.
        """
        # The hot path of every deadline: coverage checked once for the start year and once
        # for the result, with no helper calls in between.
        year = day.year
        run_end = self._run_end.get(year)
        if run_end is None:
            raise self._missing(year)
        if n == 0:
            return day
        workdays, prefix = self._working_index or self._working()
        index = day.toordinal() - self._origin
        if n > 0:
            position = prefix[index + 1] + n - 1
            if position >= len(workdays):
                raise self._missing(run_end + 1)
            result = date.fromordinal(self._origin + workdays[position])
            if result.year > run_end:
                raise self._missing(run_end + 1)
        else:
            run_start = self._run_start[year]
            position = prefix[index] + n
            if position < 0:
                raise self._missing(run_start - 1)
            result = date.fromordinal(self._origin + workdays[position])
            if result.year < run_start:
                raise self._missing(run_start - 1)
        return result

    def count_workdays(self, start: date, end: date) -> int:
        """Working days in (``start``, ``end``]: ``start`` excluded, ``end`` included.

        ``count_workdays(d, add_workdays(d, n)) == n``; negative when ``end`` < ``start``.
        """
        if end < start:
            return -self.count_workdays(end, start)
        self._require(start.year, end.year)
        prefix = (self._working_index or self._working())[1]
        return prefix[self._index(end) + 1] - prefix[self._index(start) + 1]

    def next_workday(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.add_workdays(day, 1)

    def prev_workday(self, day: date) -> date:
        """The last working day strictly before ``day``."""
        return self.add_workdays(day, -1)

    def workday_on_or_after(self, day: date) -> date:
        """``day`` if it is a working day, else the next one (the roll of 民法典 Art. 203)."""
        return day if self.is_workday(day) else self.next_workday(day)

    # -- arrays (docs/design.md §3; numpy is imported on first use only) --------------------

    def _array_index(self) -> CalendarArrays:
        if self._arrays is None:
            from gkcli.calendar.arrays import CalendarArrays

            self._arrays = CalendarArrays(self)
        return self._arrays

    def add_workdays_array(self, days: object, n: object, *, uncovered_nat: bool = False) -> NDArray[np.datetime64]:
        """``add_workdays`` element-wise: ``days`` is anything numpy reads as ``datetime64[D]``
        (arrays, pandas/polars Series, Arrow arrays), ``n`` a whole number or an array of
        them, broadcast against ``days``. NaT gives NaT; ``CalendarOutOfRange`` names every
        uncovered year an element needs, or with ``uncovered_nat`` such an element is NaT
        (for a caller that asks the scalar method about those alone)."""
        return self._array_index().add(days, n, uncovered_nat=uncovered_nat)

    def count_workdays_array(self, start: object, end: object) -> np.ma.MaskedArray[Any, np.dtype[np.int64]]:
        """``count_workdays`` element-wise, as int64; masked where either date is missing."""
        return self._array_index().count(start, end)

    def is_workday_array(self, days: object) -> np.ma.MaskedArray[Any, np.dtype[np.bool_]]:
        """``is_workday`` element-wise; masked where a date is missing."""
        import numpy as np

        codes, nat = self._array_index().codes(days)
        return np.ma.MaskedArray((codes == _CODE[DayKind.WORKDAY]) | (codes == _CODE[DayKind.MAKEUP]), mask=nat)

    def kind_array(self, days: object) -> NDArray[np.object_]:
        """``kind`` element-wise: an object array of ``DayKind``, None where a date is missing."""
        import numpy as np

        codes, nat = self._array_index().codes(days)
        kinds = np.array([*_KINDS, None], dtype=object)
        return kinds[np.where(nat, len(_KINDS), codes)]
