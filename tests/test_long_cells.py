"""Long cells (docs/ledgers.md "Long cells"): a CSV cell over the limit gkcli reads is a
``cell-too-long`` finding for its row, which is skipped unread, and reading goes on with the
next record at its true row and line, whatever the shape of the long record; a workbook
cell over Excel's 32,767 characters is a ``cell-too-long-for-excel`` warning on a row that
is still checked. Most tests lower the limits (csv's field limit and ``LINE_CHARS``) so
that the shapes are small; two use a real 17 MiB cell."""

from __future__ import annotations

import csv
import io
import json
import random
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gkcli.cli.app import app
from gkcli.core.dates import parse_as_of
from gkcli.ledger import columnar, read
from gkcli.ledger.check import CheckOptions, LedgerCheck
from gkcli.ledger.read import LedgerFileError, LongCell, open_ledger
from gkcli.report.formats import ReportFormat

runner = CliRunner()
AS_OF = "--as-of=2026-12-01"
HEADER = "编号,事项,起算日期,完成日期,备注"
ON_TIME = "{n},request-reply,2026-09-01,2026-09-10,"
LATE = "{n},request-reply,2026-01-05,2026-03-01,"  # 15 working days after its deadline


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A cell limit of 100 characters and lines read 16 characters at a time."""
    monkeypatch.setattr(read, "LINE_CHARS", 16)
    before = csv.field_size_limit()
    csv.field_size_limit(100)
    try:
        yield 100
    finally:
        csv.field_size_limit(before)


def check(path: Path, *extra: str) -> tuple[int, list[dict[str, object]], str]:
    result = runner.invoke(app, ["ledger", "check", str(path), "-f", "json", AS_OF, *extra])
    findings = json.loads(result.stdout)["findings"] if result.stdout.strip() else []
    return result.exit_code, findings, result.stderr


def placed(findings: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(finding["code"], finding["row"], finding["line"]) for finding in findings]


def api_findings(path: Path) -> list[tuple[object, ...]]:
    checker = LedgerCheck(*_services(), CheckOptions(as_of=parse_as_of("2026-12-01")))
    with checker.check(path) as file_check:
        return [(f.code.value, f.row, f.line) for f in file_check.findings()]


def _services() -> tuple[object, object]:
    from gkcli.calendar import load_calendar
    from gkcli.rules.catalogue import load_catalogue

    return load_calendar(), load_catalogue()


def write(path: Path, lines: list[str], newline: str = "\n", encoding: str = "utf-8") -> Path:
    path.write_bytes(newline.join(lines).encode(encoding) + newline.encode(encoding))
    return path


# -- CSV: the shapes of a long record -----------------------------------------------------------


LONG = "长" * 150


@pytest.mark.parametrize(
    ("record", "spans"),
    [
        (f"1,request-reply,2026-09-01,2026-09-10,{LONG}", 1),  # unquoted, in the note column
        (f'1,request-reply,2026-09-01,2026-09-10,"{LONG[:20]}\n"",x\n{LONG}\n,""end"', 4),  # quoted, lines, quotes
        (f'1,request-reply,"{LONG}\n",2026-09-10,', 2),  # quoted, in the start column
        (f"{LONG},request-reply,2026-09-01,2026-09-10,", 1),  # in the id column
        (f'1,request-reply,2026-09-01,"{LONG}",{LONG}', 1),  # two long cells
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_long_record_is_one_finding_and_the_next_rows_are_checked(
    tmp_path: Path, small_limits: int, record: str, spans: int, newline: str
) -> None:
    record = record.replace("\n", newline)
    path = write(tmp_path / "台账.csv", [HEADER, ON_TIME.format(n=0), record, LATE.format(n=2)], newline)
    status, findings, _ = check(path)
    assert status == 1
    assert placed(findings) == [("cell-too-long", 3, 3), ("deadline-missed", 4, 3 + spans)]
    assert api_findings(path) == placed(findings)
    long = findings[0]
    assert long["severity"] == "error" and long["id"] is None and long["value"] is None
    assert "more than the 100 gkcli reads in a cell" in str(long["message"])


def test_the_finding_names_each_long_cell_its_column_and_size(tmp_path: Path, small_limits: int) -> None:
    path = write(tmp_path / "台账.csv", [HEADER, f'1,request-reply,"{LONG}",2026-09-10,{"x" * 120}'])
    _, findings, _ = check(path)
    assert findings[0]["column"] == "start"
    assert findings[0]["message"] == (
        "the 起算日期 cell (column 3) holds 150 characters and the 备注 cell (column 5) holds 120 characters, "
        "more than the 100 gkcli reads in a cell: the row (from line 2) is skipped unread and not checked. "
        "Shorten the cell (keep long text outside the ledger) and check again"
    )
    result = runner.invoke(app, ["--lang", "zh", "ledger", "check", str(path), "-f", "jsonl", AS_OF])
    assert "起算日期 单元格（第 3 列）有 150 个字符、备注 单元格（第 5 列）有 120 个字符" in result.stdout


@pytest.mark.parametrize("end", ["", "\n"])
def test_a_long_cell_in_the_last_row(tmp_path: Path, small_limits: int, end: str) -> None:
    path = tmp_path / "台账.csv"
    path.write_text(f"{HEADER}\n{LATE.format(n=1)}\n1,request-reply,2026-09-01,2026-09-10,{LONG}{end}", "utf-8")
    assert placed(check(path)[1]) == [("deadline-missed", 2, 2), ("cell-too-long", 3, 3)]
    path.write_text(f'{HEADER}\n{LATE.format(n=1)}\n1,request-reply,2026-09-01,2026-09-10,"{LONG}{end}', "utf-8")
    assert placed(check(path)[1]) == [("deadline-missed", 2, 2), ("cell-too-long", 3, 3)]  # never closed


@pytest.mark.parametrize("quoted", [False, True])
def test_a_long_header_cell_refuses_the_file_clearly(tmp_path: Path, small_limits: int, quoted: bool) -> None:
    long = f'"{LONG}"' if quoted else LONG
    path = write(tmp_path / "台账.csv", [f"{HEADER},{long}", LATE.format(n=1)])
    status, findings, _ = check(path)
    assert status == 2
    assert [finding["code"] for finding in findings] == ["encoding-error"]
    assert "line 1, column 6: a cell of 150 characters" in str(findings[0]["message"])
    assert "in or above the header row" in str(findings[0]["message"])


@pytest.mark.parametrize(("encoding", "separator"), [("gb18030", ","), ("utf-16", "\t")])
def test_gb18030_and_utf16_tab_files(tmp_path: Path, small_limits: int, encoding: str, separator: str) -> None:
    lines = [HEADER, f'1,request-reply,2026-09-01,2026-09-10,"{LONG}\r\n{LONG}"', LATE.format(n=2)]
    path = write(tmp_path / "台账.txt", [line.replace(",", separator) for line in lines], "\r\n", encoding)
    status, findings, _ = check(path)
    assert status == 1 and placed(findings) == [("cell-too-long", 2, 2), ("deadline-missed", 3, 4)]


def test_a_long_line_of_short_cells_is_read_whole(tmp_path: Path, small_limits: int) -> None:
    note = ",".join(["注" * 90] * 5)  # a 454-character line, no cell over the limit
    path = write(tmp_path / "台账.csv", [HEADER, LATE.format(n=1) + note, ON_TIME.format(n=2)])
    rows = list(open_ledger(path).rows())
    assert [(row.row, row.line, row.too_long) for row in rows] == [(2, 2, ()), (3, 3, ())]
    assert rows[0].cells[4:] == ["注" * 90] * 5
    assert placed(check(path)[1]) == [("deadline-missed", 2, 2)]


def _oracle(text: str, limit: int, delimiter: str) -> list[tuple[object, ...]]:
    """What the reader must give: csv's records (with no field limit), each with a cell over
    ``limit`` as a row without cells naming its long cells, at csv's own line numbers."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line = [], 0
    for number, cells in enumerate(reader, start=1):
        long = tuple(LongCell(at, len(cell), limit, read=False) for at, cell in enumerate(cells) if len(cell) > limit)
        rows.append((number, line + 1, [] if long else cells, long))
        line = reader.line_num
    return rows


def test_the_reader_resynchronises_as_csv_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Random records of quotes, delimiters, CR, LF and CRLF, with tiny limits: every record
    is csv's, a long one is skipped whole, and the line numbers are csv's."""
    pieces = ["a", "b", ",", '"', "\r", "\n", "\r\n", "xxxxx", '""', ";", "\t", "长"]
    rng = random.Random(20261202)
    before = csv.field_size_limit()
    try:
        for _ in range(1500):
            delimiter = rng.choice([",", "\t", ";"])
            text = "".join(rng.choice(pieces) for _ in range(rng.randrange(120)))
            limit = rng.choice([1, 2, 3, 5, 8, 100])
            monkeypatch.setattr(read, "LINE_CHARS", rng.choice([1, 2, 3, 4, 7, 100]))
            csv.field_size_limit(1 << 30)
            want = _oracle(text, limit, delimiter)
            csv.field_size_limit(limit)
            got = [tuple(row) for row in read._read_csv(io.StringIO(text, newline=""), delimiter)]
            assert got == want, (text, limit, read.LINE_CHARS, delimiter)
    finally:
        csv.field_size_limit(before)


def test_a_long_cell_is_never_held_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cell 2,000 times the limit on one line, and 200 times over many lines: the memory is that of the limit."""
    monkeypatch.setattr(read, "LINE_CHARS", 4096)
    path = tmp_path / "台账.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write(f"{HEADER}\n1,request-reply,2026-09-01,2026-09-10,")
        stream.write("x" * 2_000_000)
        stream.write(f'\n{LATE.format(n=2)}\n3,request-reply,2026-09-01,2026-09-10,"')
        stream.write("y\n" * 100_000)
        stream.write(f'"\n{LATE.format(n=4)}\n')
    before = csv.field_size_limit()
    csv.field_size_limit(1_000)
    tracemalloc.start()
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            rows = [(row.row, row.line, row.too_long) for row in read._read_csv(stream)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        csv.field_size_limit(before)
    assert rows == [
        (1, 1, ()),
        (2, 2, (LongCell(4, 2_000_000, 1_000, read=False),)),
        (3, 3, ()),
        (4, 4, (LongCell(4, 200_000, 1_000, read=False),)),
        (5, 100_005, ()),
    ]
    assert peak < 500_000, peak  # the cells: 2 MB on one line, 200,000 characters on 100,000 lines


@pytest.mark.parametrize("chunk", [1, 2, 3, 50_000])
def test_the_columnar_kernel_keeps_the_long_row_in_order(
    tmp_path: Path, small_limits: int, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(columnar, "CHUNK_ROWS", chunk)
    lines = [HEADER, *(ON_TIME.format(n=n) for n in range(3)), f'9,request-reply,2026-09-01,2026-09-10,"{LONG}"']
    lines += [*(ON_TIME.format(n=n) for n in range(3, 6)), LATE.format(n=6), ON_TIME.format(n=7)]
    path = write(tmp_path / "台账.csv", lines)
    assert api_findings(path) == [("cell-too-long", 5, 5), ("deadline-missed", 9, 9)]


def test_a_real_17_mib_cell(tmp_path: Path) -> None:
    """The shipped limit: a 17 MiB note, and a 17 MiB quoted start, each skipped alone."""
    big = "长" * (17 << 20)
    path = tmp_path / "台账.csv"
    with path.open("w", encoding="utf-8") as stream:
        stream.write(f"{HEADER}\n1,request-reply,2026-09-01,2026-09-10,{big}\n{LATE.format(n=2)}\n")
        stream.write(f'3,request-reply,"{big[:1000]}\n{big}",2026-09-10,\n{LATE.format(n=4)}\n')
    status, findings, _ = check(path)
    assert status == 1
    assert placed(findings) == [
        ("cell-too-long", 2, 2),
        ("deadline-missed", 3, 3),
        ("cell-too-long", 4, 4),
        ("deadline-missed", 5, 6),
    ]
    assert f"holds {17 << 20:,} characters, more than the {16 << 20:,}" in str(findings[0]["message"])
    assert findings[2]["column"] == "start"


# -- every front end ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [fmt.value for fmt in ReportFormat])
def test_every_report_format_has_the_finding(tmp_path: Path, small_limits: int, fmt: str) -> None:
    path = write(tmp_path / "台账.csv", [HEADER, f"1,request-reply,2026-09-01,2026-09-10,{LONG}", ON_TIME.format(n=2)])
    result = runner.invoke(app, ["ledger", "check", str(path), "-f", fmt, AS_OF])
    assert result.exit_code == 1, result.output
    assert "cell-too-long" in result.stdout
    assert "Traceback" not in result.output


def test_annotate_refuses_a_copy_that_would_lose_a_row_and_due_goes_on(tmp_path: Path, small_limits: int) -> None:
    path = write(tmp_path / "台账.csv", [HEADER, f"1,request-reply,2026-09-01,,{LONG}", "2,request-reply,2026-11-20,,"])
    copy = tmp_path / "copy.csv"
    result = runner.invoke(app, ["ledger", "annotate", str(path), "-o", str(copy), AS_OF])
    assert result.exit_code == 2 and not copy.exists()
    assert "row 2: the 备注 cell (column 5) holds 150 characters" in result.stderr
    assert "annotated copy would lose that row" in result.stderr
    due = runner.invoke(app, ["ledger", "due", str(path), "-f", "json", "--within", "30", AS_OF])
    assert due.exit_code == 1, due.output  # a row is due
    assert [row["row"] for row in json.loads(due.stdout)["due"]] == [3]


def test_the_web_check_reports_it_and_offers_no_copy(small_limits: int) -> None:
    from starlette.testclient import TestClient

    from gkcli.core.config import load_settings
    from gkcli.web import WebConfig, create_app

    client = TestClient(create_app(WebConfig(settings=load_settings())))
    data = f"{HEADER}\n1,request-reply,2026-09-01,2026-09-10,{LONG}\n{LATE.format(n=2)}\n".encode()
    response = client.post("/api/ledger/check", files={"file": ("台账.csv", data)}, data={"as_of": "2026-12-01"})
    assert response.status_code == 200
    assert [f["code"] for f in response.json()["findings"]] == ["cell-too-long", "deadline-missed"]
    page = client.post("/ledger", files={"file": ("台账.csv", data)}, data={"as_of": "2026-12-01", "download": "xlsx"})
    assert page.status_code == 200 and "attachment" not in page.headers.get("content-disposition", "")


# -- workbooks: Excel's own limit ---------------------------------------------------------------


def _workbook(path: Path, note: int, last: str = LATE.format(n=2)) -> Path:
    """A workbook whose note is ``note`` characters: openpyxl cuts what it writes to Excel's
    limit, so the sheet's XML is written again with the whole text (as another tool would)."""
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [HEADER.split(","), [1, "request-reply", "2026-09-01", "2026-09-10", "NOTE"], last.split(",")]:
        sheet.append(row)
    book.save(path)
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            target.writestr(info, data.replace(b">NOTE<", f">{'长' * note}<".encode()))
    return path


def test_a_workbook_cell_over_excels_limit_is_a_warning_on_a_checked_row(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "台账.xlsx", 40_000)
    assert len(str(next(iter(open_ledger(path).rows())).cells[4])) == 40_000  # read whole
    status, findings, _ = check(path)
    assert status == 1
    assert placed(findings) == [("cell-too-long-for-excel", 2, None), ("deadline-missed", 3, None)]
    assert findings[0]["severity"] == "warning" and findings[0]["column"] == "备注" and findings[0]["id"] == "1"
    assert findings[0]["message"].startswith(
        "the 备注 cell (column 5) holds 40,000 characters, more than Excel's 32,767"
    )
    assert api_findings(path) == placed(findings)
    exact = _workbook(tmp_path / "exact.xlsx", 32_767)
    assert placed(check(exact)[1]) == [("deadline-missed", 3, None)]


def test_the_excel_warning_fails_a_run_only_with_fail_on_warning(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "台账.xlsx", 40_000, ON_TIME.format(n=2))
    status, findings, _ = check(path)
    assert status == 0 and [finding["code"] for finding in findings] == ["cell-too-long-for-excel"]
    assert check(path, "--fail-on", "warning")[0] == 1


def test_an_xlsx_copy_that_would_cut_a_cell_is_refused_and_a_csv_copy_is_whole(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "台账.xlsx", 40_000)
    copy = tmp_path / "copy.xlsx"
    result = runner.invoke(app, ["ledger", "annotate", str(path), "-o", str(copy), AS_OF])
    assert result.exit_code == 2 and not copy.exists()
    assert "row 2, column 5: a cell of 40,000 characters" in result.stderr and "-o copy.csv" in result.stderr
    text_copy = tmp_path / "copy.csv"
    result = runner.invoke(app, ["ledger", "annotate", str(path), "-o", str(text_copy), AS_OF])
    assert result.exit_code == 0, result.output
    assert "长" * 40_000 in text_copy.read_text(encoding="utf-8-sig")


def test_a_reader_error_is_not_swallowed(tmp_path: Path, small_limits: int) -> None:
    """Bytes that cannot be decoded after a long record are still a file-level encoding-error."""
    path = tmp_path / "台账.csv"
    rows = "".join(ON_TIME.format(n=n) + "\n" for n in range(1000))
    path.write_bytes(f"{HEADER}\n1,request-reply,2026-09-01,2026-09-10,{LONG}\n{rows}".encode() + b"\xff\xfe\n")
    read_rows = []
    with pytest.raises(LedgerFileError) as error:
        read_rows.extend(open_ledger(path, encoding="utf-8").rows())
    assert error.value.code.value == "encoding-error"
    assert read_rows[0].too_long and len(read_rows) > 100
