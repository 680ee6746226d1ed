"""From request parameters to library calls, shared by the pages and the API (docs/web.md).

Parameters are the command line's options under their long names (``count_start_day`` for
``--count-start-day``); every answer is computed by the same library functions the CLI calls,
and every bad value raises the same ``GkcliError`` the CLI reports."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from starlette.datastructures import ImmutableMultiDict

from gkcli.calendar.describe import describe_day
from gkcli.calendar.index import DayInfo, WorkCalendar
from gkcli.calendar.sources import CalendarOptions, load_calendar
from gkcli.calendar.workdays import added_record, counted_record
from gkcli.core.config import Settings
from gkcli.core.dates import parse_date, parse_date_range
from gkcli.core.errors import InputError
from gkcli.core.i18n import Lang
from gkcli.deadlines.engine import CountingOptions
from gkcli.deadlines.model import NonworkingTrigger
from gkcli.deadlines.query import DeadlineQuery, DeadlineResult, Trigger
from gkcli.deadlines.record import deadline_record, options_record
from gkcli.ledger.check import CheckOptions, LedgerCheck
from gkcli.ledger.findings import Finding
from gkcli.ledger.read import LedgerFileError
from gkcli.report.annotate import annotate_ledger
from gkcli.report.base import ReportSummary, RunInfo
from gkcli.report.formats import get_reporter
from gkcli.rules.catalogue import RuleCatalogue, load_catalogue

__all__ = [
    "DeadlineAnswer",
    "LedgerAnswer",
    "Params",
    "Services",
    "answer_deadline",
    "check_ledger",
    "workdays_add",
    "workdays_count",
    "workdays_is",
]

LEDGER_SUFFIXES = (".csv", ".xlsx")


Params = ImmutableMultiDict[str, Any]
"""Query parameters or form fields: Starlette's ``QueryParams`` and ``FormData`` both are one."""


@dataclass(frozen=True)
class Services:
    """What every request shares: the settings ``gkcli serve`` started with, their calendar and rules."""

    settings: Settings
    calendar: WorkCalendar
    catalogue: RuleCatalogue

    @classmethod
    def load(cls, settings: Settings) -> Services:
        return cls(settings, load_calendar(CalendarOptions.from_settings(settings)), load_catalogue(settings.rules))


def text(params: Params, name: str) -> str | None:
    """The parameter stripped; None when absent or empty (an empty form field is no value)."""
    value = params.get(name)
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def required(params: Params, name: str) -> str:
    value = text(params, name)
    if value is None:
        raise InputError(f"missing parameter {name!r}", f"缺少参数 {name!r}")
    return value


def flag(params: Params, name: str) -> bool:
    """A yes/no parameter: true/1/on/yes or false/0/off/no (absent is no)."""
    value = (text(params, name) or "false").lower()
    if value in ("true", "1", "on", "yes"):
        return True
    if value in ("false", "0", "off", "no"):
        return False
    raise InputError(
        f"parameter {name!r} must be true or false, got {value!r}",
        f"参数 {name!r} 应为 true 或 false，实际为 {value!r}",
    )


def integer(params: Params, name: str, default: int) -> int:
    value = optional_integer(params, name)
    return default if value is None else value


def optional_integer(params: Params, name: str) -> int | None:
    value = text(params, name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise InputError(
            f"parameter {name!r} must be a whole number, got {value!r}", f"参数 {name!r} 应为整数，实际为 {value!r}"
        ) from None


# -- deadlines ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineAnswer:
    """A deadline as ``gkcli deadline`` computes it, with its JSON record and the due day's kind."""

    result: DeadlineResult
    record: dict[str, Any]
    due_day: DayInfo


def _start_text(params: Params) -> str:
    """``start``, with the separate ``time`` field of the page appended when given."""
    start = required(params, "start")
    clock = text(params, "time")
    return f"{start} {clock}" if clock else start


def answer_deadline(services: Services, params: Params) -> DeadlineAnswer:
    """``gkcli deadline RULE START`` with the options of ``params`` (``pause`` repeatable)."""
    options = CountingOptions(
        nonworking_trigger=NonworkingTrigger.parse(text(params, "nonworking_trigger") or "asis"),
        count_start_day=flag(params, "count_start_day"),
        pauses=tuple(parse_date_range(value) for value in params.getlist("pause") if str(value).strip()),
        restart=parse_date(restart) if (restart := text(params, "restart")) else None,
        extend=integer(params, "extend", 0),
        regime=text(params, "regime"),
    )
    query = DeadlineQuery(
        services.catalogue.get(required(params, "rule")), services.calendar, options, flag(params, "both")
    )
    result = query.compute(Trigger.parse(_start_text(params)))
    record = deadline_record(result, explain=flag(params, "explain"), options=options_record(options))
    return DeadlineAnswer(result, record, services.calendar.day_info(result.statutory.due_date))


# -- working days ---------------------------------------------------------------------------


def workdays_add(services: Services, params: Params) -> dict[str, object]:
    """``gkcli workdays add DATE N``."""
    return added_record(services.calendar, parse_date(required(params, "date")), integer(params, "n", 0))


def workdays_count(services: Services, params: Params) -> dict[str, object]:
    """``gkcli workdays count START END``."""
    return counted_record(services.calendar, parse_date(required(params, "start")), parse_date(required(params, "end")))


def workdays_is(services: Services, params: Params, lang: Lang) -> dict[str, object]:
    """``gkcli workdays is DATE``."""
    return describe_day(services.settings, required(params, "date"), lang, services.calendar).record


# -- ledgers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerAnswer:
    """A ledger check: the findings, the JSON report ``gkcli ledger check --format json``
    writes, whether the whole file could be read, and the annotated copy (.xlsx)."""

    findings: list[Finding]
    summary: ReportSummary
    report_json: str
    fully_read: bool
    annotated: bytes | None


def upload_name(filename: str | None) -> str:
    """The uploaded file's base name (no directories a browser might send), checked to be a ledger."""
    name = PurePath((filename or "").replace("\\", "/")).name
    if not name.lower().endswith(LEDGER_SUFFIXES):
        raise InputError(
            f"cannot read {name or 'the upload'!r}: a ledger is a .csv or .xlsx file",
            f"无法读取 {name or '上传的文件'!r}：台账应为 .csv 或 .xlsx 文件",
        )
    return name


def check_ledger(
    services: Services, data: bytes, filename: str | None, params: Params, *, lang: Lang, annotate: bool
) -> LedgerAnswer:
    """``gkcli ledger check FILE --format json`` (and ``ledger annotate -o copy.xlsx``) on an
    upload. The library spools it to a temporary file that closing the check removes, so
    nothing of it is kept once this returns (docs/web.md §4)."""
    name = upload_name(filename)
    options = CheckOptions.from_settings(
        services.settings,
        as_of=text(params, "as_of"),
        warn_days=optional_integer(params, "warn_days"),
        nonworking_trigger=NonworkingTrigger.parse(text(params, "nonworking_trigger") or "asis"),
        count_start_day=flag(params, "count_start_day"),
    )
    checker = LedgerCheck(services.calendar, services.catalogue, options)
    with checker.check(io.BytesIO(data), name) as file_check:
        findings = list(file_check.findings())
        out = io.StringIO()
        summary = get_reporter("json", lang).write(
            findings,
            lambda: RunInfo(
                files=(name,),
                rows=file_check.rows,
                encodings={name: file_check.encoding},
                as_of=options.as_of.date(),
            ),
            out,
        )
    annotated = None
    if annotate and file_check.fully_read:
        copy = io.BytesIO()
        with checker.check(io.BytesIO(data), name) as again:
            try:
                annotate_ledger(again, copy, lang, xlsx=True)
                annotated = copy.getvalue()
            except LedgerFileError:
                pass  # a row too long to copy whole (cell-too-long): no copy, the finding says why
    return LedgerAnswer(findings, summary, out.getvalue(), file_check.fully_read, annotated)
