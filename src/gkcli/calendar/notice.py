"""Reading a holiday-arrangement notice (放假安排的通知) into a data file's ``YearData`` (docs/design.md §2.4).

Accepted: the State Council General Office's yearly 《国务院办公厅关于YYYY年部分节假日安排的通知》
(every form since 2004), the notices that amend a published year (调整…假期安排, 延长…假期,
the 2015 纪念日调休放假 notice), and regional notices of the same form.

The reader follows the grammar of these notices (docs/holidays.md, "How a notice is read")::

    notice    := title-line+ [文号] [addressee] [preamble … 通知如下] item* [closing] [issuer] [date signed]
    item      := ordinal 、 [festival (、|和|及 festival)* [：]] body      -- the body may run over several lines
    body      := sentence (。 sentence)*
    sentence  := clause ((，|；|：) clause)*
    clause    := dates verb | [将] dates 公休日 调至 dates | 与周末连休 | 共N天 | 延长…假期至 date
    dates     := date ((、|和|及) date | (至|—|-) date)*
    date      := [YYYY年][M月]D(日|号) [（weekday or 农历 note）]

Verbs: 放假, 调休, 补休, 休息, 公休, 连休 and 为法定(节)假日 make the clause's dates days off;
上班 makes them working days; in ``将A、B两个公休日调至C、D`` only C and D become days off
(A and B are the weekend days being moved; a later 上班 clause says whether they are worked).
``与周末连休`` adds no day (the weekend is off anyway; holiday-cn lists none either). A date without year and month takes them from the date before it
(``2006年12月30日、31日``); a December date in the 元旦 item belongs to the year before.
Festival names as older notices write them (“五一”, “十一”, 国际劳动节) are read as 劳动节 and 国庆节.

Every clause that carries a date must be understood; anything else (preamble, duty reminders,
hortatory 鼓励… sentences) changes nothing. Lines starting with ``#`` are a reader's comments.
Once a sentence's dates are read, anything left that still looks like a date (``N月N``, ``N日``,
``N号``, ``YYYY年N月``; a document number such as 〔2024〕12号 or 第795号 aside) refuses the text:
a form the reader does not know is never skipped. Self-checks, each refusing the text and
quoting the line: ``共N天`` / ``放假N天`` equals the days of the range, a weekday in brackets
matches its date, every make-up day (上班) is a Saturday or Sunday, no day is both off and worked.
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

__all__ = ["FESTIVALS", "WEEKDAY_NAMES", "default_file_name", "parse_notice", "signed_date"]

FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")

# Names as the notices write them in an item's heading, and the festival each means.
_FESTIVAL_ALIASES = {
    "元旦": "元旦",
    "新年": "元旦",
    "春节": "春节",
    "清明节": "清明节",
    "清明": "清明节",
    "国际劳动节": "劳动节",
    "劳动节": "劳动节",
    "五一": "劳动节",
    "端午节": "端午节",
    "端午": "端午节",
    "中秋节": "中秋节",
    "中秋": "中秋节",
    "国庆节": "国庆节",
    "国庆": "国庆节",
    "十一": "国庆节",
}
_ALIAS = "|".join(sorted(map(re.escape, _FESTIVAL_ALIASES), key=len, reverse=True))
_QUOTED_ALIAS = f"[“\"'‘]?(?:{_ALIAS})[”\"'’]?(?:{_ALIAS})?"
_HEADING = re.compile(rf"^((?:{_QUOTED_ALIAS})(?:\s*(?:、|和|及)\s*(?:{_QUOTED_ALIAS}))*)\s*:?\s*")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)\s*|\d{1,2}[、.](?!\d))")
_WEEKDAY_WORDS = ("星期", "周")
_NAMED_HEADING = re.compile(r"^([^:\d,。]{1,20}):")

_WEEKDAY_NUMBERS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
WEEKDAY_NAMES = "一二三四五六日"
# After NFKC: full-width （）：，； are ASCII; 〔〕、。— stay as they are.
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
_RANGE_SEPARATOR = "(?:至|-|—|–|~|−|〜)"
_DOC_NUMBER = re.compile(_DOCUMENT_NUMBER + "$")
_SIGNED = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]$")
_SIGNED_CHINESE = re.compile(r"^([〇○零O一二三四五六七八九]{4})年([十一二]{1,2})月([一二三四五六七八九十]{1,3})日$")
_OFF_WORDS = re.compile(r"放假|调休|补休|休息|连休|公休|法定(?:节)?假日")
_MOVED_TO = "调至"
_COUNT = re.compile(r"(?:共|放假)(\d+)天")
_EXTENSION = re.compile(r"延长(?:\d{4}年)?(.+?)假期至(\S)")
_FIRST_PLACEHOLDER = 0xE000
_PLACEHOLDER = "[\ue000-\uf8fe]"
_RESUMPTION = "\uf8ff"  # a date followed by 起 (“2月3日起正常上班”, “自2025年1月1日起”): states a rule, changes no day
_CHINESE_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, **{c: n for n, c in enumerate("一二三四五六七八九", start=1)}}


@dataclass
class _Arrangement:
    """What the notice's items say, day by day."""

    off: dict[date, str] = field(default_factory=dict)
    worked: dict[date, str] = field(default_factory=dict)


@dataclass
class _Item:
    """One numbered item (or, in a notice without numbered items, its whole body)."""

    festival: str
    lines: list[tuple[str, str]]  # (as written, normalized) for each line of the item


def _refuse(origin: str, line: str, en: str, zh: str) -> InputError:
    return InputError(
        f'{origin}: {en}\n  line: {line}\n  Correct the line, or write the data file by hand (docs/holidays.md, "Writing a data file by hand").',
        f"{origin}：{zh}\n  行：{line}\n  请修正该行，或按数据文件格式手工录入（见 docs/holidays.md 的“Writing a data file by hand”一节）。",
    )


def _normalize(line: str) -> str:
    return unicodedata.normalize("NFKC", line)


def _festival_names(heading: str) -> str:
    """``中秋节、国庆节`` for the heading ``中秋节、国庆节``; ``劳动节`` for ``“五一”国际劳动节``."""
    names: list[str] = []
    for alias in re.findall(_ALIAS, heading):
        name = _FESTIVAL_ALIASES[alias]
        if name not in names:
            names.append(name)
    return "、".join(names)


def _title_festival(title: str) -> str:
    """The festival an amending or regional notice is about, from its title."""
    named = [name for name in FESTIVALS if name in title]
    if named:
        return "、".join(named)
    match = re.search(
        r"关于(?:调整|延长)?(?:\d{4}年)?(.+?)(?:调休放假|放假调休|假期安排|放假安排|假期|放假)的通知", title
    )
    return match.group(1).strip("“”\"'《》 ").removeprefix("中国人民") if match else ""


def _chinese_number(text: str) -> int:
    """十二 → 12, 二十五 → 25, 七 → 7 (the numerals of a date signed in characters)."""
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return _CHINESE_DIGITS[text]
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)


def signed_date(line: str) -> date | None:
    """The date a notice was signed, written ``2024年11月12日`` or ``二〇〇九年十二月七日``
    (``line`` NFKC-normalized); None for any other line."""
    if match := _SIGNED.match(line):
        return date(*map(int, match.groups()))
    if match := _SIGNED_CHINESE.match(line):
        year = int("".join(str(_CHINESE_DIGITS[c]) for c in match.group(1)))
        try:
            return date(year, _chinese_number(match.group(2)), _chinese_number(match.group(3)))
        except (KeyError, ValueError):
            return None
    return None


class _ItemReader:
    """Reads the dates and clauses of one item; a date without month or year takes them from
    the date read before it in the same item."""

    def __init__(self, origin: str, year: int, festival: str) -> None:
        self.origin, self.year, self.festival = origin, year, festival
        self.line = ""
        self.previous: date | None = None
        self.period: tuple[date, date] | None = None  # the last range read (“1月29日—2月4日”)

    def refuse(self, en: str, zh: str) -> InputError:
        return _refuse(self.origin, self.line, en, zh)

    def _default_year(self, month: int) -> int:
        """The year of ``M月D日`` written without one: the notice's, except December in the
        元旦 item, which is the December before (2006: ``12月31日（星期六）上班``)."""
        return self.year - 1 if month == 12 and self.festival.startswith("元旦") else self.year

    def _bare_day_month(self, last: date, day: int, year_text: str | None) -> tuple[int, int]:
        """Year and month of a day written without them: the previous date's, or, when that
        gives no date inside the range just stated, the range's first month (2006:
        ``1月29日—2月4日……放假。其中，29日、30日、31日为法定假日``)."""
        candidates = [(last.year, last.month)]
        if self.period:
            candidates.append((self.period[0].year, self.period[0].month))
        for year, month in candidates:
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if self.period and self.period[0] <= candidate <= self.period[1]:
                return (int(year_text) if year_text else year), month
        return (int(year_text) if year_text else last.year), last.month

    def tokenize(self, sentence: str) -> tuple[str, list[date]]:
        """The sentence with each date replaced by a placeholder character, and the dates."""
        dates: list[date] = []
        in_range: date | None = None
        pieces: list[str] = []
        position = 0
        for match in _DATE.finditer(sentence):
            year_text, month_text, day_text, note, resumption = match.groups()
            follows_range = in_range is not None and re.fullmatch(
                r"\s*" + _RANGE_SEPARATOR + r"\s*", sentence[position : match.start()]
            )
            last = in_range if follows_range else self.previous
            if month_text:
                month = int(month_text)
                year = int(year_text) if year_text else (last.year if follows_range and last else None)
                year = year if year is not None else self._default_year(month)
            elif last is not None:
                year, month = self._bare_day_month(last, int(day_text), year_text)
            else:
                raise self.refuse(f"{match.group(0)!r} has no month", f"{match.group(0)!r} 缺少月份")
            try:
                day = date(year, month, int(day_text))
            except ValueError:
                raise self.refuse(f"{match.group(0)!r} is not a date", f"{match.group(0)!r} 不是有效日期") from None
            if follows_range and in_range and day < in_range and not year_text:
                day = day.replace(year=day.year + 1)
            if follows_range and in_range:
                self.period = (in_range, day)
            self._check_weekday(day, note or "", match.group(0))
            self.previous = day
            pieces.append(sentence[position : match.start()])
            if resumption:
                pieces.append(_RESUMPTION)
                in_range = None
            else:
                pieces.append(chr(_FIRST_PLACEHOLDER + len(dates)))
                dates.append(day)
                in_range = day
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
            actual = WEEKDAY_NAMES[day.weekday()]
            raise self.refuse(
                f"{written!r}: {day} is a 周{actual}, not a 周{match.group(1)}",
                f"{written!r}：{day} 是周{actual}，不是周{match.group(1)}",
            )


def _spans(clause: str, dates: list[date]) -> list[tuple[date, date]]:
    """The single days and ranges written in ``clause``, as (first, last) pairs."""
    spans = []
    for match in re.finditer(f"({_PLACEHOLDER})(?:\\s*{_RANGE_SEPARATOR}\\s*({_PLACEHOLDER}))?", clause):
        first = dates[ord(match.group(1)) - _FIRST_PLACEHOLDER]
        last = dates[ord(match.group(2)) - _FIRST_PLACEHOLDER] if match.group(2) else first
        spans.append((first, last))
    return spans


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


def _split_notice(lines: list[str], normalized: list[str]) -> tuple[str, int]:
    """The title (joined when printed over several lines, as gov.cn does) and the index of
    the first line after it."""
    for end in range(min(3, len(lines))):
        if normalized[end].endswith("通知"):
            return "".join(lines[: end + 1]), end + 1
    return lines[0], 1


def _items(body: list[tuple[str, str]], default_name: str) -> list[_Item]:
    """The body's numbered items, each with the lines that continue it; text before the first
    item (or a body without numbered items) is one item named after the title."""
    items: list[_Item] = []
    previous = ""
    for written, line in body:
        ordinal = _ORDINAL.match(line)
        if ordinal and (previous.endswith(_WEEKDAY_WORDS) or previous.count("(") > previous.count(")")):
            # A line break inside a bracket or after 星期 (…(农历正月初 / 七、周二)…, …(星期 /
            # 四、新年)…): the numeral continues the line before, it is no item's ordinal.
            ordinal = None
        previous = line
        if ordinal or not items:
            rest = line[ordinal.end() :] if ordinal else line
            heading = _HEADING.match(rest) if ordinal else None
            named = _NAMED_HEADING.match(rest) if ordinal and not heading else None
            if heading:
                festival, rest = _festival_names(heading.group(1)), rest[heading.end() :]
            elif named:
                festival, rest = named.group(1).strip(), rest[named.end() :]
            else:
                festival = default_name
            items.append(_Item(festival, [(written, rest)]))
        else:
            items[-1].lines.append((written, line))
    return items


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
    normalized = [_normalize(line) for line in lines]
    title, first_body = _split_notice(lines, normalized)
    if "通知" not in title:
        raise _refuse(
            origin,
            lines[0],
            "the first line should be the notice's title (…的通知)",
            "第一行应为通知标题（……的通知）",
        )
    normalized_title = _normalize(title)

    document_number = ""
    published: date | None = None
    body: list[int] = []
    for index in range(first_body, len(lines)):
        if index <= first_body + 1 and not document_number and _DOC_NUMBER.search(normalized[index]):
            document_number = lines[index]
        elif index >= len(lines) - 2 and (signed := signed_date(normalized[index])):
            published = signed
        else:
            body.append(index)
    preamble_end = next((i for i in body if "通知如下" in normalized[i]), None)
    if preamble_end is not None:
        body = [i for i in body if i > preamble_end]

    year_match = re.search(r"(\d{4})年", normalized_title) or next(
        (match for i in body if (match := re.search(r"(\d{4})年\d{1,2}月", normalized[i]))), None
    )
    if not year_match:
        raise _refuse(origin, title, "cannot tell which year the notice is about", "无法确定通知所属年份")
    year = int(year_match.group(1))
    amends = not re.search(r"\d{4}年部分节假日安排", normalized_title)
    default_name = _title_festival(normalized_title) if amends else ""

    arrangement = _Arrangement()
    for item in _items([(lines[i], normalized[i]) for i in body], default_name):
        _read_item(_ItemReader(origin, year, item.festival), item, arrangement, base, published)

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


def _read_item(
    reader: _ItemReader,
    item: _Item,
    arrangement: _Arrangement,
    base: Callable[[int], YearData | None] | None,
    published: date | None,
) -> None:
    """Every sentence of the item, named after the item's festival. A line that does not end
    a sentence (。；) runs on into the next one: gov.cn pages break lines inside an item."""
    written_lines: list[str] = []
    text = ""
    for index, (written, line) in enumerate(item.lines):
        written_lines.append(written)
        text += line
        if index < len(item.lines) - 1 and not re.search(r"[。;]$", line):
            continue
        reader.line = "".join(written_lines)
        for sentence in text.split("。"):
            _read_sentence(reader, item.festival, sentence, arrangement, base, published)
        written_lines, text = [], ""


def _read_sentence(
    reader: _ItemReader,
    name: str,
    sentence: str,
    arrangement: _Arrangement,
    base: Callable[[int], YearData | None] | None,
    published: date | None,
) -> None:
    """Marks the days off and the working days a sentence gives."""
    tokens, dates = reader.tokenize(sentence)
    if "鼓励" in sentence:
        return  # hortatory (鼓励…休息): encourages, changes no working day
    pending: list[tuple[date, date]] = []  # the last days off, for a 共N天 in a later clause
    carried: list[tuple[date, date]] = []  # dates of a clause with no verb, for the next clause's verb
    for clause in re.split(r"[,;:]", tokens):
        spans = _spans(clause, dates) or carried
        carried = []
        extension = _EXTENSION.search(clause)
        count = _COUNT.search(clause)
        if extension:
            end = dates[ord(extension.group(2)) - _FIRST_PLACEHOLDER]
            _extend(reader, extension.group(1), end, arrangement, base, published)
        elif spans and "上班" in clause:
            for first, last in spans:
                for day in _days(first, last):
                    _mark_worked(reader, day, name, arrangement)
        elif spans and _MOVED_TO in clause:
            # 将A、B两个公休日调至C、D: C and D are off; A and B are the weekend days moved.
            moved_to = _spans(clause.split(_MOVED_TO, 1)[1], dates)
            _mark_spans_off(reader, name, moved_to, arrangement)
        elif spans and _OFF_WORDS.search(clause):
            _mark_spans_off(reader, name, spans, arrangement)
            pending = spans if not count else []
            if count:
                _check_count(reader, spans, int(count.group(1)))
        elif spans and re.fullmatch("[\\s\ue000-\uf8fe、和及至—\\-]*", clause):
            carried = spans  # “其中：4月4日（清明节），为法定节假日”: the verb follows
        elif spans:
            raise reader.refuse(
                "a date here is neither a day off (放假) nor a working day (上班)", "此处的日期既不是放假也不是上班"
            )
        elif count and pending:
            _check_count(reader, pending, int(count.group(1)))
            pending = []
        elif re.search(r"\d", clause) and re.search(r"放假|上班", clause):
            raise reader.refuse_unread(re.findall(r"[\d./\-—–~−]+", clause)[0])
    if carried:
        raise reader.refuse(
            "a date here is neither a day off (放假) nor a working day (上班)", "此处的日期既不是放假也不是上班"
        )


def _mark_spans_off(reader: _ItemReader, name: str, spans: list[tuple[date, date]], arrangement: _Arrangement) -> None:
    if not name:
        raise reader.refuse(
            "cannot tell which festival these days belong to (write it as 节日名：…)",
            "无法确定这些日期属于哪个节日（应写作 节日名：……）",
        )
    days = [day for first, last in spans for day in _days(first, last)]
    for day in days:
        _mark_off(reader, day, name, arrangement)


def _check_count(reader: _ItemReader, spans: list[tuple[date, date]], stated: int) -> None:
    counted = sum((last - first).days + 1 for first, last in spans)
    if counted != stated:
        raise reader.refuse(
            f"the text says {stated} days but the dates give {counted}",
            f"文中写共{stated}天，但日期范围为{counted}天",
        )


def _mark_off(reader: _ItemReader, day: date, name: str, arrangement: _Arrangement) -> None:
    if day in arrangement.worked:
        raise reader.refuse(f"{day} is given both as a day off and as a working day", f"{day} 既被列为放假又被列为上班")
    if arrangement.off.get(day, name) != name:
        raise reader.refuse(
            f"{day} is given to both {arrangement.off[day]} and {name}", f"{day} 同时属于{arrangement.off[day]}和{name}"
        )
    arrangement.off[day] = name


def _mark_worked(reader: _ItemReader, day: date, name: str, arrangement: _Arrangement) -> None:
    if day.weekday() < 5:
        raise reader.refuse(
            f"{day} is a 周{WEEKDAY_NAMES[day.weekday()]}; a make-up working day (上班) must be a Saturday or Sunday",
            f"{day} 是周{WEEKDAY_NAMES[day.weekday()]}；调休上班日必须是周六或周日",
        )
    if day in arrangement.off:
        raise reader.refuse(f"{day} is given both as a day off and as a working day", f"{day} 既被列为放假又被列为上班")
    arrangement.worked[day] = name or "调休"


def _extend(
    reader: _ItemReader,
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
