"""The ledger library through its Python API (docs/ledgers.md): the engine (``check_ledger``,
``LedgerCheck``/``FileCheck``, its parts), annotate, and the report formats on findings the
engine really produces.

Regenerate the golden files with ``GKCLI_UPDATE_GOLDEN=1 pytest tests/test_ledger_api.py``
and review the diff.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from gkcli.calendar.index import WorkCalendar
from gkcli.calendar.sources import load_calendar
from gkcli.core.dates import BEIJING
from gkcli.ledger.check import CheckOptions, LedgerCheck, Status, check_ledger
from gkcli.ledger.codes import FindingCode
from gkcli.ledger.duplicates import DuplicateIds
from gkcli.ledger.findings import Finding
from gkcli.ledger.read import open_ledger
from gkcli.ledger.rows import RowCells, RowReader
from gkcli.report.annotate import annotate_ledger
from gkcli.report.base import RunInfo
from gkcli.report.formats import ReportFormat, get_reporter
from gkcli.rules.catalogue import RuleCatalogue, load_catalogue
from golden_check import EXTENSIONS, GOLDEN, check_golden

AS_OF = datetime(2026, 11, 28, tzinfo=BEIJING)
OPTIONS = CheckOptions(as_of=AS_OF)
GOLDEN_DIR = GOLDEN / "ledger-api"

# One row per finding code a row can get, then two recurring rows with a missing quarter.
EVERY_CODE = (
    "id,rule,start,done,extension,pauses,restart\n"
    "1,解读,2026-09-30,2026-10-12,,,\n"  # deadline-missed
    "2,依申请,2022-09-30,,,,\n"  # overdue
    "3,依申请,2026-11-03,,,,\n"  # due 2026-12-01: due-soon
    "4,nope,2026-11-20,,,,\n"  # unknown-rule
    "4,依申请,2026/11/02,2026-11-05,,,\n"  # duplicate-id, non-iso-date
    "6,依申请,2026-09-01,,25,,\n"  # extension-exceeds-max
    "7,依申请,2026-12-10,,,,\n"  # runs into 2027: calendar-out-of-range
    "8,征求意见,2026-03-01,2026-03-20,,,\n"  # period-too-short
    "9,依申请,2026-02-30,,,,\n"  # invalid-date
    "10,,2026-02-03,,,,\n"  # missing-cell
    "11,解读,2026-10-10,2026-10-09,,,\n"  # done-before-start
    "12,依申请,2026-09-01,2026-10-30,x,,\n"  # invalid-number
    "13,依申请,2026-09-01,2026-09-20,,2026-09-02..x,\n"  # invalid-date (pauses)
    "14,水质,2026-01-05,,,,\n"  # quarter-missing: Q2, Q3
    "15,水质,2026-10-05,,,,\n"
    "16,依申请,2026-09-01,2026-09-20,,,\n"  # on time
    ",,,,,,\n"  # empty: no verdict, not counted
)
EVERY_CODE_FOUND = [
    FindingCode.DEADLINE_MISSED,
    FindingCode.OVERDUE,
    FindingCode.DUE_SOON,
    FindingCode.UNKNOWN_RULE,
    FindingCode.DUPLICATE_ID,
    FindingCode.NON_ISO_DATE,
    FindingCode.EXTENSION_EXCEEDS_MAX,
    FindingCode.CALENDAR_OUT_OF_RANGE,
    FindingCode.PERIOD_TOO_SHORT,
    FindingCode.INVALID_DATE,
    FindingCode.MISSING_CELL,
    FindingCode.DONE_BEFORE_START,
    FindingCode.INVALID_NUMBER,
    FindingCode.INVALID_DATE,
    FindingCode.QUARTER_MISSING,
    FindingCode.QUARTER_MISSING,
]


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return load_calendar()


@pytest.fixture(scope="module")
def catalogue() -> RuleCatalogue:
    return load_catalogue()


def _write(tmp_path: Path, text: str, name: str = "ledger.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_ledger_from_a_path_and_from_a_binary_file_gives_the_same_findings(
    tmp_path: Path, calendar: WorkCalendar, catalogue: RuleCatalogue
) -> None:
    path = _write(tmp_path, EVERY_CODE)
    from_path = list(check_ledger(path, OPTIONS, calendar=calendar, catalogue=catalogue, name="ledger.csv"))
    assert [finding.code for finding in from_path] == EVERY_CODE_FOUND
    stream = io.BytesIO(EVERY_CODE.encode("utf-8"))
    from_stream = list(check_ledger(stream, OPTIONS, calendar=calendar, catalogue=catalogue, name="ledger.csv"))
    assert from_stream == from_path
    overdue = from_path[1]
    assert (overdue.row, overdue.line, overdue.column, overdue.row_id, overdue.rule) == (
        3,
        3,
        "done",
        "2",
        "request-reply",
    )
    assert "2022-11-02" in overdue.message("en")


def test_a_binary_file_is_spooled_and_the_copy_removed(calendar: WorkCalendar, catalogue: RuleCatalogue) -> None:
    checker = LedgerCheck(calendar, catalogue, OPTIONS)
    with checker.check(io.BytesIO(EVERY_CODE.encode("gb18030"))) as file_check:
        copy = file_check.path
        assert copy.exists() and file_check.name == "-"
        assert len(list(file_check.findings())) == len(EVERY_CODE_FOUND)
        assert (file_check.encoding, file_check.rows, file_check.fully_read) == ("gb18030", 16, True)
    assert not copy.exists()


def test_results_give_each_rows_deadline_status_and_days(
    tmp_path: Path, calendar: WorkCalendar, catalogue: RuleCatalogue
) -> None:
    file_check = LedgerCheck(calendar, catalogue, OPTIONS).check(_write(tmp_path, EVERY_CODE))
    results = list(file_check.results(file_check.open()))
    by_id = {str(result.row.cells[0]): result for result in results}
    # 解读: 3 working days after 2026-09-30 is the make-up working day 2026-10-10 (a Saturday).
    assert (by_id["1"].status, by_id["1"].days_late) == (Status.LATE, 1)
    assert by_id["1"].deadline is not None and by_id["1"].deadline.due_date.isoformat() == "2026-10-10"
    assert (by_id["2"].status, by_id["2"].days_late) == (Status.OVERDUE, 1014)
    assert by_id["3"].status is Status.DUE_SOON
    assert by_id["16"].status is Status.ON_TIME and by_id["16"].findings == ()
    assert by_id["8"].status is Status.LATE and by_id["8"].deadline is None
    assert by_id["9"].status is None and by_id["9"].deadline is None
    assert results[-1].status is None and results[-1].findings == () and file_check.rows == 16


def test_the_short_cut_and_the_full_check_agree_on_done_before_start(
    tmp_path: Path, calendar: WorkCalendar, catalogue: RuleCatalogue
) -> None:
    """Row 3 shares row 1's deadline cells, and its done cell was parsed for row 2: the short
    cut applies, and must still see that it was done an hour before it started."""
    path = _write(
        tmp_path,
        "id,rule,start,done\n"
        "1,依申请,2026-03-02 10:00,2026-03-03 09:00\n"
        "2,依申请,2026-03-02 09:00,2026-03-03 09:00\n"
        "3,依申请,2026-03-02 10:00,2026-03-02 09:00\n",
    )
    found = list(check_ledger(path, OPTIONS, calendar=calendar, catalogue=catalogue))
    assert [(finding.code, finding.row) for finding in found] == [(FindingCode.DONE_BEFORE_START, 4)]


_STARTS = ("2026-03-02", "2026-03-02 10:00", "2026-04-30", "2026/5/6", "2026-09-30")
_DONES = (
    "",
    "2026-03-02 09:00",
    "2026-03-03",
    "2026-03-31",
    "2026-05-20",
    "2026-10-20",
    "2026-10-30 18:00",
    "2026-02-28",
)
_RULES = ("依申请", "解读", "request-reply", "征求意见", "24h", "nope")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_RULES), st.sampled_from(_STARTS), st.sampled_from(_DONES)), max_size=12))
def test_a_row_gets_the_same_verdict_alone_or_after_any_other_rows(rows: list[tuple[str, str, str]]) -> None:
    """The caches and the short cut change nothing: each row, checked in one file with the
    others, gets what it gets checked alone."""
    calendar, catalogue = load_calendar(), load_catalogue()

    def verdicts(lines: list[tuple[str, str, str]], first_id: int) -> list[tuple[object, ...]]:
        text = "id,rule,start,done\n" + "".join(
            f"{first_id + n},{rule},{start},{done}\n" for n, (rule, start, done) in enumerate(lines)
        )
        file_check = LedgerCheck(calendar, catalogue, OPTIONS).check(io.BytesIO(text.encode()), "l.csv")
        with file_check:
            return [
                (result.status, result.days_late, [(f.code, f.message_en, f.column) for f in result.findings])
                for result in file_check.results(file_check.open())
            ]

    together = verdicts(rows, 1)
    alone = [verdicts([row], 1 + n)[0] for n, row in enumerate(rows)]
    assert together == alone


def test_row_reader_reads_named_cells(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "事项,编号,起算日期,备注,完成日期\nr1,A-1,2026-01-05,note,2026-01-06,past the header\nr2,A-2\n,,\n"
    )
    table = open_ledger(path)
    rows = list(RowReader(table))
    assert rows[0][1] == RowCells(
        id="A-1", done="2026-01-06", channel="", rule="r1", start="2026-01-05", extension="", pauses="", restart=""
    )
    assert rows[0][1].deadline_cells == ("r1", "2026-01-05", "", "", "")
    assert rows[1][1] is not None and (rows[1][1].id_text, rows[1][1].start, rows[1][1].done) == ("A-2", "", "")
    assert rows[2][1] is None, "an empty row has no cells to check"


def test_duplicate_ids_remember_the_first_row() -> None:
    ids = DuplicateIds()
    assert [ids.first_row(row_id, row) for row, row_id in enumerate(["a", "b", "a", "", "", "b"], start=2)] == [
        2,
        3,
        2,
        5,
        6,
        3,
    ]


def test_annotate_to_a_binary_file_as_csv_and_as_a_workbook(
    tmp_path: Path, calendar: WorkCalendar, catalogue: RuleCatalogue
) -> None:
    path = _write(tmp_path, EVERY_CODE)
    checker = LedgerCheck(calendar, catalogue, OPTIONS)
    out = io.BytesIO()
    counts = annotate_ledger(checker.check(path), out, "en")
    assert counts == {Status.ON_TIME: 2, Status.LATE: 2, Status.OPEN: 0, Status.OVERDUE: 1, Status.DUE_SOON: 1}
    rows = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    assert rows[0][-4:] == ["due", "status", "days late", "provisional"]
    assert rows[1][-4:] == ["2026-10-10", "late", "1", ""]
    book = io.BytesIO()
    annotate_ledger(checker.check(path), book, "zh", xlsx=True)
    sheet = load_workbook(book, read_only=True).worksheets[0]
    assert [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))][-4:] == [
        "2026-10-10",
        "逾期完成",
        1,
        None,
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", [format.value for format in ReportFormat])
def test_report_goldens_from_the_engines_findings(
    name: str, lang: str, tmp_path: Path, calendar: WorkCalendar, catalogue: RuleCatalogue
) -> None:
    checks = [LedgerCheck(calendar, catalogue, OPTIONS).check(_write(tmp_path, EVERY_CODE), "ledger.csv")]
    out = io.StringIO()

    def findings() -> list[Finding]:
        return list(checks[0].findings())

    summary = get_reporter(name, lang).write(iter(findings()), lambda: RunInfo.of(checks, AS_OF.date()), out)
    assert (summary.errors, summary.warnings, summary.info.rows) == (14, 2, 16)
    check_golden(GOLDEN_DIR / f"{name}.{lang}.{EXTENSIONS[name]}", out.getvalue())


def test_run_info_of_the_checks(tmp_path: Path, calendar: WorkCalendar, catalogue: RuleCatalogue) -> None:
    checker = LedgerCheck(calendar, catalogue, OPTIONS)
    checks = [checker.check(_write(tmp_path, EVERY_CODE, "a.csv")), checker.check(_write(tmp_path, "x\n", "b.csv"))]
    for file_check in checks:
        list(file_check.findings())
    info = RunInfo.of(checks, AS_OF.date())
    assert info.files == (str(tmp_path / "a.csv"), str(tmp_path / "b.csv"))
    assert info.rows == 16 and set(info.encodings.values()) == {"utf-8"}
    assert [check.fully_read for check in checks] == [True, False]


def test_as_of_is_the_instant_open_rows_are_judged_on(
    tmp_path: Path, calendar: WorkCalendar, catalogue: RuleCatalogue
) -> None:
    path = _write(tmp_path, "id,rule,start,done\n1,依申请,2022-09-30,\n")  # due 2022-11-02
    on_the_day = CheckOptions(as_of=datetime.combine(datetime(2022, 11, 2).date(), time(0), BEIJING))
    after = CheckOptions(as_of=datetime(2022, 11, 3, tzinfo=BEIJING))
    assert [f.code for f in check_ledger(path, on_the_day, calendar=calendar, catalogue=catalogue)] == [
        FindingCode.DUE_SOON
    ]
    assert [f.code for f in check_ledger(path, after, calendar=calendar, catalogue=catalogue)] == [FindingCode.OVERDUE]


def test_a_workbook_file_object_is_read_by_its_content_whatever_its_name(
    tmp_path: Path, calendar: WorkCalendar, catalogue: RuleCatalogue
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in EVERY_CODE.splitlines():
        sheet.append(next(csv.reader([row])))
    buffer = io.BytesIO()
    book.save(buffer)
    from_path = list(check_ledger(_write(tmp_path, EVERY_CODE), OPTIONS, calendar=calendar, catalogue=catalogue))
    for name in ("ledger.xlsx", None):  # an upload named .xlsx, and stdin (the spooled copy has no suffix)
        found = list(
            check_ledger(io.BytesIO(buffer.getvalue()), OPTIONS, calendar=calendar, catalogue=catalogue, name=name)
        )
        assert [finding.code for finding in found] == [finding.code for finding in from_path]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("id,rule,start,done\n1,解读,2026-09-30,2026-10-12\n", FindingCode.DEADLINE_MISSED),
        ("编号,说明\n1,没有事项列\n", FindingCode.MISSING_COLUMN),
    ],
)
def test_a_file_s_encoding_is_found_once_a_run(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    calendar: WorkCalendar,
    catalogue: RuleCatalogue,
    text: str,
    code: FindingCode,
) -> None:
    """Finding the encoding reads the whole file: the headers' check and the findings, which
    open the file one after the other, share one detection (a ledger or a refused one)."""
    from gkcli.ledger import read as read_module

    detected: list[Path] = []
    detect = read_module.detect_encoding

    def counted(path: Path) -> str:
        detected.append(path)
        return detect(path)

    monkeypatch.setattr(read_module, "detect_encoding", counted)
    path = tmp_path / "台账.csv"
    path.write_text(text, encoding="gb18030")
    file_check = LedgerCheck(calendar, catalogue, OPTIONS).check(path)
    file_check.check_headers()
    codes = [finding.code for finding in file_check.findings()]
    assert detected == [path]
    assert file_check.encoding == "gb18030"
    assert codes == [code]


def test_an_encoding_error_deep_in_a_plain_file_names_its_own_line(tmp_path: Path) -> None:
    """With ``--encoding utf-8`` forced, bytes that do not decode on line 5,000 of a file of
    plain lines: every row before it is checked and the error names line 5,000 (csv.reader,
    decoding ahead, named a line some 60 rows earlier)."""
    lines = [b"id,rule,start,done"] + [f"GK-{n},interpretation,2026-01-05,2026-01-06".encode() for n in range(1, 6000)]
    lines[4999] += b"\xff"
    path = tmp_path / "ledger.csv"
    path.write_bytes(b"\n".join(lines) + b"\n")
    with LedgerCheck(
        load_calendar(), load_catalogue(), CheckOptions(as_of=datetime(2026, 12, 2, tzinfo=BEIJING), encoding="utf-8")
    ).check(path) as file_check:
        findings = list(file_check.findings())
        rows = file_check.rows
    assert [(finding.code, finding.line) for finding in findings] == [(FindingCode.ENCODING_ERROR, 5000)]
    assert rows == 4998
