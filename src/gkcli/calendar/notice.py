"""Reading a holiday-arrangement notice (放假安排的通知) into a data file's ``YearData`` (docs/design.md §2.4).

Accepted: the State Council General Office's yearly 《国务院办公厅关于YYYY年部分节假日安排的通知》,
the notices that amend a published year (调整…假期安排, 延长…假期, the 2015 纪念日调休放假
notice), and regional notices of the same form. Every sentence that carries a date must be
understood; anything else (preamble, duty reminders, hortatory 鼓励… sentences) changes nothing.
Lines starting with ``#`` are a reader's comments and are skipped.
A day is written ``10月10日`` or ``10月10号``. Once a sentence's dates are read, anything left
that still looks like a date (``N月N``, ``N日``, ``N号``, ``YYYY年N月``; a document
number such as 〔2024〕12号 or 第795号 aside) refuses the text: a form the reader does not know
is never skipped. The preamble (up to …通知如下) is not read.
Self-checks, each refusing the text and quoting the line: ``共N天`` / ``放假N天`` equals the
days of the range, a weekday in brackets matches its date, every make-up day (上班) is a
Saturday or Sunday, no day is both off and worked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from gkcli.calendar.yeardata import YearData, group_periods, parse_year_data
from gkcli.core.errors import InputError

__all__ = ["FESTIVALS", "default_file_name", "parse_notice"]

FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")

_WEEKDAY_NUMBERS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY_NAMES = "一二三四五六日"
# After NFKC: full-width （）：，； are ASCII; 〔〕、。 stay as they are.
# A day is written with 日 or 号. Not a day: the number of a document or decree (〔2024〕12号, 第795号).
_DOCUMENT_NUMBER = r"[〔\[(]\d{4}[〕\])]\d+号"
_NOT_A_DAY = re.compile(_DOCUMENT_NUMBER + r"|第\d+号")
_DATE = re.compile(
    r"(?<!\d)(?<![第〕\]])(?<!\d{4}\))(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})[日号](?:\s*\(([^()]*)\))?(\s*起)?"
)
# What is left of a sentence once its dates are read must not look like a date (docs/design.md §2.4):
# a form the reader does not know is refused, never skipped.
_DATE_LIKE = re.compile(r"\d+月\d+|\d+[日号]|\d{4}年\d+月")
_WEEKDAY_NOTE = re.compile(r"(?:周|星期)([一二三四五六日天])")
_RANGE_SEPARATOR = "(?:至|-|—|–|~|−)"
_ITEM = re.compile(r"^[一二三四五六七八九十]+、(?:([^:\d,。]{1,20}):)?")
_DOC_NUMBER = re.compile(_DOCUMENT_NUMBER + "$")
_SIGNED = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]$")
_OFF_WORDS = re.compile(r"放假|调休|休息|连休|公休")
_COUNT = re.compile(r"(?:共|放假)(\d+)天")
_EXTENSION = re.compile(r"延长(?:\d{4}年)?(.+?)假期至(\S)")
_FIRST_PLACEHOLDER = 0xE000
_RESUMPTION = "\uf8ff"  # a date followed by 起 (“2月3日起正常上班”, “自2025年1月1日起”): states a rule, changes no day


@dataclass
class _Arrangement:
    """What the notice's sentences say, day by day."""

    off: dict[date, str] = field(default_factory=dict)
    worked: dict[date, str] = field(default_factory=dict)


def _refuse(origin: str, line: str, en: str, zh: str) -> InputError:
    return InputError(
        f'{origin}: {en}\n  line: {line}\n  Correct the line, or write the data file by hand (README, "Holiday data").',
        f"{origin}：{zh}\n  行：{line}\n  请修正该行，或按数据文件格式手工录入（见 README“节假日数据”一节）。",
    )


def _title_festival(title: str) -> str:
    """The festival an amending or regional notice is about, from its title."""
    named = [name for name in FESTIVALS if name in title]
    if named:
        return "、".join(named)
    match = re.search(
        r"关于(?:调整|延长)?(?:\d{4}年)?(.+?)(?:调休放假|放假调休|假期安排|放假安排|假期|放假)的通知", title
    )
    return match.group(1).strip("“”\"'《》 ").removeprefix("中国人民") if match else ""


class _LineReader:
    """Reads the dates and clauses of one line of the notice."""

    def __init__(self, origin: str, line: str, year: int) -> None:
        self.origin, self.line, self.year = origin, line, year
        self.last_month = 0

    def refuse(self, en: str, zh: str) -> InputError:
        return _refuse(self.origin, self.line, en, zh)

    def tokenize(self, sentence: str) -> tuple[str, list[date]]:
        """The sentence with each date replaced by a placeholder character, and the dates."""
        dates: list[date] = []
        previous: date | None = None
        pieces: list[str] = []
        position = 0
        for match in _DATE.finditer(sentence):
            year_text, month_text, day_text, note, resumption = match.groups()
            follows_range = previous is not None and re.fullmatch(
                r"\s*" + _RANGE_SEPARATOR + r"\s*", sentence[position : match.start()]
            )
            month = int(month_text) if month_text else self.last_month
            if not month:
                raise self.refuse(f"{match.group(0)!r} has no month", f"{match.group(0)!r} 缺少月份")
            year = int(year_text) if year_text else (previous.year if follows_range and previous else self.year)
            try:
                day = date(year, month, int(day_text))
            except ValueError:
                raise self.refuse(f"{match.group(0)!r} is not a date", f"{match.group(0)!r} 不是有效日期") from None
            if follows_range and previous and day < previous and not year_text:
                day = day.replace(year=day.year + 1)
            self._check_weekday(day, note or "", match.group(0))
            self.last_month = month
            pieces.append(sentence[position : match.start()])
            if resumption:
                pieces.append(_RESUMPTION)
                previous = None
            else:
                pieces.append(chr(_FIRST_PLACEHOLDER + len(dates)))
                dates.append(day)
                previous = day
            position = match.end()
        pieces.append(sentence[position:])
        tokens = "".join(pieces)
        unread = _DATE_LIKE.search(_NOT_A_DAY.sub("", tokens))
        if unread:
            raise self.refuse_unread(unread.group(0))
        return tokens, dates

    def refuse_unread(self, written: str) -> InputError:
        return self.refuse(
            f"{written!r}: a date is written in a form gkcli does not read (use 10月1日)",
            f"{written!r}：日期写法无法识别（应写作 10月1日）",
        )

    def _check_weekday(self, day: date, note: str, written: str) -> None:
        match = _WEEKDAY_NOTE.search(note)
        if match and _WEEKDAY_NUMBERS[match.group(1)] != day.weekday():
            actual = _WEEKDAY_NAMES[day.weekday()]
            raise self.refuse(
                f"{written!r}: {day} is a 周{actual}, not a 周{match.group(1)}",
                f"{written!r}：{day} 是周{actual}，不是周{match.group(1)}",
            )


def _spans(clause: str, dates: list[date]) -> list[tuple[date, date]]:
    """The single days and ranges written in ``clause``, as (first, last) pairs."""
    placeholder = "[\ue000-\uf8fe]"
    spans = []
    for match in re.finditer(f"({placeholder})(?:\\s*{_RANGE_SEPARATOR}\\s*({placeholder}))?", clause):
        first = dates[ord(match.group(1)) - _FIRST_PLACEHOLDER]
        last = dates[ord(match.group(2)) - _FIRST_PLACEHOLDER] if match.group(2) else first
        spans.append((first, last))
    return spans


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


def parse_notice(
    text: str,
    origin: str = "notice",
    base: Callable[[int], YearData | None] | None = None,
) -> YearData:
    """The arrangement a notice sets, validated against the data-file schema (docs/design.md §2.5).

    ``base(year)`` gives the year's current arrangement; only an extension (延长…假期至D)
    needs it, to restate the whole period. Without it the extension runs from the date the
    notice was signed. Raises ``InputError`` quoting the first line it cannot account for.
    """
    stripped = (line.strip() for line in text.replace("\ufeff", "").splitlines())
    lines = [line for line in stripped if line and not line.startswith("#")]
    if not lines:
        raise InputError(f"{origin}: the notice is empty", f"{origin}：通知内容为空")
    title = lines[0]
    normalized = [unicodedata.normalize("NFKC", line) for line in lines]
    title_year = re.search(r"(\d{4})年", normalized[0])
    if "通知" not in title:
        raise _refuse(
            origin,
            title,
            "the first line should be the notice's title (…的通知)",
            "第一行应为通知标题（……的通知）",
        )

    document_number = ""
    published: date | None = None
    body: list[int] = []
    for index in range(1, len(lines)):
        if index <= 2 and not document_number and _DOC_NUMBER.search(normalized[index]):
            document_number = lines[index]
        elif (signed := _SIGNED.match(normalized[index])) and index >= len(lines) - 2:
            published = date(*map(int, signed.groups()))
        else:
            body.append(index)
    preamble_end = next((i for i in body if "通知如下" in normalized[i]), None)
    if preamble_end is not None:
        body = [i for i in body if i > preamble_end]

    year_match = title_year or next(
        (
            re.search(r"(\d{4})年\d{1,2}月", normalized[i])
            for i in body
            if re.search(r"(\d{4})年\d{1,2}月", normalized[i])
        ),
        None,
    )
    if not year_match:
        raise _refuse(origin, title, "cannot tell which year the notice is about", "无法确定通知所属年份")
    year = int(year_match.group(1))
    amends = not re.search(r"\d{4}年部分节假日安排", normalized[0])
    default_name = _title_festival(title) if amends else ""

    arrangement = _Arrangement()
    for index in body:
        _read_line(
            _LineReader(origin, lines[index], year), normalized[index], default_name, arrangement, base, published
        )

    if not arrangement.off and not arrangement.worked:
        raise _refuse(origin, title, "found no days off and no make-up working days", "未找到任何放假或调休上班日期")
    table: dict[str, Any] = {
        "year": year,
        "source": title,
        "holidays": [
            {"name": period.name, "start": period.start, "end": period.end} for period in group_periods(arrangement.off)
        ],
        "makeup_workdays": [{"date": day, "name": name} for day, name in sorted(arrangement.worked.items())],
    }
    if document_number:
        table["document_number"] = document_number
    if published:
        table["published"] = published
    if amends:
        table["amends"] = True
        table["note"] = _summary(title, table)
    return parse_year_data(table, origin)


def _read_line(
    reader: _LineReader,
    line: str,
    default_name: str,
    arrangement: _Arrangement,
    base: Callable[[int], YearData | None] | None,
    published: date | None,
) -> None:
    item = _ITEM.match(line)
    name = (item.group(1) if item and item.group(1) else default_name).strip()
    content = line[item.end() :] if item else line
    for sentence in content.split("。"):
        tokens, dates = reader.tokenize(sentence)
        if "鼓励" in sentence:
            continue  # hortatory (鼓励…休息): encourages, changes no working day
        pending: list[tuple[date, date]] = []
        for clause in re.split(r"[,;:]", tokens):
            spans = _spans(clause, dates)
            extension = _EXTENSION.search(clause)
            count = _COUNT.search(clause)
            if extension:
                _extend(
                    reader,
                    extension.group(1),
                    dates[ord(extension.group(2)) - _FIRST_PLACEHOLDER],
                    arrangement,
                    base,
                    published,
                )
            elif spans and "上班" in clause:
                for first, last in spans:
                    for day in _days(first, last):
                        _mark_worked(reader, day, name, arrangement)
            elif spans and _OFF_WORDS.search(clause):
                if not name:
                    raise reader.refuse(
                        "cannot tell which festival these days belong to (write it as 节日名：…)",
                        "无法确定这些日期属于哪个节日（应写作 节日名：……）",
                    )
                for first, last in spans:
                    for day in _days(first, last):
                        _mark_off(reader, day, name, arrangement)
                pending = spans if not count else []
                if count:
                    _check_count(reader, spans, int(count.group(1)))
            elif spans:
                raise reader.refuse(
                    "a date here is neither a day off (放假) nor a working day (上班)", "此处的日期既不是放假也不是上班"
                )
            elif count and pending:
                _check_count(reader, pending, int(count.group(1)))
                pending = []
            elif re.search(r"\d", clause) and re.search(r"放假|上班", clause):
                raise reader.refuse_unread(re.findall(r"[\d./\-—–~−]+", clause)[0])


def _check_count(reader: _LineReader, spans: list[tuple[date, date]], stated: int) -> None:
    counted = sum((last - first).days + 1 for first, last in spans)
    if counted != stated:
        raise reader.refuse(
            f"the text says {stated} days but the dates give {counted}",
            f"文中写共{stated}天，但日期范围为{counted}天",
        )


def _mark_off(reader: _LineReader, day: date, name: str, arrangement: _Arrangement) -> None:
    if day in arrangement.worked:
        raise reader.refuse(f"{day} is given both as a day off and as a working day", f"{day} 既被列为放假又被列为上班")
    if arrangement.off.get(day, name) != name:
        raise reader.refuse(
            f"{day} is given to both {arrangement.off[day]} and {name}", f"{day} 同时属于{arrangement.off[day]}和{name}"
        )
    arrangement.off[day] = name


def _mark_worked(reader: _LineReader, day: date, name: str, arrangement: _Arrangement) -> None:
    if day.weekday() < 5:
        raise reader.refuse(
            f"{day} is a 周{_WEEKDAY_NAMES[day.weekday()]}; a make-up working day (上班) must be a Saturday or Sunday",
            f"{day} 是周{_WEEKDAY_NAMES[day.weekday()]}；调休上班日必须是周六或周日",
        )
    if day in arrangement.off:
        raise reader.refuse(f"{day} is given both as a day off and as a working day", f"{day} 既被列为放假又被列为上班")
    arrangement.worked[day] = name or "调休"


def _extend(
    reader: _LineReader,
    festival: str,
    end: date,
    arrangement: _Arrangement,
    base: Callable[[int], YearData | None] | None,
    published: date | None,
) -> None:
    """延长…假期至 ``end``: the festival's period now runs to ``end``; restated from its start
    in ``base`` when known, else from the date the notice was signed."""
    current = base(end.year) if base else None
    periods = [p for p in (current.holidays if current else ()) if p.name == festival and p.start <= end]
    start = max(periods, key=lambda p: p.start).start if periods else published
    if start is None or start > end:
        raise reader.refuse(
            f"cannot tell where the extended {festival} period starts: pass the year's data or keep the notice's signing date",
            f"无法确定延长后的{festival}假期从哪天开始：需要该年的现有数据或通知落款日期",
        )
    for day in _days(start, end):
        _mark_off(reader, day, festival, arrangement)


def _summary(title: str, table: dict[str, Any]) -> str:
    parts = [f"{h['name']} {h['start']}至{h['end']}放假" for h in table["holidays"]]
    worked = [str(m["date"]) for m in table["makeup_workdays"]]
    if worked:
        parts.append("、".join(worked) + "上班")
    return f"按《{title}》修改：" + "；".join(parts)


def default_file_name(data: YearData) -> str:
    """``2026.toml`` for a year's arrangement; ``2019-amend-20190322.toml`` for an amending
    notice, so it applies on top of the year's file instead of replacing it."""
    if not data.amends:
        return f"{data.year}.toml"
    return f"{data.year}-amend-{data.published:%Y%m%d}.toml" if data.published else f"{data.year}-amend.toml"
