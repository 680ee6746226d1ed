"""The notice grammar (docs/holidays.md, "How a notice is read") on wordings gkcli was not
developed on: plausible FUTURE notices written for these tests (fictional — no such notice
exists), and random line breaks and punctuation widths over the real ones."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from gkcli.calendar.notice import default_file_name, parse_notice
from gkcli.calendar.yeardata import YearData

NOTICES = FIXTURES / "notices"

# FICTIONAL: today's wording with 号, 周 notes, a title over two lines, no 文号, festivals
# joined by 和, 补休 after a weekend festival, and a range broken over two lines.
FUTURE_2028 = """国务院办公厅关于2028年
部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2028年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1号（周六）放假，1月3号（周一）补休。
二、春节：1月25日（农历除夕，周二）至
2月1日（农历正月初七，周二）放假调休，共8天。1月23日（周日）、2月12日（周六）上班。
三、清明节：4月2日（周日）至4日（周二）放假调休，共3天。4月1日（周六）上班。
四、劳动节：4月29日（周六）至5月3日（周三）放假调休，共5天。4月23日（周日）、5月6日（周六）上班。
五、端午节：5月28日（周日）放假，5月29日（周一）补休。
六、中秋节和国庆节：10月1日（周日）至8日（周日）放假调休，共8天。9月24日（周日）、10月14日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。
国务院办公厅
2027年11月10日
"""

# FICTIONAL: the 2006–2009 grammar (公休日调至…, 照常公休, “五一”/“十一”, 其中…为法定节假日, dates
# of the year before in the 元旦 item, a date signed in characters) applied to 2029.
FUTURE_2029_OLD_STYLE = """国务院办公厅关于2029年部分节假日安排的通知
国办发明电〔2028〕9号
各省、自治区、直辖市人民政府,国务院各部委、各直属机构:
经国务院批准,现将2029年元旦、春节、清明节、“五一”、端午节、中秋节、“十一”放假调休日期具体安排通知如下:
一、元旦:2028年12月30日—2029年1月1日放假,共3天。其中,1月1日(星期一)为法定节假日,12月30日(星期六)、31日(星期日)照常公休。
二、春节:2月12日—18日(即农历除夕至正月初六)放假,共7天。其中,2月12日至15日为法定节假日,将2月10日(星期六)公休日调至2月16日(星期五),2月10日(星期六)上班;2月17日(星期六)、18日(星期日)照常公休。
三、清明节:4月4日(星期三)放假1天,不调休。
四、“五一”国际劳动节:4月29日—5月3日放假,共5天。其中,5月1日、2日为法定节假日,4月29日(星期日)照常公休,将4月28日(星期六)、5月5日(星期六)两个公休日调至4月30日(星期一)、5月3日(星期四),4月28日(星期六)、5月5日(星期六)上班。
五、端午节:6月16日(星期六)放假,6月18日(星期一)补休。
六、中秋节:9月22日(星期六)放假,9月24日(星期一)补休。
七、“十一”:10月1日—7日放假,共7天。其中,1日、2日、3日为法定节假日,将9月29日(星期六)、30日(星期日)两个公休日调至10月4日(星期四)、5日(星期五);10月6日(星期六)、7日(星期日)照常公休,9月29日、30日上班。
国务院办公厅
二〇二八年十一月二十日
"""

# FICTIONAL: an amending notice for a future year, items without a festival heading.
FUTURE_AMENDMENT = """国务院办公厅关于调整2028年国庆节假期安排的通知
国办发明电〔2028〕3号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将调整2028年国庆节放假安排通知如下。
一、2028年10月1日至9日放假调休，共9天。9月24日（星期日）、10月14日（星期六）上班。
二、各地区、各部门要妥善安排好值班和安全、保卫等工作。
国务院办公厅
2028年6月1日
"""


def periods(data: YearData) -> dict[str, tuple[date, date]]:
    """Festival -> (first day, last day) over all its periods."""
    spans: dict[str, tuple[date, date]] = {}
    for period in data.holidays:
        first, last = spans.get(period.name, (period.start, period.end))
        spans[period.name] = (min(first, period.start), max(last, period.end))
    return spans


def test_future_notice_in_todays_wording():
    data = parse_notice(FUTURE_2028, "2028.txt")
    assert (data.year, data.source, data.document_number) == (2028, "国务院办公厅关于2028年部分节假日安排的通知", "")
    assert data.published == date(2027, 11, 10)
    assert periods(data) == {
        "元旦": (date(2028, 1, 1), date(2028, 1, 3)),
        "春节": (date(2028, 1, 25), date(2028, 2, 1)),
        "清明节": (date(2028, 4, 2), date(2028, 4, 4)),
        "劳动节": (date(2028, 4, 29), date(2028, 5, 3)),
        "端午节": (date(2028, 5, 28), date(2028, 5, 29)),
        "中秋节、国庆节": (date(2028, 10, 1), date(2028, 10, 8)),
    }
    assert [h.start for h in data.holidays if h.name == "元旦"] == [
        date(2028, 1, 1),
        date(2028, 1, 3),
    ]  # Sunday: weekend
    assert [m.date for m in data.makeup_workdays] == [
        date(2028, 1, 23),
        date(2028, 2, 12),
        date(2028, 4, 1),
        date(2028, 4, 23),
        date(2028, 5, 6),
        date(2028, 9, 24),
        date(2028, 10, 14),
    ]


def test_future_notice_in_the_older_grammar():
    data = parse_notice(FUTURE_2029_OLD_STYLE, "2029.txt")
    assert data.published == date(2028, 11, 20)
    assert periods(data) == {
        "元旦": (date(2028, 12, 30), date(2029, 1, 1)),
        "春节": (date(2029, 2, 12), date(2029, 2, 18)),
        "清明节": (date(2029, 4, 4), date(2029, 4, 4)),
        "劳动节": (date(2029, 4, 29), date(2029, 5, 3)),
        "端午节": (date(2029, 6, 16), date(2029, 6, 18)),
        "中秋节": (date(2029, 9, 22), date(2029, 9, 24)),
        "国庆节": (date(2029, 10, 1), date(2029, 10, 7)),
    }
    off = {day for period in data.holidays for day in period.days()}
    assert {date(2029, 6, 16), date(2029, 9, 22)} <= off  # the Saturday festivals themselves
    assert [m.date for m in data.makeup_workdays] == [
        date(2029, 2, 10),
        date(2029, 4, 28),
        date(2029, 5, 5),
        date(2029, 9, 29),
        date(2029, 9, 30),
    ]


def test_future_amending_notice_takes_its_festival_from_the_title():
    data = parse_notice(FUTURE_AMENDMENT, "amend.txt")
    assert data.amends and periods(data) == {"国庆节": (date(2028, 10, 1), date(2028, 10, 9))}
    assert default_file_name(data) == "2028-amend-20280601.toml"


def days_of(data: YearData) -> tuple[object, ...]:
    return (data.holidays, data.makeup_workdays)


REAL = ["2006.txt", "2009.txt", "2012.txt", "2015.txt", "2024.txt", "2025.txt"]
WIDTH = {"，": ",", "：": ":", "（": "(", "）": ")", "；": ";"}
WIDTH |= {half: full for full, half in WIDTH.items()}


@settings(max_examples=25, deadline=None)
@given(name=st.sampled_from(REAL), data=st.data())
def test_line_breaks_inside_items_and_punctuation_width_change_nothing(name, data):
    """A notice copied from a web page may break any line inside a sentence and may convert
    punctuation either way: the arrangement read stays the same."""
    text = (NOTICES / name).read_text(encoding="utf-8")
    expected = days_of(parse_notice(text))
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    item_lines = [i for i in range(start, len(lines)) if "放假" in lines[i]]
    index = data.draw(st.sampled_from(item_lines))
    line = lines[index]
    first_date = next(i for i, c in enumerate(line) if c.isdigit())  # after the item's heading
    cut = data.draw(st.integers(min_value=first_date + 1, max_value=len(line) - 2))
    if line[cut - 1] in "。；;":  # a break right after a sentence's end is a paragraph break
        cut -= 1
    lines[index : index + 1] = [line[:cut], line[cut:]]
    flips = data.draw(st.lists(st.sampled_from(sorted(WIDTH)), max_size=3))
    broken = "\n".join(lines)
    for mark in flips:
        broken = broken.replace(mark, WIDTH[mark])
    assert days_of(parse_notice(broken)) == expected


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("2009.txt", "1月1日(星期", "四、新年)"),
        ("2009.txt", "1月26日(星期", "一、农历正月初一"),
        ("2025.txt", "（农历正月初", "七、周二）"),
        ("2026.txt", "（农历腊月", "二十八、周日"),
        ("2026.txt", "（农历腊月二十", "八、周日）"),
    ],
)
def test_a_break_inside_a_bracket_or_after_a_weekday_word_is_no_new_item(name, before, after):
    """Found by the property test above: the line after the break starts with a numeral and
    、 (四、, 七、, 二十八、), which is an item's ordinal only outside brackets and 星期."""
    text = (NOTICES / name).read_text(encoding="utf-8")
    assert before + after in text
    broken = text.replace(before + after, before + "\n" + after, 1)
    assert days_of(parse_notice(broken)) == days_of(parse_notice(text))
