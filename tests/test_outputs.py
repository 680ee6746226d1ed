"""Output files: never over an input, written through symlinks, devices and FIFOs written
directly, temporary files never read as data (docs/design.md §8)."""

from __future__ import annotations

import os
import shutil
import stat
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from gkcli.calendar.yeardata import load_directory
from gkcli.cli.app import app
from gkcli.core.errors import InputError
from gkcli.core.files import TEMP_SUFFIX, is_temporary, refuse_same_file, write_atomically

runner = CliRunner()
AS_OF = "--as-of=2026-12-01"


def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "台账.csv"
    shutil.copy(FIXTURES / "ledgers" / "clean.csv", path)
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["ledger", "check", "{ledger}", "-o", "{ledger}"],
        ["ledger", "annotate", "{ledger}", "-o", "{ledger}"],
        ["ledger", "annotate", "{ledger}", "--ics", "{ledger}"],
        ["ledger", "annotate", "{ledger}", "-o", "{link}"],
        ["ledger", "check", "{ledger}", "-o", "{hardlink}"],
        ["ledger", "annotate", "{ledger}", "-o", "{other}", "--ics", "{other}"],
    ],
)
def test_an_output_onto_an_input_is_refused_and_the_input_kept(tmp_path: Path, args: list[str]) -> None:
    path = ledger(tmp_path)
    (tmp_path / "link.csv").symlink_to(path)
    os.link(path, tmp_path / "hard.csv")
    before = path.read_bytes()
    names = {
        "ledger": str(path),
        "link": str(tmp_path / "link.csv"),
        "hardlink": str(tmp_path / "hard.csv"),
        "other": str(tmp_path / "out.csv"),
    }
    result = runner.invoke(app, [a.format(**names) for a in args] + [AS_OF])
    assert result.exit_code == 2, result.output
    assert "same file" in result.stderr
    assert ("out.csv" if "{other}" in args else path.name) in result.stderr
    option = args[args.index("{ledger}", 3) - 1] if args.count("{ledger}") > 1 else args[-2]
    assert f"error: {option} " in result.stderr  # the option as the user typed it
    assert path.read_bytes() == before
    assert not (tmp_path / "out.csv").exists()


def test_output_onto_the_rules_file_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text("", encoding="utf-8")
    result = runner.invoke(
        app, ["ledger", "check", str(ledger(tmp_path)), "--rules", str(rules), "-o", str(rules), AS_OF]
    )
    assert result.exit_code == 2 and "same file" in result.stderr
    assert rules.read_text(encoding="utf-8") == ""


def test_output_onto_redirected_stdin_is_refused(tmp_path: Path) -> None:
    path = ledger(tmp_path)
    before = path.read_bytes()
    with path.open("rb") as stdin:
        refuse_same_file([(tmp_path / "elsewhere.txt", "-o")], [Path("-")])  # a different file is fine
        saved = os.dup(0)
        os.dup2(stdin.fileno(), 0)
        try:
            with pytest.raises(InputError, match="same file"):
                refuse_same_file([(path, "-o")], [Path("-")])
        finally:
            os.dup2(saved, 0)
            os.close(saved)
    assert path.read_bytes() == before


def test_holidays_export_onto_a_data_file_is_refused(clean_environment: Path) -> None:
    clean_environment.mkdir(parents=True)
    data = clean_environment / "2026.toml"
    shutil.copy(Path(__file__).parents[1] / "src/gkcli/data/holidays/2005.toml", clean_environment / "2005.toml")
    data = clean_environment / "2005.toml"
    before = data.read_bytes()
    result = runner.invoke(app, ["holidays", "export", "2005", "-o", str(data)])
    assert result.exit_code == 2 and "same file" in result.stderr
    assert data.read_bytes() == before


def test_a_symlinked_output_is_written_through_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "shared" / "report.json"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(target)
    result = runner.invoke(app, ["ledger", "check", str(ledger(tmp_path)), "-f", "json", "-o", str(link), AS_OF])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("{")
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.json"]


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    target = tmp_path / "new.ics"
    link = tmp_path / "link.ics"
    link.symlink_to(target)
    write_atomically(link, b"data")
    assert link.is_symlink() and target.read_bytes() == b"data"


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_a_character_device_stays_a_device(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    result = runner.invoke(app, ["ledger", "check", str(ledger(tmp_path)), "-o", str(null), AS_OF])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(null.stat().st_mode)


def test_dev_null_as_output() -> None:
    write_atomically(Path("/dev/null"), b"data")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_is_written_directly(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomically(fifo, b"through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_leftover_temporary_files_are_no_data_and_status_names_them(clean_environment: Path) -> None:
    clean_environment.mkdir(parents=True)
    leftover = clean_environment / f".2030.toml.abc123{TEMP_SUFFIX}"
    leftover.write_text("year = 2030\n", encoding="utf-8")
    hidden = clean_environment / ".2031.toml"
    hidden.write_text("year = 2031\n", encoding="utf-8")
    assert is_temporary(leftover)
    assert load_directory(clean_environment) == []
    result = runner.invoke(app, ["holidays", "status"])
    assert result.exit_code == 0, result.output
    assert leftover.name in result.stderr and "temporary" in result.stderr


@pytest.mark.parametrize(
    ("args", "zh_reason", "en_reason"),
    [
        (["ledger", "check", "{missing}"], "没有那个文件或目录", "No such file or directory"),
        (["holidays", "import", "{missing}"], "没有那个文件或目录", "No such file or directory"),
        (["holidays", "import", "{dir}"], "是一个目录", "Is a directory"),
        (["holidays", "export", "2026", "-o", "{dir}"], "是一个目录", "Is a directory"),
        (["deadline", "解读", "2026-09-30", "--rules", "{missing}"], "没有那个文件或目录", "No such file or directory"),
    ],
)
def test_the_os_reason_of_a_file_error_is_in_the_users_language(
    tmp_path: Path, args: list[str], zh_reason: str, en_reason: str
) -> None:
    # `gkcli --lang zh ledger check 无此文件.csv` said "无法读取 …：No such file or directory"
    names = {"missing": str(tmp_path / "无此文件.csv"), "dir": str(tmp_path)}
    argv = [arg.format(**names) for arg in args]
    zh = runner.invoke(app, ["--lang", "zh", *argv])
    assert zh.exit_code == 2 and zh_reason in zh.stderr and en_reason not in zh.stderr, zh.stderr
    en = runner.invoke(app, ["--lang", "en", *argv])
    assert en.exit_code == 2 and en_reason in en.stderr, en.stderr
