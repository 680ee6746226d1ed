"""gkcli: deadline arithmetic for Chinese government information disclosure (政务公开).

The core is importable without the CLI (it imports neither typer nor rich)::

    from gkcli import load_calendar, parse_date
    cal = load_calendar()
    cal.add_workdays(parse_date("2026-09-30"), 3)   # date(2026, 10, 10), a make-up Saturday
"""

from .calendar.index import DayInfo, DayKind, WorkCalendar
from .calendar.sources import CalendarOptions, load_calendar
from .calendar.yeardata import HolidayPeriod, MakeupDay, YearData, dump_year_data, load_year_file
from .core.dates import BEIJING, parse_date, parse_date_range, parse_datetime
from .core.errors import CalendarOutOfRange, DataFileError, GkcliError, InputError

__version__ = "0.2.0"

__all__ = [
    "BEIJING",
    "CalendarOptions",
    "CalendarOutOfRange",
    "DataFileError",
    "DayInfo",
    "DayKind",
    "GkcliError",
    "HolidayPeriod",
    "InputError",
    "MakeupDay",
    "WorkCalendar",
    "YearData",
    "__version__",
    "dump_year_data",
    "load_calendar",
    "load_year_file",
    "parse_date",
    "parse_date_range",
    "parse_datetime",
]
