"""Findings: what a ledger check reports (SPEC §5).

Each finding has a stable kebab-case ``code``, a severity, and points at its place: the
file, the spreadsheet ``row`` (header = 1), the physical ``line``, the column and value.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["Severity", "Finding"]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def rank(self) -> int:
        """Higher is more severe (for ``--fail-on``)."""
        return 2 if self is Severity.ERROR else 1


@dataclass(frozen=True)
class Finding:
    """One problem found in a ledger, in both languages."""

    code: str
    severity: Severity
    file: str
    message_en: str
    message_zh: str
    row: int | None = None
    line: int | None = None
    column: str | None = None
    value: str | None = None
    row_id: str | None = None
    rule: str | None = None

    def message(self, lang: str) -> str:
        return self.message_zh if lang == "zh" else self.message_en

    def as_record(self, lang: str = "en") -> dict[str, object]:
        """The stable machine form: English keys, message in ``lang``."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": self.file,
            "row": self.row,
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "id": self.row_id,
            "rule": self.rule,
            "message": self.message(lang),
        }
