"""Deadlines for many triggers: one line each, ``START`` optionally followed by a tab and an
id (docs/design.md §6, what ``gkcli deadline RULE -`` reads from stdin).

``run_batch`` reads lines of bytes (UTF-8 with or without a BOM, else GB18030, decided line
by line by ``core.encoding``: a line in neither is an error) or of text, and yields for each non-blank line either its
result or the error that stopped it, with the line number, so that one bad line costs
only itself.

``render_batch`` is the same loop for a writer: it reads a binary stream a block at a time
(``read_blocks``), works out each distinct start once and renders its answer once, and
yields the lines to write a block at a time (docs/performance.md, batch mode).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, NamedTuple, TypeVar

from gkcli.core.encoding import decode_text
from gkcli.core.errors import GkcliError, InputError
from gkcli.deadlines.query import DeadlineQuery, DeadlineResult, Trigger

__all__ = [
    "BatchError",
    "BatchResult",
    "parse_trigger_line",
    "read_blocks",
    "render_batch",
    "run_batch",
    "with_ident",
]

Rendered = TypeVar("Rendered")
Item = TypeVar("Item")


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

_BLOCK_BYTES = 1 << 16
"""What ``read_blocks`` asks the stream for at a time."""


def _plain_utf8(raw: bytes) -> str | None:
    """``raw`` decoded when it is UTF-8 without a BOM anywhere; else None."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if "\ufeff" in text else text


def read_blocks(stream: BinaryIO) -> Iterator[list[str | None]]:
    """The lines of ``stream`` a block at a time, each decoded as ``decode_text`` decodes that
    line alone (None for a line in no encoding gkcli reads), its ``\\n`` dropped or kept.

    A block is what the stream has ready (``read1``), cut after its last line end, so lines
    typed at a terminal are answered as they come. A block that is UTF-8 throughout without
    a BOM is decoded at once: UTF-8 decodes line by line the same, as ``\\n`` is never part
    of a longer character. Any other block is decoded line by line, each line with its end,
    as ``run_batch`` decodes it.
    """
    read = getattr(stream, "read1", stream.read)
    head: list[bytes] = []  # the start of a line not yet ended
    while chunk := read(_BLOCK_BYTES):
        end = chunk.rfind(b"\n") + 1
        if not end:
            head.append(chunk)
            continue
        complete, rest = b"".join([*head, chunk[:end]]), chunk[end:]
        head = [rest] if rest else []
        text = _plain_utf8(complete)
        if text is None:
            yield [decode_text(line + b"\n") for line in complete.split(b"\n")[:-1]]
        else:
            yield [*text.split("\n")[:-1]]
    if head:
        yield [decode_text(b"".join(head))]


def _fields(line: str | None) -> tuple[str, str] | None:
    """The start and the id of a line (``_split``), None for a blank one; ``InputError`` for
    a line that could not be decoded (None) or has too many fields."""
    if line is None:
        raise InputError("not UTF-8 or GB18030 text", "不是 UTF-8 或 GB18030 编码的文本")
    text = line.rstrip("\r\n")
    return _split(text) if text.strip() else None


def render_batch(
    query: DeadlineQuery,
    blocks: Iterable[list[str | None]],
    render: Callable[[DeadlineResult], Rendered],
    item: Callable[[int, DeadlineResult, Rendered, str], Item],
) -> Iterator[list[Item] | BatchError]:
    """``query`` asked of the trigger on each non-blank line of ``blocks`` (``read_blocks``), in order.

    A line's end (``\\n`` or ``\\r\\n``) is ignored; blank lines are skipped but counted; None
    is a line that could not be decoded. Each distinct start, as written, is computed and
    ``render``-ed once (deadlines are values: the same start always gives the same answer),
    for a trigger without an id; ``item(line, result, rendered, ident)`` then makes each
    line's item. Items come a list at a time, errors one at a time in their place. Before a
    start is computed, the items before it are yielded, so that whatever ``render`` writes
    (a note on the calendar) follows them, as it would line by line. An error of the line
    (its text, its trigger, its deadline) is a ``BatchError``; one that ``render`` raises is
    not the line's and stops the batch, after the items before it. ``item`` only puts
    together what it is given.
    """
    known: dict[str, tuple[DeadlineResult, Rendered]] = {}
    number = 0
    for block in blocks:
        items: list[Item] = []
        for line in block:
            number += 1
            answer = None if line is None else known.get(line.rstrip("\r\n"))
            if answer is not None:  # most lines: a start seen before, without an id
                items.append(item(number, *answer, ""))
                continue
            try:
                fields = _fields(line)
                if fields is None:
                    continue
                start, ident = fields
                answer = known.get(start)
                if answer is None:
                    if items:
                        yield items
                        items = []
                    result = query.compute(Trigger.parse(start))
            except GkcliError as error:
                if items:
                    yield items
                    items = []
                yield BatchError(number, error)
                continue
            if answer is None:
                if len(known) >= _CACHE_LIMIT:
                    known.clear()
                answer = known[start] = (result, render(result))
            items.append(item(number, *answer, ident))
        if items:
            yield items


def with_ident(result: DeadlineResult, ident: str) -> DeadlineResult:
    """``result`` for a trigger that carries ``ident`` (the same result when there is none)."""
    return result._replace(trigger=result.trigger._replace(ident=ident)) if ident else result


def _batch_result(number: int, result: DeadlineResult, _: None, ident: str) -> BatchResult:
    return BatchResult(number, with_ident(result, ident))


def run_batch(query: DeadlineQuery, lines: Iterable[bytes | str]) -> Iterator[BatchResult | BatchError]:
    """``query`` asked of the trigger on each non-blank line of ``lines``, in order.

    A line's end (``\\n`` or ``\\r\\n``) is ignored; blank lines are skipped but counted.
    Results are remembered by the start as written (``render_batch``), so a batch that
    repeats dates counts each once.
    """
    blocks = ([line if isinstance(line, str) else decode_text(line)] for line in lines)
    for block in render_batch(query, blocks, lambda _: None, _batch_result):
        if isinstance(block, BatchError):
            yield block
        else:
            yield from block
