"""The registry of ledger report formats: ``--format NAME`` to its ``Reporter`` (docs/design.md §5)."""

from __future__ import annotations

from enum import Enum

from gkcli.core.errors import InputError
from gkcli.core.i18n import Lang, LangLike
from gkcli.report.base import Reporter
from gkcli.report.csv import CsvReporter
from gkcli.report.github import GitHubReporter
from gkcli.report.gitlab import GitLabReporter
from gkcli.report.json import JsonReporter
from gkcli.report.jsonl import JsonLinesReporter
from gkcli.report.junit import JUnitReporter
from gkcli.report.sarif import SarifReporter
from gkcli.report.text import TextReporter

__all__ = ["REPORTERS", "ReportFormat", "get_reporter", "parse_format"]


class ReportFormat(str, Enum):
    """The formats ``gkcli ledger check --format`` writes."""

    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    GITHUB = "github"
    GITLAB = "gitlab"
    JUNIT = "junit"
    SARIF = "sarif"


REPORTERS: dict[ReportFormat, type[Reporter]] = {
    ReportFormat.TEXT: TextReporter,
    ReportFormat.JSON: JsonReporter,
    ReportFormat.JSONL: JsonLinesReporter,
    ReportFormat.CSV: CsvReporter,
    ReportFormat.GITHUB: GitHubReporter,
    ReportFormat.GITLAB: GitLabReporter,
    ReportFormat.JUNIT: JUnitReporter,
    ReportFormat.SARIF: SarifReporter,
}


def parse_format(name: str | ReportFormat) -> ReportFormat:
    """The format ``--format NAME`` (or ``--report NAME=…``) names."""
    try:
        return ReportFormat(name)
    except ValueError:
        names = ", ".join(format.value for format in ReportFormat)
        raise InputError(
            f"unknown report format {name!r}. Fix: use one of {names}.",
            f"未知的报告格式 {name!r}。解决办法：使用 {names} 之一。",
        ) from None


def get_reporter(name: str | ReportFormat, lang: LangLike = Lang.en) -> Reporter:
    """The reporter for ``--format NAME`` writing messages in ``lang``."""
    return REPORTERS[parse_format(name)](lang)
