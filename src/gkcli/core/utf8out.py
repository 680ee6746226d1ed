"""Text streams that take UTF-8 bytes as they are (docs/performance.md "Late rows in bulk").

A report that makes its text in bulk as UTF-8 bytes (``report.batchjson``) writes them
straight to the binary buffer under a text stream when the stream would write them
unchanged: it encodes as UTF-8 and leaves line feeds as they are. Python gives no way to
ask a ``TextIOWrapper`` how it ends lines, so such streams are marked by whoever opened
them, knowing how (``mark_as_is``: the CLI's stdout and output files); any other stream is
given the text decoded.
"""

from __future__ import annotations

import codecs
import io
import os
import weakref
from typing import IO

__all__ = ["mark_as_is", "write_utf8"]

_AS_IS: weakref.WeakSet[io.TextIOWrapper] = weakref.WeakSet()


def mark_as_is(stream: IO[str], newline: str | None) -> None:
    """Mark ``stream``, opened with ``newline``, as taking UTF-8 bytes as they are, when it
    does: a ``TextIOWrapper`` encoding UTF-8 that writes a line feed as a line feed."""
    if (
        isinstance(stream, io.TextIOWrapper)
        and codecs.lookup(stream.encoding).name == "utf-8"
        and (newline in ("", "\n") or (newline is None and os.linesep == "\n"))
    ):
        _AS_IS.add(stream)


def write_utf8(stream: IO[str], text: bytes) -> None:
    """Write ``text`` (UTF-8) to ``stream``: to its buffer as it is, after the text written
    before, when the stream is marked (``mark_as_is``); else decoded."""
    if isinstance(stream, io.TextIOWrapper) and stream in _AS_IS:
        stream.flush()
        stream.buffer.write(text)
    else:
        stream.write(text.decode("utf-8"))
