"""``--format junit``: JUnit XML for CI test views (docs/design.md §5 "Output formats").

The header of each suite carries its counts, known only after the last finding, so the test
cases are spooled to a temporary file as they come and copied into place at the end: memory
stays flat however many findings there are. The document is the one ``xml.etree`` writes
for the whole tree indented by ``ET.indent``.
"""

from __future__ import annotations

import codecs
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import IO, TextIO

from gkcli.core.i18n import Lang
from gkcli.ledger.findings import Finding, Severity
from gkcli.report.base import SEVERITY_LABELS, Reporter, ReportSummary, placed, xml_text

__all__ = ["JUnitReporter"]

_INDENT = "  "
_CHUNK = 1 << 20


@dataclass
class _Suite:
    """One file's test cases so far: their counts and where they lie in the spool."""

    tests: int = 0
    failures: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)


def _open_tag(element: ET.Element) -> str:
    """``<tag attr="...">`` exactly as ``ET.tostring`` writes it."""
    whole = ET.tostring(element, encoding="unicode", short_empty_elements=False)
    return whole[: -len(f"</{element.tag}>")]


class JUnitReporter(Reporter):
    """JUnit XML: one testsuite a file, one testcase a finding (errors fail; warnings pass with
    the warning in ``<system-out>``), and one passing testcase for a file with no findings."""

    name = "junit"

    def start(self, out: TextIO) -> None:
        self._out = out
        self._spool: IO[bytes] | None = tempfile.TemporaryFile()  # noqa: SIM115 (open until close())
        self._suites: dict[str, _Suite] = {}

    def add(self, finding: Finding) -> None:
        assert self._spool is not None  # between start and close
        suite = self._suites.setdefault(finding.file, _Suite())
        suite.tests += 1
        suite.failures += finding.severity is Severity.ERROR
        case = self._case(finding)
        start = self._spool.tell()
        self._spool.write(case)
        if suite.spans and suite.spans[-1][1] == start:
            suite.spans[-1] = (suite.spans[-1][0], start + len(case))
        else:
            suite.spans.append((start, start + len(case)))

    def finish(self, summary: ReportSummary) -> None:
        assert self._spool is not None  # between start and close
        out, suites = self._out, self._suites
        files = list(summary.info.files) + [name for name in suites if name not in summary.info.files]
        total = sum(max(suites[file].tests if file in suites else 0, 1) for file in files)
        root = ET.Element(
            "testsuites", name="gkcli ledger check", tests=str(total), failures=str(summary.errors), errors="0"
        )
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        if not files:
            out.write(ET.tostring(root, encoding="unicode") + "\n")
            return
        out.write(_open_tag(root) + "\n")
        for file in files:
            self._write_suite(file, suites.get(file, _Suite()), self._spool, out)
        out.write("</testsuites>\n")

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def _write_suite(self, file: str, suite: _Suite, spool: IO[bytes], out: TextIO) -> None:
        head = ET.Element(
            "testsuite",
            name=xml_text(file),
            tests=str(max(suite.tests, 1)),
            failures=str(suite.failures),
            errors="0",
            skipped="0",
        )
        out.write(_INDENT + _open_tag(head) + "\n")
        if not suite.tests:
            passing = ET.Element(
                "testcase", classname=xml_text(file), name="未发现问题" if self.lang is Lang.zh else "no findings"
            )
            out.write(_INDENT * 2 + ET.tostring(passing, encoding="unicode") + "\n")
        decoder = codecs.getincrementaldecoder("utf-8")()
        for start, end in suite.spans:
            spool.seek(start)
            left = end - start
            while left:
                chunk = spool.read(min(left, _CHUNK))
                left -= len(chunk)
                out.write(decoder.decode(chunk))
        out.write(_INDENT + "</testsuite>\n")

    def _case(self, finding: Finding) -> bytes:
        """One testcase, indented as it sits in its suite, as UTF-8."""
        case = ET.Element(
            "testcase", classname=xml_text(finding.file), name=xml_text(placed(finding, finding.code, self.lang))
        )
        message = xml_text(finding.message(self.lang))
        details = xml_text(self._details(finding))
        if finding.severity is Severity.ERROR:
            failure = ET.SubElement(case, "failure", type=finding.code, message=message)
            failure.text = details
        else:
            text = f"{SEVERITY_LABELS[self.lang][finding.severity]}: {message}\n{details}"
            ET.SubElement(case, "system-out").text = text
        ET.indent(case, space=_INDENT, level=2)
        return (_INDENT * 2 + ET.tostring(case, encoding="unicode") + "\n").encode("utf-8")

    def _details(self, finding: Finding) -> str:
        record = self.record(finding)
        shown = {
            key: "true" if value is True else value
            for key, value in record.items()
            if value is not None and value is not False
        }
        return "\n".join(f"{key}: {value}" for key, value in shown.items() if key != "message")
