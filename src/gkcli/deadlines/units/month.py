"""Months (个月): to the corresponding day, or that month's last day (民法典 Art. 202)."""

from __future__ import annotations

from datetime import date

from gkcli.core.i18n import Lang, LangLike
from gkcli.deadlines.units.calendar_span import CalendarSpanUnit
from gkcli.rules.catalogue import RuleVersion, Unit

__all__ = ["MonthUnit"]


class MonthUnit(CalendarSpanUnit):
    unit = Unit.MONTH

    def natural_end(self, base: date, origin: date, amount: int) -> date:
        """The corresponding day, a day earlier when the start day counts."""
        from dateutil.relativedelta import relativedelta

        corresponding: date = base + relativedelta(months=amount)
        return corresponding + (origin - base)

    def amount_text(self, version: RuleVersion, lang: LangLike) -> str:
        return f"{version.amount}个月" if lang == Lang.zh else f"{version.amount} months"
