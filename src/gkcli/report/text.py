"""``--format text``: for people (docs/design.md §5 "Output formats")."""

from __future__ import annotations

import os
from typing import TextIO

from gkcli.core.i18n import Lang
from gkcli.ledger.findings import Finding, Severity
from gkcli.report.base import SEVERITY_LABELS, Reporter, ReportSummary, printable

__all__ = ["TABLE_BATCH", "TextReporter"]

TABLE_BATCH = 1000
"""Findings per table on a TTY: a table is sized from its rows, so it is printed in batches."""


class TextReporter(Reporter):
    """For people: rich tables on a TTY; elsewhere one aligned line a finding, as it comes."""

    name = "text"
    _CODE_WIDTH = 21
    _ROW_WIDTH = 7

    def start(self, out: TextIO) -> None:
        self._out = out
        self._table: list[Finding] | None = [] if out.isatty() else None

    def add(self, finding: Finding) -> None:
        if self._table is not None:
            self._table.append(finding)
            if len(self._table) >= TABLE_BATCH:
                self._write_table(self._table, self._out)
                self._table = []
            return
        where = (finding.file if finding.row is None else f"{finding.file}:{finding.row}").ljust(
            len(finding.file) + self._ROW_WIDTH
        )
        severity = SEVERITY_LABELS[self.lang][finding.severity].ljust(7 if self.lang is Lang.en else 2)
        self._out.write(
            printable(
                f"{where}  {severity}  {finding.code.ljust(self._CODE_WIDTH)}  {self._cell(finding)}{finding.message(self.lang)}"
            )
            + "\n"
        )

    def finish(self, summary: ReportSummary) -> None:
        if self._table:
            self._write_table(self._table, self._out)

    @staticmethod
    def _cell(finding: Finding) -> str:
        """``column="value"  ``, ``column  `` without a value, ``"value"  `` without a column."""
        if finding.value is not None:
            return f'{finding.column}="{finding.value}"  ' if finding.column else f'"{finding.value}"  '
        return f"{finding.column}  " if finding.column else ""

    def _write_table(self, findings: list[Finding], out: TextIO) -> None:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        several_files = len({finding.file for finding in findings}) > 1
        headers = (
            ("文件", "代码", "级别", "行", "列", "值", "说明")
            if self.lang is Lang.zh
            else ("file", "code", "severity", "row", "column", "value", "message")
        )
        table = Table(*headers[0 if several_files else 1 :], show_lines=False)
        styles = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}
        for finding in findings:
            cells = [
                Text(finding.code),
                Text(SEVERITY_LABELS[self.lang][finding.severity], style=styles[finding.severity]),
                Text("" if finding.row is None else str(finding.row)),
                Text(printable(finding.column or "")),
                Text(printable(finding.value or "")),
                Text(printable(finding.message(self.lang))),
            ]
            table.add_row(*([Text(printable(finding.file))] if several_files else []), *cells)
        Console(file=out, highlight=False, no_color="NO_COLOR" in os.environ or None).print(table)
