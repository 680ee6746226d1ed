"""The working-day calendar: day kinds and the prefix-sum index (``index``), the year-data
schema of holiday files (``yeardata``), assembling shipped, user and regional sources
(``sources``), statutory days and provisional years (``provisional``) and importing the
State Council's notices (``notice``). May import ``gkcli.core`` only."""

from gkcli.calendar.index import DayInfo, DayKind, WorkCalendar
from gkcli.calendar.sources import CalendarOptions, load_calendar

__all__ = ["CalendarOptions", "DayInfo", "DayKind", "WorkCalendar", "load_calendar"]
