"""``--format gitlab``: GitLab Code Quality (docs/design.md §5 "Output formats")."""

from __future__ import annotations

import hashlib
import json
from typing import ClassVar, TextIO

from gkcli.ledger.findings import Finding, Severity
from gkcli.report.base import Reporter, ReportSummary, placed

__all__ = ["GitLabReporter"]


class GitLabReporter(Reporter):
    """GitLab Code Quality JSON: an array of issues with unique, stable fingerprints (sha256 of
    code, file, row, column, value and, for exact repeats, the occurrence index).

    A row's findings arrive together, so an exact repeat on a row can only follow on that
    row: the occurrences are counted for the current row alone, and for the file-level
    findings (no row), which are few. Memory stays flat however many rows are reported."""

    name = "gitlab"
    _SEVERITY: ClassVar[dict[Severity, str]] = {Severity.ERROR: "major", Severity.WARNING: "minor"}

    def start(self, out: TextIO) -> None:
        self._out = out
        self._row: tuple[str, int] | None = None
        self._row_occurrences: dict[bytes, int] = {}  # identity -> times seen, on the current row
        self._file_occurrences: dict[bytes, int] = {}  # the same for findings without a row
        self._separator = "[\n  "

    def add(self, finding: Finding) -> None:
        identity = json.dumps(
            [finding.code, finding.file, finding.row, finding.column, finding.value], ensure_ascii=False
        ).encode()
        if finding.row is None:
            occurrences = self._file_occurrences
        else:
            if self._row != (finding.file, finding.row):
                self._row, self._row_occurrences = (finding.file, finding.row), {}
            occurrences = self._row_occurrences
        index = occurrences.get(identity, 0)
        occurrences[identity] = index + 1
        issue = {
            "description": placed(finding, finding.message(self.lang), self.lang),
            "check_name": finding.code,
            "fingerprint": hashlib.sha256(identity + b"|" + str(index).encode()).hexdigest(),
            "severity": self._SEVERITY[finding.severity],
            "location": {"path": finding.file, "lines": {"begin": finding.line or finding.row or 1}},
        }
        self._out.write(self._separator + json.dumps(issue, ensure_ascii=False))
        self._separator = ",\n  "

    def finish(self, summary: ReportSummary) -> None:
        self._out.write("[]\n" if self._separator == "[\n  " else "\n]\n")
