"""Findings: what a ledger check reports (docs/design.md §5).

Each finding has a stable kebab-case ``code`` (``codes.FindingCode``, which also gives its
severity and help), and points at its place: the file, the spreadsheet ``row`` (header = 1),
the physical ``line``, the column and value. ``RowFindings`` collects those of one row.
A finding computed on a provisional calendar year is marked ``provisional`` (docs/design.md §2.3).
"""

from __future__ import annotations

from dataclasses import dataclass

from gkcli.core.errors import GkcliError
from gkcli.core.i18n import PROVISIONAL_LABEL, Lang, LangLike
from gkcli.ledger.codes import FindingCode, Severity
from gkcli.ledger.messages import Message
from gkcli.ledger.read import LedgerRow

__all__ = ["Finding", "RowFindings", "RowProblem", "Severity"]


@dataclass(frozen=True)
class Finding:
    """One problem found in a ledger, in both languages."""

    code: FindingCode
    file: str
    message_en: str
    message_zh: str
    row: int | None = None
    line: int | None = None
    column: str | None = None
    value: str | None = None
    row_id: str | None = None
    rule: str | None = None
    provisional: bool = False

    @property
    def severity(self) -> Severity:
        return self.code.severity

    def message(self, lang: LangLike) -> str:
        """The message in ``lang``, ending in the provisional label when it is provisional."""
        text = self.message_zh if lang == Lang.zh else self.message_en
        return f"{text} [{PROVISIONAL_LABEL[Lang(lang)]}]" if self.provisional else text

    def as_record(self, lang: LangLike = Lang.en) -> dict[str, object]:
        """The stable machine form: English keys, message in ``lang``."""
        return {
            "code": self.code.value,
            "severity": self.severity.value,
            "file": self.file,
            "row": self.row,
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "id": self.row_id,
            "rule": self.rule,
            "message": self.message(lang),
            "provisional": self.provisional,
        }


class RowProblem(Exception):
    """Stops checking a row: its finding is already recorded."""


class RowFindings:
    """Collects the findings of one row, each placed at the row (its id and, once known, its
    rule and whether its status was counted on a provisional year)."""

    __slots__ = ("file", "findings", "provisional", "row", "row_id", "rule")

    def __init__(self, file: str, row: LedgerRow, row_id: str | None) -> None:
        self.file, self.row, self.row_id = file, row, row_id
        self.findings: list[Finding] = []
        self.rule: str | None = None
        self.provisional = False  # set once the row's status is counted, for the findings about it

    def add(self, code: FindingCode, column: str | None, value: str | None, message: Message) -> None:
        self.findings.append(
            Finding(
                code,
                self.file,
                message.en,
                message.zh,
                row=self.row.row,
                line=self.row.line,
                column=column,
                value=value,
                row_id=self.row_id,
                rule=self.rule,
                provisional=self.provisional,
            )
        )

    def error(self, error: GkcliError, column: str | None, value: str, code: FindingCode | None = None) -> RowProblem:
        """Record ``error`` as a finding (of ``code``, else of the error's own code); raise the result."""
        self.add(code or FindingCode(error.code), column, value, Message(error.en, error.zh))
        return RowProblem()
