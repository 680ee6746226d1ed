"""The contract every ledger report format keeps (docs/design.md §5 "Output formats").

Contract for callers (``gkcli ledger check``)::

    reporter = get_reporter(name, lang)          # InputError (exit 2) for an unknown name
    summary = reporter.write(findings, info, out)
    # or several formats in one pass: write_reports(findings, info, [(reporter, out), ...])
    stderr.write(summary_line(summary, lang) + "\\n")
    exit_code = 1 if summary.count_at_or_above(fail_on) else 0

- ``findings`` is any iterable of ``Finding`` (and of ``FindingBatch``, the columnar kernel's
  late and overdue findings of consecutive rows: ``FileCheck.batched_findings``), consumed
  exactly once, in order, and pushed to each format (``start``, ``add`` or ``add_batch``,
  ``finish``, ``close``). Every format
  streams: it writes each finding as it arrives (junit spools its test cases to a temporary
  file, since its header carries the counts; text on a TTY prints a table every
  ``TABLE_BATCH`` findings) and keeps nothing per finding (gitlab counts exact repeats on
  the current row only, to number them so every fingerprint is unique; json and jsonl hold
  consecutive batches of late rows until ``batchjson.JSON_LINES`` findings are in hand).
- ``info`` is a ``RunInfo`` or a zero-argument callable returning one. A callable is called once,
  after the last finding has been consumed, so it may report rows and encodings that are only
  known once reading has finished.
- ``out`` is a text stream. The reporter writes only data to it; the summary line is the
  caller's to print on stderr. For csv open files with ``newline=""``.
- The reporter counts errors and warnings itself (also those a format caps, e.g. github) and
  returns them in the ``ReportSummary``; callers do not count.
- Messages, labels and notices are in ``lang`` (``zh`` or ``en``); machine keys are English.

A new format is one module here with a ``Reporter`` subclass, registered in ``formats``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from json.encoder import encode_basestring
from typing import ClassVar, TextIO

from gkcli.core.i18n import Lang, LangLike
from gkcli.ledger.batch import FindingBatch
from gkcli.ledger.check import FileCheck
from gkcli.ledger.codes import FindingCode
from gkcli.ledger.findings import Finding, Severity

__all__ = [
    "SEVERITY_LABELS",
    "ReportSummary",
    "Reporter",
    "RunInfo",
    "finding_json",
    "neutralise_formula",
    "place",
    "placed",
    "plural",
    "printable",
    "summary_line",
    "write_reports",
    "xml_text",
]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RunInfo:
    """What the check knows about its run: the files in order, data rows read, the encoding
    each file was decoded with (``None`` for .xlsx), the as-of date of the check, and how many
    findings the code selection left out (``ledger.selection``)."""

    files: tuple[str, ...]
    rows: int
    encodings: dict[str, str | None]
    as_of: date
    ignored: int = 0

    @classmethod
    def of(cls, checks: Sequence[FileCheck], as_of: date, ignored: int = 0) -> RunInfo:
        """The run of ``checks``, once their findings have all been read."""
        return cls(
            files=tuple(check.name for check in checks),
            rows=sum(check.rows for check in checks),
            encodings={check.name: check.encoding for check in checks},
            as_of=as_of,
            ignored=ignored,
        )


@dataclass(frozen=True)
class ReportSummary:
    """A run's ``RunInfo`` with the counts of all findings (also those a format left out)."""

    info: RunInfo
    errors: int
    warnings: int

    def count_at_or_above(self, severity: Severity) -> int:
        """Findings at or above ``severity`` (``--fail-on``)."""
        return self.errors + (self.warnings if severity is Severity.WARNING else 0)

    def as_record(self, lang: LangLike) -> dict[str, object]:
        """The machine form with stable English keys."""
        return {
            "files": list(self.info.files),
            "rows": self.info.rows,
            "encodings": dict(self.info.encodings),
            "as_of": self.info.as_of.isoformat(),
            "lang": Lang(lang).value,
            "errors": self.errors,
            "warnings": self.warnings,
            "ignored": self.info.ignored,
        }


def plural(count: int, word: str) -> str:
    """``1 row`` / ``1,000 rows``."""
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def summary_line(summary: ReportSummary, lang: LangLike) -> str:
    """One line for stderr: ``2 errors, 1 warning in 1 file (1,000 rows, encoding gb18030,
    as of 2026-10-10)`` / ``1 个文件（1,000 行，编码 gb18030，截至 2026-10-10）：2 个错误，1 个警告``."""
    info = summary.info
    encodings = sorted({name for name in info.encodings.values() if name})
    as_of = info.as_of.isoformat()
    if lang == Lang.zh:
        details = [f"{info.rows:,} 行"] + ([f"编码 {', '.join(encodings)}"] if encodings else []) + [f"截至 {as_of}"]
        counts = (
            f"{summary.errors:,} 个错误，{summary.warnings:,} 个警告"
            if summary.errors or summary.warnings
            else "未发现问题"
        )
        ignored = f"；另有 {info.ignored:,} 个问题按代码选择忽略" if info.ignored else ""
        return f"{len(info.files):,} 个文件（{'，'.join(details)}）：{counts}{ignored}"
    label = "encoding" if len(encodings) == 1 else "encodings"
    details = (
        [plural(info.rows, "row")] + ([f"{label} {', '.join(encodings)}"] if encodings else []) + [f"as of {as_of}"]
    )
    counts = (
        f"{plural(summary.errors, 'error')}, {plural(summary.warnings, 'warning')}"
        if summary.errors or summary.warnings
        else "no findings"
    )
    ignored = f"; {plural(info.ignored, 'finding')} ignored by code selection" if info.ignored else ""
    return f"{counts} in {plural(len(info.files), 'file')} ({', '.join(details)}){ignored}"


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


def printable(text: str) -> str:
    """``text`` safe for one terminal line: control characters (ANSI escapes, newlines) escaped."""
    return text.translate(_PRINTABLE)


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 forbids written as escapes, so the report parses."""
    return text.translate(_XML_TEXT)


SEVERITY_LABELS = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning"},
}


def place(finding: Finding, lang: LangLike) -> str:
    """``row 12`` / ``第 12 行``, or the file-level place when the finding has no row."""
    if finding.row is None:
        return "整个文件" if lang == Lang.zh else "whole file"
    return f"第 {finding.row} 行" if lang == Lang.zh else f"row {finding.row}"


def placed(finding: Finding, text: str, lang: LangLike) -> str:
    """``row 12: text`` / ``第 12 行：text``, for formats that show the file but not the row."""
    return f"{place(finding, lang)}{'：' if lang == Lang.zh else ': '}{text}"


class Reporter(ABC):
    """Writes findings in one format to one stream; see the module docstring for the contract.

    A format is pushed its findings: ``start(out)``, ``add(finding)`` for each, then
    ``finish(summary)``; ``close()`` runs last once ``start`` has, also after an error. ``write`` drives
    one reporter, ``write_reports`` several in one pass over the findings."""

    name: ClassVar[str]

    def __init__(self, lang: LangLike = Lang.en) -> None:
        self.lang = Lang(lang)

    def write(self, findings: Iterable[Finding], info: RunInfo | Callable[[], RunInfo], out: TextIO) -> ReportSummary:
        """Write every finding to ``out`` and return the run's summary with the counts."""
        return write_reports(findings, info, [(self, out)])

    @abstractmethod
    def start(self, out: TextIO) -> None:
        """Begin the report on ``out`` (a format that cannot write to it says so here, before any output)."""

    @abstractmethod
    def add(self, finding: Finding) -> None:
        """Write one finding (or put it where ``finish`` finds it without keeping it in memory)."""

    def add_batch(self, batch: FindingBatch) -> None:
        """Write the findings of a batch, in order: one ``add`` each, unless the format
        writes a batch at once from its columns (json, jsonl)."""
        for finding in batch:
            self.add(finding)

    @abstractmethod
    def finish(self, summary: ReportSummary) -> None:
        """End the report: every finding has been added, and ``summary`` counts them."""

    def close(self) -> None:  # noqa: B027 (a hook: most formats hold nothing to release)
        """Release what the report holds (files it opened), after ``finish`` or an error."""

    def record(self, finding: Finding) -> dict[str, object]:
        return finding.as_record(self.lang)

    def record_json(self, finding: Finding) -> str:
        """The finding's record as one line of JSON, non-ASCII text kept as it is."""
        return finding_json(finding, self.lang)


def _json_value(value: object) -> str:
    """A record value as ``json.dumps(value, ensure_ascii=False)`` writes it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    return encode_basestring(str(value))


_RECORD_JSON = (
    "{" + ", ".join(f"{_json_value(key)}: %s" for key in Finding(FindingCode.OVERDUE, "", "", "").as_record()) + "}"
)
_REPEATED: dict[object, str] = {}
"""``_json_value`` of the values that repeat from finding to finding (code, severity, file,
column, rule): encoded once."""


def _repeated(value: object) -> str:
    found = _REPEATED.get(value)
    if found is None:
        if len(_REPEATED) > 10_000:
            _REPEATED.clear()
        found = _REPEATED[value] = _json_value(value)
    return found


def finding_json(finding: Finding, lang: LangLike) -> str:
    """``finding.as_record(lang)`` as one line of JSON: the text ``json.dumps(record,
    ensure_ascii=False)`` gives, written from the fields without building the record (a
    report of a late-heavy ledger writes hundreds of thousands; docs/performance.md)."""
    code = finding.code
    return _RECORD_JSON % (
        _repeated(code.value),
        _repeated(code.severity.value),
        _repeated(finding.file),
        _json_value(finding.row),
        _json_value(finding.line),
        _repeated(finding.column),
        _json_value(finding.value),
        _json_value(finding.row_id),
        _repeated(finding.rule),
        encode_basestring(finding.message(lang)),
        "true" if finding.provisional else "false",
    )


def write_reports(
    findings: Iterable[Finding | FindingBatch],
    info: RunInfo | Callable[[], RunInfo],
    reports: Sequence[tuple[Reporter, TextIO]],
) -> ReportSummary:
    """Write every finding to each ``(reporter, out)`` in one pass and return the run's summary
    with the counts; ``info`` (when a callable) is called once, after the last finding."""
    counts = {Severity.ERROR: 0, Severity.WARNING: 0}
    started: list[Reporter] = []
    try:
        for reporter, out in reports:
            reporter.start(out)
            started.append(reporter)
        adders = [reporter.add for reporter, _ in reports]
        batch_adders = [reporter.add_batch for reporter, _ in reports]
        for found in findings:
            if isinstance(found, FindingBatch):
                for severity, count in found.severities().items():
                    counts[severity] += count
                for add_batch in batch_adders:
                    add_batch(found)
                continue
            counts[found.severity] += 1
            for add in adders:
                add(found)
        summary = ReportSummary(info() if callable(info) else info, counts[Severity.ERROR], counts[Severity.WARNING])
        for reporter, _ in reports:
            reporter.finish(summary)
    finally:
        for reporter in started:
            reporter.close()
    return summary
