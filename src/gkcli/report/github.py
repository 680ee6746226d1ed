"""``--format github``: GitHub Actions annotations and job summary (docs/design.md §5 "Output formats")."""

from __future__ import annotations

import html
import os
from typing import TextIO

from gkcli.core.errors import InputError, os_reason
from gkcli.core.i18n import Lang
from gkcli.ledger.findings import Finding, Severity
from gkcli.report.base import SEVERITY_LABELS, Reporter, ReportSummary, placed, plural, summary_line

__all__ = ["GITHUB_ANNOTATION_CAP", "GitHubReporter"]

GITHUB_ANNOTATION_CAP = 10
"""Annotations shown per severity; GitHub itself keeps only 10 of each per step."""


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def _markdown_cell(text: str) -> str:
    return (
        html.escape(text, quote=False)
        .replace("|", "\\|")
        .replace("\r\n", "<br>")
        .replace("\n", "<br>")
        .replace("\r", "<br>")
    )


def _open_step_summary(path: str) -> TextIO:
    try:
        return open(path, "a", encoding="utf-8")
    except OSError as error:
        en, zh = os_reason(error)
        raise InputError(
            f"cannot append the findings table to $GITHUB_STEP_SUMMARY ({path}): {en}. "
            "Fix: point GITHUB_STEP_SUMMARY at a writable file, or unset it outside GitHub Actions.",
            f"无法把问题列表追加到 $GITHUB_STEP_SUMMARY（{path}）：{zh}。"
            "解决办法：让 GITHUB_STEP_SUMMARY 指向可写的文件；不在 GitHub Actions 中时取消这个环境变量。",
        ) from None


class GitHubReporter(Reporter):
    """GitHub Actions workflow commands (``::error file=F,line=L,title=CODE::message``), at most
    ``GITHUB_ANNOTATION_CAP`` per severity and then a ``::notice::`` of how many were left out;
    with ``$GITHUB_STEP_SUMMARY`` set, a Markdown table of every finding is appended there."""

    name = "github"

    def start(self, out: TextIO) -> None:
        self._out = out
        path = os.environ.get("GITHUB_STEP_SUMMARY")
        self._in_step_summary = bool(path)
        self._step_summary = _open_step_summary(path) if path else None
        self._shown = {Severity.ERROR: 0, Severity.WARNING: 0}
        if self._step_summary:
            self._step_summary.write(self._table_head())

    def add(self, finding: Finding) -> None:
        if self._shown[finding.severity] < GITHUB_ANNOTATION_CAP:
            self._shown[finding.severity] += 1
            self._out.write(self._annotation(finding))
        if self._step_summary:
            self._step_summary.write(self._table_row(finding))

    def finish(self, summary: ReportSummary) -> None:
        left_out = (summary.errors - self._shown[Severity.ERROR], summary.warnings - self._shown[Severity.WARNING])
        if any(left_out):
            self._out.write(f"::notice title=gkcli::{_github_data(self._left_out(*left_out, self._in_step_summary))}\n")
        if self._step_summary:
            self._step_summary.write(f"\n{_markdown_cell(summary_line(summary, self.lang))}\n\n")

    def close(self) -> None:
        if self._step_summary:
            self._step_summary.close()
            self._step_summary = None

    def _annotation(self, finding: Finding) -> str:
        properties = [f"file={_github_property(finding.file)}"]
        if finding.line is not None:
            properties.append(f"line={finding.line}")
        properties.append(f"title={_github_property(finding.code)}")
        return f"::{finding.severity.value} {','.join(properties)}::{_github_data(placed(finding, finding.message(self.lang), self.lang))}\n"

    def _left_out(self, errors: int, warnings: int, in_step_summary: bool) -> str:
        if self.lang is Lang.zh:
            where = "完整列表见作业摘要（job summary）。" if in_step_summary else "完整列表请用 --format text 查看。"
            return f"另有 {errors:,} 个错误、{warnings:,} 个警告未作为注释显示（每种级别最多 {GITHUB_ANNOTATION_CAP} 个）。{where}"
        where = (
            "See the job summary for all of them." if in_step_summary else "Run with --format text to see all of them."
        )
        return f"{plural(errors, 'more error')} and {plural(warnings, 'more warning')} not shown as annotations (at most {GITHUB_ANNOTATION_CAP} per severity). {where}"

    def _table_head(self) -> str:
        if self.lang is Lang.zh:
            return "### gkcli 台账检查\n\n| 级别 | 代码 | 文件 | 行 | 列 | 值 | 说明 |\n|---|---|---|---|---|---|---|\n"
        return "### gkcli ledger check\n\n| severity | code | file | row | column | value | message |\n|---|---|---|---|---|---|---|\n"

    def _table_row(self, finding: Finding) -> str:
        cells = (
            SEVERITY_LABELS[self.lang][finding.severity],
            finding.code,
            finding.file,
            "" if finding.row is None else str(finding.row),
            finding.column or "",
            finding.value or "",
            finding.message(self.lang),
        )
        return "| " + " | ".join(_markdown_cell(cell) for cell in cells) + " |\n"
