"""Ledger report formats (docs/design.md §5 "Output formats"): text, json, jsonl, csv, github, gitlab, junit.

Contract for callers (``gkcli ledger check``)::

    reporter = get_reporter(name, lang)          # InputError (exit 2) for an unknown name
    summary = reporter.write(findings, info, out)
    stderr.write(summary_line(summary, lang) + "\\n")
    exit_code = 1 if summary.count_at_or_above(fail_on) else 0

- ``findings`` is any iterable of ``Finding``, consumed exactly once, in order. Keep it a
  generator for large ledgers: text (off a TTY), json, jsonl, csv, github and gitlab write each
  finding as it arrives and keep nothing per finding (except gitlab: about 110 bytes per finding,
  to number exact repeats so every fingerprint is unique). junit, and text on a TTY (a rich
  table), collect the findings before writing.
- ``info`` is a ``RunInfo`` or a zero-argument callable returning one. A callable is called once,
  after the last finding has been consumed, so it may report rows and encodings that are only
  known once reading has finished.
- ``out`` is a text stream. The reporter writes only data to it; the summary line is the
  caller's to print on stderr. For csv open files with ``newline=""``.
- The reporter counts errors and warnings itself (also those a format caps, e.g. github) and
  returns them in the ``ReportSummary``; callers do not count.
- Messages, labels and notices are in ``lang`` (``zh`` or ``en``); machine keys are English.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import xml.etree.ElementTree as ET
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from json.encoder import encode_basestring
from typing import ClassVar, TextIO

from gkcli.core.errors import InputError
from gkcli.ledger.findings import Finding, Severity

__all__ = [
    "GITHUB_ANNOTATION_CAP",
    "REPORTERS",
    "ReportSummary",
    "Reporter",
    "RunInfo",
    "get_reporter",
    "neutralise_formula",
    "summary_line",
]

GITHUB_ANNOTATION_CAP = 10
"""Annotations shown per severity; GitHub itself keeps only 10 of each per step."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RunInfo:
    """What the check knows about its run: the files in order, data rows read, the encoding
    each file was decoded with (``None`` for .xlsx), and the as-of date of the check."""

    files: tuple[str, ...]
    rows: int
    encodings: dict[str, str | None]
    as_of: date


@dataclass(frozen=True)
class ReportSummary:
    """A run's ``RunInfo`` with the counts of all findings (also those a format left out)."""

    info: RunInfo
    errors: int
    warnings: int

    def count_at_or_above(self, severity: Severity) -> int:
        """Findings at or above ``severity`` (``--fail-on``)."""
        return self.errors + (self.warnings if severity is Severity.WARNING else 0)

    def as_record(self, lang: str) -> dict[str, object]:
        """The machine form with stable English keys."""
        return {
            "files": list(self.info.files),
            "rows": self.info.rows,
            "encodings": dict(self.info.encodings),
            "as_of": self.info.as_of.isoformat(),
            "lang": lang,
            "errors": self.errors,
            "warnings": self.warnings,
        }


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def summary_line(summary: ReportSummary, lang: str) -> str:
    """One line for stderr: ``2 errors, 1 warning in 1 file (1,000 rows, encoding gb18030,
    as of 2026-10-10)`` / ``1 个文件（1,000 行，编码 gb18030，截至 2026-10-10）：2 个错误，1 个警告``."""
    info = summary.info
    encodings = sorted({name for name in info.encodings.values() if name})
    as_of = info.as_of.isoformat()
    if lang == "zh":
        details = [f"{info.rows:,} 行"] + ([f"编码 {', '.join(encodings)}"] if encodings else []) + [f"截至 {as_of}"]
        counts = (
            f"{summary.errors:,} 个错误，{summary.warnings:,} 个警告"
            if summary.errors or summary.warnings
            else "未发现问题"
        )
        return f"{len(info.files):,} 个文件（{'，'.join(details)}）：{counts}"
    label = "encoding" if len(encodings) == 1 else "encodings"
    details = (
        [_plural(info.rows, "row")] + ([f"{label} {', '.join(encodings)}"] if encodings else []) + [f"as of {as_of}"]
    )
    counts = (
        f"{_plural(summary.errors, 'error')}, {_plural(summary.warnings, 'warning')}"
        if summary.errors or summary.warnings
        else "no findings"
    )
    return f"{counts} in {_plural(len(info.files), 'file')} ({', '.join(details)})"


def neutralise_formula(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula (``= + - @``, tab, CR),
    per OWASP's CSV-injection advice."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _escape_table(keep: str) -> dict[int, str]:
    """A ``str.translate`` table writing control characters (except ``keep``) as escapes."""
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    controls = [*range(0x20), 0x7F, *range(0x80, 0xA0), 0xFFFE, 0xFFFF]
    return {
        code: named.get(chr(code), f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        for code in controls
        if chr(code) not in keep
    }


_PRINTABLE = _escape_table(keep="")
_XML_TEXT = _escape_table(keep="\n\t")


def _printable(text: str) -> str:
    """``text`` safe for one terminal line: control characters (ANSI escapes, newlines) escaped."""
    return text.translate(_PRINTABLE)


_LABELS = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning"},
}


def _place(finding: Finding, lang: str) -> str:
    """``row 12`` / ``第 12 行``, or the file-level place when the finding has no row."""
    if finding.row is None:
        return "整个文件" if lang == "zh" else "whole file"
    return f"第 {finding.row} 行" if lang == "zh" else f"row {finding.row}"


def _placed(finding: Finding, text: str, lang: str) -> str:
    """``row 12: text`` / ``第 12 行：text``, for formats that show the file but not the row."""
    return f"{_place(finding, lang)}{'：' if lang == 'zh' else ': '}{text}"


class Reporter(ABC):
    """Writes findings in one format; see the module docstring for the contract."""

    name: ClassVar[str]

    def __init__(self, lang: str = "en") -> None:
        self.lang = "zh" if lang == "zh" else "en"

    def write(self, findings: Iterable[Finding], info: RunInfo | Callable[[], RunInfo], out: TextIO) -> ReportSummary:
        """Write every finding to ``out`` and return the run's summary with the counts."""
        counts = {Severity.ERROR: 0, Severity.WARNING: 0}

        def counted() -> Iterator[Finding]:
            for finding in findings:
                counts[finding.severity] += 1
                yield finding

        cached: list[ReportSummary] = []

        def summary() -> ReportSummary:
            if not cached:
                run = info() if callable(info) else info
                cached.append(ReportSummary(run, counts[Severity.ERROR], counts[Severity.WARNING]))
            return cached[0]

        stream = counted()
        self._write(stream, summary, out)
        deque(stream, maxlen=0)
        return summary()

    @abstractmethod
    def _write(self, findings: Iterator[Finding], summary: Callable[[], ReportSummary], out: TextIO) -> None:
        """Write the findings; call ``summary()`` only after the last finding has been read."""

    def record(self, finding: Finding) -> dict[str, object]:
        return finding.as_record(self.lang)

    def record_json(self, finding: Finding) -> str:
        """``json.dumps(self.record(finding), ensure_ascii=False)``, about twice as fast: the
        record holds only strings, integers, flags and None, each encoded by the json C escaper."""
        return (
            "{"
            + ", ".join(
                [f"{encode_basestring(key)}: {_json_scalar(value)}" for key, value in self.record(finding).items()]
            )
            + "}"
        )


def _json_scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return encode_basestring(value)
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


class TextReporter(Reporter):
    """For people: a rich table on a TTY; elsewhere one aligned line a finding, as it comes."""

    name = "text"
    _CODE_WIDTH = 21
    _ROW_WIDTH = 7

    def _write(self, findings: Iterator[Finding], summary: Callable[[], ReportSummary], out: TextIO) -> None:
        if out.isatty():
            self._write_table(list(findings), out)
            return
        labels = _LABELS[self.lang]
        for finding in findings:
            where = (finding.file if finding.row is None else f"{finding.file}:{finding.row}").ljust(
                len(finding.file) + self._ROW_WIDTH
            )
            severity = labels[finding.severity].ljust(7 if self.lang == "en" else 2)
            out.write(
                _printable(
                    f"{where}  {severity}  {finding.code.ljust(self._CODE_WIDTH)}  {self._cell(finding)}{finding.message(self.lang)}"
                )
                + "\n"
            )

    @staticmethod
    def _cell(finding: Finding) -> str:
        """``column="value"  ``, ``column  `` without a value, ``"value"  `` without a column."""
        if finding.value is not None:
            return f'{finding.column}="{finding.value}"  ' if finding.column else f'"{finding.value}"  '
        return f"{finding.column}  " if finding.column else ""

    def _write_table(self, findings: list[Finding], out: TextIO) -> None:
        if not findings:
            return
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        several_files = len({finding.file for finding in findings}) > 1
        headers = (
            ("文件", "代码", "级别", "行", "列", "值", "说明")
            if self.lang == "zh"
            else ("file", "code", "severity", "row", "column", "value", "message")
        )
        table = Table(*headers[0 if several_files else 1 :], show_lines=False)
        styles = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}
        for finding in findings:
            cells = [
                Text(finding.code),
                Text(_LABELS[self.lang][finding.severity], style=styles[finding.severity]),
                Text("" if finding.row is None else str(finding.row)),
                Text(_printable(finding.column or "")),
                Text(_printable(finding.value or "")),
                Text(_printable(finding.message(self.lang))),
            ]
            table.add_row(*([Text(_printable(finding.file))] if several_files else []), *cells)
        Console(file=out, highlight=False, no_color="NO_COLOR" in os.environ or None).print(table)


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


class JsonLinesReporter(Reporter):
    """JSON Lines: one finding record a line, nothing else (the summary goes to stderr)."""

    name = "jsonl"

    def _write(self, findings: Iterator[Finding], summary: Callable[[], ReportSummary], out: TextIO) -> None:
        for finding in findings:
            out.write(self.record_json(finding) + "\n")


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

    def _write(self, findings: Iterator[Finding], summary: Callable[[], ReportSummary], out: TextIO) -> None:
        writer = csv.writer(out, lineterminator="\n")
        out.write("\ufeff")
        writer.writerow(self.FIELDS)
        for finding in findings:
            writer.writerow([_csv_cell(value) for value in self.record(finding).values()])


def _csv_cell(value: object) -> object:
    """A record value as a CSV cell: text neutralised, a flag as ``true``/``false`` as in JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise_formula(value) if isinstance(value, str) else value


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
        raise InputError(
            f"cannot append the findings table to $GITHUB_STEP_SUMMARY ({path}): {error.strerror}. "
            "Fix: point GITHUB_STEP_SUMMARY at a writable file, or unset it outside GitHub Actions.",
            f"无法把问题列表追加到 $GITHUB_STEP_SUMMARY（{path}）：{error.strerror}。"
            "解决办法：让 GITHUB_STEP_SUMMARY 指向可写的文件；不在 GitHub Actions 中时取消这个环境变量。",
        ) from None


class GitHubReporter(Reporter):
    """GitHub Actions workflow commands (``::error file=F,line=L,title=CODE::message``), at most
    ``GITHUB_ANNOTATION_CAP`` per severity and then a ``::notice::`` of how many were left out;
    with ``$GITHUB_STEP_SUMMARY`` set, a Markdown table of every finding is appended there."""

    name = "github"

    def _write(self, findings: Iterator[Finding], summary: Callable[[], ReportSummary], out: TextIO) -> None:
        path = os.environ.get("GITHUB_STEP_SUMMARY")
        step_summary = _open_step_summary(path) if path else None
        try:
            if step_summary:
                step_summary.write(self._table_head())
            shown = {Severity.ERROR: 0, Severity.WARNING: 0}
            for finding in findings:
                if shown[finding.severity] < GITHUB_ANNOTATION_CAP:
                    shown[finding.severity] += 1
                    out.write(self._annotation(finding))
                if step_summary:
                    step_summary.write(self._table_row(finding))
            done = summary()
            left_out = (done.errors - shown[Severity.ERROR], done.warnings - shown[Severity.WARNING])
            if any(left_out):
                out.write(f"::notice title=gkcli::{_github_data(self._left_out(*left_out, bool(path)))}\n")
            if step_summary:
                step_summary.write(f"\n{_markdown_cell(summary_line(done, self.lang))}\n\n")
        finally:
            if step_summary:
                step_summary.close()

    def _annotation(self, finding: Finding) -> str:
        properties = [f"file={_github_property(finding.file)}"]
        if finding.line is not None:
            properties.append(f"line={finding.line}")
        properties.append(f"title={_github_property(finding.code)}")
        return f"::{finding.severity.value} {','.join(properties)}::{_github_data(_placed(finding, finding.message(self.lang), self.lang))}\n"

    def _left_out(self, errors: int, warnings: int, in_step_summary: bool) -> str:
        if self.lang == "zh":
            where = "完整列表见作业摘要（job summary）。" if in_step_summary else "完整列表请用 --format text 查看。"
            return f"另有 {errors:,} 个错误、{warnings:,} 个警告未作为注释显示（每种级别最多 {GITHUB_ANNOTATION_CAP} 个）。{where}"
        where = (
            "See the job summary for all of them." if in_step_summary else "Run with --format text to see all of them."
        )
        return f"{_plural(errors, 'more error')} and {_plural(warnings, 'more warning')} not shown as annotations (at most {GITHUB_ANNOTATION_CAP} per severity). {where}"

    def _table_head(self) -> str:
        if self.lang == "zh":
            return "### gkcli 台账检查\n\n| 级别 | 代码 | 文件 | 行 | 列 | 值 | 说明 |\n|---|---|---|---|---|---|---|\n"
        return "### gkcli ledger check\n\n| severity | code | file | row | column | value | message |\n|---|---|---|---|---|---|---|\n"

    def _table_row(self, finding: Finding) -> str:
        cells = (
            _LABELS[self.lang][finding.severity],
            finding.code,
            finding.file,
            "" if finding.row is None else str(finding.row),
            finding.column or "",
            finding.value or "",
            finding.message(self.lang),
        )
        return "| " + " | ".join(_markdown_cell(cell) for cell in cells) + " |\n"


class GitLabReporter(Reporter):
    """GitLab Code Quality JSON: an array of issues with unique, stable fingerprints (sha256 of
    code, file, row, column, value and, for exact repeats, the occurrence index)."""

    name = "gitlab"
    _SEVERITY: ClassVar[dict[Severity, str]] = {Severity.ERROR: "major", Severity.WARNING: "minor"}

    def _write(self, findings: Iterator[Finding], summary: Callable[[], ReportSummary], out: TextIO) -> None:
        occurrences: dict[int, int] = {}  # 64-bit digest of an identity -> times seen
        separator = "[\n  "
        for finding in findings:
            identity = json.dumps(
                [finding.code, finding.file, finding.row, finding.column, finding.value], ensure_ascii=False
            ).encode()
            # Two identities sharing a 64-bit key only shift an index: fingerprints stay unique.
            key = int.from_bytes(hashlib.blake2b(identity, digest_size=8).digest(), "big")
            index = occurrences.get(key, 0)
            occurrences[key] = index + 1
            issue = {
                "description": _placed(finding, finding.message(self.lang), self.lang),
                "check_name": finding.code,
                "fingerprint": hashlib.sha256(identity + b"|" + str(index).encode()).hexdigest(),
                "severity": self._SEVERITY[finding.severity],
                "location": {"path": finding.file, "lines": {"begin": finding.line or finding.row or 1}},
            }
            out.write(separator + json.dumps(issue, ensure_ascii=False))
            separator = ",\n  "
        out.write("[]\n" if separator == "[\n  " else "\n]\n")


def _xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 forbids written as escapes, so the report parses."""
    return text.translate(_XML_TEXT)


class JUnitReporter(Reporter):
    """JUnit XML: one testsuite a file, one testcase a finding (errors fail; warnings pass with
    the warning in ``<system-out>``), and one passing testcase for a file with no findings."""

    name = "junit"

    def _write(self, findings: Iterator[Finding], summary: Callable[[], ReportSummary], out: TextIO) -> None:
        by_file: dict[str, list[Finding]] = {}
        for finding in findings:
            by_file.setdefault(finding.file, []).append(finding)
        done = summary()
        files = list(done.info.files) + [name for name in by_file if name not in done.info.files]
        root = ET.Element("testsuites", name="gkcli ledger check", tests="0", failures=str(done.errors), errors="0")
        total = 0
        for file in files:
            suite = self._suite(root, file, by_file.get(file, []))
            total += int(suite.get("tests", "0"))
        root.set("tests", str(total))
        ET.indent(root)
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(ET.tostring(root, encoding="unicode") + "\n")

    def _suite(self, root: ET.Element, file: str, findings: list[Finding]) -> ET.Element:
        failures = sum(finding.severity is Severity.ERROR for finding in findings)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_xml_text(file),
            tests=str(max(len(findings), 1)),
            failures=str(failures),
            errors="0",
            skipped="0",
        )
        if not findings:
            ET.SubElement(
                suite, "testcase", classname=_xml_text(file), name="未发现问题" if self.lang == "zh" else "no findings"
            )
        for finding in findings:
            case = ET.SubElement(
                suite, "testcase", classname=_xml_text(file), name=_xml_text(_placed(finding, finding.code, self.lang))
            )
            message = _xml_text(finding.message(self.lang))
            details = _xml_text(self._details(finding))
            if finding.severity is Severity.ERROR:
                failure = ET.SubElement(case, "failure", type=finding.code, message=message)
                failure.text = details
            else:
                ET.SubElement(case, "system-out").text = f"{_LABELS[self.lang][finding.severity]}: {message}\n{details}"
        return suite

    def _details(self, finding: Finding) -> str:
        record = self.record(finding)
        shown = {
            key: "true" if value is True else value
            for key, value in record.items()
            if value is not None and value is not False
        }
        return "\n".join(f"{key}: {value}" for key, value in shown.items() if key != "message")


REPORTERS: dict[str, type[Reporter]] = {
    reporter.name: reporter
    for reporter in (
        TextReporter,
        JsonReporter,
        JsonLinesReporter,
        CsvReporter,
        GitHubReporter,
        GitLabReporter,
        JUnitReporter,
    )
}


def get_reporter(name: str, lang: str = "en") -> Reporter:
    """The reporter for ``--format NAME`` writing messages in ``lang``."""
    try:
        return REPORTERS[name](lang)
    except KeyError:
        names = ", ".join(REPORTERS)
        raise InputError(
            f"unknown report format {name!r}. Fix: use one of {names}.",
            f"未知的报告格式 {name!r}。解决办法：使用 {names} 之一。",
        ) from None
