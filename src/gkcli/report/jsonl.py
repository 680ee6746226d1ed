"""``--format jsonl``: JSON Lines (docs/design.md §5 "Output formats")."""

from __future__ import annotations

from typing import TextIO

from gkcli.ledger.batch import FindingBatch
from gkcli.ledger.findings import Finding
from gkcli.report.base import Reporter, ReportSummary

__all__ = ["JsonLinesReporter"]


class JsonLinesReporter(Reporter):
    """JSON Lines: one finding record a line, nothing else (the summary goes to stderr)."""

    name = "jsonl"

    def start(self, out: TextIO) -> None:
        self._out = out

    def add(self, finding: Finding) -> None:
        self._out.write(self.record_json(finding) + "\n")

    def add_batch(self, batch: FindingBatch) -> None:
        for lines in self.batch_json(batch):
            self._out.write("\n".join(lines) + "\n")

    def finish(self, summary: ReportSummary) -> None:
        """Nothing: JSON Lines has no trailer."""
