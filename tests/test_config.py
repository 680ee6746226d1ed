"""Settings from the project file and the environment (docs/design.md §6): types checked, errors name the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from gkcli.core.config import load_settings
from gkcli.core.errors import InputError


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_project_file_values_and_relative_paths(tmp_path, monkeypatch):
    monkeypatch.delenv("GKCLI_HOLIDAYS_DIR")
    write(
        tmp_path,
        "gkcli.toml",
        'holidays_dir = "h"\nrules = "r.toml"\nprovisional = true\nwarn_days = 5\nformat = "github"\n[columns]\nstart = "立项日期"\n',
    )
    settings = load_settings(tmp_path)
    assert settings.holidays_dir == tmp_path / "h" and settings.rules == tmp_path / "r.toml"
    assert settings.provisional is True and settings.warn_days == 5 and settings.format == "github"
    assert settings.columns == {"start": "立项日期"}


def test_pyproject_tool_table(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n[tool.gkcli]\nregion = "guangxi"\n')
    assert load_settings(tmp_path).region == "guangxi"


def test_environment_overrides_project_file(tmp_path, monkeypatch):
    write(tmp_path, "gkcli.toml", "warn_days = 5\nprovisional = true\n")
    monkeypatch.setenv("GKCLI_WARN_DAYS", "7")
    monkeypatch.setenv("GKCLI_PROVISIONAL", "0")
    settings = load_settings(tmp_path)
    assert settings.warn_days == 7 and settings.provisional is False


@pytest.mark.parametrize(
    ("name", "text", "needle"),
    [
        ("gkcli.toml", 'provisional = "false"\n', "provisional"),
        ("gkcli.toml", "holidays_dir = 5\n", "holidays_dir"),
        ("gkcli.toml", 'rules = ["a"]\n', "rules"),
        ("gkcli.toml", "region = 5\n", "region"),
        ("gkcli.toml", 'warn_days = "x"\n', "warn_days"),
        ("gkcli.toml", "warn_days = -5\n", "warn_days"),
        ("gkcli.toml", "warn_days = true\n", "warn_days"),
        ("gkcli.toml", "colour = 1\n", "colour"),
        ("gkcli.toml", "[columns]\nstart = 1\n", "columns"),
        ("gkcli.toml", "not toml ===\n", "cannot read"),
        ("pyproject.toml", "[tool]\ngkcli = 5\n", "tool.gkcli"),
        ("pyproject.toml", "tool = 5\n", "tool.gkcli"),
    ],
)
def test_bad_project_files_are_input_errors_naming_the_key(tmp_path, name, text, needle):
    write(tmp_path, name, text)
    with pytest.raises(InputError) as caught:
        load_settings(tmp_path)
    assert needle in caught.value.message("en") and name in caught.value.message("en")


@pytest.mark.parametrize(("variable", "value"), [("GKCLI_PROVISIONAL", "maybe"), ("GKCLI_WARN_DAYS", "x")])
def test_bad_environment_values_are_input_errors(tmp_path, monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(InputError) as caught:
        load_settings(tmp_path)
    assert variable in caught.value.message("en")


def test_a_missing_rules_file_from_the_environment_is_not_blamed_on_a_flag(tmp_path, monkeypatch):
    # GKCLI_RULES=/nonexist said "check the path given to --rules", a flag nobody typed
    from typer.testing import CliRunner

    from gkcli.cli.app import app

    monkeypatch.setenv("GKCLI_RULES", str(tmp_path / "无此规则.toml"))
    result = CliRunner().invoke(app, ["rules", "list"])
    assert result.exit_code == 2
    assert "GKCLI_RULES" in result.stderr and "无此规则.toml" in result.stderr
