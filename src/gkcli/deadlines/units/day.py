"""Calendar days (日): every day counts; an end on a rest day rolls to the next working day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from gkcli.core.i18n import Lang, LangLike
from gkcli.deadlines.units.calendar_span import CalendarSpanUnit
from gkcli.rules.catalogue import RuleVersion, Unit

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["DayUnit"]


class DayUnit(CalendarSpanUnit):
    unit = Unit.DAY

    def natural_end(self, base: date, origin: date, amount: int) -> date:
        return origin + timedelta(days=amount)

    def natural_ends(self, bases: NDArray[np.datetime64], amounts: NDArray[np.int64]) -> NDArray[np.datetime64]:
        return bases + amounts

    def amount_text(self, version: RuleVersion, lang: LangLike) -> str:
        return f"{version.amount}日" if lang == Lang.zh else f"{version.amount} days"
