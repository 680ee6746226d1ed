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
    code, file, row, column, value and, for exact repeats, the occurrence index)."""

    name = "gitlab"
    _SEVERITY: ClassVar[dict[Severity, str]] = {Severity.ERROR: "major", Severity.WARNING: "minor"}

    def start(self, out: TextIO) -> None:
        self._out = out
        self._occurrences: dict[int, int] = {}  # 64-bit digest of an identity -> times seen
        self._separator = "[\n  "

    def add(self, finding: Finding) -> None:
        identity = json.dumps(
            [finding.code, finding.file, finding.row, finding.column, finding.value], ensure_ascii=False
        ).encode()
        # Two identities sharing a 64-bit key only shift an index: fingerprints stay unique.
        key = int.from_bytes(hashlib.blake2b(identity, digest_size=8).digest(), "big")
        index = self._occurrences.get(key, 0)
        self._occurrences[key] = index + 1
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
