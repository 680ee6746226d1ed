"""A recurring obligation (每季度/每年至少N次): enough events in every quarter or year. A
check over a whole ledger, not a deadline."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from gkcli.core.errors import InputError
from gkcli.core.i18n import Lang, LangLike
from gkcli.deadlines.model import ONE_DAY
from gkcli.rules.catalogue import Rule, RuleVersion, Unit

from .base import CheckUnit, RowJudgement

__all__ = ["RecurringPeriod", "RecurringUnit", "recurring_periods"]

_PERIODS = {"zh": {"quarter": "每季度", "year": "每年"}, "en": {"quarter": "quarter", "year": "year"}}


class RecurringUnit(CheckUnit):
    unit = Unit.RECURRING
    kind_zh = "周期性"
    ledger_judgement = RowJudgement.RECURRING

    def amount_text(self, version: RuleVersion, lang: LangLike) -> str:
        period = _PERIODS[lang].get(version.period or "", version.period or "")
        return f"{period}至少{version.amount}次" if lang == Lang.zh else f"at least {version.amount} per {period}"


class RecurringPeriod(NamedTuple):
    """One quarter or year of a recurring rule: its days, the events in it, and how many it needs."""

    start: date
    end: date
    events: int
    required: int

    @property
    def met(self) -> bool:
        return self.events >= self.required


def _period_start(day: date, period: str) -> date:
    if period == "year":
        return date(day.year, 1, 1)
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def _next_period_start(start: date, period: str) -> date:
    if period == "year" or start.month == 10:
        return date(start.year + 1, 1, 1)
    return date(start.year, start.month + 3, 1)


def recurring_periods(rule: Rule, events: Iterable[date], first: date, last: date) -> list[RecurringPeriod]:
    """Every quarter or year from the one holding ``first`` to the one holding ``last``, with the
    number of ``events`` that fall in each and the number the rule's version in force requires."""
    if rule.unit is not Unit.RECURRING:
        raise InputError(
            f"rule {rule.id!r} is not a recurring rule (its unit is {rule.unit.value})",
            f"规则 {rule.id!r} 不是周期性规则（单位：{rule.unit.value}）",
        )
    if last < first:
        raise InputError(
            f"the checked span {first.isoformat()}..{last.isoformat()} ends before it starts",
            f"检查区间 {first.isoformat()}..{last.isoformat()} 的结束早于开始",
        )
    period = rule.version_for(first).period or "quarter"
    counts: dict[date, int] = {}
    for event in events:
        start = _period_start(event, period)
        counts[start] = counts.get(start, 0) + 1
    periods = []
    start = _period_start(first, period)
    while start <= last:
        following = _next_period_start(start, period)
        required = rule.version_for(start).amount
        periods.append(RecurringPeriod(start, following - ONE_DAY, counts.get(start, 0), required))
        start = following
    return periods
