"""The columnar ledger kernel and the frame API (docs/ledgers.md): on generated ledgers, hostile
cells included, the findings equal those of the per-row check — the same findings, in the
same order, with the same wording — and a table of each library gets them back as a
table of its kind with the columns of ``--format csv``."""

from __future__ import annotations

import csv
import functools
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gkcli.ledger.columnar as columnar_module
import gkcli.ledger.duplicates as duplicates_module
from conftest import FIXTURES
from gkcli import BEIJING, CalendarOptions, GkcliError, load_calendar
from gkcli.deadlines.engine import compute_deadline
from gkcli.ledger import rawcsv
from gkcli.ledger.check import CheckOptions, LedgerCheck
from gkcli.ledger.columnar import ColumnarLedger, check_columns, read_columns, row_verdicts, settled_rows
from gkcli.ledger.findings import Finding
from gkcli.ledger.frame import FINDING_COLUMNS, check_frame
from gkcli.ledger.read import LedgerFileError, open_ledger
from gkcli.report.csv import CsvReporter
from gkcli.rules.catalogue import load_catalogue

AS_OF = datetime(2026, 11, 28, tzinfo=BEIJING)
CALENDAR = load_calendar()
PROVISIONAL = load_calendar(CalendarOptions(provisional=True))
CATALOGUE = load_catalogue()
HEADER = ["编号", "事项", "起算日期", "完成日期", "延期", "暂停", "补正日期", "责任单位"]


def checker(calendar=CALENDAR, as_of=AS_OF, **options) -> LedgerCheck:
    return LedgerCheck(calendar, CATALOGUE, CheckOptions(as_of=as_of, **options))


def every_field(finding: Finding) -> tuple[object, ...]:
    """A finding as compared: its record, both messages and its severity."""
    return (*finding.as_record().items(), finding.message("zh"), finding.message_en, finding.message_zh)


def day_text(day: date) -> str:
    return day.isoformat()


# Cells that take every branch: plain ISO dates (settled when on time), other spellings,
# times, invalid text, uncovered and provisional years, and empty cells.
plain_days = st.dates(min_value=date(2016, 1, 1), max_value=date(2026, 12, 20))
date_cells = st.one_of(
    plain_days.map(day_text),
    plain_days.map(day_text),
    plain_days.map(lambda day: f"{day.year}/{day.month}/{day.day}"),
    plain_days.map(lambda day: f"{day.isoformat()} 15:30"),
    plain_days.map(lambda day: f" {day.isoformat()} "),
    st.sampled_from(["", "2026-02-30", "soon", "2027-03-01", "2003-06-02", "2030-01-02"]),
)
rule_cells = st.sampled_from(
    [
        "interpretation",
        "request-reply",
        "proactive",
        "review-application",
        "lawsuit",
        "annual-report-department",
        "press-conference",
        "public-comment",
        "water-quality",
        "依申请",
        "解读",
        "no-such-rule",
        "",
    ]
)
extension_cells = st.sampled_from(["", "", "", "5", "20", "100", "x", "５", "99999999999999999999"])
pause_cells = st.sampled_from(["", "", "", "", "2026-01-05..2026-01-09", "bad"])
restart_cells = st.sampled_from(["", "", "", "", "2026-01-10", "2026-13-01"])
id_cells = st.one_of(st.integers(1, 40).map(lambda n: f"GK-{n}"), st.just(""), st.just(" GK-1 "))


@functools.cache
def start_due_on(rule_text: str, day: date) -> str | None:
    """A start (ISO) from which ``rule_text`` falls due on ``day``, if one lies within 200 days."""
    try:
        rule = CATALOGUE.get(rule_text)
        for back in range(200):
            start = day - timedelta(days=back)
            if compute_deadline(rule, start, CALENDAR).due_date == day:
                return start.isoformat()
    except GkcliError:
        pass
    return None


@st.composite
def ledger_rows(draw, as_of: datetime = AS_OF) -> list[list[str]]:
    rows = []
    for _ in range(draw(st.integers(0, 40))):
        start = draw(date_cells)
        rule = draw(rule_cells)
        if draw(st.integers(0, 3)) == 0:
            # A start shortly before the check: due days fall on, just before and after it.
            start = (as_of.date() - timedelta(days=draw(st.integers(0, 40)))).isoformat()
        if draw(st.integers(0, 5)) == 0:
            # A start whose due day is the check's Beijing day, or one day off it.
            day = as_of.astimezone(BEIJING).date() + timedelta(days=draw(st.integers(-1, 1)))
            start = start_due_on(rule, day) or start
        done = draw(date_cells)
        if draw(st.booleans()) and start[:4].isdigit() and "-" in start and ":" not in start:
            # Mostly a done day near the start: on time, late by a little, or before it.
            try:
                began = date.fromisoformat(start.strip())
                done = (began + timedelta(days=draw(st.integers(-3, 45)))).isoformat()
            except ValueError:
                pass
        if draw(st.integers(0, 4)) == 0:
            done = ""  # open: overdue, due soon or open as of the check
        rows.append(
            [
                draw(id_cells),
                rule,
                start,
                done,
                draw(extension_cells),
                draw(pause_cells),
                draw(restart_cells),
                "单位",
            ]
        )
        shape = draw(st.integers(0, 30))
        if shape == 0:
            rows.append([""] * len(HEADER))  # an empty row
        elif shape == 1:
            rows[-1] = rows[-1][:3]  # a short row
        elif shape == 2:
            rows.append(["", "", "", "", "", "", "", "", "past the header"])
    return rows


def write(path: Path, rows: list[list[str]], line_end: str = "\r\n") -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator=line_end)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def per_row(check: LedgerCheck, path: Path, form=every_field) -> list:
    """The per-row check alone: every row through ``FileCheck.results``."""
    file_check = check.check(path, "ledger.csv")
    try:
        table = file_check.open()
    except LedgerFileError as error:
        return [form(Finding(error.code, "ledger.csv", error.en, error.zh, line=error.line))]
    found = [finding for result in file_check.results(table) for finding in result.findings]
    return [form(finding) for finding in (*found, *file_check.file_findings, *file_check.finish())]


def streamed(check: LedgerCheck, path: Path) -> list:
    """``FileCheck.findings``: the kernel a chunk at a time in front of the per-row check."""
    return [every_field(finding) for finding in check.check(path, "ledger.csv").findings()]


def columnar(check: LedgerCheck, path: Path) -> list:
    """The kernel on the file's own rows, lines included, as a CLI run would give it."""
    ledger = read_columns(open_ledger(path))
    return [every_field(finding) for finding in check_columns(check, ledger, "ledger.csv")]


# The check's instant: the start of a Beijing day, a time of day, or an instant in another
# zone whose own date is not Beijing's (the verdict counts in Beijing, the message names
# the instant's own date).
as_of_instants = st.one_of(
    st.just(AS_OF),
    st.dates(min_value=date(2016, 1, 1), max_value=date(2026, 12, 31)).map(
        lambda day: datetime(day.year, day.month, day.day, tzinfo=BEIJING)
    ),
    st.datetimes(min_value=datetime(2016, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(BEIJING)),
    st.datetimes(
        min_value=datetime(2016, 1, 1),
        max_value=datetime(2026, 12, 31),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=13))]),
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    as_of_instants.flatmap(lambda as_of: st.tuples(st.just(as_of), ledger_rows(as_of))),
    st.sampled_from(["plain", "provisional", "next-workday", "count-start-day"]),
    st.integers(0, 6),
    st.sampled_from(["\r\n", "\n"]),
)
def test_columnar_findings_equal_the_per_row_findings(tmp_path, monkeypatch, drawn, variant, warn_days, line_end):
    as_of, rows = drawn
    # Small chunks, a small id dict and small runs: chunk borders, id runs and the spill file
    # are crossed on every ledger.
    monkeypatch.setattr(columnar_module, "CHUNK_ROWS", 7)
    monkeypatch.setattr(columnar_module, "READ_ROWS", 3)  # a chunk of three blocks, the last short
    monkeypatch.setattr(rawcsv, "READ_BYTES", 97)  # plain lines read as bytes a few at a time
    monkeypatch.setattr(duplicates_module, "DICT_LIMIT", 5)
    monkeypatch.setattr(duplicates_module, "MERGE_LIMIT", 12)
    monkeypatch.setattr(duplicates_module, "SPILL_LIMIT", 3)
    path = write(tmp_path / "ledger.csv", rows, line_end)  # mostly plain lines, read as bytes (``rawcsv``)
    calendar = PROVISIONAL if variant == "provisional" else CALENDAR
    options = {
        "next-workday": {"nonworking_trigger": "next-workday"},
        "count-start-day": {"count_start_day": True},
    }.get(variant, {})
    expected_check, actual_check, streamed_check = (
        checker(calendar, as_of, warn_days=warn_days, **options) for _ in range(3)
    )
    expected = outcome(per_row, expected_check, path)
    assert outcome(columnar, actual_check, path) == expected
    assert outcome(streamed, streamed_check, path) == expected
    assert actual_check.provisional_years == expected_check.provisional_years
    assert streamed_check.provisional_years == expected_check.provisional_years


def outcome(run, check, path):
    """The findings, or the error that escaped: the kernel must fail exactly where the
    per-row check does (a minimum rule before its first version escapes as InputError)."""
    try:
        return run(check, path)
    except Exception as error:
        return type(error), str(error)


def test_the_common_rows_are_settled_by_arrays_and_the_rest_are_not():
    rows = [
        ["1", "interpretation", "2026-09-30", "2026-10-09", "", "", "", ""],  # on time: settled
        ["2", "request-reply", "2026-09-30", "2026-10-20", "5", "", "", ""],  # extended, on time: settled
        ["3", "interpretation", "2026-09-30", "2026-10-12", "", "", "", ""],  # late
        ["4", "interpretation", "2026-09-30", "", "", "", "", ""],  # open
        ["5", "press-conference", "2026-09-30", "2026-09-30", "", "", "", ""],  # an hour rule
        ["6", "interpretation", "2026/9/30", "2026-10-09", "", "", "", ""],  # non-ISO: a warning
        ["7", "interpretation", "2026-09-30", "2026-10-09", "", "2026-10-01..2026-10-02", "", ""],  # paused
        ["8", "interpretation", "2026-09-30", "2026-10-09", "", "", "", ""],  # first of a duplicate id
        ["8", "interpretation", "2026-09-30", "2026-10-09", "", "", "", ""],  # the duplicate
    ]
    columns = tuple(list(column) for column in zip(*rows, strict=True))
    positions = {name: at for at, name in enumerate(("id", "rule", "start", "done", "extension", "pauses", "restart"))}
    ledger = ColumnarLedger(tuple(HEADER), columns, positions, range(2, len(rows) + 2))
    assert settled_rows(checker(), ledger).tolist() == [True, True] + [False] * 7
    assert [f.code for f in check_columns(checker(), ledger, "t")] == [
        "deadline-missed",
        "overdue",
        "time-assumed",  # the hour rule's row has a date without a time
        "non-iso-date",
        "duplicate-id",
    ]


def test_the_findings_table_has_the_csv_columns():
    assert FINDING_COLUMNS == CsvReporter.FIELDS


FRAME_ROWS = [
    ("GK-1", "interpretation", "2026-09-30", "2026-10-09"),
    ("GK-2", "interpretation", "2026-09-30", "2026-10-12"),
    ("GK-1", "request-reply", "2026-09-30", None),
    ("GK-3", "解读", "2026-09-30", "2026-10-09"),
]


def expected_frame_records(tmp_path: Path) -> list[dict[str, object]]:
    rows = [[row_id, rule, start, done or "", "", "", "", ""] for row_id, rule, start, done in FRAME_ROWS]
    records = per_row(checker(), write(tmp_path / "ledger.csv", rows), Finding.as_record)
    for record in records:
        record["file"], record["line"] = "<table>", None
    return records


def test_pandas_frame_with_date_columns(tmp_path):
    frame = pd.DataFrame(FRAME_ROWS, columns=["编号", "事项", "起算日期", "完成日期"])
    frame["起算日期"] = pd.to_datetime(frame["起算日期"])
    frame["完成日期"] = pd.to_datetime(frame["完成日期"])
    result = check_frame(frame, checker())
    assert isinstance(result, pd.DataFrame)
    assert tuple(result.columns) == FINDING_COLUMNS
    assert result.astype(object).where(result.notna(), None).to_dict("records") == expected_frame_records(tmp_path)
    assert str(result["row"].dtype) == "Int64" and result["provisional"].dtype == bool


def test_polars_frame(tmp_path):
    frame = pl.DataFrame(FRAME_ROWS, schema=["id", "rule", "start", "done"], orient="row")
    frame = frame.with_columns(pl.col("start").str.to_date())
    result = check_frame(frame, checker())
    assert isinstance(result, pl.DataFrame)
    assert tuple(result.columns) == FINDING_COLUMNS
    assert result.to_dicts() == expected_frame_records(tmp_path)


def test_arrow_table(tmp_path):
    table = pa.table(
        {
            name: list(column)
            for name, column in zip(["id", "rule", "start", "done"], zip(*FRAME_ROWS, strict=True), strict=True)
        }
    )
    result = check_frame(table, checker())
    assert isinstance(result, pa.Table)
    assert result.to_pylist() == expected_frame_records(tmp_path)


def test_a_frame_without_the_required_columns_gets_the_missing_column_finding():
    result = check_frame(pd.DataFrame({"编号": ["1"]}), checker(), lang="zh")
    assert result["code"].tolist() == ["missing-column"]
    assert "起算日期" in result["message"][0]


def test_default_checker_and_column_map():
    frame = pd.DataFrame({"立项日期": ["2026-09-30"], "rule": ["interpretation"], "done": ["2026-10-12"]})
    result = check_frame(frame, as_of=AS_OF, column_map={"start": "立项日期"})
    assert result["code"].tolist() == ["deadline-missed"]
    assert result["row"].tolist() == [2]


def test_other_objects_are_refused():
    from gkcli import InputError

    with pytest.raises(InputError, match="DataFrame"):
        check_frame([["id", "rule"]])


def test_the_corpus_ledgers_give_the_per_row_findings():
    for path in sorted((FIXTURES / "ledgers").glob("*.csv")):
        try:
            got = columnar(checker(), path)
        except Exception:  # files that are no ledger never reach the kernel
            continue
        assert got == per_row(checker(), path), path.name


def test_the_rows_count_and_the_findings_hold_across_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(columnar_module, "CHUNK_ROWS", 3)
    rows = [[f"GK-{n % 9}", "interpretation", "2026-09-30", "2026-10-09", "", "", "", ""] for n in range(12)]
    rows[10][3] = "2026-10-20"  # late
    rows.insert(5, [""] * len(HEADER))
    path = write(tmp_path / "ledger.csv", rows)
    file_check = checker().check(path, "ledger.csv")
    found = [every_field(finding) for finding in file_check.findings()]
    assert found == per_row(checker(), path)
    assert file_check.rows == 12
    assert [dict(record[:11])["code"] for record in found].count("duplicate-id") == 3


@pytest.mark.parametrize(
    ("as_of", "code"),
    [
        (datetime(2026, 10, 10, tzinfo=BEIJING), "due-soon"),  # the due day itself
        (datetime(2026, 10, 11, tzinfo=BEIJING), "overdue"),
        (datetime(2026, 10, 10, 20, tzinfo=UTC), "overdue"),  # 10-11 04:00 in Beijing
        (datetime(2026, 10, 11, 3, tzinfo=timezone(timedelta(hours=13))), "due-soon"),  # 10-10 22:00 in Beijing
    ],
)
def test_an_open_row_is_overdue_from_the_day_after_its_due_day_in_beijing(tmp_path, as_of, code):
    # interpretation from 2026-09-30 is due 2026-10-10 (a make-up working day).
    path = write(tmp_path / "ledger.csv", [["1", "interpretation", "2026-09-30", "", "", "", "", ""]])
    expected = per_row(checker(as_of=as_of), path)
    assert [dict(found[:11])["code"] for found in expected] == [code]
    assert streamed(checker(as_of=as_of), path) == expected
    assert columnar(checker(as_of=as_of), path) == expected


def test_late_and_overdue_rows_are_judged_by_the_kernel():
    rows = [
        ["1", "interpretation", "2026-09-30", "2026-10-12", "", "", "", ""],  # late
        ["2", "interpretation", "2026-09-30", "", "", "", "", ""],  # overdue as of AS_OF
        ["3", "interpretation", "2026-11-27", "", "", "", "", ""],  # open, due soon: per row
        ["4", "interpretation", "2026-09-30", "2026-10-09", "", "", "", ""],  # on time
    ]
    columns = tuple(list(column) for column in zip(*rows, strict=True))
    positions = {name: at for at, name in enumerate(("id", "rule", "start", "done", "extension", "pauses", "restart"))}
    ledger = ColumnarLedger(tuple(HEADER), columns, positions, range(2, len(rows) + 2))
    kinds = row_verdicts(checker(), ledger).kind.tolist()
    assert kinds == [columnar_module.LATE, columnar_module.OVERDUE, columnar_module.PER_ROW, columnar_module.ON_TIME]


def test_a_boolean_cell_is_not_read_as_the_number_it_equals(tmp_path):
    """``True == 1`` as a dictionary key: the check's memos must not give a workbook's or a
    frame's TRUE extension the reading of an earlier 1 (alone, it is refused)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id", "rule", "start", "done", "extension"])
    sheet.append(["A", "request-reply", "2026-03-02", "2026-03-10", 1])
    sheet.append(["B", "request-reply", "2026-03-03", "2026-03-11", True])
    path = tmp_path / "ledger.xlsx"
    workbook.save(path)
    found = [(finding.code.value, finding.row) for finding in checker().check(path, "ledger.xlsx").findings()]
    assert found == [("invalid-number", 3)]
    frame = pd.DataFrame({"id": ["A", "B"], "rule": ["request-reply"] * 2, "start": ["2026-03-02", "2026-03-03"]})
    frame["done"] = ["2026-03-10", "2026-03-11"]
    frame["extension"] = pd.Series([1, True], dtype=object)
    records = check_frame(frame, checker()).to_dict("records")
    assert [(record["code"], record["row"]) for record in records] == [("invalid-number", 3)]


@pytest.mark.parametrize("options", [{}, {"count_start_day": True}, {"nonworking_trigger": "next-workday"}])
def test_the_due_table_gives_the_engines_due_days(options):
    """Every rule the kernel counts, from every third day of the calendar (its edges
    included, where the engine refuses): the due day and version the engine gives, or
    unsettled where it raises. With the default options most rules run as array calls."""
    check = checker(**options)
    table = columnar_module.due_table(check)
    epoch = date(1970, 1, 1).toordinal()
    first, last = CALENDAR.first_day.toordinal() - epoch, CALENDAR.last_day.toordinal() - epoch
    starts = np.array([*range(first, last + 1, 3), last - 1, last], dtype=np.int64)
    counting = check.base_options.replace(pauses=(), restart=None, extend=0)
    for code, rule in enumerate(table.rules):
        codes = np.full(len(starts), code, dtype=np.int64)
        due, version = table.lookup(check, codes, starts, np.zeros(len(starts), dtype=np.int64))
        for start, day, index in zip(starts.tolist(), due.tolist(), version.tolist(), strict=True):
            try:
                deadline = compute_deadline(rule, date.fromordinal(start + epoch), CALENDAR, counting)
            except GkcliError:
                assert day == columnar_module._UNSETTLED, (rule.id, start)
                continue
            assert (day, index) == (
                deadline.due_date.toordinal() - epoch,
                rule.versions.index(deadline.version),
            ), (rule.id, date.fromordinal(start + epoch))
