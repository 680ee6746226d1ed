"""What every period unit provides (docs/design.md §3): how it counts a due date, which
counting options it takes, the trace that explains it, its amount in words, and how a
ledger judges a row of it.

A unit is a subclass of ``PeriodUnit`` in a module of its own, registered in
``deadlines.units.UNITS``; the rule catalogue names it with a ``rules.Unit`` member.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import date, datetime
from enum import Enum
from typing import ClassVar, NamedTuple

from gkcli.calendar.index import WorkCalendar
from gkcli.core.errors import InputError
from gkcli.core.i18n import Lang, LangLike
from gkcli.deadlines.model import (
    ONE_DAY,
    CountingOption,
    CountingOptions,
    Deadline,
    ExtensionExceedsMax,
    NonworkingTrigger,
    OptionNotApplicable,
    TraceDay,
    merged_pauses,
    workdays_past_pauses,
)
from gkcli.rules.catalogue import Rule, RuleVersion, Unit

__all__ = ["WORKING_DAYS_LATE", "CheckUnit", "DayCountingUnit", "PeriodUnit", "Question", "RowJudgement"]

WORKING_DAYS_LATE = {Lang.en: "{} working day(s)", Lang.zh: "{} 个工作日"}
"""How late a row done after a day-counted deadline is, in each language (``PeriodUnit.lateness``)."""


class Question(NamedTuple):
    """What a unit is asked: ``rule``'s ``version`` for ``trigger`` (on the Beijing ``day``)
    on ``calendar`` with ``options``."""

    rule: Rule
    version: RuleVersion
    trigger: date | datetime
    day: date
    calendar: WorkCalendar
    options: CountingOptions


class RowJudgement(Enum):
    """How ``gkcli ledger check`` judges a row of a rule of this unit (docs/ledgers.md)."""

    DEADLINE = "deadline"  # a due date: on time, late, open, overdue or due soon
    MINIMUM_PERIOD = "minimum-period"  # start to done must last at least the amount
    RECURRING = "recurring"  # enough events in every quarter or year, judged per file
    GAP = "gap"  # no longer than N days between updates, judged per file and channel


class PeriodUnit(ABC):
    """The counting of one ``rules.Unit``."""

    unit: ClassVar[Unit]
    accepts: ClassVar[frozenset[CountingOption]] = frozenset(CountingOption)
    """The counting options that mean something for this unit; others are refused."""
    timed: ClassVar[bool] = False
    """The due time is an exact instant (not the end of a day): lateness is measured to it."""
    counts_working_days: ClassVar[bool] = False
    """Only working days are counted (others only skipped); else every calendar day counts."""
    ledger_judgement: ClassVar[RowJudgement] = RowJudgement.DEADLINE

    def compute(self, question: Question) -> Deadline:
        """The deadline ``question`` asks for; refuses the options this unit does not take."""
        rule, day = question.rule, question.day
        for option, spelled in question.options.given():
            if option not in self.accepts:
                raise OptionNotApplicable(rule, option, spelled)
        restart = question.options.restart
        if restart is not None and restart < day:
            raise InputError(
                f"the restart date {restart.isoformat()} is before the trigger {day.isoformat()}; "
                f"a period restarts after it began (条例 Art. 30)",
                f"重新起算日 {restart.isoformat()} 早于起算日 {day.isoformat()}；期限只能在开始后重新起算（条例第三十条）",
            )
        return self.count(question)

    @abstractmethod
    def count(self, question: Question) -> Deadline:
        """``compute`` once the options are known to apply."""

    def trace(self, deadline: Deadline) -> tuple[TraceDay, ...]:
        """Every day from the trigger day to the due day, with its count number or why it was
        skipped; empty when the unit counts no days."""
        counting_from, counted_until = deadline.counting_from, deadline.counted_until
        if counting_from is None or counted_until is None:
            return ()
        pauses = merged_pauses(deadline.options.pauses)
        by_workday = self.counts_working_days
        last_counted = deadline.due_date if by_workday else counted_until
        number = 0
        days = []
        first = min(deadline.trigger_date, counting_from + ONE_DAY)
        for info in deadline.calendar.days(first, deadline.due_date):
            paused = any(start <= info.date <= end for start, end in pauses)
            counts = (
                counting_from < info.date <= last_counted and not paused and (info.kind.is_working or not by_workday)
            )
            if counts:
                number += 1
            days.append(TraceDay(info.date, info.kind, info.name, number if counts else None, paused))
        return tuple(days)

    @abstractmethod
    def amount_text(self, version: RuleVersion, lang: LangLike) -> str:
        """The version's amount in words: ``3个工作日`` / ``3 working days``."""

    def lateness(self, deadline: Deadline, done: datetime, working_days: int) -> tuple[str, str]:
        """How late ``done`` is, in English and Chinese, given the working days late."""
        return WORKING_DAYS_LATE[Lang.en].format(working_days), WORKING_DAYS_LATE[Lang.zh].format(working_days)


class DayCountingUnit(PeriodUnit):
    """A unit that counts days after the trigger: every option applies (docs/design.md §3)."""

    def count(self, question: Question) -> Deadline:
        rule, version, trigger, day, calendar, options = question
        if options.extend and (version.max_extension is None or options.extend > version.max_extension):
            raise ExtensionExceedsMax(rule, version, options.extend)
        base = options.restart or day
        if options.nonworking_trigger is NonworkingTrigger.NEXT_WORKDAY:
            base = calendar.workday_on_or_after(base)
        pauses = merged_pauses(options.pauses)
        # Counting starts after ``origin``; counting the start day itself means starting a day
        # earlier (a rest day cannot count, so that changes nothing for a working-day rule then).
        origin = base - ONE_DAY if options.count_start_day else base
        counted_until, last_day = self.counted_span(calendar, base, origin, version.amount, pauses)
        due = workdays_past_pauses(calendar, last_day, options.extend, pauses)
        return Deadline(rule, version, options, trigger, due, calendar, self, origin, counted_until)

    @abstractmethod
    def counted_span(
        self, calendar: WorkCalendar, base: date, origin: date, amount: int, pauses: list[tuple[date, date]]
    ) -> tuple[date, date]:
        """The last day ``amount`` reaches counting after ``origin`` (``base`` is the day the
        period starts from, before ``count_start_day``), and the due day before any extension."""


class CheckUnit(PeriodUnit):
    """A unit that is a check on a period, not a deadline: ``compute`` refuses it."""

    kind_zh: ClassVar[str]
    """What the check is called in Chinese messages."""

    def compute(self, question: Question) -> Deadline:
        rule = question.rule
        raise InputError(
            f"rule {rule.id!r} is a {rule.unit.value} check, not a deadline; `gkcli ledger check` applies it",
            f"规则 {rule.id!r} 是{self.kind_zh}检查，不是截止日期；请用 `gkcli ledger check` 检查",
        )

    def count(self, question: Question) -> Deadline:
        return self.compute(question)
