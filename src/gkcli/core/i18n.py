"""Language choice and the few labels shared by every output (docs/design.md §6: ``--lang``)."""

from __future__ import annotations

import os
from datetime import date

__all__ = ["LANGS", "PROVISIONAL_LABEL", "detect_lang", "format_day", "kind_label", "weekday_label"]

LANGS = ("zh", "en")

_WEEKDAYS = {
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def detect_lang(explicit: str | None = None) -> str:
    """``explicit``, else ``GKCLI_LANG``, else the locale (``zh`` for any zh_* locale)."""
    for candidate in (explicit, os.environ.get("GKCLI_LANG")):
        if candidate:
            return "zh" if candidate.lower().startswith("zh") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def weekday_label(day: date, lang: str) -> str:
    """周一…周日 or Mon…Sun."""
    return _WEEKDAYS[lang][day.weekday()]


def format_day(day: date, lang: str) -> str:
    """``2026-10-10 (周六)``: ISO date with its weekday, as human output shows it."""
    return f"{day.isoformat()} ({weekday_label(day, lang)})"


_KIND_LABELS = {
    "zh": {"workday": "工作日", "makeup": "调休上班", "weekend": "周末", "holiday": "放假"},
    "en": {"workday": "working day", "makeup": "make-up working day", "weekend": "weekend", "holiday": "holiday"},
}

PROVISIONAL_LABEL = {
    "zh": "临时（按法定节日推算，尚无官方安排）",
    "en": "PROVISIONAL (statutory holidays only, no official arrangement yet)",
}


def kind_label(kind: str, lang: str) -> str:
    """The label of a day kind (``workday``, ``makeup``, ``weekend``, ``holiday``)."""
    return _KIND_LABELS[lang][kind]
