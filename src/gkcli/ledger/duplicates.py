"""Duplicate ids (docs/ledgers.md "Finding codes": ``duplicate-id``): each row needs its own id.

The one part of a ledger check whose memory grows with the file. Ids compare by their text,
through ``hash()`` of it (a str hash never makes two ids collide the way ints -1 and -2 do).
The ids met one at a time sit in a dict from hash to first row (about 100 bytes an id);
past ``DICT_LIMIT`` ids, and for the rows the columnar kernel registers in bulk, they move
to sorted runs, merged as they grow up to ``MERGE_LIMIT`` ids. Of a run of ``SPILL_LIMIT``
ids or more only the top 32 bits of each hash stay in memory (4 bytes an id); the whole
hashes and first rows are in a temporary file, in the same order, read for the few ids
whose top bits match (a random id matches one in 16,000 of a full run's by chance). A
smaller run stays whole in memory, so a small ledger never writes a file. A row met one
at a time then costs one binary search a run, and a check that never passes the limit
never pays it (a flat table alone, probed per row in Python, cost 1.5 µs a row). A chunk
registered in bulk is looked for in the dict and the runs only where the id's mark is set:
one bit of ``MARK_BITS`` (2 MB in all) for each id met, chosen by the top bits of its hash
(those of the dict are marked when the next chunk comes).
"""

from __future__ import annotations

import tempfile
from itertools import repeat
from typing import IO, TYPE_CHECKING, NamedTuple

from gkcli.core.errors import GkcliError, os_reason

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["DICT_LIMIT", "MARK_BITS", "MERGE_LIMIT", "SPILL_LIMIT", "ChunkIds", "DuplicateIds"]

DICT_LIMIT = 100_000
MERGE_LIMIT = 1 << 18
SPILL_LIMIT = 1 << 14
MARK_BITS = 24
"""A bit of 2**24 (2 MB) is set for each id in the runs, by the top bits of its hash: a
chunk's ids are looked for in the runs only where their bit is set (one in 16 of them at
a million ids)."""
_ENTRY = 16  # bytes of a run's entry on disk: its hash and first row, 8 bytes each


class _Run(NamedTuple):
    """A sorted run: the top 32 bits of its hashes (in memory) and where its entries start
    in the spill file (``_ENTRY`` bytes each: all its hashes, then all its first rows); a
    run under ``SPILL_LIMIT`` ids keeps them in memory instead (``held``) and takes no space
    in the file."""

    tops: NDArray[np.int32]
    offset: int
    held: tuple[NDArray[np.int64], NDArray[np.int64]] | None = None

    @property
    def end(self) -> int:
        """Where the next run starts in the file."""
        return self.offset if self.held is not None else self.offset + _ENTRY * len(self.tops)


class ChunkIds(NamedTuple):
    """What ``DuplicateIds.register_chunk`` knows of a chunk's rows: the first row of each
    one's id, and whether that id is shared (met on an earlier row or on another row of the
    chunk, the first of them included; never for a row without an id)."""

    firsts: NDArray[np.int64]
    shared: NDArray[np.bool_]


class DuplicateIds:
    """The first row of every id seen so far in one file."""

    __slots__ = ("_file", "_first", "_marks", "_primed", "_runs", "_unmarked")

    def __init__(self) -> None:
        self._first: dict[int, int] = {}
        self._unmarked: list[int] = []  # ids of ``_first`` not marked yet: marked at the next chunk
        self._primed: dict[int, int] = {}
        self._runs: list[_Run] = []
        self._file: IO[bytes] | None = None
        self._marks: NDArray[np.uint8] | None = None

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
        self._unmarked.append(key)
        if len(self._first) > DICT_LIMIT:
            self._flush()
        return row

    def close(self) -> None:
        """Remove the spill file, if there is one (the ids are forgotten)."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self._runs.clear()
        self._first.clear()
        self._unmarked.clear()
        self._primed = {}
        self._marks = None

    def register_chunk(self, hashes: NDArray[np.int64], rows: NDArray[np.int64]) -> ChunkIds:
        """The first row of each id of a chunk of rows (``hashes``: ``hash()`` of each id text,
        0 for none; ``rows`` in file order) and whether its id is shared, recording the ids
        met for the first time: the columnar kernel's bulk form of ``first_row``."""
        import numpy as np

        firsts = rows.copy()
        earlier = np.full(len(hashes), -1, dtype=np.int64)
        if self._unmarked:
            self._mark(np.array(self._unmarked, dtype=np.int64))
            self._unmarked.clear()
        # Only an id whose mark is set can have been met: the others are looked for nowhere.
        marked = np.flatnonzero(self._marked(hashes))
        if self._first:
            earlier[marked] = np.fromiter(
                map(self._first.get, hashes[marked].tolist(), repeat(-1)), dtype=np.int64, count=len(marked)
            )
        if self._runs:
            unknown = marked[earlier[marked] == -1]
            earlier[unknown] = self._earlier(hashes[unknown])
        identified = hashes != 0
        known = identified & (earlier != -1)
        firsts[known] = earlier[known]
        shared = known.copy()
        new = np.flatnonzero(identified & ~known)
        if len(new):
            _, first_at, back, counts = np.unique(
                hashes[new], return_index=True, return_inverse=True, return_counts=True
            )
            firsts[new] = rows[new][first_at][back]
            shared[new] = counts[back] > 1
            self._push(hashes[new][first_at], rows[new][first_at])
        return ChunkIds(firsts, shared)

    def prime(self, answers: dict[int, int]) -> None:
        """The answers ``first_row`` gives next for these rows (row → first row), worked out
        in bulk by ``register_chunk``; they replace any not asked for."""
        self._primed = answers

    def _in_runs(self, key: int) -> int | None:
        """The first row of one hash in the runs: one binary search a run."""
        top = key >> 32
        for run in self._runs:
            first = int(run.tops.searchsorted(top))
            if first < len(run.tops) and run.tops[first] == top:
                last = int(run.tops.searchsorted(top, side="right"))
                found = self._row_of(run, first, last, key)
                if found is not None:
                    return found
        return None

    def _row_of(self, run: _Run, first: int, last: int, key: int) -> int | None:
        """The first row of ``key`` among entries ``first`` to ``last`` of a run (those whose
        top bits are ``key``'s), read from the file unless the run is held in memory."""
        import numpy as np

        if run.held is not None:
            hashes, rows = run.held
            matches = np.flatnonzero(hashes[first:last] == key)
            return int(rows[first + int(matches[0])]) if len(matches) else None
        matches = np.flatnonzero(self._entries(run.offset + 8 * first, last - first) == key)
        if not len(matches):
            return None
        return int(self._entries(run.offset + 8 * len(run.tops) + 8 * (first + int(matches[0])), 1)[0])

    def _earlier(self, hashes: NDArray[np.int64]) -> NDArray[np.int64]:
        """The first row of each hash in the runs, -1 where none has it. The runs' top bits
        pick the candidates; only their entries are read from the file (a whole run when
        more than one in 64 of its entries are candidates)."""
        import numpy as np

        earlier = np.full(len(hashes), -1, dtype=np.int64)
        # The hashes in order: each run is then searched front to back.
        order = np.argsort(hashes)
        needles = hashes[order]
        tops = (needles >> 32).astype(np.int32)
        for run in self._runs:
            low, high = run.tops.searchsorted(tops, side="left"), run.tops.searchsorted(tops, side="right")
            candidates = np.flatnonzero(high > low)
            if not len(candidates):
                continue
            if len(candidates) * 64 > len(run.tops):
                run_hashes, run_rows = self._read(run)
                at = np.minimum(run_hashes.searchsorted(needles[candidates]), len(run_hashes) - 1)
                hit = run_hashes[at] == needles[candidates]
                earlier[order[candidates[hit]]] = run_rows[at[hit]]
                continue
            for candidate, first, last in zip(
                candidates.tolist(), low[candidates].tolist(), high[candidates].tolist(), strict=True
            ):
                found = self._row_of(run, first, last, int(needles[candidate]))
                if found is not None:
                    earlier[order[candidate]] = found
        return earlier

    def _mark_places(self, hashes: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.uint8]]:
        """The byte and bit of each hash's mark: its top ``MARK_BITS`` bits."""
        import numpy as np

        places = (hashes >> (64 - MARK_BITS)) & ((1 << MARK_BITS) - 1)
        return places >> 3, (1 << (places & 7)).astype(np.uint8)

    def _mark(self, hashes: NDArray[np.int64]) -> None:
        """Set the mark of each hash."""
        import numpy as np

        if self._marks is None:
            self._marks = np.zeros(1 << (MARK_BITS - 3), dtype=np.uint8)
        byte, bit = self._mark_places(hashes)
        np.bitwise_or.at(self._marks, byte, bit)

    def _marked(self, hashes: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Whether each hash may have been met: its mark is set (``_mark``: every id of the
        runs, and of the dictionary as of the chunk being registered)."""
        import numpy as np

        if self._marks is None:
            return np.zeros(len(hashes), dtype=bool)
        byte, bit = self._mark_places(hashes)
        marked: NDArray[np.bool_] = (self._marks[byte] & bit) != 0
        return marked

    def _entries(self, offset: int, count: int) -> NDArray[np.int64]:
        """``count`` int64 values of the spill file from byte ``offset``."""
        import numpy as np

        assert self._file is not None
        self._file.seek(offset)
        return np.frombuffer(self._file.read(8 * count), dtype=np.int64)

    def _read(self, run: _Run) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """A run's hashes and first rows, from the file unless it is held in memory."""
        if run.held is not None:
            return run.held
        entries = self._entries(run.offset, 2 * len(run.tops))
        return entries[: len(run.tops)], entries[len(run.tops) :]

    def _flush(self) -> None:
        import numpy as np

        self._push(
            np.fromiter(self._first.keys(), dtype=np.int64, count=len(self._first)),
            np.fromiter(self._first.values(), dtype=np.int64, count=len(self._first)),
        )
        self._first.clear()
        self._unmarked.clear()  # marked by ``_push``

    def _push(self, hashes: NDArray[np.int64], rows: NDArray[np.int64]) -> None:
        """A new sorted run; runs of similar size merge up to ``MERGE_LIMIT`` ids, so there
        are O(log n) of them and a merge never reads more than that at once. The runs lie
        one after another in the file, the newest last, so a merge of the last runs writes
        over them."""
        import numpy as np

        self._mark(hashes)
        order = np.argsort(hashes, kind="stable")
        hashes, rows = hashes[order], rows[order].astype(np.int64)
        while (
            self._runs
            and 2 * len(hashes) >= len(self._runs[-1].tops)
            and len(hashes) + len(self._runs[-1].tops) <= MERGE_LIMIT
        ):
            earlier = self._runs.pop()
            hashes, rows = _merged(*self._read(earlier), hashes, rows)
        self._write(hashes, rows)

    def _write(self, hashes: NDArray[np.int64], rows: NDArray[np.int64]) -> None:
        """``hashes`` and ``rows`` as the newest run, after the runs kept: in memory while it
        is under ``SPILL_LIMIT`` ids (a small ledger never writes a file), else in the file."""
        offset = self._runs[-1].end if self._runs else 0
        tops = (hashes >> 32).astype("int32")
        if len(hashes) < SPILL_LIMIT:
            self._runs.append(_Run(tops, offset, (hashes, rows)))
            return
        try:
            if self._file is None:
                # Held across calls: ``close`` closes it (and the object's end, as a last resort).
                self._file = tempfile.TemporaryFile(prefix="gkcli-ids-")  # noqa: SIM115
            self._file.seek(offset)
            self._file.write(hashes.tobytes())
            self._file.write(rows.tobytes())
            self._file.flush()
        except OSError as exc:
            en, zh = os_reason(exc)
            where = tempfile.gettempdir()
            raise GkcliError(
                f"cannot write the table of ids in the temporary directory {where}: {en}; "
                "free some space there or set TMPDIR to another directory",
                f"无法在临时目录 {where} 中写入编号表：{zh}；请清理该目录或用 TMPDIR 指定其他目录",
            ) from None
        self._runs.append(_Run(tops, offset))


def _merged(
    hashes: NDArray[np.int64], rows: NDArray[np.int64], later: NDArray[np.int64], later_rows: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Two sorted runs as one, an earlier one's entry first among equal hashes: each later
    entry is put where a binary search places it, the earlier ones fill the rest. Beside the
    new run it needs 9 bytes an entry, where sorting the two runs joined needed 40."""
    import numpy as np

    size = len(hashes) + len(later)
    at = np.searchsorted(hashes, later, side="right")
    at += np.arange(len(later))
    earlier = np.ones(size, dtype=bool)
    earlier[at] = False
    merged, merged_rows = np.empty(size, dtype=np.int64), np.empty(size, dtype=np.int64)
    merged[at], merged_rows[at] = later, later_rows
    merged[earlier], merged_rows[earlier] = hashes, rows
    return merged, merged_rows
