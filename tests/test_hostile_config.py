"""Configuration and TOML inputs are validated, never ignored, and hostile ones are refused
with one message (docs/design.md §8): unknown format, language, region, a data directory
that is no directory, deep nesting, huge integers, oversized and unreadable files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gkcli.cli.app import app
from gkcli.cli.common import DataFormat
from gkcli.cli.deadline import DeadlineFormat
from gkcli.core.config import CONFIGURABLE_FORMATS, load_settings
from gkcli.core.errors import GkcliError, InputError, quote
from gkcli.core.tomlfile import MAX_BYTES, MAX_DEPTH
from gkcli.report.formats import ReportFormat

runner = CliRunner()


def test_the_configurable_formats_are_every_commands_formats() -> None:
    union = {f.value for enum in (ReportFormat, DataFormat, DeadlineFormat) for f in enum}
    assert set(CONFIGURABLE_FORMATS) == union


@pytest.mark.parametrize(
    ("env", "project", "needles"),
    [
        ({"GKCLI_FORMAT": "bogus"}, None, ["'bogus'", "GKCLI_FORMAT", "github", "junit"]),
        ({}, 'format = "githbu"\n', ["'githbu'", "gkcli.toml", "github"]),
        ({"GKCLI_LANG": "xx"}, None, ["'xx'", "GKCLI_LANG", "zh, en"]),
        ({}, 'lang = "fr"\n', ["'fr'", "gkcli.toml", "zh, en"]),
        ({"GKCLI_REGION": "atlantis"}, None, ["'atlantis'", "GKCLI_REGION", "known regions"]),
        ({"GKCLI_HOLIDAYS_DIR": "a-file"}, None, ["'a-file'", "GKCLI_HOLIDAYS_DIR", "not a directory"]),
        ({}, 'holidays_dir = "a-file"\n', ["a-file", "gkcli.toml", "not a directory"]),
    ],
)
def test_a_bad_setting_is_exit_2_naming_its_source_and_the_accepted_values(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], project: str | None, needles: list[str]
) -> None:
    Path("a-file").write_text("", encoding="utf-8")
    if project is not None:
        Path("gkcli.toml").write_text(project, encoding="utf-8")
        monkeypatch.delenv("GKCLI_LANG")
        monkeypatch.delenv("GKCLI_HOLIDAYS_DIR")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, ["workdays", "is", "2026-10-10"])
    assert result.exit_code == 2, result.output
    for needle in needles:
        assert needle in result.stderr


def test_a_bad_flag_names_the_flag(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--region", "atlantis", "workdays", "is", "2026-10-10"])
    assert result.exit_code == 2 and "(from --region)" in result.stderr
    (tmp_path / "file").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["--holidays-dir", str(tmp_path / "file"), "workdays", "is", "2026-10-10"])
    assert result.exit_code == 2 and "(from --holidays-dir)" in result.stderr


def test_locale_tags_are_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GKCLI_LANG", "zh_CN.UTF-8")
    assert load_settings().lang == "zh_CN.UTF-8"


def test_the_fast_path_reports_a_bad_setting_like_the_full_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    from gkcli.cli import _answer_workdays_is

    monkeypatch.setenv("GKCLI_LANG", "xx")
    assert _answer_workdays_is(["workdays", "is", "2026-10-10"]) is None  # handed to typer, which exits 2


HOSTILE_TOML = {
    "deep arrays": "a = " + "[" * 5000 + "]" * 5000 + "\n",
    "deep tables": "a = " + "{b = " * 2000 + "1" + "}" * 2000 + "\n",
    "nested a little too deep": "a = " + "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2) + "\n",
    "huge integer": "year = 99999999999999999999999\n",
    "thousands of digits": "year = " + "9" * 5000 + "\n",
    "year past the calendar": 'year = 99999999999\nsource = "x"\n',
    "not UTF-8": "year = 2030\nsource = '\udcff'\n",
}


def _write_hostile(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogateescape"))


@pytest.mark.parametrize("name", sorted(HOSTILE_TOML))
@pytest.mark.parametrize("where", ["data directory", "--rules", "gkcli.toml"])
def test_hostile_toml_is_one_line_and_exit_2(tmp_path: Path, clean_environment: Path, name: str, where: str) -> None:
    text = HOSTILE_TOML[name]
    args = ["workdays", "is", "2026-10-10"]
    if where == "data directory":
        clean_environment.mkdir(parents=True)
        _write_hostile(clean_environment / "2030.toml", text)
    elif where == "--rules":
        _write_hostile(tmp_path / "rules.toml", text)
        args = ["rules", "list", "--rules", str(tmp_path / "rules.toml")]
    else:
        _write_hostile(Path("gkcli.toml"), text)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert len(result.stderr) < 600


def test_an_oversized_toml_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    result = runner.invoke(app, ["rules", "list", "--rules", str(path)])
    assert result.exit_code == 2 and "MiB" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every directory")
def test_an_unreadable_data_directory_is_named(clean_environment: Path) -> None:
    clean_environment.mkdir(parents=True)
    clean_environment.chmod(0)
    try:
        result = runner.invoke(app, ["workdays", "is", "2026-10-10"])
    finally:
        clean_environment.chmod(0o755)
    assert result.exit_code == 2 and "Permission denied" in result.stderr


def test_an_unreadable_data_directory_is_named_even_as_root(
    clean_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean_environment.mkdir(parents=True)
    real_scandir = os.scandir

    def denied(path: object) -> object:
        if Path(str(path)) == clean_environment:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", denied)
    result = runner.invoke(app, ["workdays", "is", "2026-10-10"])
    assert result.exit_code == 2 and "Permission denied" in result.stderr


def test_quote_cuts_a_long_value() -> None:
    text = quote("x" * 100_000)
    assert len(text) < 120 and "100,000 characters" in text
    assert quote("short") == "'short'"


def test_a_200_mb_like_bad_date_is_not_echoed_whole() -> None:
    result = runner.invoke(app, ["deadline", "request-reply", "x" * 1_000_000])
    assert result.exit_code == 2
    assert len(result.stderr) < 1000


def test_errors_are_input_errors() -> None:
    assert issubclass(InputError, GkcliError)
