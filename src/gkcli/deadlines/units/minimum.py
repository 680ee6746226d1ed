"""A minimum period (不少于N日): from opening to closing at least N calendar days, e.g. a
comment period (重大行政决策程序暂行条例 Art. 15: 一般不少于30日). A check, not a deadline."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from gkcli.core.errors import InputError
from gkcli.core.i18n import Lang, LangLike
from gkcli.rules.catalogue import Rule, RuleVersion, Unit

from .base import CheckUnit, RowJudgement

__all__ = ["MinimumUnit", "PeriodLength", "minimum_period", "minimum_period_met"]


class MinimumUnit(CheckUnit):
    unit = Unit.MINIMUM
    kind_zh = "最短期限"
    ledger_judgement = RowJudgement.MINIMUM_PERIOD

    def amount_text(self, version: RuleVersion, lang: LangLike) -> str:
        return f"不少于{version.amount}日" if lang == Lang.zh else f"at least {version.amount} days"


class PeriodLength(NamedTuple):
    """How long a period lasted (closed − opened, in days) and how long it had to."""

    days: int
    required: int

    @property
    def met(self) -> bool:
        return self.days >= self.required


def minimum_period(rule: Rule, opened: date, closed: date) -> PeriodLength:
    """The length of the period from ``opened`` to ``closed`` against the rule's version in force on ``opened``."""
    if rule.unit is not Unit.MINIMUM:
        raise InputError(
            f"rule {rule.id!r} is not a minimum-period rule (its unit is {rule.unit.value})",
            f"规则 {rule.id!r} 不是最短期限规则（单位：{rule.unit.value}）",
        )
    return PeriodLength((closed - opened).days, rule.version_for(opened).amount)


def minimum_period_met(rule: Rule, opened: date, closed: date) -> bool:
    """True when the period from ``opened`` to ``closed`` lasts at least the rule's N days."""
    return minimum_period(rule, opened, closed).met
