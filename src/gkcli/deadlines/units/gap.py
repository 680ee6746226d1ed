"""The longest allowed gap between updates (间隔不超过N日/N个月): a website column or a
new-media account must not go more than N days (or months) without a publication, up to the
day of the check (docs/rules.md "Update gaps"). A check over a ledger of publication dates,
not a deadline.

A gap is the run of days without an update between two updates, or after the last update up
to the check day: it is too long when it runs past the last quiet day the rule allows, the
update day plus N days (or N months, 民法典 Art. 202's corresponding day).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from gkcli.core.errors import InputError
from gkcli.core.i18n import Lang, LangLike
from gkcli.deadlines.model import ONE_DAY
from gkcli.rules.catalogue import Rule, RuleVersion, Unit

from .base import CheckUnit, RowJudgement

__all__ = ["Gap", "GapUnit", "too_long_gaps"]


class GapUnit(CheckUnit):
    unit = Unit.GAP
    kind_zh = "更新间隔"
    ledger_judgement = RowJudgement.GAP

    def amount_text(self, version: RuleVersion, lang: LangLike) -> str:
        months = version.period == "month"
        if lang == Lang.zh:
            return f"间隔不超过{version.amount}{'个月' if months else '日'}"
        return f"no gap over {version.amount} {'months' if months else 'days'}"


class Gap(NamedTuple):
    """Days without an update: ``first``..``last`` (inclusive), after the update of ``since``;
    ``open`` when no update has ended it by the check day. ``update_due`` is the day by which
    the rule wanted the next update. A NamedTuple, not a dataclass: every unit is registered
    on the start-up path of ``gkcli deadline RULE START``, which ``dataclasses`` (inspect,
    ast, dis) would slow (docs/performance.md)."""

    since: date
    first: date
    last: date
    update_due: date
    open: bool

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def _last_quiet_day(version: RuleVersion, update: date) -> date:
    if version.period == "month":
        from dateutil.relativedelta import relativedelta

        allowed: date = update + relativedelta(months=version.amount)
        return allowed
    return update + version.amount * ONE_DAY


def too_long_gaps(rule: Rule, updates: Iterable[date], as_of: date) -> list[Gap]:
    """Every gap between consecutive ``updates`` (and from the last one to ``as_of``) longer
    than the rule allows, judged by the version in force on the update that opens the gap.
    Updates after ``as_of`` are not yet known and are left out."""
    if rule.unit is not Unit.GAP:
        raise InputError(
            f"rule {rule.id!r} is not an update-gap rule (its unit is {rule.unit.value})",
            f"规则 {rule.id!r} 不是更新间隔规则（单位：{rule.unit.value}）",
        )
    days = sorted({day for day in updates if day <= as_of})
    found = []
    for update, following in zip(days, [*days[1:], None], strict=True):
        last = following - ONE_DAY if following is not None else as_of
        allowed_until = _last_quiet_day(rule.version_for(update), update)
        if last > allowed_until:
            found.append(Gap(update, update + ONE_DAY, last, allowed_until + ONE_DAY, following is None))
    return found
