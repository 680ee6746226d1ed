"""``gkcli workdays add|count|next|prev|is`` through CliRunner (formats, languages, exit
codes, date forms) and through the installed script (the ``workdays is`` fast path must
answer exactly as the typer path does)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gkcli.cli.app import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize(
    ("args", "en", "zh"),
    [
        (["add", "2026-09-30", "3"], "2026-10-10 (Sat)", "2026-10-10 (周六)"),
        (["add", "2026-10-10", "-3"], "2026-09-30 (Wed)", "2026-09-30 (周三)"),
        (["add", "2026-10-03", "0"], "2026-10-03 (Sat)", "2026-10-03 (周六)"),
        (["count", "2026-09-30", "2026-10-10"], "3", "3"),
        (["count", "2026-10-10", "2026-09-30"], "-3", "-3"),
        (["next", "2026-10-01"], "2026-10-08 (Thu)", "2026-10-08 (周四)"),
        (["prev", "2026-10-08"], "2026-09-30 (Wed)", "2026-09-30 (周三)"),
    ],
)
def test_text_in_both_languages(args, en, zh):
    result = run("workdays", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (0, en + "\n", "")
    result = run("--lang", "zh", "workdays", *args)
    assert (result.exit_code, result.stdout) == (0, zh + "\n")


def test_json_and_tsv_records():
    assert json.loads(run("workdays", "add", "2026-09-30", "3", "--format", "json").stdout) == {
        "start": "2026-09-30",
        "n": 3,
        "result": "2026-10-10",
        "provisional": False,
    }
    assert run("workdays", "add", "2026-09-30", "3", "-f", "tsv").stdout == "2026-09-30\t3\t2026-10-10\tfalse\n"
    assert json.loads(run("workdays", "count", "2026-09-30", "2026-10-10", "-f", "json").stdout)["workdays"] == 3
    assert (
        run("workdays", "count", "2026-09-30", "2026-10-10", "-f", "tsv").stdout == "2026-09-30\t2026-10-10\t3\tfalse\n"
    )
    assert json.loads(run("workdays", "next", "2026-10-01", "-f", "json").stdout)["result"] == "2026-10-08"
    assert run("workdays", "prev", "2026-10-08", "-f", "tsv").stdout == "2026-10-08\t2026-09-30\tfalse\n"


def test_format_from_the_environment(monkeypatch):
    monkeypatch.setenv("GKCLI_FORMAT", "json")
    assert json.loads(run("workdays", "next", "2026-10-01").stdout)["result"] == "2026-10-08"
    assert run("workdays", "next", "2026-10-01", "-f", "text").stdout == "2026-10-08 (Thu)\n"


@pytest.mark.parametrize(
    ("day", "code", "en", "zh"),
    [
        ("2026-10-10", 0, "2026-10-10 (Sat) make-up working day 国庆节", "2026-10-10 (周六) 调休上班 国庆节"),
        ("2026-10-03", 1, "2026-10-03 (Sat) holiday 国庆节", "2026-10-03 (周六) 放假 国庆节"),
        ("2026-10-11", 1, "2026-10-11 (Sun) weekend", "2026-10-11 (周日) 周末"),
        ("2026-10-12", 0, "2026-10-12 (Mon) working day", "2026-10-12 (周一) 工作日"),
    ],
)
def test_is_answers_with_the_exit_code(day, code, en, zh):
    assert (run("workdays", "is", day).exit_code, run("workdays", "is", day).stdout) == (code, en + "\n")
    assert run("--lang", "zh", "workdays", "is", day).stdout == zh + "\n"
    quiet = run("workdays", "is", day, "--quiet")
    assert (quiet.exit_code, quiet.stdout) == (code, "")
    record = json.loads(run("workdays", "is", day, "-f", "json").stdout)
    assert record["working"] is (code == 0) and record["date"] == day


@pytest.mark.parametrize(
    "form", ["2026-09-30", "2026-9-30", "2026/9/30", "2026.9.30", "2026年9月30日", "20260930", "２０２６-09-30"]
)
def test_accepted_date_forms(form):
    result = run("workdays", "add", form, "3")
    assert (result.exit_code, result.stdout) == (0, "2026-10-10 (Sat)\n")


@pytest.mark.parametrize("bad", ["9/30", "30.9.2026", "tomorrow", "2026-09-30x"])
def test_bad_date_is_exit_2_naming_the_input_and_the_accepted_forms(bad):
    result = run("workdays", "add", bad, "3")
    assert result.exit_code == 2 and result.stdout == ""
    assert repr(bad) in result.stderr
    assert "2026/9/30" in result.stderr and "2026年9月30日" in result.stderr and "20260930" in result.stderr
    assert "Traceback" not in result.stderr
    zh = run("--lang", "zh", "workdays", "add", bad, "3")
    assert zh.exit_code == 2 and zh.stderr.startswith("错误：")


def test_usage_errors_exit_2():
    assert run("workdays", "add", "2026-09-30").exit_code == 2  # missing N
    assert run("workdays", "add", "2026-09-30", "three").exit_code == 2
    assert run("workdays", "add", "2026-09-30", "3", "-f", "xml").exit_code == 2
    assert run("--lang", "fr", "workdays", "next", "2026-10-01").exit_code == 2
    helped = run("workdays", "add", "-h")
    assert helped.exit_code == 0 and "2026年9月30日" in helped.stdout


@pytest.mark.parametrize(
    ("args", "year"),
    [
        (["add", "2026-12-20", "20"], "2027"),
        (["next", "2026-12-31"], "2027"),
        (["prev", "2004-01-01"], "2003"),
        (["count", "2026-12-01", "2027-01-05"], "2027"),
        (["is", "2030-01-02"], "2030"),
    ],
)
def test_uncovered_year_exits_3_naming_year_and_fix(args, year):
    result = run("workdays", *args)
    assert result.exit_code == 3 and result.stdout == ""
    assert (
        f"for {year}" in result.stderr and "gkcli holidays import" in result.stderr and "--provisional" in result.stderr
    )
    zh = run("--lang", "zh", "workdays", *args)
    assert zh.exit_code == 3 and f"{year}年" in zh.stderr


def test_provisional_result_is_labelled():
    result = run("--provisional", "workdays", "add", "2026-12-20", "20")
    assert result.exit_code == 0
    assert "PROVISIONAL" in result.stdout and "2027" in result.stderr
    assert (
        json.loads(run("--provisional", "workdays", "add", "2026-12-20", "20", "-f", "json").stdout)["provisional"]
        is True
    )


# -- the installed script -----------------------------------------------------------------


def gkcli_script() -> str:
    found = shutil.which("gkcli", path=str(Path(sys.executable).parent)) or shutil.which("gkcli")
    if not found:
        pytest.skip("the gkcli script is not installed")
    return found


def script(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return subprocess.run([gkcli_script(), *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.parametrize("day", ["2026-10-10", "2026-10-03", "2026年10月12日", "2026-9-31", "2030-01-02"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fast_path_answers_as_the_typer_path(day, lang, monkeypatch):
    monkeypatch.setenv("GKCLI_LANG", lang)
    fast = script("workdays", "is", day)
    full = script("workdays", "is", day, "--format", "text")
    assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr)
    assert fast.returncode in (0, 1, 2, 3)


def test_fast_path_names_imported_data_and_provisional_years_as_the_typer_path(clean_environment, monkeypatch):
    clean_environment.mkdir(exist_ok=True)
    (clean_environment / "2027.toml").write_text(
        'year = 2027\nsource = "国务院办公厅关于2027年部分节假日安排的通知"\npartial = true\n\n'
        '[[holidays]]\nname = "元旦"\nstart = 2027-01-01\nend = 2027-01-03\n',
        encoding="utf-8",
    )
    fast = script("workdays", "is", "2027-01-04")
    full = script("workdays", "is", "2027-01-04", "--format", "text")
    assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr)
    assert fast.returncode == 0 and "国务院办公厅关于2027年部分节假日安排的通知" in fast.stderr
    monkeypatch.setenv("GKCLI_PROVISIONAL", "1")
    fast = script("workdays", "is", "2028-10-02")
    full = script("workdays", "is", "2028-10-02", "--format", "text")
    assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr)
    assert fast.returncode == 1 and "2028" in fast.stderr and "PROVISIONAL" in fast.stdout


def test_script_exit_codes_and_streams():
    added = script("workdays", "add", "2026-09-30", "3")
    assert (added.returncode, added.stdout, added.stderr) == (0, "2026-10-10 (Sat)\n", "")
    assert script("workdays", "is", "2026-10-03").returncode == 1
    bad = script("workdays", "add", "2026-13-01", "3")
    assert bad.returncode == 2 and bad.stdout == "" and "Traceback" not in bad.stderr
    missing = script("workdays", "add", "2026-12-20", "20")
    assert missing.returncode == 3 and "2027" in missing.stderr


def test_an_internal_error_exits_2_not_1(monkeypatch, capsys):
    import gkcli.cli.app
    from gkcli.cli import main

    def broken(**_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(gkcli.cli.app, "app", broken)
    monkeypatch.setattr(sys, "argv", ["gkcli", "workdays", "add", "2026-09-30", "3"])
    with pytest.raises(SystemExit) as caught:
        main()
    assert caught.value.code == 2
    assert "internal error" in capsys.readouterr().err
