"""``--format jsonl``: JSON Lines (docs/design.md §5 "Output formats")."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TextIO

from gkcli.ledger.findings import Finding
from gkcli.report.base import Reporter, ReportSummary

__all__ = ["JsonLinesReporter"]


class JsonLinesReporter(Reporter):
    """JSON Lines: one finding record a line, nothing else (the summary goes to stderr)."""

    name = "jsonl"

    def _write(self, findings: Iterator[Finding], summary: Callable[[], ReportSummary], out: TextIO) -> None:
        for finding in findings:
            out.write(self.record_json(finding) + "\n")
