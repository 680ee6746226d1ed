"""The period engine: one function turns a rule and a trigger into a deadline (docs/design.md §3).

Every unit goes through ``compute_deadline`` and comes back as a ``Deadline``: the due
instant, the version of the rule applied, whether the calendar used is provisional, and
a trace of the days counted and skipped (built only when asked for). How each unit
counts lives in its own module under ``deadlines.units``; the common path, a
working-day rule without options, makes a constant number of calendar look-ups.

``minimum`` and ``recurring`` rules are checks on a period, not deadlines:
``minimum_period_met`` and ``recurring_periods`` answer them.
"""

from __future__ import annotations

from datetime import date, datetime

from gkcli.calendar.index import WorkCalendar
from gkcli.core.errors import InputError
from gkcli.deadlines.model import DEFAULT_OPTIONS, CountingOptions, Deadline, ExtensionExceedsMax, beijing_date
from gkcli.deadlines.units import UNITS, Question
from gkcli.deadlines.units.minimum import minimum_period, minimum_period_met
from gkcli.deadlines.units.recurring import RecurringPeriod, recurring_periods
from gkcli.rules.catalogue import Rule

__all__ = [
    "DEFAULT_OPTIONS",
    "CountingOptions",
    "Deadline",
    "ExtensionExceedsMax",
    "RecurringPeriod",
    "compute_deadline",
    "minimum_period",
    "minimum_period_met",
    "recurring_periods",
]


def compute_deadline(
    rule: Rule,
    trigger: date | datetime,
    calendar: WorkCalendar,
    options: CountingOptions = DEFAULT_OPTIONS,
) -> Deadline:
    """Apply ``rule`` to ``trigger`` on ``calendar`` with ``options`` (docs/design.md §3).

    A date-only trigger is 00:00 Beijing time; an aware datetime is converted to Beijing
    time and a naive one is taken as Beijing time. The version applied is the one in force
    on the trigger date (``options.regime`` overrides). Raises ``InputError`` for
    ``minimum``/``recurring`` rules, ``OptionNotApplicable`` for options that do not apply
    to the unit, and ``ExtensionExceedsMax`` above the version's maximum;
    ``CalendarOutOfRange`` when a day needed lies in a year no calendar covers;
    ``InputError`` when a day would fall outside the dates Python can hold.
    """
    try:
        day = beijing_date(trigger)
        version = rule.version_for(day, options.regime)
        return UNITS[rule.unit].compute(Question(rule, version, trigger, day, calendar, options))
    except (OverflowError, ValueError):
        given = trigger.isoformat()
        raise InputError(
            f"rule {rule.id!r} applied to the trigger {given} reaches a date outside the calendar; "
            f"check the trigger and the --restart and --pause dates",
            f"规则 {rule.id!r} 从起算日 {given} 计算会超出日历范围；请检查起算日以及 --restart、--pause 的日期",
        ) from None
