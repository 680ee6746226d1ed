"""The answers of ``gkcli workdays add|count`` as records (docs/design.md §6): what the
command line prints with ``--format json`` and the web API returns, built in one place."""

from __future__ import annotations

from datetime import date

from gkcli.calendar.index import WorkCalendar

__all__ = ["added_record", "counted_record"]


def added_record(calendar: WorkCalendar, start: date, n: int) -> dict[str, object]:
    """The ``n``-th working day after ``start`` (民法典 Art. 201: the start day is not counted)."""
    result = calendar.add_workdays(start, n)
    return {
        "start": start.isoformat(),
        "n": n,
        "result": result.isoformat(),
        "provisional": bool(calendar.provisional_years(start, result)),
    }


def counted_record(calendar: WorkCalendar, start: date, end: date) -> dict[str, object]:
    """The working days after ``start`` up to and including ``end``."""
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "workdays": calendar.count_workdays(start, end),
        "provisional": bool(calendar.provisional_years(start, end)),
    }
