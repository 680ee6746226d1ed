"""Hours (小时): an exact instant, not moved to a working day; only a restart moves it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from gkcli.core.i18n import Lang, LangLike
from gkcli.deadlines.model import CountingOption, Deadline, instant
from gkcli.rules.catalogue import RuleVersion, Unit

from .base import PeriodUnit, Question

__all__ = ["HourUnit"]


class HourUnit(PeriodUnit):
    unit = Unit.HOUR
    accepts: ClassVar[frozenset[CountingOption]] = frozenset({CountingOption.REGIME, CountingOption.RESTART})
    timed = True

    def count(self, question: Question) -> Deadline:
        rule, version, trigger, _, calendar, options = question
        start = trigger if options.restart is None else options.restart
        due_at = instant(start) + timedelta(hours=version.amount)
        return Deadline(rule, version, options, trigger, due_at.date(), calendar, self, exact_due=due_at)

    def amount_text(self, version: RuleVersion, lang: LangLike) -> str:
        return f"{version.amount}小时" if lang == Lang.zh else f"{version.amount} hours"

    def lateness(self, deadline: Deadline, done: datetime, working_days: int) -> tuple[str, str]:
        hours = (done - deadline.due_at).total_seconds() / 3600
        return f"{hours:g} hour(s)", f"{hours:g} 小时"
