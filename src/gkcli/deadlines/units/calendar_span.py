"""What the calendar-day units share: every day counts, paused days are made up, and a
period ending on a rest day rolls to the next working day (民法典 Art. 203)."""

from __future__ import annotations

from abc import abstractmethod
from datetime import date, timedelta
from typing import TYPE_CHECKING

from gkcli.calendar.index import WorkCalendar
from gkcli.deadlines.model import span_past_pauses
from gkcli.deadlines.units.base import DayCountingUnit

if TYPE_CHECKING:  # numpy is imported only where arrays are used, never on the deadline path
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["CalendarSpanUnit"]


class CalendarSpanUnit(DayCountingUnit):
    """A unit whose amount is a span of calendar days; subclasses say where it naturally ends."""

    def counted_span(
        self, calendar: WorkCalendar, base: date, origin: date, amount: int, pauses: list[tuple[date, date]]
    ) -> tuple[date, date]:
        natural_end = self.natural_end(base, origin, amount)
        counted_until = span_past_pauses(
            origin,
            pauses,
            lambda more: natural_end + timedelta(days=more),
            lambda a, b: (b - a).days,
        )
        return counted_until, calendar.workday_on_or_after(counted_until)

    @abstractmethod
    def natural_end(self, base: date, origin: date, amount: int) -> date:
        """The last day of ``amount`` counted after ``origin`` (``base`` before ``count_start_day``)."""

    @abstractmethod
    def natural_ends(self, bases: NDArray[np.datetime64], amounts: NDArray[np.int64]) -> NDArray[np.datetime64]:
        """``natural_end(base, base, amount)`` of each base (the start day not counted), as one
        array call: the ledger kernel's due days (``ledger.columnar.DueTable``)."""
