"""Text streams that take UTF-8 bytes as they are (``core.utf8out``): a report's bulk text
reaches the file exactly as the same text written through the stream would, marked stream
or not, and the CLI's own stdout and output files are marked."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gkcli.cli.app import app
from gkcli.core.utf8out import mark_as_is, write_utf8
from test_finding_batches import late_and_overdue

TEXT = "时限 deadline\n第二行 \u2028 line\n"


def stream(newline: str | None = None, encoding: str = "utf-8") -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, newline=newline)


@pytest.mark.parametrize("newline", [None, "", "\n"])
def test_a_marked_stream_takes_the_bytes_after_the_text_before(newline):
    out = stream(newline)
    mark_as_is(out, newline)
    out.write("before ")
    write_utf8(out, TEXT.encode("utf-8"))
    out.write("after")
    out.flush()
    assert out.buffer.getvalue() == ("before " + TEXT + "after").encode("utf-8")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("newline", "encoding"), [("\r\n", "utf-8"), ("\r", "utf-8"), ("", "gb18030"), (None, "utf-16")]
)
def test_a_stream_that_would_change_the_bytes_is_written_its_text(newline, encoding):
    """Line ends translated or another encoding: the text goes through the stream, so the
    file holds what writing the text gives (the bytes are never written as they are)."""
    out, expected = stream(newline, encoding), stream(newline, encoding)
    mark_as_is(out, newline)
    write_utf8(out, TEXT.encode("utf-8"))
    expected.write(TEXT)
    out.flush()
    expected.flush()
    assert out.buffer.getvalue() == expected.buffer.getvalue()  # type: ignore[attr-defined]
    assert (b"\r" in out.buffer.getvalue()) == (newline in ("\r\n", "\r"))  # type: ignore[attr-defined]


def test_an_unmarked_stream_is_written_the_text():
    out = io.StringIO()
    write_utf8(out, TEXT.encode("utf-8"))
    assert out.getvalue() == TEXT


@pytest.mark.skipif(os.linesep != "\n", reason="stdout ends lines as the platform does")
def test_the_cli_writes_the_same_report_to_stdout_to_a_file_and_through_click(tmp_path):
    """The installed CLI's stdout and ``-o`` files take the JSON lines as bytes; CliRunner's
    stream is not marked and takes the text: all three reports are the same bytes."""
    ledger = late_and_overdue(tmp_path, 3000, 40)
    args = ["ledger", "check", str(ledger), "--as-of", "2026-11-28"]
    for fmt in ("json", "jsonl"):
        through_click = CliRunner().invoke(app, [*args, "-f", fmt], catch_exceptions=False).stdout_bytes
        run = subprocess.run([sys.executable, "-m", "gkcli", *args, "-f", fmt], capture_output=True, timeout=120)
        report = tmp_path / f"report.{fmt}"
        subprocess.run([sys.executable, "-m", "gkcli", *args, "-f", fmt, "-o", str(report)], timeout=120)
        assert run.returncode == 1 and through_click.count(b"deadline-missed") == 3000
        assert run.stdout == through_click == Path(report).read_bytes()
