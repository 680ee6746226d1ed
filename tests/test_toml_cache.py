"""The cache of parsed TOML tables (core/tomlcache.py): a file read again with the same bytes
is not parsed again, and nothing else ever comes from the cache."""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

import pytest

from gkcli.core import tomlcache
from gkcli.core.errors import DataFileError
from gkcli.core.tomlfile import read_toml

TEXT = """title = "x"
day = 2026-10-01
when = 2026-10-01T08:30:00+08:00
local = 2026-10-01T08:30:00
clock = 08:30:00
numbers = [1, 2.5, true]

[[rules]]
id = "a"
versions = [{ from = 2020-01-01, amount = 3 }]
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("GKCLI_CACHE_DIR", str(directory))
    return directory


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(tomllib, "loads", refuse)


def test_a_file_read_again_with_the_same_bytes_is_not_parsed_again(cache_dir, tmp_path, monkeypatch):
    path = tmp_path / "data.toml"
    path.write_text(TEXT, encoding="utf-8")
    first = read_toml(path, DataFileError)
    assert first == tomllib.loads(TEXT)  # dates, date-times, times and tables as tomllib gives them
    assert (cache_dir / tomlcache.CACHE_NAME).is_file()
    _no_parsing(monkeypatch)
    assert read_toml(path, DataFileError) == first


def test_changed_bytes_are_parsed_again_whatever_the_size_and_time_stamp(cache_dir, tmp_path):
    path = tmp_path / "data.toml"
    path.write_text('value = "aaaa"\n', encoding="utf-8")
    assert read_toml(path, DataFileError) == {"value": "aaaa"}
    stamp = path.stat()
    path.write_text('value = "bbbb"\n', encoding="utf-8")  # same size
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same time stamp
    assert read_toml(path, DataFileError) == {"value": "bbbb"}


def test_a_damaged_cache_is_ignored(cache_dir, tmp_path):
    cache_dir.mkdir()
    (cache_dir / tomlcache.CACHE_NAME).write_bytes(b"\x00not marshal")
    path = tmp_path / "data.toml"
    path.write_text(TEXT, encoding="utf-8")
    assert read_toml(path, DataFileError) == tomllib.loads(TEXT)


def test_a_file_breaking_a_limit_is_refused_and_never_cached(cache_dir, tmp_path):
    path = tmp_path / "data.toml"
    path.write_text("n = 9007199254740993\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataFileError, match="out of range"):
            read_toml(path, DataFileError)
    assert tomlcache.lookup(path, path.read_bytes()) is None


def test_an_empty_cache_setting_keeps_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GKCLI_CACHE_DIR", "")
    path = tmp_path / "data.toml"
    path.write_text(TEXT, encoding="utf-8")
    assert read_toml(path, DataFileError) == tomllib.loads(TEXT)
    assert tomlcache.cache_file() is None


def test_an_unwritable_cache_changes_nothing(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("GKCLI_CACHE_DIR", str(blocker / "cache"))  # under a file: cannot be made
    path = tmp_path / "data.toml"
    path.write_text(TEXT, encoding="utf-8")
    assert read_toml(path, DataFileError) == read_toml(path, DataFileError) == tomllib.loads(TEXT)


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG cache directory")
def test_the_default_cache_directory_is_the_users_and_never_relative(monkeypatch):
    monkeypatch.delenv("GKCLI_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert tomlcache.cache_file() == Path("/somewhere/gkcli") / tomlcache.CACHE_NAME
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", "/home/someone")
    assert tomlcache.cache_file() == Path("/home/someone/.cache/gkcli") / tomlcache.CACHE_NAME


def test_a_large_file_is_not_cached(cache_dir, tmp_path):
    path = tmp_path / "large.toml"
    path.write_text("text = '" + "x" * tomlcache.MAX_SOURCE_BYTES + "'\n", encoding="utf-8")
    assert len(read_toml(path, DataFileError)["text"]) == tomlcache.MAX_SOURCE_BYTES
    assert not (cache_dir / tomlcache.CACHE_NAME).exists()
