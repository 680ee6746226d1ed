"""Fuzz and fault suite (docs/design.md §8): hostile input to the date parser, the ledger
reader and the TOML loaders. Invariants: exit code in {0, 1, 2, 3}, no traceback (only a
``GkcliError`` escapes the library), inputs byte-identical afterwards, outputs whole or
absent. The example counts keep the whole suite within about 30 s of CI time."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gkcli.cli.app import app
from gkcli.core.dates import parse_date, parse_datetime
from gkcli.core.errors import DataFileError, GkcliError, InputError
from gkcli.core.files import TEMP_SUFFIX
from gkcli.core.tomlfile import read_toml

runner = CliRunner()
FUZZ = settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FUZZ_CLI = settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

DATE_PIECES = st.sampled_from(
    [
        "2026",
        "-",
        "/",
        ".",
        "年",
        "月",
        "日",
        "9",
        "30",
        "0",
        "13",
        "2",
        "29",
        " ",
        "T",
        ":",
        "14",
        "Z",
        "+08:00",
        "\x00",
        "１",
    ]
)
DATE_TEXT = st.one_of(st.text(max_size=40), st.lists(DATE_PIECES, max_size=12).map("".join))


@FUZZ
@given(DATE_TEXT)
def test_the_date_parser_answers_or_refuses(text: str) -> None:
    for parse in (parse_date, parse_datetime):
        try:
            parse(text)
        except InputError as error:
            assert len(error.message("en")) < 400  # a bad value is quoted short


CELLS = st.one_of(
    st.sampled_from(["request-reply", "interpretation", "解读", "2026-09-30", "2026/9/30", "", "=1+1", "1", "x" * 300]),
    st.text(max_size=20),
)
HEADERS = st.lists(
    st.sampled_from(
        ["编号", "事项", "起算日期", "完成日期", "办结日期", "受理日期", "延期", "暂停", "备注", "rule", "start"]
    ),
    min_size=0,
    max_size=6,
)
LEDGER_TEXT = st.builds(
    lambda headers, rows: "\n".join(",".join(row) for row in [headers, *rows]),
    HEADERS,
    st.lists(st.lists(CELLS, max_size=6), max_size=8),
)
LEDGER_BYTES = st.one_of(
    LEDGER_TEXT.map(lambda text: text.encode("utf-8")),
    LEDGER_TEXT.map(lambda text: text.encode("gb18030", "replace")),
    LEDGER_TEXT.map(lambda text: text.replace(",", "\t").encode("utf-16")),
    st.binary(max_size=200),
    st.binary(max_size=60).map(lambda raw: b"PK\x03\x04" + raw),
)


@contextmanager
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="gkcli-fuzz-") as name:
        yield Path(name)


def _no_traceback(result: object) -> None:
    exception = getattr(result, "exception", None)
    assert exception is None or isinstance(exception, SystemExit), repr(exception)
    assert "Traceback" not in getattr(result, "stderr", "")


@FUZZ_CLI
@given(LEDGER_BYTES, st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_ledger_check_never_crashes_and_never_touches_its_input(raw: bytes, suffix: str) -> None:
    with scratch() as directory:
        ledger = directory / f"ledger{suffix}"
        ledger.write_bytes(raw)
        result = runner.invoke(app, ["ledger", "check", str(ledger), "-f", "json", "--as-of", "2026-12-01"])
        _no_traceback(result)
        assert result.exit_code in (0, 1, 2, 3)
        assert ledger.read_bytes() == raw


@FUZZ_CLI
@given(LEDGER_BYTES)
def test_annotate_output_is_whole_or_absent(raw: bytes) -> None:
    with scratch() as directory:
        ledger = directory / "ledger.csv"
        ledger.write_bytes(raw)
        output = directory / "out.csv"
        result = runner.invoke(app, ["ledger", "annotate", str(ledger), "-o", str(output), "--as-of", "2026-12-01"])
        _no_traceback(result)
        assert result.exit_code in (0, 1, 2, 3)
        assert ledger.read_bytes() == raw
        assert not [p for p in directory.iterdir() if p.name.endswith(TEMP_SUFFIX)]
        if output.exists():
            rows = list(csv.reader(io.StringIO(output.read_text(encoding="utf-8-sig"))))
            assert result.exit_code == 0 and rows  # written only by a run that finished
        else:
            assert result.exit_code != 0


TOML_PIECES = st.sampled_from(
    [
        "[",
        "]",
        "{",
        "}",
        "a",
        "=",
        "1",
        "99999999999999999999999",
        '"x"',
        "\n",
        ",",
        "year",
        "source",
        "[[rules]]",
        " ",
        ".",
    ]
)
TOML_TEXT = st.one_of(st.text(max_size=60), st.lists(TOML_PIECES, max_size=40).map("".join))


@FUZZ
@given(TOML_TEXT)
def test_the_toml_reader_answers_or_refuses_in_one_message(text: str) -> None:
    with scratch() as directory:
        path = directory / "file.toml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            read_toml(path, DataFileError)
        except DataFileError as error:
            assert "\n" not in error.message("en").strip() or "TOML" in error.message("en")


@FUZZ_CLI
@given(TOML_TEXT, st.sampled_from(["project", "rules", "data"]))
def test_toml_inputs_through_the_cli(text: str, where: str) -> None:
    with scratch() as directory:
        path = directory / ("gkcli.toml" if where == "project" else "rules.toml" if where == "rules" else "2030.toml")
        raw = text.encode("utf-8", "surrogatepass")
        path.write_bytes(raw)
        args = ["workdays", "is", "2026-10-10"]
        env = {"GKCLI_HOLIDAYS_DIR": str(directory) if where == "data" else str(directory / "none")}
        if where == "rules":
            args = ["rules", "list", "--rules", str(path)]
        cwd = os.getcwd()
        os.chdir(directory if where == "project" else cwd)
        try:
            result = runner.invoke(app, args, env=env)
        finally:
            os.chdir(cwd)
        _no_traceback(result)
        assert result.exit_code in (0, 1, 2, 3)
        assert path.read_bytes() == raw


def test_only_gkcli_errors_escape() -> None:
    assert issubclass(InputError, GkcliError) and issubclass(DataFileError, GkcliError)
