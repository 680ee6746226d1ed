"""One question to the engine: a rule and its options asked of a trigger, with the
conservative twin of the answer when wanted (docs/design.md §3).

``compute_pair`` gives the statutory deadline (the trigger day not counted) and the
conservative one (the trigger day counted as day 1) of one trigger; ``DeadlineQuery`` holds
everything but the trigger, so a batch pays for the rule and options once.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import NamedTuple

from gkcli.calendar.index import WorkCalendar
from gkcli.core.dates import BEIJING, checked_year, normalise_text, parse_datetime
from gkcli.core.errors import InputError, quote
from gkcli.deadlines.engine import compute_deadline
from gkcli.deadlines.model import DEFAULT_OPTIONS, CountingOption, CountingOptions, Deadline, OptionNotApplicable
from gkcli.deadlines.units import unit_for
from gkcli.rules.catalogue import Rule, Unit

__all__ = ["DeadlinePair", "DeadlineQuery", "DeadlineResult", "Trigger", "compute_pair"]


_YEAR = re.compile(r"^(\d{4})年?$")


class Trigger(NamedTuple):
    """A trigger as given: the instant (Beijing time), whether a time of day was given, an
    identifier the caller attached (a batch line's id; empty when none), and whether only a
    year was given (``2025``: a reporting year, for a rule due on a fixed day; its instant is
    the year's last day, which also picks the rule's version). (A named tuple: a batch makes
    one per line.)"""

    value: datetime
    has_time: bool
    ident: str = ""
    year_only: bool = False

    @classmethod
    def parse(cls, text: str, ident: str = "") -> Trigger:
        """A trigger typed by a person, in one of the forms ``core.dates`` accepts, or a year."""
        year = _YEAR.match(normalise_text(text))
        if year is not None:
            value = datetime(checked_year(int(year[1]), text), 12, 31, tzinfo=BEIJING)
            return cls(value, False, ident, year_only=True)
        parsed = parse_datetime(text)
        return cls(parsed.value, parsed.has_time, ident)

    @property
    def for_engine(self) -> date | datetime:
        """A date for a date-only trigger (an hour rule then counts from 00:00)."""
        return self.value if self.has_time else self.value.date()

    @property
    def iso(self) -> str:
        """``2026-09-30``, or ``2026-10-01T22:30:00+08:00`` when a time was given."""
        if self.year_only:
            return str(self.value.year)
        return self.value.isoformat() if self.has_time else self.value.date().isoformat()

    def check_fits(self, rule: Rule) -> None:
        """Refuse a trigger that does not say enough for ``rule``: a year alone for a rule not
        due on a fixed day, a date without a time for a rule counted in hours (never a silent
        00:00: the time is what the hours count from)."""
        if self.year_only and rule.unit is not Unit.FIXED:
            raise InputError(
                f"{quote(str(self.value.year))}: a year alone is enough only for a rule due on a fixed day "
                f"(e.g. 部门年报); {rule.id} needs the date, e.g. {self.value.year}-09-30",
                f"{quote(str(self.value.year))}：只写年份仅适用于固定日期的规则（如 部门年报）；"
                f"{rule.name}需要具体日期，如 {self.value.year}-09-30",
            )
        if rule.unit is Unit.HOUR and not self.has_time:
            day = self.value.date().isoformat()
            raise InputError(
                f"{rule.id} is counted in hours: give the time of the trigger too, "
                f'e.g. "{day} 15:00" (Beijing time); gkcli does not assume 00:00',
                f'{rule.name}按小时计算：请同时写明起算时刻，如 "{day} 15:00"（北京时间）；gkcli 不会擅自按 00:00 起算',
            )


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
        """The answer for ``trigger`` (refused when it does not say enough: ``Trigger.check_fits``)."""
        trigger.check_fits(self.rule)
        if not self.both:
            return DeadlineResult(
                trigger, compute_deadline(self.rule, trigger.for_engine, self.calendar, self.options), None
            )
        pair = compute_pair(self.rule, trigger.for_engine, self.calendar, self.options)
        return DeadlineResult(trigger, pair.statutory, pair.conservative)
