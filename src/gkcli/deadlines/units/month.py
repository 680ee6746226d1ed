"""Months (个月): to the corresponding day, or that month's last day (民法典 Art. 202)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from gkcli.core.i18n import Lang, LangLike
from gkcli.deadlines.units.calendar_span import CalendarSpanUnit
from gkcli.rules.catalogue import RuleVersion, Unit

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["MonthUnit"]


class MonthUnit(CalendarSpanUnit):
    unit = Unit.MONTH

    def natural_end(self, base: date, origin: date, amount: int) -> date:
        """The corresponding day, a day earlier when the start day counts."""
        from dateutil.relativedelta import relativedelta

        corresponding: date = base + relativedelta(months=amount)
        return corresponding + (origin - base)

    def natural_ends(self, bases: NDArray[np.datetime64], amounts: NDArray[np.int64]) -> NDArray[np.datetime64]:
        """The corresponding day of each, or the last day of its month when that month is
        shorter (as ``relativedelta`` gives it)."""
        import numpy as np

        months = bases.astype("datetime64[M]")
        day_of_month = bases - months.astype("datetime64[D]")
        target = months + amounts
        last_day = (target + 1).astype("datetime64[D]") - 1
        ends: NDArray[np.datetime64] = np.minimum(target.astype("datetime64[D]") + day_of_month, last_day)
        return ends

    def amount_text(self, version: RuleVersion, lang: LangLike) -> str:
        return f"{version.amount}个月" if lang == Lang.zh else f"{version.amount} months"
