"""Batch lines (docs/cli.md): extra fields are an error, repeated lines get distinct,
deterministic ICS UIDs, and a huge bad trigger is quoted short."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from gkcli.cli.app import app

runner = CliRunner()


def test_extra_tab_separated_fields_are_an_error_not_dropped() -> None:
    result = runner.invoke(app, ["deadline", "request-reply", "-"], input="2026-01-05\tA-1\tsurplus\n2026-01-05\tA-2\n")
    assert result.exit_code == 2
    assert "line 1: 3 tab-separated fields" in result.stderr
    assert "A-2" in result.stdout


def test_repeated_lines_get_distinct_deterministic_uids(tmp_path: Path) -> None:
    uids = []
    for run in ("a", "b"):
        ics = tmp_path / f"{run}.ics"
        result = runner.invoke(app, ["deadline", "request-reply", "-", "--ics", str(ics)], input="2026-01-05\n" * 3)
        assert result.exit_code == 0, result.output
        uids.append(re.findall(r"^UID:(\S+)", ics.read_text(encoding="utf-8"), re.M))
    assert len(set(uids[0])) == 3 and uids[0] == uids[1]


def test_a_huge_bad_trigger_line_is_not_echoed_whole() -> None:
    result = runner.invoke(app, ["deadline", "request-reply", "-"], input="9" * 2_000_000 + "\n")
    assert result.exit_code == 2 and len(result.stderr) < 1_000
