"""Batch mode (``gkcli deadline RULE -``) against the library, one trigger at a time: for
random lines, valid and not, in every encoding the batch reads, the batch's stdout, stderr
and exit code are those of asking ``DeadlineQuery.compute`` about each line on its own and
printing each answer as a single invocation's record would be printed (docs/cli.md).

The batch renders each distinct start once, adds each line's id to that and reads and
writes in blocks (docs/performance.md); these tests hold it to the line-by-line meaning,
with blocks cut anywhere (a line, even a character, split between two reads)."""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gkcli.calendar.describe import calendar_notes
from gkcli.calendar.sources import CalendarOptions, load_calendar
from gkcli.cli import deadline as deadline_cli
from gkcli.cli.app import app
from gkcli.cli.common import Runtime
from gkcli.cli.deadline import _reminders
from gkcli.cli.deadline_text import headline, trigger_text
from gkcli.core.config import load_settings
from gkcli.core.encoding import decode_text
from gkcli.core.errors import GkcliError
from gkcli.core.i18n import Lang
from gkcli.deadlines import batch
from gkcli.deadlines.batch import parse_trigger_line
from gkcli.deadlines.model import CountingOptions
from gkcli.deadlines.query import DeadlineQuery, DeadlineResult
from gkcli.deadlines.record import deadline_record, options_record
from gkcli.report.ics import Reminder
from gkcli.rules.catalogue import load_catalogue

runner = CliRunner()
PROPERTY = settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

REPEATED = ["2026-09-30", "2016-07-08", "2027-03-01", "2022-09-30"]
"""Starts drawn often, so that most batches repeat some (what the batch remembers)."""

days = st.dates(date(2002, 6, 1), date(2037, 6, 30))
starts = st.one_of(
    st.sampled_from(REPEATED),
    days.map(date.isoformat),
    days.map(lambda d: f"{d.year}/{d.month}/{d.day}"),
    days.map(lambda d: f"{d.year}年{d.month}月{d.day}日"),
    days.map(lambda d: f"{d:%Y%m%d}"),
    st.tuples(days, st.integers(0, 23), st.integers(0, 59)).map(lambda t: f"{t[0]} {t[1]:02}:{t[2]:02}"),
    st.sampled_from(
        ["2026-10-01T22:30+08:00", "2026-02-30", "2026-13-01", "not a date", "2025", " 2026-09-30 ", "9" * 200, ""]
    ),
    st.text(max_size=12),
)
idents = st.one_of(
    st.none(), st.text(st.characters(blacklist_characters="\t\n", blacklist_categories=["Cs"]), max_size=8)
)


@st.composite
def lines(draw: st.DrawFn) -> bytes:
    """One input line with its end: a start, maybe an id (or too many fields), in some encoding."""
    text = draw(starts).replace("\n", " ").replace("\t", " ")
    ident = draw(idents)
    if ident is not None:
        text += "\t" + ident
    if draw(st.integers(0, 15)) == 0:
        text += "\tsurplus"
    end = draw(st.sampled_from(["\n", "\r\n", "\n", "\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "gb18030", "utf-16", "garbage"]))
    if encoding == "garbage":
        return b"\xff\xfe\xfa\xfb" + end.encode()
    try:
        return (text + end).encode(encoding)
    except UnicodeEncodeError:
        return (text + end).encode("utf-8")


payloads = st.lists(lines(), max_size=14).map(b"".join)


def expected(
    args: list[str], payload: bytes, fmt: str, ics: bool = False
) -> tuple[str, str, int, list[Reminder] | None]:
    """stdout, stderr, exit code and ``--ics`` reminders (None when none are written) of
    ``gkcli deadline ARGS - -f FMT``, one line at a time through the library (``args``: the
    global flags, the rule and the counting options). A line's own error is reported with
    its number; an error in printing an answer (a due day in a year the calendar lacks, for
    a day label) stops the batch."""
    lang = Lang.zh if "zh" in args else Lang.en
    calendar = load_calendar(CalendarOptions(provisional="--provisional" in args))
    rule = load_catalogue().get(args[args.index("deadline") + 1])
    options = CountingOptions(
        count_start_day="--count-start-day" in args, extend=3 if "--extend" in args else 0
    ).replace(pauses=((date(2026, 10, 8), date(2026, 10, 9)),) if "--pause" in args else ())
    query = DeadlineQuery(rule, calendar, options, both="--both" in args)
    user_dir = Path(os.environ["GKCLI_HOLIDAYS_DIR"])
    out: list[str] = []
    err: list[str] = []
    reminders: list[Reminder] = []
    worst = 0
    stopped = False
    warned: set[int] = set()
    for number, raw in enumerate(io.BytesIO(payload), 1):
        where = f"第{number}行：" if lang == "zh" else f"line {number}: "
        text = decode_text(raw)
        if text is None:
            err.append(where + ("不是 UTF-8 或 GB18030 编码的文本" if lang == "zh" else "not UTF-8 or GB18030 text"))
            worst = max(worst, 2)
            continue
        text = text.rstrip("\r\n")
        if not text.strip():
            continue
        try:
            result = query.compute(parse_trigger_line(text))
        except GkcliError as error:
            err.append(where + error.message(lang))
            worst = max(worst, error.exit_code)
            continue
        start, end = result.trigger.value.date(), result.latest_due
        err += calendar_notes(calendar, user_dir, start, end, lang, warned)
        try:
            out.append(_record(result, fmt, lang))
            if ics:
                reminders += _reminders(Runtime(load_settings(), lang), result)
        except GkcliError as error:
            err.append(("错误：" if lang == "zh" else "error: ") + error.message(lang))
            worst = error.exit_code
            stopped = True
            break
    if fmt != "json":
        stdout = "".join(line + "\n" for line in out)
    elif stopped:  # the array is left open, as far as it was written
        stdout = "[" + "".join(("\n" if i == 0 else ",\n") + line for i, line in enumerate(out))
    else:
        stdout = "[" + ("\n" + ",\n".join(out) + "\n]\n" if out else "]\n")
    return stdout, "".join(line + "\n" for line in err), worst, None if stopped else reminders


def _record(result: DeadlineResult, fmt: str, lang: str) -> str:
    """The line a single answer is printed as, written out from the result."""
    statutory, conservative = result.statutory, result.conservative
    if fmt == "tsv":
        cells = [statutory.rule.id, result.trigger.iso, statutory.due_date.isoformat(), statutory.due_at.isoformat()]
        cells += [statutory.version.label, "true" if result.provisional else "false"]
        if conservative is not None:
            cells += [conservative.due_date.isoformat(), conservative.due_at.isoformat()]
        return "\t".join([*cells, result.trigger.ident])
    if fmt == "text":
        head = f"{result.trigger.ident}\t" if result.trigger.ident else ""
        return f"{head}{trigger_text(result.trigger, lang)} -> {' | '.join(headline(result, lang))}"
    record = deadline_record(result, options=options_record(statutory.options))
    return json.dumps(record, ensure_ascii=False)


FLAGS = st.sampled_from(
    [
        ["deadline", "interpretation"],
        ["--provisional", "deadline", "interpretation"],
        ["--lang", "zh", "--provisional", "deadline", "request-reply", "--both"],
        ["deadline", "request-reply", "--pause", "2026-10-08..2026-10-09", "--extend", "3"],
        ["--provisional", "deadline", "request-reply", "--count-start-day"],
        ["deadline", "press-conference"],
        ["--lang", "zh", "deadline", "annual-report-department"],
    ]
)


@PROPERTY
@given(
    args=FLAGS,
    fmt=st.sampled_from(["tsv", "jsonl", "json", "text"]),
    payload=payloads,
    block=st.sampled_from([1, 2, 5, 16, 65536]),
)
def test_the_batch_prints_what_each_line_asked_alone_would(args, fmt, payload, block):
    with mock.patch.object(batch, "_BLOCK_BYTES", block):
        result = runner.invoke(app, [*args, "-", "--format", fmt], input=payload)
    stdout, stderr, code, _ = expected(args, payload, fmt)
    assert (result.stdout, result.stderr, result.exit_code) == (stdout, stderr, code)


@PROPERTY
@given(args=FLAGS, fmt=st.sampled_from(["tsv", "text"]), payload=payloads, block=st.sampled_from([1, 7, 65536]))
def test_the_batch_with_ics_writes_the_reminders_of_each_line_alone(args, fmt, payload, block):
    written: list[list[Reminder]] = []
    with (
        mock.patch.object(batch, "_BLOCK_BYTES", block),
        mock.patch.object(deadline_cli, "write_ics", lambda _, reminders, **__: written.append(list(reminders))),
    ):
        result = runner.invoke(app, [*args, "-", "--format", fmt, "--ics", "due.ics"], input=payload)
    stdout, stderr, code, reminders = expected(args, payload, fmt, ics=True)
    assert (result.stdout, result.stderr, result.exit_code) == (stdout, stderr, code)
    assert written == ([] if reminders is None else [reminders])  # none when the batch stopped


@PROPERTY
@given(payload=payloads, block=st.sampled_from([1, 3, 7, 65536]))
def test_read_blocks_decodes_each_line_as_alone(payload, block):
    with mock.patch.object(batch, "_BLOCK_BYTES", block):
        read = [line for lines in batch.read_blocks(io.BytesIO(payload)) for line in lines]
    alone = [decode_text(raw) for raw in io.BytesIO(payload)]
    assert [None if text is None else text.rstrip("\n") for text in read] == [
        None if text is None else text.rstrip("\n") for text in alone
    ]


def test_a_line_longer_than_many_blocks_is_read_whole() -> None:
    payload = b"2026-09-30\t" + b"x" * 200_000 + b"\n2016-07-08"
    read = [line for lines in batch.read_blocks(io.BytesIO(payload)) for line in lines]
    assert read == ["2026-09-30\t" + "x" * 200_000, "2016-07-08"]
