"""Language choice and the few labels shared by every output (docs/design.md §6: ``--lang``)."""

from __future__ import annotations

import os
from datetime import date
from enum import StrEnum

__all__ = ["LANGS", "PROVISIONAL_LABEL", "Lang", "LangLike", "detect_lang", "format_day", "kind_label", "weekday_label"]


class Lang(StrEnum):
    """A language of messages and labels. A member equals its value (``Lang.zh == "zh"``): the
    shared label functions take a ``Lang`` or its value (``LangLike``), so code that still
    carries the plain strings keeps working while it moves to the enum."""

    zh = "zh"
    en = "en"

    @classmethod
    def of(cls, text: str) -> Lang:
        """``zh`` for any ``zh*`` tag (``zh_CN.UTF-8``, ``zh-Hans``), else ``en``."""
        return cls.zh if text.lower().startswith("zh") else cls.en


LangLike = Lang | str
"""A ``Lang`` or its value, ``zh`` or ``en``; any other string is a ``ValueError``."""

LANGS = tuple(Lang)
"""The languages ``--lang`` accepts."""

_WEEKDAYS = {
    Lang.zh: ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    Lang.en: ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def detect_lang(explicit: str | None = None) -> Lang:
    """``explicit``, else ``GKCLI_LANG``, else the locale (``zh`` for any zh_* locale)."""
    for candidate in (explicit, os.environ.get("GKCLI_LANG")):
        if candidate:
            return Lang.of(candidate)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return Lang.of(value)
    return Lang.en


def weekday_label(day: date, lang: LangLike) -> str:
    """周一…周日 or Mon…Sun."""
    return _WEEKDAYS[Lang(lang)][day.weekday()]


def format_day(day: date, lang: LangLike) -> str:
    """``2026-10-10 (周六)``: ISO date with its weekday, as human output shows it."""
    return f"{day.isoformat()} ({weekday_label(day, lang)})"


_KIND_LABELS = {
    Lang.zh: {"workday": "工作日", "makeup": "调休上班", "weekend": "周末", "holiday": "放假"},
    Lang.en: {"workday": "working day", "makeup": "make-up working day", "weekend": "weekend", "holiday": "holiday"},
}

PROVISIONAL_LABEL: dict[str, str] = {
    Lang.zh: "临时（按法定节日推算，尚无官方安排）",
    Lang.en: "PROVISIONAL (statutory holidays only, no official arrangement yet)",
}


def kind_label(kind: str, lang: LangLike) -> str:
    """The label of a day kind (``workday``, ``makeup``, ``weekend``, ``holiday``)."""
    return _KIND_LABELS[Lang(lang)][kind]
