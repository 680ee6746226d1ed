"""Findings in batches: the late and overdue rows the columnar kernel judged, kept as columns
until a report writes them (docs/performance.md "Late rows in bulk").

A ``FindingBatch`` is a sequence of ``Finding``, its columns numpy arrays (the kernel's own,
picked for the batch's rows): each finding is made when it is asked for, worded
as the per-row check words it (``messages.Missed``, ``messages.StillOpen``). A report that
writes many findings at once reads the batch's columns instead, wording once for all the
rows of one form (``forms``), so a ledger with hundreds of thousands of late rows never
makes an object a row (``report.batchjson``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, overload

from gkcli.core.i18n import Lang
from gkcli.deadlines.units.base import WORKING_DAYS_LATE
from gkcli.ledger.codes import FindingCode, Severity
from gkcli.ledger.findings import Finding, Wording
from gkcli.ledger.messages import Missed, StillOpen
from gkcli.rules.catalogue import Rule

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["EPOCH", "NO_LINE", "FindingBatch", "object_column"]

NO_LINE = -1
"""A row's line in ``FindingBatch.lines`` when it has none (a workbook's rows)."""
EPOCH = date(1970, 1, 1).toordinal()
"""``date.toordinal()`` of day 0 of ``FindingBatch.dues`` and ``done``."""


def object_column(items: Sequence[object]) -> NDArray[np.object_]:
    """A column of ``items`` as they are (numpy would make rows of tuples, such as a ``Rule``)."""
    import numpy as np

    column = np.empty(len(items), dtype=object)
    for at, item in enumerate(items):
        column[at] = item
    return column


@dataclass(frozen=True, slots=True, eq=False)
class FindingBatch(Sequence[Finding]):
    """The findings of consecutive late and overdue rows of one file, one a row, as columns
    (numpy arrays, one item a row): ``deadline-missed`` where ``late`` is true (``done`` is
    the done day, the finding's value), else ``overdue`` as of ``as_of`` (the row's ``done``
    is not read). Every finding is in column ``done``, on no provisional year (the kernel
    leaves those to the per-row check). Days are counted from 1970-01-01 (``EPOCH``)."""

    file: str
    as_of: str
    late: NDArray[np.bool_]
    rows: NDArray[np.int64]
    lines: NDArray[np.int64]
    """The physical line of each row, ``NO_LINE`` for none."""
    ids: NDArray[np.object_]
    """Each row's id (text), or None."""
    rules: NDArray[np.object_]
    """Each row's ``Rule``."""
    versions: NDArray[np.object_]
    """The label of the rule version each due day was counted by."""
    dues: NDArray[np.int64]
    done: NDArray[np.int64]
    days: NDArray[np.int64]
    """Working days late or overdue."""
    forms: NDArray[np.int64]
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
        late = bool(self.late[at])
        return self.finding(
            self.file,
            self.as_of,
            late,
            int(self.rows[at]),
            self.line(at),
            self.ids[at],
            self.rules[at],
            self.versions[at],
            date.fromordinal(int(self.dues[at]) + EPOCH).isoformat(),
            date.fromordinal(int(self.done[at]) + EPOCH).isoformat() if late else "",
            int(self.days[at]),
        )

    @staticmethod
    def finding(
        file: str,
        as_of: str,
        late: bool,
        row: Any,
        line: Any,
        row_id: str | None,
        rule: Rule,
        version: str,
        due: str,
        done: str,
        days: Any,
    ) -> Finding:
        """The finding of one row of a batch, from its values (the days as text: ``due``,
        ``done``, empty when not ``late``), worded as the per-row check words it."""
        wording: Wording
        if late:
            late_en, late_zh = (WORKING_DAYS_LATE[lang].format(days) for lang in (Lang.en, Lang.zh))
            wording = Missed(rule, done, due, version, late_en, late_zh)
            code = FindingCode.DEADLINE_MISSED
        else:
            wording, code = StillOpen(rule, due, as_of, days), FindingCode.OVERDUE
        return Finding.worded(wording, code, file, row, line, "done", done, row_id, rule.id)

    def __iter__(self) -> Iterator[Finding]:
        return map(self.__getitem__, range(len(self)))

    def line(self, at: int) -> int | None:
        """The physical line of row ``at`` of the batch (None for none)."""
        line = int(self.lines[at])
        return None if line == NO_LINE else line

    @property
    def still_open(self) -> int:
        """Rows still open (``overdue``)."""
        return len(self) - int(self.late.sum())

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
        return [missed if late else overdue for late in self.late.tolist()]

    def _picked(self, at: Any) -> FindingBatch:
        """The batch of the rows ``at`` (a slice, or an index array or mask) of each column."""
        return FindingBatch(
            self.file,
            self.as_of,
            self.late[at],
            self.rows[at],
            self.lines[at],
            self.ids[at],
            self.rules[at],
            self.versions[at],
            self.dues[at],
            self.done[at],
            self.days[at],
            self.forms[at],
        )

    @classmethod
    def joined(cls, batches: Sequence[FindingBatch]) -> FindingBatch:
        """One batch of the findings of ``batches`` (all of one file and day), in order; the
        forms numbered anew, so batches of checks that number them differently join too."""
        import numpy as np

        if len(batches) == 1:
            return batches[0]
        numbers: dict[tuple[object, ...], int] = {}
        forms = []
        for batch in batches:
            _, firsts, where = np.unique(batch.forms, return_index=True, return_inverse=True)
            renumbered = [
                numbers.setdefault(
                    (bool(batch.late[at]), batch.rules[at].id, batch.rules[at].name, batch.versions[at]), len(numbers)
                )
                for at in firsts.tolist()
            ]
            forms.append(np.array(renumbered, dtype=np.int64)[where.reshape(-1)])

        def column(name: str) -> Any:
            return np.concatenate([getattr(batch, name) for batch in batches])

        return FindingBatch(
            batches[0].file,
            batches[0].as_of,
            column("late"),
            column("rows"),
            column("lines"),
            column("ids"),
            column("rules"),
            column("versions"),
            column("dues"),
            column("done"),
            column("days"),
            np.concatenate(forms),
        )

    def part(self, start: int, stop: int) -> FindingBatch:
        """The batch of the findings from ``start`` to ``stop``."""
        return self._picked(slice(start, stop))

    def where(self, keep: Sequence[bool]) -> FindingBatch:
        """The batch of the findings where ``keep`` is true, in order."""
        import numpy as np

        return self._picked(np.asarray(keep, dtype=bool))
