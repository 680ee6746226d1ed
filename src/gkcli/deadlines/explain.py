"""What the explanation of a deadline shows (docs/design.md §6): each day of the trace with
its role in the count, laid out in weeks from Monday, the holiday periods it crosses and
its make-up working days. Front ends choose the symbols, colours and words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from gkcli.calendar.index import DayKind
from gkcli.calendar.yeardata import HolidayPeriod, group_periods
from gkcli.deadlines.model import Deadline, TraceDay

__all__ = ["DayRole", "ExplainedDay", "Explanation", "Week", "explain"]

_WEEK = timedelta(days=7)


class DayRole(str, Enum):
    """What a day was for the count."""

    TRIGGER = "trigger"  # the trigger day, not counted
    COUNTED = "counted"  # a counted working day
    DAY = "day"  # a counted calendar day (day and month rules count every day)
    MAKEUP = "makeup"  # a counted make-up working day (调休上班)
    HOLIDAY = "holiday"
    WEEKEND = "weekend"
    PAUSED = "paused"  # a working day inside a pause (条例 Art. 33)
    IDLE = "idle"  # a working day not counted (e.g. before a restart)
    DUE = "due"  # the due day when it is not itself counted (a roll or an extension)


@dataclass(frozen=True)
class ExplainedDay:
    """A day of the trace with its role; ``is_trigger``/``is_due`` mark the two ends."""

    day: TraceDay
    role: DayRole
    is_trigger: bool
    is_due: bool


@dataclass(frozen=True)
class Week:
    """Monday to Sunday; None for a day outside the trace."""

    monday: date
    days: tuple[ExplainedDay | None, ...]


@dataclass(frozen=True)
class Explanation:
    """The weeks from the trigger to the due day, the roles that occur in them, the holiday
    periods (consecutive days off of one festival) and the make-up working days."""

    weeks: tuple[Week, ...]
    roles: frozenset[DayRole]
    holidays: tuple[HolidayPeriod, ...]
    makeup_days: tuple[TraceDay, ...]


def _role(day: TraceDay, trigger: date, due: date, by_workday: bool) -> DayRole:
    if day.counted is not None:
        if not by_workday:
            return DayRole.DAY
        return DayRole.MAKEUP if day.kind is DayKind.MAKEUP else DayRole.COUNTED
    if day.date == trigger:
        return DayRole.TRIGGER
    if day.date == due:
        return DayRole.DUE
    if day.kind is DayKind.HOLIDAY:
        return DayRole.HOLIDAY
    if day.kind is DayKind.WEEKEND:
        return DayRole.WEEKEND
    return DayRole.PAUSED if day.paused else DayRole.IDLE


def explain(deadline: Deadline) -> Explanation:
    """The explanation of ``deadline``; empty for a rule that counts no days (hour, fixed)."""
    trace = deadline.trace
    if not trace:
        return Explanation((), frozenset(), (), ())
    trigger, due = trace[0].date, deadline.due_date
    by_workday = deadline.period.counts_working_days
    by_date = {
        day.date: ExplainedDay(day, _role(day, trigger, due, by_workday), day.date == trigger, day.date == due)
        for day in trace
    }
    weeks = []
    monday = trigger - timedelta(days=trigger.weekday())
    while monday <= trace[-1].date:
        weeks.append(Week(monday, tuple(by_date.get(monday + timedelta(days=n)) for n in range(7))))
        monday += _WEEK
    return Explanation(
        tuple(weeks),
        frozenset(day.role for day in by_date.values()),
        group_periods({day.date: day.name for day in trace if day.kind is DayKind.HOLIDAY}),
        tuple(day for day in trace if day.kind is DayKind.MAKEUP),
    )
