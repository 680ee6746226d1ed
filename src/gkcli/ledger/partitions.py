"""Checking a ledger split into partitions, with the heavy part spread over any ``map`` — a
Dask cluster's, a process pool's, the builtin one (docs/ledgers.md). The findings equal
those of checking the whole ledger in one process, duplicate ids across partitions
included.

Two rounds run where the partitions are:

1. each partition settles its rows by the columnar kernel (``ledger.columnar``) as far as
   it can alone — everything but the id test — and sends back a flag a row and a stable
   8-byte hash of each id;
2. with the hashes of all partitions side by side, the driver knows the ids used more than
   once; each partition sends back only the rows that are not settled or carry such an id.

The driver then checks those rows one by one, in ledger order, with the per-row check, and
adds what is known only at the end (recurring rules): the same path as in one process.
What crosses the network is 9 bytes a row plus the few rows that need the per-row check.
A hash collision can only send a row too many to the per-row check, never miss a duplicate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from hashlib import blake2b
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from gkcli.ledger.check import LedgerCheck
from gkcli.ledger.columnar import ColumnarLedger, check_rows, settled_rows, shared_hashes
from gkcli.ledger.findings import Finding
from gkcli.ledger.read import LedgerRow, cell_text

__all__ = ["PartitionSummary", "check_partitioned", "partition_rows", "summarise_partition"]

Mapper = Callable[..., Iterable[Any]]


class PartitionSummary(NamedTuple):
    """Round 1 of a partition: its layout, which rows it settled alone, the ids' stable hashes."""

    headers: tuple[str, ...]
    positions: Mapping[str, int]
    settled: NDArray[np.bool_]
    hashes: NDArray[np.int64]


def _stable_hash(text: str) -> int:
    """The same in every process (``hash()`` of a str is salted per process); 0: no id."""
    if not text:
        return 0
    digest = blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True) or 1


def summarise_partition(checker: LedgerCheck, part: ColumnarLedger) -> PartitionSummary:
    """Round 1, run where the partition is."""
    texts = map(cell_text, part.column("id"))
    hashes = np.fromiter(map(_stable_hash, texts), dtype=np.int64, count=len(part))
    alone = settled_rows(checker, part, shared=np.zeros(len(part), dtype=bool))
    return PartitionSummary(part.headers, dict(part.positions), alone, hashes)


def partition_rows(part: ColumnarLedger, positions: Sequence[int]) -> list[LedgerRow]:
    """Round 2, run where the partition is: the rows at ``positions``."""
    return [part.row(at) for at in positions]


def check_partitioned(checker: LedgerCheck, parts: Sequence[Any], name: str, mapper: Mapper = map) -> Iterator[Finding]:
    """The findings of the ledger made of ``parts`` (``ColumnarLedger`` partitions in ledger
    order, or handles to them that ``mapper`` resolves, such as Dask futures), as the
    per-row check of the whole ledger gives them. ``mapper(function, iterable)`` runs
    ``function`` on each partition, in order, wherever the partitions are."""
    summaries: list[PartitionSummary] = list(mapper(partial(summarise_partition, checker), parts))
    if not summaries:
        return
    shared = shared_hashes(np.concatenate([summary.hashes for summary in summaries]))
    wanted: list[list[int]] = []
    offset = 0
    for summary in summaries:
        size = len(summary.settled)
        needed = ~summary.settled | shared[offset : offset + size]
        wanted.append(np.flatnonzero(needed).tolist())
        offset += size
    batches: Iterable[list[LedgerRow]] = mapper(partition_rows, parts, wanted)
    first = summaries[0]
    yield from check_rows(checker, first.headers, first.positions, (row for batch in batches for row in batch), name)
