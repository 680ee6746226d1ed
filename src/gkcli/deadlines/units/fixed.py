"""A fixed day of the next year (e.g. an annual report due by 1月31日): the trigger is any
day of the reporting year."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from gkcli.core.i18n import Lang, LangLike
from gkcli.deadlines.model import CountingOption, Deadline
from gkcli.rules.catalogue import RuleVersion, Unit

from .base import PeriodUnit, Question

__all__ = ["FixedUnit", "fixed_due"]


def fixed_due(year: int, version: RuleVersion) -> date:
    """``fixed_month``/``fixed_day`` of ``year``; 2月29日 falls back to the 28th in common years."""
    month, day = version.fixed_month or 1, version.fixed_day or 1
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, day - 1)


class FixedUnit(PeriodUnit):
    unit = Unit.FIXED
    accepts: ClassVar[frozenset[CountingOption]] = frozenset({CountingOption.REGIME})

    def count(self, question: Question) -> Deadline:
        rule, version, trigger, day, calendar, options = question
        return Deadline(rule, version, options, trigger, fixed_due(day.year + 1, version), calendar, self)

    def amount_text(self, version: RuleVersion, lang: LangLike) -> str:
        fixed = date(2001, version.fixed_month or 1, version.fixed_day or 1)
        return f"次年{fixed.month}月{fixed.day}日" if lang == Lang.zh else f"{fixed:%d %b} of the next year"
