"""``--format json``: one JSON document (docs/design.md §5 "Output formats")."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from gkcli.core.utf8out import write_utf8
from gkcli.ledger.batch import FindingBatch
from gkcli.ledger.findings import Finding
from gkcli.report.base import Reporter, ReportSummary
from gkcli.report.batchjson import HeldBatches

__all__ = ["JsonReporter"]


class JsonReporter(Reporter):
    """One JSON document: ``{"version": 1, "findings": [...], "summary": {...}}``. Findings are
    written as they come, one a line, so the summary (known only at the end) comes last."""

    name = "json"

    def start(self, out: TextIO) -> None:
        self._out = out
        self._separator = "\n    "
        self._held = HeldBatches(self.lang)
        out.write('{\n  "version": 1,\n  "findings": [')

    def add(self, finding: Finding) -> None:
        self._write(self._held.take())
        self._out.write(self._separator + self.record_json(finding))
        self._separator = ",\n    "

    def add_batch(self, batch: FindingBatch) -> None:
        self._write(self._held.add(batch))

    def _write(self, texts: Iterable[bytes]) -> None:
        """Lines of batches (UTF-8, each ending in a line feed) as items of the array."""
        for text in texts:
            self._out.write(self._separator)
            write_utf8(self._out, text[:-1].replace(b"\n", b",\n    "))  # no line feed is in a JSON line
            self._separator = ",\n    "

    def finish(self, summary: ReportSummary) -> None:
        self._write(self._held.take())
        out = self._out
        out.write("\n  ]" if self._separator != "\n    " else "]")
        out.write(',\n  "summary": ' + json.dumps(summary.as_record(self.lang), ensure_ascii=False) + "\n}\n")
