"""Date and date-time input (docs/design.md §5): only the explicit forms, never completed from today."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gkcli import BEIJING, InputError, parse_date, parse_date_range, parse_datetime
from gkcli.core.dates import parse_by_pattern


@pytest.mark.parametrize(
    "text",
    [
        "2026-09-30",
        "2026-9-30",
        "2026/9/30",
        "2026.9.30",
        "2026年9月30日",
        "2026年9月30号",
        "20260930",
        "２０２６－０９－３０",
        " 2026-09-30 ",
    ],
)
def test_accepted_date_forms(text):
    assert parse_date(text) == date(2026, 9, 30)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2026-09",
        "9/30",
        "9月30日",
        "2026-9/30",
        "2026-02-30",
        "2026-13-01",
        "30.9.2026",
        "tomorrow",
        "202609300",
        "1899-12-31",
        "2201-01-01",
        "9999-12-31",
        "0001-01-01",
    ],
)
def test_refused_date_forms_name_the_accepted_ones(text):
    with pytest.raises(InputError) as caught:
        parse_date(text)
    assert repr(text) in caught.value.message("en")


def test_only_iso_is_iso():
    assert parse_datetime("2026-09-30").is_iso
    assert not parse_datetime("2026-9-30").is_iso
    assert not parse_datetime("2026年9月30日").is_iso


def test_naive_time_is_beijing_and_offsets_are_converted():
    assert parse_datetime("2026-10-01 22:30").value == datetime(2026, 10, 1, 22, 30, tzinfo=BEIJING)
    assert parse_datetime("2026-10-01T14:30Z").value == datetime(2026, 10, 1, 22, 30, tzinfo=BEIJING)
    assert parse_datetime("2026-10-01T22:30-0200").value == datetime(2026, 10, 2, 8, 30, tzinfo=BEIJING)
    assert parse_datetime("2026年10月1日22时30分").value.hour == 22
    assert parse_datetime("2026-10-01 22:30").value.utcoffset() == timedelta(hours=8)
    assert parse_datetime("2026-10-01 22:30+08:00").value.tzinfo.utcoffset(None) == timezone(
        timedelta(hours=8)
    ).utcoffset(None)


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-02 10:00+99:00",
        "2026-03-02 23:59+99:99",
        "2026-03-02 10:00+0860",
        "2026-03-02 25:00",
        "2026-03-02 10:61",
    ],
)
def test_impossible_times_and_offsets_are_input_errors(text):
    with pytest.raises(InputError):
        parse_datetime(text)


def test_a_date_refuses_a_time():
    with pytest.raises(InputError):
        parse_date("2026-09-30 10:00")


def test_ranges():
    assert parse_date_range("2026-10-08..2026-10-12") == (date(2026, 10, 8), date(2026, 10, 12))
    for bad in ("2026-10-12..2026-10-08", "2026-10-08", "2026-10-08..x"):
        with pytest.raises(InputError):
            parse_date_range(bad)


def _outcome(parse, text: str) -> tuple[datetime, bool, bool] | str:
    try:
        parsed = parse(text)
    except InputError as error:
        return error.en
    return parsed.value, parsed.has_time, parsed.is_iso


@given(
    st.one_of(
        st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
        st.text(alphabet="0123456789- +/W.T", min_size=10, max_size=10),
        st.tuples(st.text("0123456789", min_size=4, max_size=4), st.text("0123456789 ", min_size=2, max_size=2)).map(
            lambda parts: f"{parts[0]}-{parts[1]}-{parts[1]}"
        ),
    )
)
def test_the_iso_fast_path_answers_as_the_pattern_does(text):
    assert _outcome(parse_datetime, text) == _outcome(parse_by_pattern, text)


# -- an impossible date names the part that is impossible -----------------------------------


@pytest.mark.parametrize(
    ("text", "en", "zh"),
    [
        ("2026-9-31", "September has 30 days", "9月只有30天"),
        ("20260931", "September has 30 days", "9月只有30天"),
        ("2026年2月30日", "February has 28 days", "2月只有28天"),
        ("2024-02-30", "February has 29 days", "2月只有29天"),
        ("2026-02-29", "2026 is not a leap year; February 2026 has 28 days", "2026年不是闰年，2月只有28天"),
        ("2026-13-01", "there is no month 13", "没有13月"),
        ("2026-00-10", "there is no month 0", "没有0月"),
        ("2026-09-00", "there is no day 0", "没有0日"),
        ("2026-09-30 24:00", "there is no hour 24", "没有24时"),
        ("2026-09-30 10:60", "there is no minute 60", "没有60分"),
    ],
)
def test_an_impossible_date_says_which_part_is_impossible(text: str, en: str, zh: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_datetime(text)
    assert en in caught.value.message("en") and zh in caught.value.message("zh")
    assert "one of" not in caught.value.message("en")


@given(st.integers(1900, 2200), st.integers(0, 99), st.integers(0, 99))
def test_a_date_in_an_accepted_form_is_read_or_its_impossible_part_named(year: int, month: int, day: int) -> None:
    text = f"{year}-{month:02d}-{day:02d}"
    try:
        parsed = parse_datetime(text)
    except InputError as error:
        message = error.message("en")
        assert "one of" not in message and ("month" in message or "day" in message or "February" in message)
        with pytest.raises(ValueError):
            date(year, month, day)
    else:
        assert parsed.date == date(year, month, day)
