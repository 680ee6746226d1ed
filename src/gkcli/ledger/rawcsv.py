"""Plain CSV lines read as bytes, for the columnar check (docs/performance.md "Plain lines read as bytes").

Most ledgers saved as CSV UTF-8 hold no quotes: every record is one physical line whose
cells are the text between delimiters. Such lines need no CSV parser. A block of them is
kept as its bytes and the positions of its cells, found by numpy in a few passes; the
columnar kernel reads dates and numbers straight from the bytes and makes Python strings
only for the cells it needs as text (ids, rules, the rows the per-row check sees).

A block is *plain* when it holds no quote, no NUL, no carriage return
but in a ``\\r\\n`` line end, no empty line, no line or cell over the reader's limits, and
every line has exactly as many cells as the header: then ``csv.reader`` would read each
line as the text between its delimiters, which is what a ``RawBlock`` gives. The first
block that is not plain, and everything after it, is left to ``csv.reader``
(``read.CsvRecords.blocks``); so is the first line that does not decode as UTF-8, after
the lines before it, so that the error names that line.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import numpy as np
from numpy.typing import NDArray

__all__ = ["READ_BYTES", "RawBlock", "RawReader", "plain_block"]

READ_BYTES = 1 << 20
"""Bytes read from the file at a time."""
_NEWLINE, _RETURN = ord("\n"), ord("\r")


class RawBlock:
    """Plain CSV lines (``plain_block``): their bytes (``data``, and ``array`` over the same
    memory for numpy), where each cell starts and ends
    (``starts``, ``ends``: one row a line, one column a cell; ``ends`` excludes the
    delimiter and the line end), and the ledger row and physical line of each."""

    __slots__ = ("array", "data", "delimiter", "ends", "lines", "rows", "starts")

    def __init__(
        self,
        data: bytes,
        delimiter: str,
        starts: NDArray[np.int64],
        ends: NDArray[np.int64],
        first_row: int,
        first_line: int,
    ) -> None:
        self.data = data
        self.array: NDArray[np.uint8] = np.frombuffer(data, dtype=np.uint8)
        self.delimiter = delimiter
        self.starts = starts
        self.ends = ends
        self.rows = range(first_row, first_row + len(starts))
        self.lines = range(first_line, first_line + len(starts))

    def __len__(self) -> int:
        return len(self.starts)

    def cells(self, at: int) -> list[str]:
        """The cells of one line, as ``csv.reader`` reads them."""
        return self.data[self.starts[at, 0] : self.ends[at, -1]].decode("utf-8").split(self.delimiter)

    def texts(self, column: int, at: NDArray[np.int64] | None = None) -> list[str]:
        """The cells of one column as text, of every line or of the lines ``at``: their
        bytes gathered into one buffer, a line feed after each, decoded and split at once."""
        starts, ends = self.starts[:, column], self.ends[:, column]
        if at is not None:
            starts, ends = starts[at], ends[at]
        if not len(starts):
            return []
        sizes = ends - starts + 1
        placed = np.cumsum(sizes) - sizes  # where each cell starts in the buffer
        gathered = self.array[np.arange(int(sizes.sum())) + np.repeat(starts - placed, sizes)]
        gathered[placed + sizes - 1] = _NEWLINE
        text: str = gathered.tobytes().decode("utf-8")
        return text.split("\n")[:-1]


def plain_block(
    data: bytes, delimiter: str, width: int, line_limit: int, cell_limit: int, first_row: int, first_line: int
) -> RawBlock | None:
    """``data`` (whole lines of UTF-8, each ending in a line feed) as a ``RawBlock`` of ``width``
    cells a line, or None when it is not plain (module docstring). ``line_limit`` and
    ``cell_limit`` are the reader's, in characters; a line or cell is measured in bytes,
    never fewer, so one the reader would take as too long is never taken here."""
    if b'"' in data or b"\0" in data:
        return None
    array = np.frombuffer(data, dtype=np.uint8)
    newlines = array == _NEWLINE
    lines = int(np.count_nonzero(newlines))
    separators = np.flatnonzero(newlines | (array == ord(delimiter)))
    if len(separators) != lines * width:
        return None
    # With one line feed a line, the last separator of each group of ``width`` being a line
    # feed means every line holds exactly ``width - 1`` delimiters.
    grid = separators.reshape(lines, width)
    if not (array[grid[:, -1]] == _NEWLINE).all():
        return None
    starts = np.empty_like(grid)
    starts[0, 0] = 0
    starts[1:, 0] = grid[:-1, -1] + 1
    starts[:, 1:] = grid[:, :-1] + 1
    ends = grid.copy()
    line_ends_in_return = array[np.maximum(grid[:, -1] - 1, 0)] == _RETURN
    ends[:, -1] -= line_ends_in_return
    if (
        # Every carriage return is one of a "\r\n" line end.
        int(np.count_nonzero(array == _RETURN)) != int(np.count_nonzero(line_ends_in_return))
        or (ends[:, -1] == starts[:, 0]).any()
        or int((grid[:, -1] - starts[:, 0]).max()) + 1 >= line_limit
        or int((ends - starts).max()) > cell_limit
    ):
        return None
    return RawBlock(data, delimiter, starts, ends, first_row, first_line)


class RawReader:
    """Plain blocks of a binary CSV stream from where it stands, ``count`` lines or so at a time,
    until the file ends or a block is not plain. ``offset`` is then where the lines not
    given start (at the end of the file when ``ended``), for ``csv.reader`` to go on from."""

    def __init__(self, stream: BinaryIO, delimiter: str, width: int, line_limit: int, cell_limit: int) -> None:
        self.stream = stream
        self.delimiter = delimiter
        self.width = width
        self.line_limit = line_limit
        self.cell_limit = cell_limit
        self.offset = stream.tell()
        self.ended = False

    def blocks(self, count: int, rows: int, lines: int) -> Iterator[RawBlock]:
        """The blocks, the first line being ledger row ``rows + 1`` on physical line ``lines + 1``:
        each the whole lines read once ``count`` are in hand (fewer at the file's end; more by
        at most what one read adds, ``READ_BYTES``)."""
        pending = b""
        at_end = undecodable = False
        while not undecodable:
            in_hand = 0  # line feeds in ``pending``: none are left from the block before
            while not at_end and in_hand < count:
                piece = self.stream.read(READ_BYTES)
                at_end = not piece
                pending += piece
                in_hand += piece.count(b"\n")
            cut = pending.rfind(b"\n") + 1
            if not cut:
                self.ended = at_end and not pending
                return
            try:
                pending[:cut].decode("utf-8")
            except UnicodeDecodeError as error:
                # The lines before the first that does not decode; csv.reader goes on from
                # that one, and so reports it.
                cut = pending.rfind(b"\n", 0, error.start) + 1
                undecodable = True
                if not cut:
                    return
            block = plain_block(
                pending[:cut], self.delimiter, self.width, self.line_limit, self.cell_limit, rows + 1, lines + 1
            )
            if block is None:
                return
            yield block
            self.offset += cut
            rows, lines = rows + len(block), lines + len(block)
            pending = pending[cut:]
