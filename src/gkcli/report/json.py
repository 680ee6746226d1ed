"""``--format json``: one JSON document (docs/design.md §5 "Output formats")."""

from __future__ import annotations

import json
from typing import TextIO

from gkcli.ledger.batch import FindingBatch
from gkcli.ledger.findings import Finding
from gkcli.report.base import Reporter, ReportSummary

__all__ = ["JsonReporter"]


class JsonReporter(Reporter):
    """One JSON document: ``{"version": 1, "findings": [...], "summary": {...}}``. Findings are
    written as they come, one a line, so the summary (known only at the end) comes last."""

    name = "json"

    def start(self, out: TextIO) -> None:
        self._out = out
        self._separator = "\n    "
        out.write('{\n  "version": 1,\n  "findings": [')

    def add(self, finding: Finding) -> None:
        self._out.write(self._separator + self.record_json(finding))
        self._separator = ",\n    "

    def add_batch(self, batch: FindingBatch) -> None:
        for lines in self.batch_json(batch):
            self._out.write(self._separator)
            self._out.write(",\n    ".join(lines))
            self._separator = ",\n    "

    def finish(self, summary: ReportSummary) -> None:
        out = self._out
        out.write("\n  ]" if self._separator != "\n    " else "]")
        out.write(',\n  "summary": ' + json.dumps(summary.as_record(self.lang), ensure_ascii=False) + "\n}\n")
