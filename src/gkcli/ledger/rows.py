"""A ledger's data rows as typed values: the cells the check reads, by name (docs/ledgers.md
"Columns and header aliases").

``RowReader`` turns each ``LedgerRow`` of an opened table into ``RowCells``: a cell of an
absent column, or one past the end of a short row, reads as ``""``; cells past the header
are never read. An empty row (nothing but spaces) has no ``RowCells``.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import itemgetter
from typing import NamedTuple

from gkcli.ledger.read import Cell, LedgerRow, LedgerTable, cell_text, is_filled

__all__ = ["DeadlineCells", "RowCells", "RowReader"]

DeadlineCells = tuple[Cell, ...]
"""The cells from ``rule`` on: rows that share them share their deadline."""


class RowCells(NamedTuple):
    """The cells of one data row that the check reads. The order puts the cells that decide
    the deadline last, so ``deadline_cells`` is one slice."""

    id: Cell
    done: Cell
    channel: Cell
    rule: Cell
    start: Cell
    extension: Cell
    pauses: Cell
    restart: Cell

    @property
    def id_text(self) -> str:
        """The id as text: an .xlsx number 1 and a CSV "1" are the same id."""
        return cell_text(self.id)

    @property
    def deadline_cells(self) -> DeadlineCells:
        """rule, start, extension, pauses and restart: what the deadline depends on."""
        return self[3:]


class RowReader:
    """Reads the data rows of ``table`` as ``(row, cells)``; ``cells`` is None for an empty row."""

    def __init__(self, table: LedgerTable) -> None:
        self.table = table
        width = len(table.headers)
        # An absent column reads the padding cell at index ``width``, which no row can fill.
        self._fields = itemgetter(*(table.positions.get(name, width) for name in RowCells._fields))
        self._padding: tuple[Cell, ...] = ("",) * (width + 1)
        self._width = width

    def __iter__(self) -> Iterator[tuple[LedgerRow, RowCells | None]]:
        fields, padding, width = self._fields, self._padding, self._width
        for row in self.table.rows():
            cells = row.cells
            first = cells[0] if cells else None
            # A row's first filled cell short-cuts the emptiness test.
            if (isinstance(first, str) and first.strip()) or any(map(is_filled, cells)):
                known = cells[:width]
                yield row, RowCells._make(fields((*known, *padding[len(known) :])))
            else:
                yield row, None
