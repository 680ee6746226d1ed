"""The standard streams failing under the installed command: a broken pipe exits 141
silently; a full disk or a closed stream is one line naming the stream, exit 2. Both the
fast path (``workdays is``) and the typer path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gkcli.cli.streams import BROKEN_PIPE

PYTHON = sys.executable
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX streams")


def run_shell(command: str) -> subprocess.CompletedProcess[str]:
    """``command`` in sh with ``gkcli`` meaning this interpreter's gkcli; the exit code of
    its first pipeline stage is printed last on stdout by the command itself."""
    env = {**os.environ, "GKCLI_LANG": "en"}
    gkcli = f"{PYTHON} -m gkcli"
    return subprocess.run(
        ["bash", "-c", command.replace("gkcli", gkcli)], capture_output=True, text=True, env=env, timeout=60
    )


@pytest.mark.parametrize(
    "command",
    [
        "gkcli workdays is 2026-10-10 | true",
        "gkcli cal 2026 | true",
        "gkcli --help | true",
        "yes 2026-01-05 | head -5000 | gkcli deadline request-reply - | head -1 >/dev/null",
    ],
)
def test_a_broken_pipe_is_silent_and_exits_141(command: str) -> None:
    # `true` exits before reading: wait for it, so the write surely hits a closed pipe.
    stage = 2 if command.startswith("yes") else 0
    command = command.replace("| true", "| (exec 0<&-; sleep 0)")
    result = run_shell(f"{command}; echo ${{PIPESTATUS[{stage}]}}")
    assert result.stdout.splitlines()[-1] == str(BROKEN_PIPE), result
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("command", "stream", "reason"),
    [
        ("gkcli workdays is 2026-10-10 >/dev/full", "stdout", "No space left on device"),
        ("gkcli cal 2026 >/dev/full", "stdout", "No space left on device"),
        ("gkcli cal 2026 >&-", "stdout", "Bad file descriptor"),
        ("gkcli ledger check - <&-", "stdin", "Bad file descriptor"),
    ],
)
def test_a_stream_that_cannot_be_used_is_one_line_and_exit_2(command: str, stream: str, reason: str) -> None:
    result = run_shell(command)
    assert result.returncode == 2, result
    verb = "read" if stream == "stdin" else "write"
    assert result.stderr == f"gkcli: cannot {verb} {stream}: {reason}\n"


@pytest.mark.parametrize(
    ("command", "line"),
    [
        ("gkcli --lang zh cal 2026 >/dev/full", "gkcli：无法写入 stdout：设备上没有空间\n"),
        ("gkcli cal 2026 --lang zh >/dev/full", "gkcli：无法写入 stdout：设备上没有空间\n"),
        ("gkcli --lang zh deadline 解读 - <&-", "gkcli：无法读取 stdin：错误的文件描述符\n"),
    ],
)
def test_a_stream_failure_is_told_in_the_language_of_the_command_line(command: str, line: str) -> None:
    # `gkcli --lang zh cal 2026 >/dev/full` said "gkcli: cannot write stdout: …" in English:
    # the line's language came from the environment only, not from --lang
    result = run_shell(command)
    assert (result.returncode, result.stderr) == (2, line)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_stderr_is_exit_2_without_a_traceback() -> None:
    result = run_shell("gkcli workdays is 2026-13-01 2>/dev/full")
    assert result.returncode == 2 and result.stdout == ""


def test_a_closed_stderr_does_not_stop_a_command_that_does_not_use_it() -> None:
    result = run_shell("gkcli workdays is 2026-10-10 2>&-")
    assert result.returncode == 0 and "2026-10-10" in result.stdout


def test_the_exit_code_table_documents_141() -> None:
    from typer.testing import CliRunner

    from gkcli.cli.app import app

    assert "141" in CliRunner().invoke(app, ["--help"]).stdout
    design = (Path(__file__).parents[1] / "docs" / "design.md").read_text(encoding="utf-8")
    assert "| 141 |" in design[design.index("## 6.") : design.index("## 7.")]
