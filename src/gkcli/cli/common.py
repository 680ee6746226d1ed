"""What every command shares: the run's settings and language, consoles, output formats."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from gkcli.calendar.describe import calendar_notes
from gkcli.calendar.index import WorkCalendar
from gkcli.calendar.sources import CalendarOptions, load_calendar
from gkcli.core.config import Settings
from gkcli.core.errors import InputError
from gkcli.core.i18n import Lang
from gkcli.deadlines.model import NonworkingTrigger

__all__ = [
    "AlarmOption",
    "CountStartDayOption",
    "DataFormat",
    "FormatOption",
    "NonworkingTrigger",
    "NonworkingTriggerOption",
    "Runtime",
    "alarm_days",
    "emit",
    "resolve_format",
    "runtime",
    "stdout_console",
    "warn",
    "warn_calendar_use",
]


@dataclass(frozen=True)
class Runtime:
    """Settings after flags, environment and project file, and the chosen language."""

    settings: Settings
    lang: Lang

    def calendar(self) -> WorkCalendar:
        """The calendar these settings select (built once per process)."""
        return self._calendar

    @cached_property
    def _calendar(self) -> WorkCalendar:
        return load_calendar(CalendarOptions.from_settings(self.settings))

    def text(self, zh: str, en: str) -> str:
        return zh if self.lang == Lang.zh else en


def runtime(ctx: typer.Context) -> Runtime:
    """The ``Runtime`` the root callback stored for this invocation."""
    stored = ctx.find_root().obj
    assert isinstance(stored, Runtime), "the root callback stores the Runtime"
    return stored


def stdout_console() -> Console:
    """Rich console on stdout: colour only on a TTY, never with ``NO_COLOR``."""
    return Console(
        file=sys.stdout,
        highlight=False,
        soft_wrap=True,
        no_color="NO_COLOR" in os.environ or None,
        force_terminal=None,
    )


def warn(message: str) -> None:
    """A warning line on stderr."""
    sys.stderr.write(message + "\n")


def warn_calendar_use(rt: Runtime, start: date, end: date, warned: set[int] | None = None) -> bool:
    """Write the ``calendar_notes`` for a result between ``start`` and ``end`` to stderr;
    True if the result is provisional."""
    calendar = rt.calendar()
    if warned is None or not warned.issuperset(range(min(start.year, end.year), max(start.year, end.year) + 1)):
        for note in calendar_notes(
            calendar, rt.settings.user_holidays_dir, start, end, rt.lang, warned, rt.settings.site_holidays_dir
        ):
            warn(note)
    return bool(calendar.provisional_years(start, end))


NonworkingTriggerOption = Annotated[
    NonworkingTrigger,
    typer.Option(
        "--nonworking-trigger",
        help="A trigger on a rest day: asis (count from the next working day) or next-workday (deemed received then: one more day).",
    ),
]
CountStartDayOption = Annotated[
    bool, typer.Option("--count-start-day", help="Count the trigger day itself as day 1 (the conservative practice).")
]


AlarmOption = Annotated[
    int | None,
    typer.Option(
        "--alarm",
        min=0,
        metavar="N",
        help="With --ics: each reminder alerts at 09:00, N working days before its due day (0: on the day).",
    ),
]


def alarm_days(alarm: int | None, ics: Path | None) -> int | None:
    """``--alarm``, refused without ``--ics`` (it would silently do nothing)."""
    if alarm is not None and ics is None:
        raise InputError(
            "--alarm sets the alarms of --ics reminders; add --ics FILE", "--alarm 用于 --ics 提醒；请加 --ics 文件"
        )
    return alarm


FormatT = TypeVar("FormatT", bound=Enum)


class DataFormat(str, Enum):
    """Output formats of the data commands (``workdays``, ``deadline``, ``rules``, ``holidays``)."""

    text = "text"
    json = "json"
    tsv = "tsv"


FormatOption = Annotated[
    DataFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format: text, json or tsv. Default: GKCLI_FORMAT when it names one of these, else text.",
    ),
]


def resolve_format(flag: FormatT | None, rt: Runtime, choices: type[FormatT] = DataFormat) -> FormatT:  # type: ignore[assignment]
    """The flag, else the configured format when ``choices`` (this command's formats) has
    it, else text."""
    if flag is not None:
        return flag
    configured = rt.settings.format
    return choices(configured if configured in {choice.value for choice in choices} else "text")


def emit(
    fmt: DataFormat, records: Sequence[dict[str, Any]], text_lines: Sequence[str], *, single: bool = False
) -> None:
    """Write ``records`` to stdout as JSON (an object when ``single``), TSV (one record a
    line, fields in record order, no header) or the human ``text_lines``."""
    if fmt is DataFormat.json:
        payload: Any = records[0] if single else list(records)
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif fmt is DataFormat.tsv:
        for record in records:
            sys.stdout.write("\t".join(_tsv_cell(value) for value in record.values()) + "\n")
    else:
        for line in text_lines:
            sys.stdout.write(line + "\n")


def _tsv_cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value).replace("\t", " ").replace("\n", " ")
