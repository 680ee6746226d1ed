"""``--format csv``: a spreadsheet of findings (docs/design.md §5 "Output formats")."""

from __future__ import annotations

import csv
from typing import ClassVar, TextIO

from gkcli.ledger.findings import Finding
from gkcli.report.base import Reporter, ReportSummary, neutralise_formula

__all__ = ["CsvReporter", "csv_cell"]


class CsvReporter(Reporter):
    """CSV with a header row, UTF-8 with a BOM so Excel/WPS show the Chinese text, one row a
    finding; every text cell that a spreadsheet would run as a formula is neutralised."""

    name = "csv"
    FIELDS: ClassVar[tuple[str, ...]] = (
        "code",
        "severity",
        "file",
        "row",
        "line",
        "column",
        "value",
        "id",
        "rule",
        "message",
        "provisional",
    )
    """The header: the keys of ``Finding.as_record`` in their order (a test keeps them equal)."""

    def start(self, out: TextIO) -> None:
        self._writer = csv.writer(out, lineterminator="\n")
        out.write("\ufeff")
        self._writer.writerow(self.FIELDS)

    def add(self, finding: Finding) -> None:
        self._writer.writerow([csv_cell(value) for value in self.record(finding).values()])

    def finish(self, summary: ReportSummary) -> None:
        """Nothing: the rows are the report."""


def csv_cell(value: object) -> object:
    """A record value as a CSV cell: text neutralised, a flag as ``true``/``false`` as in JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise_formula(value) if isinstance(value, str) else value
