"""Working days (工作日): holidays and weekends are skipped, make-up working days count
(条例 Art. 33: 20 working days to answer a request)."""

from __future__ import annotations

from datetime import date

from gkcli.calendar.index import WorkCalendar
from gkcli.core.i18n import Lang, LangLike
from gkcli.deadlines.model import DEFAULT_OPTIONS, Deadline, workdays_past_pauses
from gkcli.deadlines.units.base import DayCountingUnit, Question
from gkcli.rules.catalogue import RuleVersion, Unit

__all__ = ["WorkdayUnit"]


class WorkdayUnit(DayCountingUnit):
    unit = Unit.WORKDAY
    counts_working_days = True

    def compute(self, question: Question) -> Deadline:
        rule, version, trigger, day, calendar, options = question
        if options is DEFAULT_OPTIONS or options == DEFAULT_OPTIONS:
            # The hot path of the ledger and the batch: two array look-ups in the calendar.
            due = calendar.add_workdays(day, version.amount)
            return Deadline(rule, version, options, trigger, due, calendar, self, day, due)
        return super().compute(question)

    def counted_span(
        self, calendar: WorkCalendar, base: date, origin: date, amount: int, pauses: list[tuple[date, date]]
    ) -> tuple[date, date]:
        counted_until = workdays_past_pauses(calendar, origin, amount, pauses)
        return counted_until, counted_until

    def amount_text(self, version: RuleVersion, lang: LangLike) -> str:
        return f"{version.amount}个工作日" if lang == Lang.zh else f"{version.amount} working days"
