"""What is due: the open rows of a ledger that fall due within N working days of the check
date, and those already overdue, soonest first (docs/ledgers.md, ``gkcli ledger due``).

The statuses come from the ledger check itself (``FileCheck.results``); this only selects,
counts the working days left, and orders."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gkcli.deadlines.engine import Deadline
from gkcli.ledger.check import FileCheck
from gkcli.ledger.judge import Status
from gkcli.ledger.read import LedgerFileError, cell_text

__all__ = ["DueRow", "due_rows"]

_OPEN = (Status.OPEN, Status.DUE_SOON)


@dataclass(frozen=True)
class DueRow:
    """An open row due within the window, or overdue: where it is, its deadline, its status,
    and the working days left (open) or overdue (``None`` when they cannot be counted)."""

    file: str
    row: int
    row_id: str
    deadline: Deadline
    status: Status
    workdays: int | None
    provisional: bool

    @property
    def overdue(self) -> bool:
        return self.status is Status.OVERDUE

    def record(self) -> dict[str, object]:
        """The machine form: English keys, ISO dates (``gkcli ledger due --format json``)."""
        deadline = self.deadline
        return {
            "file": self.file,
            "row": self.row,
            "id": self.row_id,
            "rule": deadline.rule.id,
            "name": deadline.rule.name,
            "trigger": deadline.trigger.isoformat(),
            "due": deadline.due_date.isoformat(),
            "due_at": deadline.due_at.isoformat(),
            "status": self.status.value,
            "workdays_left": None if self.overdue else self.workdays,
            "workdays_overdue": self.workdays if self.overdue else None,
            "provisional": self.provisional,
        }


def due_rows(file_checks: Iterable[FileCheck], within: int) -> list[DueRow]:
    """The open rows of every file due within ``within`` working days of the check date (the
    due day itself counted, so 0 means due today), and every overdue row, ordered by due
    instant, then file and row. ``LedgerFileError`` for a file that is no readable ledger."""
    found: list[DueRow] = []
    for file_check in file_checks:
        checker = file_check.checker
        as_of = checker.options.as_of.date()
        table = file_check.open()
        id_column = table.positions.get("id")
        for result in file_check.results(table):
            deadline = result.deadline
            if deadline is None or result.status is None:
                continue
            if result.status is Status.OVERDUE:
                workdays = result.days_late
            elif result.status in _OPEN:
                workdays = checker.calendar.count_workdays(as_of, deadline.due_date)
                if workdays > within:
                    continue
            else:
                continue
            cells = result.row.cells
            row_id = cell_text(cells[id_column]) if id_column is not None and id_column < len(cells) else ""
            found.append(
                DueRow(file_check.name, result.row.row, row_id, deadline, result.status, workdays, result.provisional)
            )
        if file_check.file_findings:
            error = file_check.file_findings[0]
            raise LedgerFileError(error.code, error.message_en, error.message_zh, error.line)
    found.sort(key=lambda due: (due.deadline.due_at, due.file, due.row))
    return found
