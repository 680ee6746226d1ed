"""Findings in batches: the late and overdue rows the columnar kernel judged, kept as columns
until a report writes them (docs/performance.md "Late rows in bulk").

A ``FindingBatch`` is a sequence of ``Finding``: each is made when it is asked for, worded
as the per-row check words it (``messages.Missed``, ``messages.StillOpen``). A report that
writes many findings at once reads the batch's columns instead, wording once for all the
rows of one form (``forms``), so a ledger with hundreds of thousands of late rows never
makes an object a row (``report.base.batch_json``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any, overload

from gkcli.core.i18n import Lang
from gkcli.deadlines.units.base import WORKING_DAYS_LATE
from gkcli.ledger.codes import FindingCode, Severity
from gkcli.ledger.findings import Finding, Wording
from gkcli.ledger.messages import Missed, StillOpen
from gkcli.rules.catalogue import Rule

__all__ = ["FindingBatch"]


@dataclass(frozen=True, slots=True, eq=False)
class FindingBatch(Sequence[Finding]):
    """The findings of consecutive late and overdue rows of one file, one a row, as columns
    (each a list, one item a row): ``deadline-missed`` where ``late`` is true (``done`` is
    the done day, the finding's value), else ``overdue`` as of ``as_of`` (``done`` is
    empty). Every finding is in column ``done``, on no provisional year (the kernel leaves
    those to the per-row check)."""

    file: str
    as_of: str
    late: list[bool]
    rows: list[int]
    lines: Sequence[int | None]
    ids: list[str | None]
    rules: list[Rule]
    versions: list[str]
    """The label of the rule version each due day was counted by."""
    dues: list[str]
    done: list[str]
    days: list[int]
    """Working days late or overdue."""
    forms: list[int]
    """A number for each row's (code, rule, version), equal exactly where those are: what a
    report words once for all the rows that share it."""

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, at: int) -> Finding: ...

    @overload
    def __getitem__(self, at: slice) -> Sequence[Finding]: ...

    def __getitem__(self, at: int | slice) -> Finding | Sequence[Finding]:
        if isinstance(at, slice):
            return [self[index] for index in range(len(self))[at]]
        rule, due, days = self.rules[at], self.dues[at], self.days[at]
        wording: Wording
        if self.late[at]:
            done = self.done[at]
            late_en, late_zh = (WORKING_DAYS_LATE[lang].format(days) for lang in (Lang.en, Lang.zh))
            wording = Missed(rule, done, due, self.versions[at], late_en, late_zh)
            code = FindingCode.DEADLINE_MISSED
        else:
            wording, code = StillOpen(rule, due, self.as_of, days), FindingCode.OVERDUE
        return Finding.worded(
            wording, code, self.file, self.rows[at], self.lines[at], "done", self.done[at], self.ids[at], rule.id
        )

    def __iter__(self) -> Iterator[Finding]:
        return map(self.__getitem__, range(len(self)))

    @property
    def still_open(self) -> int:
        """Rows still open (``overdue``)."""
        return self.late.count(False)

    def severities(self) -> dict[Severity, int]:
        """How many findings of each severity the batch holds."""
        counts = dict.fromkeys(Severity, 0)
        still_open = self.still_open
        counts[FindingCode.DEADLINE_MISSED.severity] += len(self) - still_open
        counts[FindingCode.OVERDUE.severity] += still_open
        return counts

    def codes(self) -> list[FindingCode]:
        """The code of each finding."""
        missed, overdue = FindingCode.DEADLINE_MISSED, FindingCode.OVERDUE
        return [missed if late else overdue for late in self.late]

    def _picked(self, pick: Callable[[Sequence[Any]], list[Any]]) -> FindingBatch:
        """The batch of what ``pick`` takes from each column, the same rows from each."""
        return FindingBatch(
            self.file,
            self.as_of,
            pick(self.late),
            pick(self.rows),
            pick(self.lines),
            pick(self.ids),
            pick(self.rules),
            pick(self.versions),
            pick(self.dues),
            pick(self.done),
            pick(self.days),
            pick(self.forms),
        )

    def part(self, start: int, stop: int) -> FindingBatch:
        """The batch of the findings from ``start`` to ``stop``."""
        return self._picked(lambda column: list(column[start:stop]))

    def where(self, keep: Sequence[bool]) -> FindingBatch:
        """The batch of the findings where ``keep`` is true, in order."""
        return self._picked(lambda column: list(compress(column, keep)))
