"""One question to the engine: a rule and its options asked of a trigger, with the
conservative twin of the answer when wanted (docs/design.md §3).

``compute_pair`` gives the statutory deadline (the trigger day not counted) and the
conservative one (the trigger day counted as day 1) of one trigger; ``DeadlineQuery`` holds
everything but the trigger, so a batch pays for the rule and options once.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from gkcli.calendar.index import WorkCalendar
from gkcli.core.dates import parse_datetime
from gkcli.deadlines.engine import compute_deadline
from gkcli.deadlines.model import DEFAULT_OPTIONS, CountingOption, CountingOptions, Deadline, OptionNotApplicable
from gkcli.deadlines.units import unit_for
from gkcli.rules.catalogue import Rule

__all__ = ["DeadlinePair", "DeadlineQuery", "DeadlineResult", "Trigger", "compute_pair"]


class Trigger(NamedTuple):
    """A trigger as given: the instant (Beijing time), whether a time of day was given, and
    an identifier the caller attached (a batch line's id; empty when none). (A named tuple:
    a batch makes one per line.)"""

    value: datetime
    has_time: bool
    ident: str = ""

    @classmethod
    def parse(cls, text: str, ident: str = "") -> Trigger:
        """A trigger typed by a person, in one of the forms ``core.dates`` accepts."""
        parsed = parse_datetime(text)
        return cls(parsed.value, parsed.has_time, ident)

    @property
    def for_engine(self) -> date | datetime:
        """A date for a date-only trigger (an hour rule then counts from 00:00)."""
        return self.value if self.has_time else self.value.date()

    @property
    def iso(self) -> str:
        """``2026-09-30``, or ``2026-10-01T22:30:00+08:00`` when a time was given."""
        return self.value.isoformat() if self.has_time else self.value.date().isoformat()


class DeadlinePair(NamedTuple):
    """The statutory deadline and the conservative one of the same trigger."""

    statutory: Deadline
    conservative: Deadline


def compute_pair(
    rule: Rule, trigger: date | datetime, calendar: WorkCalendar, options: CountingOptions = DEFAULT_OPTIONS
) -> DeadlinePair:
    """The statutory and the conservative deadline of ``trigger``: ``options`` with the
    trigger day not counted, and counted as day 1 (the practice of offices that count the
    receipt day). Refused for a rule whose unit counts no days."""
    _check_pair_applies(rule)
    statutory = compute_deadline(rule, trigger, calendar, options.replace(count_start_day=False))
    conservative = compute_deadline(rule, trigger, calendar, options.replace(count_start_day=True))
    return DeadlinePair(statutory, conservative)


def _check_pair_applies(rule: Rule) -> None:
    if CountingOption.COUNT_START_DAY not in unit_for(rule.unit).accepts:
        raise OptionNotApplicable(rule, CountingOption.COUNT_START_DAY, "--both (the conservative reading)")


class DeadlineResult(NamedTuple):
    """The statutory deadline of one trigger and, when asked for, the conservative one."""

    trigger: Trigger
    statutory: Deadline
    conservative: Deadline | None

    @property
    def provisional(self) -> bool:
        """True when either deadline is counted on a provisional calendar year."""
        return self.statutory.provisional or bool(self.conservative and self.conservative.provisional)

    @property
    def latest_due(self) -> date:
        """The later due day of the two (the last day the result rests on)."""
        if self.conservative is None:
            return self.statutory.due_date
        return max(self.statutory.due_date, self.conservative.due_date)


class DeadlineQuery:
    """A rule with its counting options on one calendar, asked of one trigger after
    another; ``both`` adds the conservative twin of each answer (``compute_pair``)."""

    __slots__ = ("both", "calendar", "options", "rule")

    def __init__(
        self, rule: Rule, calendar: WorkCalendar, options: CountingOptions = DEFAULT_OPTIONS, both: bool = False
    ) -> None:
        if both:
            _check_pair_applies(rule)
        self.rule = rule
        self.calendar = calendar
        # The shared default object itself, so the engine's common path knows it by identity.
        self.options = DEFAULT_OPTIONS if options == DEFAULT_OPTIONS else options
        self.both = both

    def compute(self, trigger: Trigger) -> DeadlineResult:
        """The answer for ``trigger``."""
        if not self.both:
            return DeadlineResult(
                trigger, compute_deadline(self.rule, trigger.for_engine, self.calendar, self.options), None
            )
        pair = compute_pair(self.rule, trigger.for_engine, self.calendar, self.options)
        return DeadlineResult(trigger, pair.statutory, pair.conservative)
