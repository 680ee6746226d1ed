"""A year's arrangement from a JSON feed in holiday-cn's format (``gkcli holidays update``;
docs/holidays.md, "Updating from a feed").

A feed file is ``{"year": 2027, "papers": ["https://www.gov.cn/…"], "days": [{"name": "国庆节",
"date": "2027-10-01", "isOffDay": true}, …]}``: the days off and the make-up working days of
one year's notice. The feed is a base URL (``{base}/{year}.json``) or a URL with ``{year}``
in it. Before anything is written the data is verified against the statutory rules
(``verify_year``): every festival of the 放假办法 in force present with all its statutory
days off, each lunar festival's period holding its lunar date, make-up days only on Saturdays
and Sundays, and each period of a plausible length. A feed that fails is refused with the
reasons (exit 2).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from gkcli.calendar.completeness import missing_festivals
from gkcli.calendar.fetch import DEFAULT_TIMEOUT, fetch
from gkcli.calendar.notice import WEEKDAY_NAMES
from gkcli.calendar.provisional import revision_for
from gkcli.calendar.yeardata import HolidayPeriod, MakeupDay, YearData, group_periods
from gkcli.core.errors import InputError

__all__ = [
    "DEFAULT_FEED",
    "FEED_ENVIRONMENT",
    "MAX_PERIOD_DAYS",
    "FeedYear",
    "feed_url",
    "fetch_year",
    "parse_feed",
    "verify_year",
]

DEFAULT_FEED = "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/{year}.json"
FEED_ENVIRONMENT = "GKCLI_HOLIDAYS_FEED"
# The longest holiday period any notice since 2004 set is 10 days (春节 2020 as extended);
# a yearly notice's periods run 1–9 days.
MAX_PERIOD_DAYS = 10


@dataclass(frozen=True, slots=True)
class FeedYear:
    """A year read from a feed, before verification; make-up days are kept as given, even on
    a weekday, so that verification can name them."""

    url: str
    year: int
    papers: tuple[str, ...]
    days_off: dict[date, str]
    worked: dict[date, str]

    def year_data(self) -> YearData:
        return YearData(
            year=self.year,
            source=f"国务院办公厅关于{self.year}年部分节假日安排的通知（holiday-cn 数据源 {self.url}）",
            holidays=group_periods(self.days_off),
            makeup_workdays=tuple(MakeupDay(day, name) for day, name in sorted(self.worked.items())),
            url=self.papers[0] if self.papers else self.url,
            origin=self.url,
        )


def feed_url(feed: str, year: int) -> str:
    """The URL of ``year``'s file: ``{year}`` filled in, else ``{feed}/{year}.json``."""
    return feed.replace("{year}", str(year)) if "{year}" in feed else f"{feed.rstrip('/')}/{year}.json"


def _invalid(url: str, en: str, zh: str) -> InputError:
    return InputError(f"{url}: not a holiday-cn feed file: {en}", f"{url}：不是 holiday-cn 格式的数据：{zh}")


def parse_feed(body: bytes, url: str, year: int) -> FeedYear:
    """The days of ``year`` in a feed file; a file of another shape or year is an ``InputError``."""
    try:
        table: Any = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _invalid(url, f"not JSON ({exc})", f"不是 JSON（{exc}）") from None
    if not isinstance(table, dict) or not isinstance(table.get("days"), list):
        raise _invalid(url, 'no "days" list', '缺少 "days" 列表')
    if table.get("year") != year:
        raise _invalid(
            url, f"it is for {table.get('year')!r}, not {year}", f"其年份为 {table.get('year')!r}，不是 {year}"
        )
    days_off: dict[date, str] = {}
    worked: dict[date, str] = {}
    for index, entry in enumerate(table["days"]):
        try:
            day = date.fromisoformat(entry["date"])
            name, off = str(entry["name"]), entry["isOffDay"]
            if not isinstance(off, bool):
                raise TypeError
        except (KeyError, TypeError, ValueError):
            raise _invalid(
                url,
                f'days[{index}] is not {{"name", "date", "isOffDay"}}',
                f'days[{index}] 不是 {{"name", "date", "isOffDay"}}',
            ) from None
        (days_off if off else worked)[day] = name
    papers = tuple(str(paper) for paper in table.get("papers", []) if isinstance(paper, str))
    return FeedYear(url, year, papers, days_off, worked)


def verify_year(feed: FeedYear) -> list[tuple[str, str]]:
    """Why ``feed`` cannot be a year's arrangement, as (en, zh) reasons; [] when it can."""
    reasons: list[tuple[str, str]] = []
    window = (date(feed.year - 1, 12, 1), date(feed.year + 1, 1, 31))
    for day in sorted([*feed.days_off, *feed.worked]):
        if not window[0] <= day <= window[1]:
            reasons.append((f"{day} lies outside {feed.year}", f"{day} 不在{feed.year}年内"))
    for day, name in sorted(feed.worked.items()):
        if day.weekday() < 5:
            weekday = WEEKDAY_NAMES[day.weekday()]
            reasons.append(
                (
                    f"make-up working day {day} ({name}) is a 周{weekday}, not a Saturday or Sunday",
                    f"调休上班日 {day}（{name}）是周{weekday}，不是周六或周日",
                )
            )
        if day in feed.days_off:
            reasons.append((f"{day} is both a day off and a working day", f"{day} 既是放假日又是上班日"))
    data = feed.year_data()
    reasons += [
        (
            f"{festival.name} is missing: {', '.join(map(str, festival.days))} not off",
            f"缺少{festival.name}：{'、'.join(map(str, festival.days))} 未放假",
        )
        for festival in missing_festivals(data)
    ]
    for festival in revision_for(feed.year).days:
        if festival.rule != "lunar":
            continue
        lunar_day = festival.first_day(feed.year) - timedelta(festival.start_offset)
        named = [p for p in data.holidays if festival.name in p.name]
        if named and not any(p.start <= lunar_day <= p.end for p in named):
            reasons.append(
                (
                    f"{festival.name} ({_periods(named)}) does not hold its lunar date {lunar_day}",
                    f"{festival.name}（{_periods(named)}）不含其农历日期 {lunar_day}",
                )
            )
    for period in data.holidays:
        length = (period.end - period.start).days + 1
        if length > MAX_PERIOD_DAYS:
            reasons.append(
                (
                    f"{period.name} {period.start}..{period.end} is {length} days; no notice sets more than {MAX_PERIOD_DAYS}",
                    f"{period.name} {period.start}至{period.end} 共{length}天；历年通知均不超过{MAX_PERIOD_DAYS}天",
                )
            )
    return reasons


def _periods(periods: list[HolidayPeriod]) -> str:
    return ", ".join(f"{p.start}..{p.end}" for p in periods)


def fetch_year(feed: str, year: int, timeout: float = DEFAULT_TIMEOUT) -> FeedYear:
    """``year`` from ``feed``, fetched and parsed (not yet verified)."""
    url = feed_url(feed, year)
    return parse_feed(fetch(url, timeout=timeout).body, url, year)
