"""Snapshots of the data in force, in the manner of python-holidays: every special day of
the assembled calendar and every rule of the catalogue, as text files under
``tests/golden/snapshots/``. A change to a data file (a correction, a new year, a rule's
version) fails these tests until the snapshot is regenerated with GKCLI_UPDATE_GOLDEN=1,
so the diff of the snapshot shows the change's effect in review."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from gkcli import DayKind, load_calendar
from gkcli.cli.app import app
from golden_check import GOLDEN, check_golden

SNAPSHOTS = GOLDEN / "snapshots"


def test_calendar_snapshot():
    calendar = load_calendar()
    lines = []
    for year, data in calendar.coverage.items():
        lines.append(f"# {year}: {data.source}")
        for info in calendar.days(
            calendar.first_day.replace(year=year), calendar.first_day.replace(year=year, month=12, day=31)
        ):
            plain = info.kind is (DayKind.WEEKEND if info.date.weekday() >= 5 else DayKind.WORKDAY)
            if not plain:
                origin = Path(info.source.origin).name if info.source else ""
                lines.append(f"{info.date} {info.kind.value:<8} {info.name}  [{origin}]")
    check_golden(SNAPSHOTS / "calendar.txt", "\n".join(lines) + "\n")


def test_rule_catalogue_snapshot():
    result = CliRunner().invoke(app, ["rules", "list", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    check_golden(SNAPSHOTS / "rules.json", result.stdout)
