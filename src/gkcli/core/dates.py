"""Parsing of dates and date-times typed by people, in explicit formats only.

Accepted (docs/design.md §5): ``2026-09-30``, ``2026-9-30``, ``2026/9/30``, ``2026.9.30``,
``2026年9月30日``, ``20260930``, each optionally followed by a time ``HH:MM[:SS]``
(after a space or ``T``; ``22时30分`` in the Chinese form) and an offset (``Z``,
``+08:00``). A missing year or day is never filled in from today; an impossible date
is an error. Times are Beijing time (UTC+8, no daylight saving since 1991).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone

from gkcli.core.errors import InputError, quote

__all__ = [
    "ACCEPTED_DATE_FORMATS",
    "BEIJING",
    "MONTH_NAMES",
    "YEARS",
    "ParsedDate",
    "beijing_today",
    "checked_year",
    "normalise_text",
    "parse_as_of",
    "parse_by_pattern",
    "parse_date",
    "parse_date_range",
    "parse_datetime",
    "to_beijing",
]

YEARS = range(1900, 2201)
"""Years a date may have: far wider than any calendar data, narrow enough that date
arithmetic on a deadline can never run off the ends of Python's calendar."""

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")

ACCEPTED_DATE_FORMATS = "2026-09-30, 2026/9/30, 2026.9.30, 2026年9月30日, 20260930"

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names, whatever the locale (``calendar.month_name`` follows it)."""

_DATE = (
    r"(?:(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"|(?P<cy>\d{4})年(?P<cm>\d{1,2})月(?P<cd>\d{1,2})[日号]"
    r"|(?P<cy8>\d{4})(?P<cm8>\d{2})(?P<cd8>\d{2}))"
)
_TIME = (
    r"(?:(?:[ T]+|\s*)(?P<H>\d{1,2})(?::|时|点)(?P<M>\d{2})(?:分)?"
    r"(?::(?P<S>\d{2})(?:\.\d+)?|(?P<CS>\d{2})秒)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_PATTERN = re.compile(rf"^{_DATE}{_TIME}$")


class ParsedDate:
    """A parsed input: the instant (aware, Beijing time), its date, whether it had a
    time, and whether it was written in the ISO form ``YYYY-MM-DD``."""

    __slots__ = ("date", "has_time", "is_iso", "value")

    def __init__(self, value: datetime, has_time: bool, is_iso: bool) -> None:
        self.value = value
        self.date = value.date()  # read once per ledger row: kept, not recomputed
        self.has_time = has_time
        self.is_iso = is_iso


def normalise_text(text: str) -> str:
    """Full-width digits, letters and punctuation (２０２６－０９－３０) as ASCII, stripped."""
    return unicodedata.normalize("NFKC", text).strip()


def _bad(text: str, what: str = "date") -> InputError:
    return InputError(
        f"{quote(text)} is not a valid {what}; use one of: {ACCEPTED_DATE_FORMATS} (a time may follow: 2026-09-30 14:30)",
        f"无法识别的日期 {quote(text)}；请使用以下格式之一：{ACCEPTED_DATE_FORMATS}（可附时间：2026-09-30 14:30）",
    )


def _impossible(text: str, year: int, month: int, day: int, clock: tuple[int, int, int]) -> InputError:
    """The error for a date or time written in an accepted form that does not exist, naming
    the part that does not: ``2026-9-31`` is refused because September has 30 days."""
    from calendar import monthrange  # only for this error: the module imports locale

    shown = quote(text)
    if not 1 <= month <= 12:
        return InputError(
            f"{shown}: there is no month {month}; months run from 1 to 12",
            f"{shown}：没有{month}月；月份为 1 至 12",
        )
    days = monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = MONTH_NAMES[month - 1]
        if day == 0:
            return InputError(f"{shown}: there is no day 0; days start at 1", f"{shown}：没有0日；日期从1日开始")
        if month == 2 and day == 29:
            return InputError(
                f"{shown}: {year} is not a leap year; February {year} has 28 days",
                f"{shown}：{year}年不是闰年，2月只有28天",
            )
        return InputError(f"{shown}: {name} has {days} days", f"{shown}：{month}月只有{days}天")
    parts = (("hour", "时", "小时", 23), ("minute", "分", "分钟", 59), ("second", "秒", "秒", 59))
    for value, (en, zh, zh_name, limit) in zip(clock, parts, strict=True):
        if value > limit:
            return InputError(
                f"{shown}: there is no {en} {value}; {en}s run from 0 to {limit}",
                f"{shown}：没有{value}{zh}；{zh_name}为 0 至 {limit}",
            )
    return _bad(text)


def parse_datetime(text: str) -> ParsedDate:
    """Parse a date or date-time; naive times are Beijing time, offsets are converted.

    A plain ISO date (``2026-09-30``, what batches and ledgers mostly hold) is read by
    ``date.fromisoformat`` first; anything else, or anything it refuses, goes through
    the general pattern, so both paths accept exactly the same inputs.
    """
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
        try:
            day = date.fromisoformat(text)
        except ValueError:
            pass
        else:
            if day.year in YEARS:
                return ParsedDate(datetime(day.year, day.month, day.day, tzinfo=BEIJING), False, True)
    return parse_by_pattern(text)


def parse_by_pattern(text: str) -> ParsedDate:
    """``parse_datetime`` without its ISO fast path: every accepted form, by the one pattern."""
    raw = normalise_text(text)
    match = _PATTERN.match(raw)
    if match is None:
        raise _bad(text)
    g = match.groupdict()
    if g["y"]:
        y, m, d = g["y"], g["m"], g["d"]
        is_iso = g["sep"] == "-" and len(m) == 2 and len(d) == 2
    elif g["cy"]:
        y, m, d, is_iso = g["cy"], g["cm"], g["cd"], False
    else:
        y, m, d, is_iso = g["cy8"], g["cm8"], g["cd8"], False
    checked_year(int(y), text)
    hour = int(g["H"]) if g["H"] else 0
    minute = int(g["M"]) if g["M"] else 0
    second = int(g["S"] or g["CS"] or 0)
    try:
        value = datetime(int(y), int(m), int(d), hour, minute, second, tzinfo=BEIJING)
    except ValueError:
        raise _impossible(text, int(y), int(m), int(d), (hour, minute, second)) from None
    if g["tz"]:
        offset = _offset(g["tz"])
        if offset is None:
            raise _bad(text)
        value = value.replace(tzinfo=offset).astimezone(BEIJING)
    return ParsedDate(value, has_time=g["H"] is not None, is_iso=is_iso)


def checked_year(year: int, text: str) -> int:
    """``year`` when a date may have it (``YEARS``); an ``InputError`` naming ``text`` and the range otherwise."""
    if year not in YEARS:
        raise InputError(
            f"{quote(text)}: the year must be between {YEARS.start} and {YEARS.stop - 1}",
            f"{quote(text)}：年份须在 {YEARS.start} 至 {YEARS.stop - 1} 之间",
        )
    return year


def _offset(text: str) -> timezone | None:
    """``Z``, ``+08:00`` or ``+0800`` as a timezone; None for an impossible offset."""
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_date(text: str) -> date:
    """Parse a calendar date in one of the accepted forms; a time part is refused."""
    parsed = parse_datetime(text)
    if parsed.has_time:
        raise _bad(text)
    return parsed.date


def parse_date_range(text: str) -> tuple[date, date]:
    """Parse an inclusive ``START..END`` range (used by ``--pause``)."""
    start_text, sep, end_text = normalise_text(text).partition("..")
    if not sep:
        raise InputError(
            f"{quote(text)} is not a range; write START..END, e.g. 2026-10-08..2026-10-12",
            f"{quote(text)} 不是日期区间；请写成 开始..结束，例如 2026-10-08..2026-10-12",
        )
    start, end = parse_date(start_text), parse_date(end_text)
    if end < start:
        raise InputError(
            f"range {quote(text)} ends before it starts",
            f"日期区间 {quote(text)} 的结束早于开始",
        )
    return start, end


def parse_as_of(text: str | None) -> datetime:
    """The instant ``--as-of`` names: a date is the start of that day, a date-time that
    instant (Beijing time); None is now, in Beijing."""
    if text is None:
        return datetime.now(BEIJING)
    parsed = parse_datetime(text)
    return parsed.value if parsed.has_time else datetime.combine(parsed.date, time(0), BEIJING)


def beijing_today() -> date:
    """Today's date in Beijing."""
    return datetime.now(BEIJING).date()


def to_beijing(value: datetime) -> datetime:
    """An aware datetime in Beijing time; a naive one is taken to be Beijing time."""
    if value.tzinfo is None:
        return value.replace(tzinfo=BEIJING)
    return value.astimezone(BEIJING)
