"""``--format jsonl``: JSON Lines (docs/design.md §5 "Output formats")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from gkcli.core.utf8out import write_utf8
from gkcli.ledger.batch import FindingBatch
from gkcli.ledger.findings import Finding
from gkcli.report.base import Reporter, ReportSummary
from gkcli.report.batchjson import HeldBatches

__all__ = ["JsonLinesReporter"]


class JsonLinesReporter(Reporter):
    """JSON Lines: one finding record a line, nothing else (the summary goes to stderr)."""

    name = "jsonl"

    def start(self, out: TextIO) -> None:
        self._out = out
        self._held = HeldBatches(self.lang)

    def add(self, finding: Finding) -> None:
        self._write(self._held.take())
        self._out.write(self.record_json(finding) + "\n")

    def add_batch(self, batch: FindingBatch) -> None:
        self._write(self._held.add(batch))

    def _write(self, texts: Iterable[bytes]) -> None:
        for text in texts:
            write_utf8(self._out, text)

    def finish(self, summary: ReportSummary) -> None:
        """The batches still held: JSON Lines has no trailer."""
        self._write(self._held.take())
