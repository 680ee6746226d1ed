"""The period units, one module each, registered here (docs/design.md §3).

To add a unit: name it in ``rules.Unit`` (the word rule files use), write a module with a
``PeriodUnit`` subclass (``base``), and add an instance to ``UNITS`` below. The engine,
the explanation, the wording of rules and the ledger check all ask the unit through
``unit_for``; a test checks that every ``rules.Unit`` is registered. May import
``gkcli.deadlines.model``, ``gkcli.rules``, ``gkcli.calendar`` and ``gkcli.core``.
"""

from __future__ import annotations

from collections.abc import Mapping

from gkcli.rules.catalogue import Unit

from .base import CheckUnit, DayCountingUnit, PeriodUnit, Question, RowJudgement
from .day import DayUnit
from .fixed import FixedUnit
from .gap import GapUnit
from .hour import HourUnit
from .minimum import MinimumUnit
from .month import MonthUnit
from .recurring import RecurringUnit
from .workday import WorkdayUnit

__all__ = ["UNITS", "CheckUnit", "DayCountingUnit", "PeriodUnit", "Question", "RowJudgement", "unit_for"]

UNITS: Mapping[Unit, PeriodUnit] = {
    period.unit: period
    for period in (
        WorkdayUnit(),
        DayUnit(),
        MonthUnit(),
        HourUnit(),
        FixedUnit(),
        MinimumUnit(),
        RecurringUnit(),
        GapUnit(),
    )
}


def unit_for(unit: Unit) -> PeriodUnit:
    """The counting of ``unit``."""
    return UNITS[unit]
