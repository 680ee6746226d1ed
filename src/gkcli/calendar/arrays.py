"""Array arithmetic on the working-day calendar: the prefix-sum index of ``WorkCalendar``
as numpy arrays, so that a column of dates costs a few array passes instead of a Python
call a date (docs/design.md §3).

Anything numpy turns into ``datetime64[D]`` is accepted (numpy arrays, lists of dates or
ISO strings, pandas and polars Series, Arrow arrays); results are numpy arrays. Missing
dates (NaT, null) give missing results: NaT for dates, ``None`` for kinds, a masked entry
for counts and yes/no answers. Coverage follows the scalar methods exactly: an element
that needs a year no source covers raises ``CalendarOutOfRange`` naming every such year
(docs/design.md §2.3). Time-zone-aware date-times are refused: their calendar day depends
on the zone, and numpy would silently take the UTC one.

This module imports numpy; ``WorkCalendar`` imports it only when an array method is first
called, so the start-up paths never load it (docs/design.md §7).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from gkcli.core.errors import CalendarOutOfRange, InputError

if TYPE_CHECKING:
    from gkcli.calendar.index import WorkCalendar

__all__ = ["CalendarArrays", "to_days"]

_NAT = np.iinfo(np.int64).min
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def to_days(values: object) -> NDArray[np.int64]:
    """``values`` as days since 1970-01-01 (``datetime64[D]`` viewed as int64, NaT as its
    minimum); ``InputError`` for values that are no dates or carry a time zone."""
    kind = getattr(values, "dtype", None) or getattr(values, "type", None)
    zone = getattr(kind, "tz", None) or getattr(kind, "time_zone", None)
    if zone is not None:
        raise InputError(
            f"dates with a time zone ({zone}) are ambiguous as calendar days; convert them to "
            f"Beijing time and drop the zone first (e.g. pandas: .dt.tz_convert('Asia/Shanghai').dt.tz_localize(None))",
            f"带时区（{zone}）的日期时间无法确定是哪一天；请先换算为北京时间并去掉时区",
        )
    try:
        array = np.asarray(values)
        if array.dtype.kind != "M":
            array = array.astype("datetime64[D]")
        elif array.dtype != np.dtype("datetime64[D]"):
            # Truncate to the day (floor, also before 1970); NaT stays NaT.
            array = array.astype("datetime64[D]")
    except (TypeError, ValueError) as exc:
        raise InputError(
            f"cannot read the values as dates ({exc}); pass dates, ISO date strings or datetime64 values",
            f"无法把这些值读作日期（{exc}）；请传入日期、ISO 格式日期文本或 datetime64 值",
        ) from None
    return np.ascontiguousarray(array).view(np.int64)


def _dates(days: NDArray[np.int64]) -> NDArray[np.datetime64]:
    return days.view("datetime64[D]")


class CalendarArrays:
    """The calendar's day kinds and prefix sums as numpy arrays, over day numbers since
    1970-01-01, with the coverage of each day's unbroken run of covered years."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self.origin = calendar.first_day.toordinal() - _EPOCH_ORDINAL
        self.kinds = np.frombuffer(calendar._kinds, dtype=np.uint8)
        workdays, prefix = calendar._working()
        self.prefix = np.asarray(prefix, dtype=np.int64)
        self.workdays = np.asarray(workdays, dtype=np.int64)
        self.size = len(self.kinds)
        # Per day index: whether the day's year is covered, and the first and last day
        # index of the unbroken covered run it sits in (-1 / -2 for an uncovered day).
        self.covered = np.zeros(self.size, dtype=bool)
        self.run_first = np.full(self.size, -1, dtype=np.int64)
        self.run_last = np.full(self.size, -2, dtype=np.int64)
        for year in calendar.coverage:
            first = date(year, 1, 1).toordinal() - calendar.first_day.toordinal()
            last = date(year, 12, 31).toordinal() - calendar.first_day.toordinal()
            run_start, run_end = calendar._run_start[year], calendar._run_end[year]
            self.covered[first : last + 1] = True
            self.run_first[first : last + 1] = date(run_start, 1, 1).toordinal() - calendar.first_day.toordinal()
            self.run_last[first : last + 1] = date(run_end, 12, 31).toordinal() - calendar.first_day.toordinal()

    # -- helpers ----------------------------------------------------------------------------

    def _locate(self, days: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.bool_], NDArray[np.bool_]]:
        """Day indices (0 where outside), the NaT mask, and whether each day's year is covered."""
        nat = days == _NAT
        index = days - self.origin
        inside = (index >= 0) & (index < self.size)
        if inside.all():
            return index, nat, self.covered[index]
        safe = np.where(inside, index, 0)
        return safe, nat, inside & self.covered[safe]

    def _raise_for(self, failed: NDArray[np.bool_], probe: Callable[[int], object], *columns: NDArray[Any]) -> None:
        """Ask the scalar method (``probe``, on the position) about each failed element with
        distinct arguments, and raise one ``CalendarOutOfRange`` naming every year found."""
        years: set[int] = set()
        seen: set[tuple[object, ...]] = set()
        for position in np.flatnonzero(failed).tolist():
            key = tuple(column[position].item() for column in columns)
            if key in seen:
                continue
            seen.add(key)
            try:
                probe(position)
            except CalendarOutOfRange as error:
                years.update(error.years)
        if years:
            raise self.calendar._missing(*sorted(years))

    @staticmethod
    def _date(day: int) -> date:
        return date.fromordinal(day + _EPOCH_ORDINAL)

    # -- the four questions -----------------------------------------------------------------

    def add(self, days: object, n: object, *, uncovered_nat: bool = False) -> NDArray[np.datetime64]:
        start = to_days(days)
        counts = np.asarray(n)
        if counts.dtype.kind not in "iub":
            raise InputError(
                f"working-day counts must be whole numbers, not {counts.dtype}",
                f"工作日数必须是整数，而不是 {counts.dtype}",
            )
        counts = counts.astype(np.int64, copy=False)
        start, counts = np.broadcast_arrays(start, counts)
        index, nat, covered = self._locate(start)
        if counts.ndim and counts.size and (counts == counts.flat[0]).all():
            result, fine = self._add_same(index, int(counts.flat[0]))
        else:
            result, fine = self._add_each(index, counts)
        failed = ~nat & ~(covered & fine)
        if uncovered_nat:
            nat |= failed
        elif failed.any():
            self._raise_for(
                failed,
                lambda at: self.calendar.add_workdays(self._date(int(start[at])), int(counts[at])),
                start,
                counts,
            )
        result = result + self.origin
        if nat.any():
            result[nat] = _NAT
        return _dates(result)

    def _add_same(self, index: NDArray[np.int64], n: int) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
        """The common case, one count for every date: fewer passes than ``_add_each``."""
        if n == 0:
            return index.copy(), np.ones(index.shape, dtype=bool)
        last = len(self.workdays) - 1
        position = self.prefix[index + 1] + (n - 1) if n > 0 else self.prefix[index] + n
        reachable = (position >= 0) & (position <= last)
        result = self.workdays[np.clip(position, 0, last)]
        within = result <= self.run_last[index] if n > 0 else result >= self.run_first[index]
        return result, reachable & within

    def _add_each(
        self, index: NDArray[np.int64], counts: NDArray[np.int64]
    ) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
        last = len(self.workdays) - 1
        forward = counts > 0
        position = np.where(forward, self.prefix[index + 1] + counts - 1, self.prefix[index] + counts)
        reachable = (position >= 0) & (position <= last)
        landed = self.workdays[np.clip(position, 0, last)]
        within = np.where(forward, landed <= self.run_last[index], landed >= self.run_first[index])
        zero = counts == 0
        return np.where(zero, index, landed), zero | (reachable & within)

    def count(self, start: object, end: object) -> np.ma.MaskedArray[Any, np.dtype[np.int64]]:
        first, second = np.broadcast_arrays(to_days(start), to_days(end))
        low, high = np.minimum(first, second), np.maximum(first, second)
        nat = (first == _NAT) | (second == _NAT)
        low_index, _, low_covered = self._locate(low)
        high_index, _, _ = self._locate(high)
        # The scalar rule: the earlier day's year is covered and its run reaches the later day.
        fine = low_covered & (high - self.origin <= self.run_last[low_index]) & (high - self.origin >= 0)
        failed = ~nat & ~fine
        if failed.any():
            self._raise_for(
                failed,
                lambda at: self.calendar.count_workdays(self._date(int(first[at])), self._date(int(second[at]))),
                first,
                second,
            )
        counted = self.prefix[high_index + 1] - self.prefix[low_index + 1]
        counted = np.where(second < first, -counted, counted)
        return np.ma.MaskedArray(np.where(nat, 0, counted), mask=nat)

    def codes(self, days: object) -> tuple[NDArray[np.uint8], NDArray[np.bool_]]:
        """Each day's kind code (``DayKind`` order) and the NaT mask."""
        values = to_days(days)
        index, nat, covered = self._locate(values)
        failed = ~nat & ~covered
        if failed.any():
            self._raise_for(failed, lambda at: self.calendar.kind(self._date(int(values[at]))), values)
        return self.kinds[index], nat
