"""``--format sarif``: SARIF 2.1.0 for code-scanning views (docs/ci.md "SARIF").

One run of the tool ``gkcli``: every finding code is a rule of the driver with its help text
(from ``ledger.codes``), and each finding a result pointing at the ledger file and, when it
is on a row, the 1-based physical line (the line the github format annotates: a header, a
title row or a byte-order mark shift it as they shift the file). Results are written as they
come; the document is closed by ``finish``.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from gkcli.ledger.codes import FindingCode
from gkcli.ledger.findings import Finding, Severity
from gkcli.report.base import Reporter, ReportSummary

__all__ = ["SARIF_SCHEMA", "SarifReporter", "artifact_uri"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning"}
_RULE_INDEX = {code: index for index, code in enumerate(FindingCode)}


def artifact_uri(file: str) -> str:
    """A ledger's path as a SARIF artifact URI: relative paths stay relative (code scanning
    resolves them from the repository root), absolute ones become ``file://`` URIs."""
    path = PurePath(file)
    posix = path.as_posix()
    if path.is_absolute():
        return "file://" + quote(posix)
    return quote(posix)


def _version() -> str | None:
    """gkcli's installed version; importlib.metadata costs 30 ms to import, so only a SARIF
    report pays it."""
    from importlib import metadata

    try:
        return metadata.version("gkcli")
    except metadata.PackageNotFoundError:
        return None


class SarifReporter(Reporter):
    """A SARIF 2.1.0 log with one run; results stream, rules come from the code registry."""

    name = "sarif"

    def start(self, out: TextIO) -> None:
        self._out = out
        self._separator = "\n        "
        driver: dict[str, Any] = {"name": "gkcli"}
        version = _version()
        if version:
            driver["version"] = version
        driver["rules"] = [self._rule(code) for code in FindingCode]
        head = {"$schema": SARIF_SCHEMA, "version": "2.1.0"}
        run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints"}
        text = json.dumps(head, ensure_ascii=False, indent=2)[:-2]
        out.write(text + ',\n  "runs": [\n    {\n')
        for key, value in run.items():
            out.write(f"      {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
        out.write('      "results": [')

    def add(self, finding: Finding) -> None:
        self._out.write(self._separator + json.dumps(self._result(finding), ensure_ascii=False))
        self._separator = ",\n        "

    def finish(self, summary: ReportSummary) -> None:
        self._out.write("\n      ]" if self._separator != "\n        " else "]")
        self._out.write("\n    }\n  ]\n}\n")

    def _rule(self, code: FindingCode) -> dict[str, Any]:
        help_text = code.help(self.lang)
        return {
            "id": code.value,
            "shortDescription": {"text": help_text},
            "help": {"text": help_text},
            "defaultConfiguration": {"level": _LEVELS[code.severity]},
            "properties": {"scope": code.info.scope.value},
        }

    def _result(self, finding: Finding) -> dict[str, Any]:
        location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(finding.file)}}
        if finding.line is not None:
            location["region"] = {"startLine": finding.line}
        properties = {
            key: value
            for key, value in (
                ("row", finding.row),
                ("column", finding.column),
                ("value", finding.value),
                ("id", finding.row_id),
                ("rule", finding.rule),
                ("provisional", finding.provisional or None),
            )
            if value not in (None, "")
        }
        result: dict[str, Any] = {
            "ruleId": finding.code.value,
            "ruleIndex": _RULE_INDEX[finding.code],
            "level": _LEVELS[finding.severity],
            "message": {"text": finding.message(self.lang)},
            "locations": [{"physicalLocation": location}],
        }
        if properties:
            result["properties"] = properties
        return result
