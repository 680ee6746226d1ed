"""Ledger reading hardened (docs/ledgers.md): the headers offices really write, two headers
for one column refused, UTF-16 "Unicode text", a delimiter option, FIFOs and /dev/stdin,
workbooks with a wrong stored dimension, zip bombs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gkcli.cli.app import app
from gkcli.ledger.read import COLUMN_ALIASES

runner = CliRunner()
AS_OF = "--as-of=2026-12-01"


def check(path: Path, *extra: str) -> tuple[int, dict, str]:
    result = runner.invoke(app, ["ledger", "check", str(path), "-f", "json", AS_OF, *extra])
    try:
        report = json.loads(result.stdout)
    except ValueError:
        report = {}  # exit 2 on an option or input problem: nothing (or a cut-off report) on stdout
    return result.exit_code, report, result.stderr


def codes(report: dict) -> list[str]:
    return [finding["code"] for finding in report.get("findings", [])]


def test_the_alias_table_in_the_docs_is_the_code_table() -> None:
    docs = (Path(__file__).parents[1] / "docs" / "ledgers.md").read_text(encoding="utf-8")
    for column, aliases in COLUMN_ALIASES.items():
        row = re.search(rf"^\| `{column}` \| ([^|]*) \|", docs, re.M)
        assert row is not None and row.group(1).split() == list(aliases), column


def test_a_row_finished_on_time_under_banjie_riqi_is_on_time(tmp_path: Path) -> None:
    path = tmp_path / "台账.csv"
    path.write_text("序号,事项类型,受理日期,办结日期\n1,request-reply,2026-09-01,2026-09-10\n", encoding="utf-8")
    status, report, _ = check(path)
    assert status == 0 and codes(report) == []


@pytest.mark.parametrize(
    ("headers", "column", "first", "second"),
    [
        ("编号,事项,申请日期,受理日期", "start", "申请日期", "受理日期"),
        ("编号,事项,起算日期,答复日期,办结日期", "done", "答复日期", "办结日期"),
        ("编号,事项,起算日期,起算日期", "start", "起算日期", "起算日期"),
    ],
)
def test_two_headers_for_one_column_are_refused_with_the_map_fix(
    tmp_path: Path, headers: str, column: str, first: str, second: str
) -> None:
    path = tmp_path / "台账.csv"
    path.write_text(headers + "\n1,request-reply,2026-09-01,2026-09-02,2026-09-03\n", encoding="utf-8")
    status, _, stderr = check(path)
    assert status == 2
    assert f"'{first}'" in stderr and f"'{second}'" in stderr and f"--map {column}=" in stderr
    if first != second:
        status, report, _ = check(path, "--map", f"{column}={second}")
        assert status in (0, 1) and "missing-column" not in codes(report)


def _workbook(path: Path, rows: list[list[object]], merges: tuple[str, ...] = ()) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def _rewrite_member(path: Path, member: str, change: object) -> None:
    import zipfile

    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            target.writestr(info, change(data) if info.filename == member else data)  # type: ignore[operator]


OPEN_ROWS = [
    ["编号", "事项", "起算日期", "完成日期"],
    [1, "request-reply", "2026-01-05", None],
    [2, "request-reply", "2026-01-06", None],
]


def test_a_wrong_stored_dimension_is_not_trusted(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "oa.xlsx", OPEN_ROWS)
    _rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda data: re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1"/>', data),
    )
    status, report, _ = check(path)
    assert status == 1 and report["summary"]["rows"] == 2 and codes(report) == ["overdue", "overdue"]


def test_merged_cells_give_every_covered_cell_the_value(tmp_path: Path) -> None:
    rows = [
        ["编号", "事项", "起算日期", "完成日期"],
        [1, "request-reply", "2026-01-05", None],
        [2, None, "2026-01-06", None],
    ]
    path = _workbook(tmp_path / "merged.xlsx", rows, ("B2:B3",))
    _, report, _ = check(path)
    assert codes(report) == ["overdue", "overdue"], report


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gkcli.ledger import read

    path = _workbook(tmp_path / "bomb.xlsx", OPEN_ROWS)
    monkeypatch.setattr(read, "MAX_WORKBOOK_BYTES", 2_000)
    status, report, stderr = check(path)
    assert status == 2 and "unpacks to" in json.dumps(report, ensure_ascii=False) + stderr


def test_an_xlsx_on_stdin_is_read(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "in.xlsx", OPEN_ROWS)
    result = runner.invoke(app, ["ledger", "check", "-", "-f", "json", AS_OF], input=path.read_bytes())
    assert result.exit_code == 1 and json.loads(result.stdout)["summary"]["rows"] == 2


def test_excel_unicode_text_utf16_tab_separated_is_read(tmp_path: Path) -> None:
    text = "编号\t事项\t起算日期\t办结日期\r\n1\trequest-reply\t2026-09-01\t2026-09-10\r\n2\trequest-reply\t2026-01-05\t\r\n"
    path = tmp_path / "unicode.txt"
    path.write_bytes(text.encode("utf-16"))  # with its BOM, as Excel writes it
    status, report, _ = check(path)
    assert status == 1 and report["summary"]["rows"] == 2 and codes(report) == ["overdue"]


def test_the_delimiter_option(tmp_path: Path) -> None:
    path = tmp_path / "semicolons.csv"
    path.write_text("编号;事项;起算日期;完成日期\n1;request-reply;2026-09-01;2026-09-10\n", encoding="utf-8")
    assert check(path)[0] == 2  # read with commas: no rule/start column
    status, report, _ = check(path, "--delimiter", ";")
    assert status == 0 and report["summary"]["rows"] == 1
    status, _, stderr = check(path, "--delimiter", ";;")
    assert status == 2 and "one character" in stderr


def test_a_cell_over_128_kib_does_not_make_the_file_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(
        f"编号,事项,起算日期,完成日期,备注\n1,request-reply,2026-09-01,2026-09-10,{'长' * 200_000}\n", encoding="utf-8"
    )
    status, report, _ = check(path)
    assert status == 0 and report["summary"]["rows"] == 1


def test_a_fifo_is_read_as_a_ledger(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "ledger.fifo"
    os.mkfifo(fifo)
    text = "编号,事项,起算日期,完成日期\n1,request-reply,2026-09-01,2026-09-10\n"
    writer = threading.Thread(target=lambda: fifo.write_text(text, encoding="utf-8"))
    writer.start()
    status, report, stderr = check(fifo)
    writer.join(timeout=10)
    assert status == 0 and report["summary"]["rows"] == 1, stderr


def test_a_missing_ledger_names_the_os_reason(tmp_path: Path) -> None:
    status, _, stderr = check(tmp_path / "absent.csv")
    assert status == 2 and "No such file or directory" in stderr


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "csv", "github", "gitlab", "junit"])
def test_a_ledger_without_a_done_column_says_so_once_in_every_format(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "台账.csv"
    path.write_text("编号,事项,起算日期\n1,request-reply,2026-09-01\n2,request-reply,2026-09-02\n", encoding="utf-8")
    result = runner.invoke(app, ["ledger", "check", str(path), "-f", fmt, AS_OF])
    assert result.exit_code == 1, result.output
    assert result.stdout.count("no-done-column") == 1 or (fmt == "junit" and "no-done-column" in result.stdout)
    assert "编号, 事项, 起算日期" in result.stdout


def test_annotating_an_annotated_copy_replaces_its_own_columns(tmp_path: Path) -> None:
    import csv as csv_module
    import io

    source = tmp_path / "台账.csv"
    source.write_text("编号,事项,起算日期,完成日期,状态\n1,request-reply,2026-09-01,,自有\n", encoding="utf-8")
    once, twice = tmp_path / "once.csv", tmp_path / "twice.csv"
    for src, out in ((source, once), (once, twice)):
        result = runner.invoke(app, ["ledger", "annotate", str(src), "-o", str(out), AS_OF])
        assert result.exit_code == 0, result.output
    rows = list(csv_module.reader(io.StringIO(twice.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["编号", "事项", "起算日期", "完成日期", "状态", "due", "status", "days late", "provisional"]
    assert twice.read_bytes() == once.read_bytes()


def test_a_header_problem_in_a_later_file_is_refused_before_any_report(tmp_path: Path) -> None:
    """Found in review: the first file's findings went to stdout before the second file's two
    start headers stopped the run, leaving a cut report; now nothing is written."""
    good = tmp_path / "a.csv"
    good.write_text("id,rule,start,done\n1,依申请,2026-09-01,2026-10-30\n", encoding="utf-8")
    bad = tmp_path / "b.csv"
    bad.write_text("编号,事项,申请日期,受理日期\n1,依申请,2026-09-01,2026-09-02\n", encoding="utf-8")
    from typer.testing import CliRunner

    from gkcli.cli.app import app

    result = CliRunner().invoke(app, ["ledger", "check", str(good), str(bad), "--as-of", "2026-11-01", "-f", "json"])
    assert result.exit_code == 2 and "--map start=" in result.stderr
    assert result.stdout == ""


def test_an_hour_rule_row_without_a_time_says_which_time_was_assumed(tmp_path: Path) -> None:
    """Found in QA: a ledger row of an hour rule with a date alone was silently counted from
    00:00 while gkcli deadline refuses it; the row now gets a time-assumed warning."""
    path = tmp_path / "hr.csv"
    path.write_text(
        "id,rule,start,done\n1,发布会,2026-10-01,2026-10-02\n2,发布会,2026-10-01 15:00,2026-10-02 10:00\n",
        encoding="utf-8",
    )
    status, report, _ = check(path, "--as-of", "2026-11-01")
    assert status == 0
    findings = report["findings"]
    assert [(f["code"], f["row"], f["severity"]) for f in findings] == [("time-assumed", 2, "warning")]
    assert "00:00" in findings[0]["message"]
