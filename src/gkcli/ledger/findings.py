"""Findings: what a ledger check reports (docs/design.md §5).

Each finding has a stable kebab-case ``code`` (``codes.FindingCode``, which also gives its
severity and help), and points at its place: the
file, the spreadsheet ``row`` (header = 1), the physical ``line``, the column and value.
A finding computed on a provisional calendar year is marked ``provisional`` (docs/design.md §2.3).
"""

from __future__ import annotations

from dataclasses import dataclass

from gkcli.core.i18n import PROVISIONAL_LABEL
from gkcli.ledger.codes import FindingCode, Severity

__all__ = ["Finding", "Severity"]


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

    def message(self, lang: str) -> str:
        """The message in ``lang``, ending in the provisional label when it is provisional."""
        text = self.message_zh if lang == "zh" else self.message_en
        return f"{text} [{PROVISIONAL_LABEL['zh' if lang == 'zh' else 'en']}]" if self.provisional else text

    def as_record(self, lang: str = "en") -> dict[str, object]:
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
