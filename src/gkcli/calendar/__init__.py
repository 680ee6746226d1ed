"""The working-day calendar: day kinds and the prefix-sum index (``index``), the year-data
schema of holiday files (``yeardata``), assembling shipped, user and regional sources
(``sources``), statutory days and provisional years (``provisional``), importing the
State Council's notices (``notice``), runs of consecutive days (``runs``), what the calendar
says of a day (``describe``), of a year and a month (``overview``) and the cross-checks of
its data (``verify``). May import ``gkcli.core`` only.

Only the names below are imported with the package: the other modules are imported by
their path (``from gkcli.calendar.verify import verify``), so that loading the calendar for
``gkcli workdays is`` does not load them."""

from gkcli.calendar.index import DayInfo, DayKind, WorkCalendar
from gkcli.calendar.sources import CalendarOptions, load_calendar

__all__ = ["CalendarOptions", "DayInfo", "DayKind", "WorkCalendar", "load_calendar"]
