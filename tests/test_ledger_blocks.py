"""The column reader reads what the row reader reads (docs/performance.md): ``CsvRecords.blocks``
gives the same cells, row numbers and physical lines as the records read one at a time, for
any CSV text (quoted line breaks, ``\\r\\n`` and lone ``\\r``, short and long records, empty
lines, BOMs), in every encoding a ledger is read in, and the same error after the same rows."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gkcli.ledger import rawcsv, read
from gkcli.ledger.codes import FindingCode
from gkcli.ledger.columnar import block_ledger
from gkcli.ledger.rawcsv import RawBlock, plain_block
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
    return _block_rows(_csv_rows(path, encoding, delimiter).blocks(size))


def _block_rows(blocks: Iterator[RowBlock | RawBlock]) -> tuple[list[tuple[object, ...]], object]:
    """Each row of the blocks as (row, line, cells, cells too long), and the error at the end."""
    rows: list[tuple[object, ...]] = []
    failure = None
    for block in blocks:
        if isinstance(block, RawBlock):
            rows.extend((block.rows[at], block.lines[at], block.cells(at), ()) for at in range(len(block)))
            continue
        assert len(block.rows) == len(block.lines) == len(block.cells)
        rows.extend(
            (row, line, list(cells), block.long[at].too_long if at in block.long else ())
            for at, (row, line, cells) in enumerate(zip(block.rows, block.lines, block.cells, strict=True))
        )
        if block.error is not None:
            failure = (block.error.code, block.error.line, block.error.en)
    return rows, failure


@contextmanager
def _limits(small: bool, read_bytes: int = rawcsv.READ_BYTES) -> Iterator[None]:
    """csv's field limit and the line limit lowered, so that short texts hold long cells and
    lines; the bytes reader's reads of ``read_bytes``, so that short texts take several."""
    field_limit, line_chars, read_size = csv.field_size_limit(), read.LINE_CHARS, rawcsv.READ_BYTES
    if small:
        csv.field_size_limit(4)
        read.LINE_CHARS = 9
    rawcsv.READ_BYTES = read_bytes
    try:
        yield
    finally:
        csv.field_size_limit(field_limit)
        read.LINE_CHARS = line_chars
        rawcsv.READ_BYTES = read_size


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


def _raw(
    path: Path, encoding: str, delimiter: str | None, width: int, size: int
) -> tuple[list[tuple[object, ...]], object]:
    """The rows of ``CsvRecords.raw_blocks``: plain lines as ``RawBlock``s, then row blocks."""
    return _block_rows(_csv_rows(path, encoding, delimiter).raw_blocks(width, size, size))


_PLAIN_CELL = st.lists(st.sampled_from(["a", "1", " ", "办", "\ufeff", "-", "\t", "é"]), max_size=4).map("".join)


@st.composite
def _mostly_plain_texts(draw: st.DrawFn) -> tuple[str, str, str | None, int]:
    """CSV texts of ``width`` cells a line, mostly plain (``rawcsv``), now and then with a
    line that is not: a quote, a short or long line, an empty one, a lone ``\\r``."""
    encoding, delimiter = draw(
        st.sampled_from((("utf-8-sig", None), ("utf-8", ";"), ("utf-8", "\t"), ("gb18030", None)))
    )
    separator = delimiter or ","
    width = draw(st.integers(min_value=1, max_value=4))
    lines = []
    for _ in range(draw(st.integers(min_value=0, max_value=14))):
        cells = [draw(_PLAIN_CELL) for _ in range(width)]
        odd = draw(st.integers(min_value=0, max_value=12))
        if odd == 0:
            cells = cells[:-1]
        elif odd == 1:
            cells.append("past")
        elif odd == 2:
            cells[0] = '"quoted' + separator + 'cell"'
        line = separator.join(cell.replace(separator, "") if odd != 2 else cell for cell in cells)
        lines.append(line + draw(st.sampled_from(["\n", "\n", "\r\n", "\r"])))
    text = "".join(lines)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")  # no line break after the last record
    return text, encoding, delimiter, width


@settings(max_examples=300)
@given(
    _mostly_plain_texts(),
    st.integers(min_value=1, max_value=5),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.sampled_from([1, 3, 7, rawcsv.READ_BYTES]),
)
def test_raw_blocks_read_what_rows_read(
    tmp_path_factory,
    case: tuple[str, str, str | None, int],
    size: int,
    bom: bool,
    bad: bool,
    small: bool,
    read_bytes: int,
) -> None:
    """Plain lines read as bytes (``rawcsv``) are the rows csv.reader reads, with their row
    numbers and lines, and the text reader takes over from the first line that is not plain
    — a BOM, an encoding error or a long line (over lowered limits) included."""
    text, encoding, delimiter, width = case
    data = text.encode(encoding)
    if bom and encoding == "utf-8":
        data = codecs.BOM_UTF8 + data
        encoding = "utf-8-sig"
    folder = tmp_path_factory.mktemp("raw")
    path, good = folder / "ledger.csv", folder / "good.csv"
    ended = text.endswith(("\n", "\r")) or not text
    path.write_bytes(data + (b"" if ended else b"\n") + b"\xff\xfe bad bytes\n" if bad else data)
    good.write_bytes(data)
    with _limits(small, read_bytes):
        rows, failure = _raw(path, encoding, delimiter, width, size)
        expected = _one_at_a_time(good, encoding, delimiter)
        if not bad:
            assert (rows, failure) == expected
            return
        # Bytes that do not decode: csv.reader decodes ahead and fails before rows it has not
        # given, the bytes path fails at the line itself; either way the same rows first,
        # all of them when every line was plain, and the error names the line after them.
        assert rows == expected[0][: len(rows)]
        assert failure is not None and failure[0] is FindingCode.ENCODING_ERROR
        if all(
            isinstance(block, RawBlock) for block in _csv_rows(good, encoding, delimiter).raw_blocks(width, size, size)
        ):
            assert rows == expected[0] and failure[1] == len(text.splitlines()) + 1


def test_plain_utf8_lines_are_read_as_raw_blocks(tmp_path, monkeypatch) -> None:
    """The test above compares whatever path is taken: here, plain lines do take the bytes path,
    a block at a time, up to the first block that is not plain (a quote), and csv.reader from
    there on. A block is the whole lines in hand once it holds ``count``: with reads of four
    bytes, one line each here (a character split between reads)."""
    monkeypatch.setattr(rawcsv, "READ_BYTES", 4)
    path = tmp_path / "ledger.csv"
    path.write_bytes('a,b\n1,办\r\n2,\n"3",x\n4,y\n'.encode())
    blocks = list(_csv_rows(path, "utf-8-sig").raw_blocks(2, 1, 2))
    assert [type(block).__name__ for block in blocks] == ["RawBlock", "RawBlock", "RawBlock", "RowBlock"]
    assert [blocks[at].cells(0) for at in range(3)] == [["a", "b"], ["1", "办"], ["2", ""]]
    assert blocks[1].texts(1) == ["办"] and blocks[2].texts(1) == [""] and list(blocks[2].rows) == [3]
    assert blocks[3].cells == [["3", "x"], ["4", "y"]] and list(blocks[3].lines) == [4, 5]


_TEN = st.text(alphabet="0123456789-x９", min_size=10, max_size=10)


@settings(max_examples=300)
@given(
    st.lists(
        st.one_of(
            _TEN,
            st.dates().map(date.isoformat),
            st.sampled_from(
                ["", " ", "2024-02-29", "2023-02-29", "1900-01-01", "1899-12-31", "2199-12-31", "2200-01-01"]
            ),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_raw_dates_are_the_dates_the_text_path_reads(cells: list[str]) -> None:
    """``RawLedger.days`` (dates read from bytes) equals ``_plain_day`` of each cell's text."""
    from gkcli.ledger.columnar import RawLedger, _plain_day

    lines = "".join(f"{cell},x\n" for cell in cells).encode()
    block = plain_block(lines, ",", 2, 1 << 20, 1 << 20, 2, 2)
    assert block is not None
    table = LedgerTable("utf-8", ("start", "unit"), {"start": 0}, iter(()), ())
    assert RawLedger(table, block).days("start").tolist() == [_plain_day(cell) for cell in cells]
