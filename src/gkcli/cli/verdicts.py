"""The answer of ``gkcli workdays is``, shared by the fast path and the typer command.
Imports no CLI framework."""

from __future__ import annotations

from ..config import Settings
from ..dates import parse_date
from ..i18n import PROVISIONAL_LABEL, format_day, kind_label
from ..sources import CalendarOptions, load_calendar

__all__ = ["describe_day"]


def describe_day(settings: Settings, text: str, lang: str) -> tuple[bool, str, dict[str, object]]:
    """Whether the day ``text`` is a working day, its human line and its record."""
    info = load_calendar(CalendarOptions.from_settings(settings)).day_info(parse_date(text))
    line = f"{format_day(info.date, lang)} {kind_label(info.kind.value, lang)}"
    if info.name:
        line += f" {info.name}"
    if info.provisional:
        line += f" [{PROVISIONAL_LABEL[lang]}]"
    record = {
        "date": info.date.isoformat(),
        "working": info.is_working,
        "kind": info.kind.value,
        "name": info.name,
        "source": info.source.source if info.source else "",
        "provisional": info.provisional,
    }
    return info.is_working, line, record

