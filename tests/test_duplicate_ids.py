"""The duplicate-id table (``ledger.duplicates``): its answers equal a plain dict's, whether
the ids sit in the dict, in runs whose top bits are in memory and the rest in the spill
file, or in runs merged on the way; and whether the ids come one at a time or in chunks."""

from __future__ import annotations

import errno
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gkcli.cli.app import app
from gkcli.core.dates import BEIJING
from gkcli.core.errors import GkcliError
from gkcli.ledger import duplicates as duplicates_module
from gkcli.ledger.duplicates import DuplicateIds
from gkcli.ledger.frame import check_frame

# Hashes that often share their top 32 bits (the part of a run kept in memory) but not the
# rest, so the file is read to tell them apart; 0 is "no id".
_TOPS = st.sampled_from([-(1 << 31), -1, 0, 1, 7, (1 << 31) - 1])
_HASHES = st.builds(lambda top, low: (top << 32) | low, _TOPS, st.integers(0, 3) | st.integers(0, (1 << 32) - 1))


def _oracle(hashes: list[int], rows: list[int], seen: dict[int, int]) -> list[int]:
    firsts = []
    for key, row in zip(hashes, rows, strict=True):
        if key == 0:
            firsts.append(row)
            continue
        firsts.append(seen.setdefault(key, row))
    return firsts


@settings(max_examples=200)
@given(st.lists(st.lists(_HASHES, max_size=40), max_size=12), st.integers(2, 70), st.integers(0, 30))
def test_chunks_find_the_first_row_a_dict_finds(chunks: list[list[int]], merge_limit: int, spill_limit: int) -> None:
    ids = DuplicateIds()
    seen: dict[int, int] = {}
    row = 2
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(duplicates_module, "MERGE_LIMIT", merge_limit)
        patch.setattr(duplicates_module, "SPILL_LIMIT", spill_limit)
        for chunk in chunks:
            rows = list(range(row, row + len(chunk)))
            row += len(chunk)
            expected = _oracle(chunk, rows, seen)
            got = ids.register_chunk(np.array(chunk, dtype=np.int64), np.array(rows, dtype=np.int64))
            assert got.firsts.tolist() == expected
            # Shared: met on an earlier row, or on another row of the chunk (the first included).
            assert got.shared.tolist() == [
                bool(key) and (first != row or chunk.count(key) > 1)
                for key, first, row in zip(chunk, expected, rows, strict=True)
            ]
    ids.close()


@settings(max_examples=100)
@given(st.lists(st.text(max_size=3), max_size=60), st.integers(1, 8))
def test_ids_one_at_a_time_past_the_dict_limit(row_ids: list[str], dict_limit: int) -> None:
    """Past ``DICT_LIMIT`` the dict moves to a run; later rows find earlier ids there."""
    ids = DuplicateIds()
    seen: dict[str, int] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(duplicates_module, "DICT_LIMIT", dict_limit)
        patch.setattr(duplicates_module, "MERGE_LIMIT", 16)
        patch.setattr(duplicates_module, "SPILL_LIMIT", 4)
        for row, row_id in enumerate(row_ids, start=2):
            expected = seen.setdefault(row_id, row) if row_id else row
            assert ids.first_row(row_id, row) == expected
    ids.close()


@pytest.mark.parametrize("spilled", [True, False])
def test_a_large_run_is_read_by_its_candidates_only(monkeypatch: pytest.MonkeyPatch, spilled: bool) -> None:
    """A chunk of a few ids against a large run reads just the entries whose top bits match
    (the other branch of ``_earlier``), and finds the ids that share top bits apart."""
    monkeypatch.setattr(duplicates_module, "SPILL_LIMIT", 1 if spilled else 1 << 20)
    ids = DuplicateIds()
    run = np.arange(1, 5_001, dtype=np.int64) << 16  # 5,000 ids, many sharing their top bits
    ids.register_chunk(run, np.arange(10, 5_010, dtype=np.int64))
    needles = np.array([run[0], run[4_999], run[17] + 1, 0], dtype=np.int64)
    found = ids.register_chunk(needles, np.arange(6_000, 6_004, dtype=np.int64))
    assert found.firsts.tolist() == [10, 5_009, 6_002, 6_003]
    assert found.shared.tolist() == [True, True, False, False]
    assert (ids._file is not None) == spilled
    ids.close()


def test_a_small_table_writes_no_file() -> None:
    ids = DuplicateIds()
    ids.register_chunk(np.arange(1, 1_001, dtype=np.int64), np.arange(2, 1_002, dtype=np.int64))
    assert ids._file is None


def test_a_full_temporary_directory_is_one_error_naming_it(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(duplicates_module.tempfile, "TemporaryFile", full)
    monkeypatch.setattr(duplicates_module.tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(duplicates_module, "SPILL_LIMIT", 1)
    with pytest.raises(GkcliError) as raised:
        DuplicateIds().register_chunk(np.array([5], dtype=np.int64), np.array([2], dtype=np.int64))
    assert raised.value.en == (
        f"cannot write the table of ids in the temporary directory {tmp_path}: No space left on device; "
        "free some space there or set TMPDIR to another directory"
    )


def test_close_removes_the_spill_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(duplicates_module, "SPILL_LIMIT", 1)
    ids = DuplicateIds()
    ids.register_chunk(np.array([5, 6], dtype=np.int64), np.array([2, 3], dtype=np.int64))
    spill = ids._file
    assert spill is not None and not spill.closed
    ids.prime({9: 2})
    ids.close()
    assert spill.closed
    assert ids.first_row("x", 9) == 9  # an emptied table still answers, and forgot what was primed


class _Recorded:
    """``tempfile.TemporaryFile`` that remembers each file it makes."""

    def __init__(self) -> None:
        self.made: list[IO[bytes]] = []
        self._make = duplicates_module.tempfile.TemporaryFile

    def __call__(self, *args: Any, **kwargs: Any) -> IO[bytes]:
        made = self._make(*args, **kwargs)
        self.made.append(made)
        return made


def _ledger(path: Path, rows: int) -> Path:
    lines = ["编号,事项,起算日期,完成日期"]
    lines += [f"GK-{n},request-reply,2026-09-01,2026-09-10" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_cli_removes_each_files_spill_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    recorded = _Recorded()
    monkeypatch.setattr(duplicates_module.tempfile, "TemporaryFile", recorded)
    monkeypatch.setattr(duplicates_module, "SPILL_LIMIT", 1)
    first, second = _ledger(tmp_path / "a.csv", 30), _ledger(tmp_path / "b.csv", 30)
    result = CliRunner().invoke(app, ["ledger", "check", str(first), str(second), "--as-of", "2026-11-28"])
    assert result.exit_code == 0, result.output
    assert len(recorded.made) == 2
    assert all(made.closed for made in recorded.made)


def test_a_frame_check_removes_its_spill_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-row check behind ``check_frame`` spills past ``DICT_LIMIT`` ids too."""
    pandas = pytest.importorskip("pandas")
    recorded = _Recorded()
    monkeypatch.setattr(duplicates_module.tempfile, "TemporaryFile", recorded)
    monkeypatch.setattr(duplicates_module, "SPILL_LIMIT", 1)
    monkeypatch.setattr(duplicates_module, "DICT_LIMIT", 2)
    frame = pandas.DataFrame({"id": [f"x{n}" for n in range(10)], "rule": ["nope"] * 10, "start": ["2026-09-01"] * 10})
    found = check_frame(frame, as_of=datetime(2026, 11, 28, tzinfo=BEIJING))
    assert len(found) == 10  # unknown-rule each: every row went through the per-row check
    assert recorded.made and all(made.closed for made in recorded.made)


_TEXTS = st.sampled_from(["", "A-1", "A-2", "B-1", "B-2", "C", "中-1", "x" * 9])


@settings(max_examples=200)
@given(st.lists(st.one_of(_TEXTS, st.lists(_TEXTS, min_size=1, max_size=9)), max_size=30), st.integers(1, 6))
def test_rows_one_at_a_time_and_chunks_interleaved(steps: list[str | list[str]], dict_limit: int) -> None:
    """The per-row check's rows (the dict) and the kernel's chunks (the runs, by their marks)
    in any order: every row gets the first row of its id, whichever way that id was met."""
    ids = DuplicateIds()
    seen: dict[str, int] = {}
    row = 2
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(duplicates_module, "DICT_LIMIT", dict_limit)
        patch.setattr(duplicates_module, "MERGE_LIMIT", 8)
        patch.setattr(duplicates_module, "SPILL_LIMIT", 3)
        for step in steps:
            if isinstance(step, str):
                assert ids.first_row(step, row) == (seen.setdefault(step, row) if step else row)
                row += 1
                continue
            rows = list(range(row, row + len(step)))
            row += len(step)
            hashes = np.array([hash(text) if text else 0 for text in step], dtype=np.int64)
            got = ids.register_chunk(hashes, np.array(rows, dtype=np.int64))
            assert got.firsts.tolist() == [
                seen.setdefault(text, at) if text else at for text, at in zip(step, rows, strict=True)
            ]
    ids.close()
