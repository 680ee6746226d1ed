"""The column reader reads what the row reader reads (docs/performance.md): ``CsvRecords.blocks``
gives the same cells, row numbers and physical lines as the records read one at a time, for
any CSV text (quoted line breaks, ``\\r\\n`` and lone ``\\r``, short and long records, empty
lines, BOMs), in every encoding a ledger is read in, and the same error after the same rows."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gkcli.ledger import read
from gkcli.ledger.columnar import block_ledger
from gkcli.ledger.read import LedgerFileError, LedgerTable, RowBlock, _csv_rows

_CELL_TEXT = st.lists(
    st.sampled_from(["a", "1", " ", '"', ",", "\t", "\r", "\n", "\r\n", "办", "\ufeff", "-"]), max_size=5
).map("".join)
_ENCODINGS = (("utf-8-sig", None), ("utf-8", ";"), ("gb18030", None), ("utf-16", None), ("utf-16", ","))


def _quoted(cell: str, delimiter: str) -> str:
    if any(mark in cell for mark in ('"', delimiter, "\r", "\n")) or cell.startswith(" "):
        return '"' + cell.replace('"', '""') + '"'
    return cell


@st.composite
def _csv_texts(draw: st.DrawFn) -> tuple[str, str, str | None]:
    encoding, delimiter = draw(st.sampled_from(_ENCODINGS))
    separator = delimiter or ("\t" if encoding.startswith("utf-16") else ",")
    lines = []
    for cells in draw(st.lists(st.lists(_CELL_TEXT, max_size=5), max_size=12)):
        ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
        lines.append(separator.join(_quoted(cell, separator) for cell in cells) + ending)
    text = "".join(lines)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")  # no line break after the last record
    if draw(st.booleans()):
        text += '"open quote' + draw(st.sampled_from(["", "\n", "\r\n"]))  # unterminated at the end
    return text, encoding, delimiter


def _one_at_a_time(path: Path, encoding: str, delimiter: str | None) -> tuple[list[tuple[object, ...]], object]:
    rows: list[tuple[object, ...]] = []
    try:
        for row in _csv_rows(path, encoding, delimiter):
            rows.append((row.row, row.line, list(row.cells), row.too_long))
    except LedgerFileError as error:
        return rows, (error.code, error.line, error.en)
    return rows, None


def _in_blocks(path: Path, encoding: str, delimiter: str | None, size: int) -> tuple[list[tuple[object, ...]], object]:
    rows: list[tuple[object, ...]] = []
    failure = None
    for block in _csv_rows(path, encoding, delimiter).blocks(size):
        assert len(block.rows) == len(block.lines) == len(block.cells)
        rows.extend(
            (row, line, list(cells), block.long[at].too_long if at in block.long else ())
            for at, (row, line, cells) in enumerate(zip(block.rows, block.lines, block.cells, strict=True))
        )
        if block.error is not None:
            failure = (block.error.code, block.error.line, block.error.en)
    return rows, failure


@contextmanager
def _limits(small: bool) -> Iterator[None]:
    """csv's field limit and the line limit lowered, so that short texts hold long cells and lines."""
    if not small:
        yield
        return
    field_limit, line_chars = csv.field_size_limit(), read.LINE_CHARS
    csv.field_size_limit(4)
    read.LINE_CHARS = 9
    try:
        yield
    finally:
        csv.field_size_limit(field_limit)
        read.LINE_CHARS = line_chars


@settings(max_examples=300)
@given(_csv_texts(), st.integers(min_value=1, max_value=7), st.booleans(), st.booleans())
def test_blocks_read_what_rows_read(
    tmp_path_factory, case: tuple[str, str, str | None], size: int, bad: bool, small: bool
) -> None:
    """...and a long cell or line (over lowered limits) is the same row without cells."""
    text, encoding, delimiter = case
    data = text.encode(encoding)
    if bad and encoding == "utf-8-sig":
        data += b"\n\xff\xfe bad bytes\n"  # an encoding error after the rows: the same line, the same rows before
    path = tmp_path_factory.mktemp("blocks") / "ledger.csv"
    path.write_bytes(data)
    with _limits(small):
        assert _in_blocks(path, encoding, delimiter, size) == _one_at_a_time(path, encoding, delimiter)


@settings(max_examples=100)
@given(st.lists(st.lists(_CELL_TEXT, max_size=6), max_size=20), st.integers(min_value=1, max_value=5))
def test_columns_of_blocks_give_back_each_row(records: list[list[str]], size: int) -> None:
    """A row taken back from the columns (what the per-row check is given for an unsettled
    row) has the cells the row reader read, padded as ``rows.RowReader`` pads them."""
    headers = ("id", "rule", "start", "done")
    table = LedgerTable(None, headers, {"id": 0, "rule": 1, "start": 2, "done": 3}, iter(()), ())
    for first in range(0, len(records), size):
        part = records[first : first + size]
        ledger = block_ledger(table, RowBlock(range(2 + first, 2 + first + len(part)), [None] * len(part), part))
        assert list(ledger.rows) == list(range(2 + first, 2 + first + len(part)))
        for at, cells in enumerate(part):
            row = ledger.row(at)
            assert row.row == first + at + 2
            assert list(row.cells) == cells
            padded = (list(cells) + [""] * len(headers))[: len(headers)]
            assert [column[at] for column in ledger.columns] == padded


@given(
    st.lists(st.integers(min_value=-20, max_value=20), max_size=30),
    st.lists(st.integers(min_value=-20, max_value=20), max_size=30),
)
def test_merging_two_runs_keeps_the_earlier_first(earlier: list[int], later: list[int]) -> None:
    """The duplicate-id table's merge is the stable sort of the two runs joined."""
    import numpy as np

    from gkcli.ledger.duplicates import _merged

    first, second = np.sort(np.array(earlier, dtype=np.int64)), np.sort(np.array(later, dtype=np.int64))
    rows, later_rows = np.arange(len(first), dtype=np.int64), np.arange(len(second), dtype=np.int64) + 100
    hashes, merged_rows = _merged(first, rows, second, later_rows)
    joined = np.concatenate((first, second))
    order = np.argsort(joined, kind="stable")
    assert hashes.tolist() == joined[order].tolist()
    assert merged_rows.tolist() == np.concatenate((rows, later_rows))[order].tolist()
