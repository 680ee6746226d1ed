"""Findings: what a ledger check reports (docs/design.md §5).

Each finding has a stable kebab-case ``code`` (``codes.FindingCode``, which also gives its
severity and help), and points at its place: the file, the spreadsheet ``row`` (header = 1),
the physical ``line``, the column and value. ``RowFindings`` collects those of one row.
A finding computed on a provisional calendar year is marked ``provisional`` (docs/design.md §2.3).
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Protocol

from gkcli.core.errors import GkcliError
from gkcli.core.i18n import PROVISIONAL_LABEL, Lang, LangLike
from gkcli.ledger.codes import FindingCode, Severity
from gkcli.ledger.messages import Message
from gkcli.ledger.read import LedgerRow

__all__ = ["Finding", "RowFindings", "RowProblem", "Severity", "Wording"]


class Wording(Protocol):
    """A message not worded yet (``messages.Missed``, ``messages.StillOpen``)."""

    def __call__(self, lang: Lang) -> str:
        """The message in ``lang``."""


_FIELDS = (
    "code",
    "file",
    "message_en",
    "message_zh",
    "row",
    "line",
    "column",
    "value",
    "row_id",
    "rule",
    "provisional",
)
_fill = object.__setattr__


class Finding:
    """One problem found in a ledger, in both languages. Immutable; equal when every field
    is (the messages as read).

    ``Finding.worded`` makes one whose message is worded only when read, in the language
    read: most findings of a large ledger are written once, in one language
    (docs/performance.md)."""

    __slots__ = (
        "__weakref__",
        "_en",
        "_wording",
        "_zh",
        "code",
        "column",
        "file",
        "line",
        "provisional",
        "row",
        "row_id",
        "rule",
        "value",
    )
    _en: str | None
    _zh: str | None
    _wording: Wording | None
    code: FindingCode
    file: str
    row: int | None
    line: int | None
    column: str | None
    value: str | None
    row_id: str | None
    rule: str | None
    provisional: bool

    def __init__(
        self,
        code: FindingCode,
        file: str,
        message_en: str,
        message_zh: str,
        row: int | None = None,
        line: int | None = None,
        column: str | None = None,
        value: str | None = None,
        row_id: str | None = None,
        rule: str | None = None,
        provisional: bool = False,
    ) -> None:
        _fill(self, "_en", message_en)
        _fill(self, "_zh", message_zh)
        _fill(self, "_wording", None)
        self._place(code, file, row, line, column, value, row_id, rule, provisional)

    @classmethod
    def worded(
        cls,
        wording: Wording,
        code: FindingCode,
        file: str,
        row: int | None = None,
        line: int | None = None,
        column: str | None = None,
        value: str | None = None,
        row_id: str | None = None,
        rule: str | None = None,
        provisional: bool = False,
    ) -> Finding:
        """A finding whose message ``wording`` words when it is read, in the language read."""
        finding = cls.__new__(cls)
        _fill(finding, "_en", None)
        _fill(finding, "_zh", None)
        _fill(finding, "_wording", wording)
        finding._place(code, file, row, line, column, value, row_id, rule, provisional)
        return finding

    def _place(
        self,
        code: FindingCode,
        file: str,
        row: int | None,
        line: int | None,
        column: str | None,
        value: str | None,
        row_id: str | None,
        rule: str | None,
        provisional: bool,
    ) -> None:
        _fill(self, "code", code)
        _fill(self, "file", file)
        _fill(self, "row", row)
        _fill(self, "line", line)
        _fill(self, "column", column)
        _fill(self, "value", value)
        _fill(self, "row_id", row_id)
        _fill(self, "rule", rule)
        _fill(self, "provisional", provisional)

    @property
    def message_en(self) -> str:
        if self._wording is not None:
            return self._wording(Lang.en)
        assert self._en is not None
        return self._en

    @property
    def message_zh(self) -> str:
        if self._wording is not None:
            return self._wording(Lang.zh)
        assert self._zh is not None
        return self._zh

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
            "severity": self.code.severity.value,
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

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in _FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(_FIELDS, self._values(), strict=True))
        return f"Finding({fields})"

    def __reduce__(self) -> tuple[type[Finding], tuple[object, ...]]:
        return (Finding, self._values())

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


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
