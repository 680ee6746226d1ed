"""``--format json``: one JSON document (docs/design.md §5 "Output formats")."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TextIO

from gkcli.ledger.findings import Finding
from gkcli.report.base import Reporter, ReportSummary

__all__ = ["JsonReporter"]


class JsonReporter(Reporter):
    """One JSON document: ``{"version": 1, "findings": [...], "summary": {...}}``. Findings are
    written as they come, one a line, so the summary (known only at the end) comes last."""

    name = "json"

    def _write(self, findings: Iterator[Finding], summary: Callable[[], ReportSummary], out: TextIO) -> None:
        out.write('{\n  "version": 1,\n  "findings": [')
        separator = "\n    "
        for finding in findings:
            out.write(separator + self.record_json(finding))
            separator = ",\n    "
        out.write("\n  ]" if separator != "\n    " else "]")
        out.write(',\n  "summary": ' + json.dumps(summary().as_record(self.lang), ensure_ascii=False) + "\n}\n")
