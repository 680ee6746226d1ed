"""Duplicate ids (docs/ledgers.md "Finding codes": ``duplicate-id``): each row needs its own id.

The one part of a ledger check whose memory grows with the file: a dict from the hash of each
distinct id's text to its first row, about 100 bytes an id. Ids compare by their text, and
``hash()`` of a str never makes two ids collide the way ints -1 and -2 do. (A table in flat
arrays halved that memory but, probed in Python, cost 1.5 µs a row: more than the whole
check's time budget allows.)
"""

from __future__ import annotations

__all__ = ["DuplicateIds"]


class DuplicateIds:
    """The first row of every id seen so far in one file."""

    __slots__ = ("_first",)

    def __init__(self) -> None:
        self._first: dict[int, int] = {}

    def first_row(self, row_id: str, row: int) -> int:
        """The row ``row_id`` was first seen on (``row`` itself the first time, or when the row has no id)."""
        return self._first.setdefault(hash(row_id), row) if row_id else row
