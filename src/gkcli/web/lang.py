"""The language of a response: ``?lang=`` on pages (Chinese by default), ``Accept-Language``
on the API (docs/web.md)."""

from __future__ import annotations

from collections.abc import Mapping

from gkcli.core.i18n import Lang

__all__ = ["DEFAULT_LANG", "lang_from_header", "lang_from_query"]

DEFAULT_LANG = Lang.zh


def lang_from_query(params: Mapping[str, str]) -> Lang:
    """``en`` when ``lang`` asks for English, else Chinese."""
    return Lang.en if params.get("lang", "").lower().startswith("en") else DEFAULT_LANG


def lang_from_header(header: str | None) -> Lang:
    """The first of zh or en in an ``Accept-Language`` header by preference (q), else Chinese."""
    best: tuple[float, int, Lang] | None = None
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip().lower()
        lang = Lang.zh if tag.startswith("zh") else Lang.en if tag.startswith("en") else None
        if lang is None:
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0 and (best is None or (quality, -position) > best[:2]):
            best = (quality, -position, lang)
    return best[2] if best else DEFAULT_LANG
