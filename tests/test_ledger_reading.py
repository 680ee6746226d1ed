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
    report = json.loads(result.stdout) if result.exit_code != 2 else {}
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
