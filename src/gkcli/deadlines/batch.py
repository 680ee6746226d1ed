"""Deadlines for many triggers: one line each, ``START`` optionally followed by a tab and an
id (docs/design.md §6, what ``gkcli deadline RULE -`` reads from stdin).

``run_batch`` reads lines of bytes (UTF-8 with or without a BOM, else GB18030, decided line
by line by ``core.encoding``: a line in neither is an error) or of text, and yields for each non-blank line either its
result or the error that stopped it, with the line number, so that one bad line costs
only itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from gkcli.core.encoding import decode_text
from gkcli.core.errors import GkcliError, InputError
from gkcli.deadlines.query import DeadlineQuery, DeadlineResult, Trigger

__all__ = ["BatchError", "BatchResult", "parse_trigger_line", "run_batch"]


class BatchResult(NamedTuple):
    """The result of the trigger on line ``line`` (counted from 1)."""

    line: int
    result: DeadlineResult


class BatchError(NamedTuple):
    """Why line ``line`` (counted from 1) has no result."""

    line: int
    error: GkcliError


def _split(text: str) -> tuple[str, str]:
    """``START`` or ``START<TAB>ID``: the start and the trimmed id. More fields are an
    error, never dropped: a line meant for another tool must not be half-read."""
    start, _, rest = text.partition("\t")
    if "\t" in rest:
        fields = text.count("\t") + 1
        raise InputError(
            f"{fields} tab-separated fields; a line is START or START<TAB>ID",
            f"有 {fields} 个以制表符分隔的字段；每行应为 起算日期 或 起算日期<TAB>编号",
        )
    return start, rest.strip()


def parse_trigger_line(text: str) -> Trigger:
    """``START`` or ``START<TAB>ID``: the trigger, with the id trimmed (``_split``)."""
    return Trigger.parse(*_split(text))


_CACHE_LIMIT = 100_000
"""Distinct starts remembered per run; the cache is emptied when it grows past this."""


def _decoded(line: bytes) -> str:
    text = decode_text(line)
    if text is None:
        raise InputError("not UTF-8 or GB18030 text", "不是 UTF-8 或 GB18030 编码的文本")
    return text


def run_batch(query: DeadlineQuery, lines: Iterable[bytes | str]) -> Iterator[BatchResult | BatchError]:
    """``query`` asked of the trigger on each non-blank line of ``lines``, in order.

    A line's end (``\\n`` or ``\\r\\n``) is ignored; blank lines are skipped but counted.
    Results are remembered by the start as written (deadlines are values: the same start
    always gives the same answer), so a batch that repeats dates counts each once.
    """
    known: dict[str, DeadlineResult] = {}
    for number, line in enumerate(lines, 1):
        try:
            text = line if isinstance(line, str) else _decoded(line)
            text = text.rstrip("\r\n")
            if not text.strip():
                continue
            start, ident = _split(text)
            result = known.get(start)
            if result is None:
                result = query.compute(Trigger.parse(start))
                if len(known) >= _CACHE_LIMIT:
                    known.clear()
                known[start] = result
            if ident:
                result = result._replace(trigger=result.trigger._replace(ident=ident))
            yield BatchResult(number, result)
        except GkcliError as error:
            yield BatchError(number, error)
