"""Duplicate ids (docs/ledgers.md "Finding codes": ``duplicate-id``): each row needs its own id.

The one part of a ledger check whose memory grows with the file. Ids compare by their text,
through ``hash()`` of it (a str hash never makes two ids collide the way ints -1 and -2 do).
The ids met one at a time sit in a dict from hash to first row (about 100 bytes an id);
past ``DICT_LIMIT`` ids, and for the rows the columnar kernel settles in bulk, they move to
sorted runs of 8-byte hashes with their first rows (4 bytes while rows fit), merged as
they grow up to ``MERGE_LIMIT`` ids: 12 bytes an id. A row met one at a time then costs one binary search a run, and a check that
never passes the limit never pays it (a flat table alone, probed per row in Python, cost
1.5 µs a row).
"""

from __future__ import annotations

from itertools import repeat
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["DICT_LIMIT", "MERGE_LIMIT", "DuplicateIds"]

DICT_LIMIT = 100_000
MERGE_LIMIT = 1 << 18
_UINT32_MAX = (1 << 32) - 1


class DuplicateIds:
    """The first row of every id seen so far in one file."""

    __slots__ = ("_first", "_primed", "_runs")

    def __init__(self) -> None:
        self._first: dict[int, int] = {}
        self._primed: dict[int, int] = {}
        self._runs: list[tuple[NDArray[np.int64], NDArray[np.integer[Any]]]] = []

    def first_row(self, row_id: str, row: int) -> int:
        """The row ``row_id`` was first seen on (``row`` itself the first time, or when the row has no id)."""
        if not row_id:
            return row
        if self._primed:
            found = self._primed.pop(row, None)
            if found is not None:
                return found
        key = hash(row_id)
        found = self._first.get(key)
        if found is not None:
            return found
        if self._runs:
            found = self._in_runs(key)
            if found is not None:
                return found
        self._first[key] = row
        if len(self._first) > DICT_LIMIT:
            self._flush()
        return row

    def _in_runs(self, key: int) -> int | None:
        for hashes, rows in self._runs:
            at = int(hashes.searchsorted(key))
            if at < len(hashes) and hashes[at] == key:
                return int(rows[at])
        return None

    def register_chunk(self, hashes: NDArray[np.int64], rows: NDArray[np.int64]) -> NDArray[np.int64]:
        """The first row of each id of a chunk of rows (``hashes``: ``hash()`` of each id text,
        0 for none; ``rows`` in file order), recording the ids met for the first time: the
        columnar kernel's bulk form of ``first_row``."""
        import numpy as np

        firsts = rows.copy()
        earlier = np.full(len(hashes), -1, dtype=np.int64)
        if self._first:
            earlier[:] = np.fromiter(
                map(self._first.get, hashes.tolist(), repeat(-1)), dtype=np.int64, count=len(hashes)
            )
        if self._runs:
            # The chunk's hashes in order: each run is then searched front to back.
            order = np.argsort(hashes)
            needles = hashes[order]
            for run, run_rows in self._runs:
                at = np.minimum(run.searchsorted(needles), len(run) - 1)
                found = np.flatnonzero(run[at] == needles)
                earlier[order[found]] = run_rows[at[found]]
        identified = hashes != 0
        known = identified & (earlier != -1)
        firsts[known] = earlier[known]
        new = np.flatnonzero(identified & ~known)
        if len(new):
            _, first_at, back = np.unique(hashes[new], return_index=True, return_inverse=True)
            firsts[new] = rows[new][first_at][back]
            self._push(hashes[new][first_at], rows[new][first_at])
        return firsts

    def prime(self, answers: dict[int, int]) -> None:
        """The answers ``first_row`` gives next for these rows (row → first row), worked out
        in bulk by ``register_chunk``; they replace any not asked for."""
        self._primed = answers

    def _flush(self) -> None:
        import numpy as np

        self._push(
            np.fromiter(self._first.keys(), dtype=np.int64, count=len(self._first)),
            np.fromiter(self._first.values(), dtype=np.int64, count=len(self._first)),
        )
        self._first.clear()

    def _push(self, hashes: NDArray[np.int64], rows: NDArray[np.int64]) -> None:
        """A new sorted run; runs of similar size merge up to ``MERGE_LIMIT`` ids, so there
        are O(log n) of them and a merge never copies more than that at once."""
        import numpy as np

        order = np.argsort(hashes, kind="stable")
        # A first row is kept in 4 bytes while rows fit: 12 bytes an id.
        narrow = rows.astype(np.uint32) if len(rows) and int(rows.max()) <= _UINT32_MAX else rows
        self._runs.append((hashes[order], narrow[order]))
        while (
            len(self._runs) > 1
            and 2 * len(self._runs[-1][0]) >= len(self._runs[-2][0])
            and len(self._runs[-1][0]) + len(self._runs[-2][0]) <= MERGE_LIMIT
        ):
            (low_hashes, low_rows), (high_hashes, high_rows) = self._runs.pop(), self._runs.pop()
            self._runs.append(_merged(high_hashes, high_rows, low_hashes, low_rows))


def _merged(
    hashes: NDArray[np.int64],
    rows: NDArray[np.integer[Any]],
    later: NDArray[np.int64],
    later_rows: NDArray[np.integer[Any]],
) -> tuple[NDArray[np.int64], NDArray[np.integer[Any]]]:
    """Two sorted runs as one, an earlier one's entry first among equal hashes: each later
    entry is put where a binary search places it, the earlier ones fill the rest. Beside the
    new run it needs 9 bytes an entry, where sorting the two runs joined needed 40: the
    largest merge sets the peak memory of a long file (docs/performance.md)."""
    import numpy as np

    size = len(hashes) + len(later)
    at = np.searchsorted(hashes, later, side="right")
    at += np.arange(len(later))
    earlier = np.ones(size, dtype=bool)
    earlier[at] = False
    merged, merged_rows = np.empty(size, dtype=np.int64), np.empty(size, dtype=np.result_type(rows, later_rows))
    merged[at], merged_rows[at] = later, later_rows
    merged[earlier], merged_rows[earlier] = hashes, rows
    return merged, merged_rows
