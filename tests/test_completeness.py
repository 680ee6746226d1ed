"""Holiday data is complete or refused (calendar.completeness; docs/holidays.md): a notice
or year file that misses a festival of 《全国年节及纪念日放假办法》 is exit 2 naming it, unless
it amends a year or is marked partial."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from gkcli.calendar.completeness import missing_festivals
from gkcli.calendar.notice import parse_notice
from gkcli.calendar.yeardata import load_year_file
from gkcli.cli.app import app

NOTICES = FIXTURES / "notices"
YEARLY = sorted(path for path in NOTICES.glob("20[0-2][0-9].txt"))


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("path", YEARLY, ids=lambda path: path.stem)
def test_every_yearly_notice_gives_every_festival(path):
    assert missing_festivals(parse_notice(path.read_text(encoding="utf-8"), path.name)) == []


def cut_off(name: str, items: int) -> str:
    """The notice up to and including its item number ``items`` (a copy that stopped early)."""
    lines = (NOTICES / name).read_text(encoding="utf-8").splitlines()
    last = next(i for i, line in enumerate(lines) if line.startswith("一二三四五六七"[items] + "、"))
    return "\n".join(lines[:last]) + "\n"


def test_a_cut_off_notice_is_refused_naming_what_it_misses(clean_environment):
    notice = clean_environment.parent / "cut.txt"
    notice.write_text(cut_off("2026.txt", 3), encoding="utf-8")
    result = invoke("holidays", "import", str(notice))
    assert result.exit_code == 2
    assert (
        "missing: 劳动节（05-01、05-02）、端午节（06-19）、中秋节（09-25）、国庆节（10-01、10-02、10-03）"
        in result.stderr
    )
    assert "--partial" in result.stderr and "Traceback" not in result.stderr
    assert not clean_environment.exists() or not list(clean_environment.iterdir())


def test_partial_import_is_written_and_marked(clean_environment):
    notice = clean_environment.parent / "cut.txt"
    notice.write_text(cut_off("2026.txt", 3), encoding="utf-8")
    assert invoke("holidays", "import", "--partial", str(notice)).exit_code == 0
    data = load_year_file(clean_environment / "2026.toml")
    assert data.partial and [p.name for p in data.holidays] == ["元旦", "春节", "清明节"]


def test_an_amending_notice_needs_no_partial(clean_environment):
    result = invoke("holidays", "import", str(NOTICES / "2019-labor-day-amendment.txt"))
    assert result.exit_code == 0, result.stderr


def test_a_year_file_holding_only_year_and_source_is_refused_everywhere(clean_environment):
    clean_environment.mkdir()
    stub = clean_environment / "2027.toml"
    stub.write_text('year = 2027\nsource = "国务院办公厅关于2027年部分节假日安排的通知"\n', encoding="utf-8")
    for command in (["workdays", "add", "2026-12-20", "20"], ["deadline", "依申请", "2026-12-04"]):
        result = invoke(*command)
        assert result.exit_code == 2, command
        assert str(stub) in result.stderr and "元旦（01-01）" in result.stderr and "国庆节" in result.stderr
    verified = invoke("holidays", "verify")
    assert verified.exit_code == 1 and "元旦（01-01）" in verified.stdout


def test_the_same_file_marked_partial_is_used(clean_environment):
    clean_environment.mkdir()
    (clean_environment / "2027.toml").write_text(
        'year = 2027\nsource = "国务院办公厅关于2027年部分节假日安排的通知"\npartial = true\n', encoding="utf-8"
    )
    assert invoke("workdays", "add", "2026-12-20", "20").exit_code == 0
