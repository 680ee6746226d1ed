"""The parsed tables of the TOML files gkcli reads, kept between runs (docs/performance.md,
"Start-up"): importing ``tomllib`` and parsing ``rules.toml`` cost a ``gkcli deadline RULE
START`` more than everything else it does, and a shell loop calls it once a date.

The cache never stands in for a file. Each entry holds the exact bytes it was parsed from;
the file is read on every run and its table taken from the cache only when its bytes are
those bytes, by the same Python, and the table is then checked as a parsed one is
(``tomlfile.read_toml``). Any other case parses the file: no entry, changed bytes (however
its size or time stamp look), another Python, a damaged, unreadable or unwritable cache, or
``GKCLI_CACHE_DIR`` set empty. The cache is one file in ``GKCLI_CACHE_DIR``, else the
per-user cache directory (``default_cache_dir``), holding the ``MAX_ENTRIES`` files read last
of at most ``MAX_SOURCE_BYTES`` each.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["CACHE_NAME", "MAX_ENTRIES", "MAX_SOURCE_BYTES", "cache_file", "default_cache_dir", "lookup", "store"]

CACHE_NAME = "toml-tables.marshal"
MAX_ENTRIES = 64
MAX_SOURCE_BYTES = 256 << 10
"""A larger file is parsed every time: every run reads the whole cache file."""
_FORMAT = 1
# An entry is (the file's bytes, its table as ``marshal`` bytes): a run unpacks only the tables
# it reads. TOML dates and times are (kind, ISO text) tuples there, since ``marshal`` has no
# dates and a TOML table holds no tuples of its own.
_TIMES: dict[str, Any] = {"datetime": datetime, "date": date, "time": time}

Entries = dict[str, tuple[bytes, bytes]]


def default_cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/gkcli`` (``~/.cache/gkcli``), ``~/Library/Caches/gkcli`` on macOS,
    ``%LOCALAPPDATA%\\gkcli\\Cache`` on Windows; None when that is no absolute path (no
    ``LOCALAPPDATA``, a home directory that cannot be found): the cache is never made in the
    working directory."""
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        directory = Path(local) / "gkcli" / "Cache" if local else None
    elif sys.platform == "darwin":
        directory = Path.home() / "Library" / "Caches" / "gkcli"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")  # a relative one is ignored: never a cache in the working directory
        directory = (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "gkcli"
    return directory if directory is not None and directory.is_absolute() else None


def cache_file() -> Path | None:
    """The cache file: in ``GKCLI_CACHE_DIR`` when set (no cache when it is empty), else in
    ``default_cache_dir()``."""
    configured = os.environ.get("GKCLI_CACHE_DIR")
    directory = (Path(configured) if configured else None) if configured is not None else default_cache_dir()
    return directory / CACHE_NAME if directory is not None else None


def _header() -> tuple[int, str]:
    return (_FORMAT, sys.version)


@cache
def _entries(path: Path) -> Entries:
    """The entries of the cache file ``path``, read once a process; {} when there are none to trust."""
    try:
        with open(path, "rb") as stream:
            header, entries = marshal.load(stream)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if header == _header() and isinstance(entries, dict) else {}


def _key(path: Path) -> str:
    return os.path.abspath(path)


def lookup(path: Path, data: bytes) -> dict[str, Any] | None:
    """The table parsed from ``data`` when ``path`` was last read with exactly these bytes, else None."""
    target = cache_file()
    entry = _entries(target).get(_key(path)) if target is not None else None
    if not (isinstance(entry, tuple) and len(entry) == 2 and entry[0] == data):
        return None
    try:
        table = _decoded(marshal.loads(entry[1]))
    except (RecursionError, TypeError, ValueError, KeyError, EOFError):
        return None
    return table if isinstance(table, dict) else None


def store(path: Path, data: bytes, table: dict[str, Any]) -> None:
    """Keep ``table`` as the table of ``data`` at ``path``; a cache that cannot be written
    is left as it is (the next run parses again)."""
    target = cache_file()
    if target is None or len(data) > MAX_SOURCE_BYTES:
        return
    entries = _entries(target)
    key = _key(path)
    entries.pop(key, None)
    entries[key] = (data, marshal.dumps(_encoded(table)))
    for oldest in list(entries)[: max(len(entries) - MAX_ENTRIES, 0)]:
        del entries[oldest]
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as stream:
            marshal.dump((_header(), entries), stream)
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _encoded(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _encoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encoded(item) for item in value]
    for kind, type_ in _TIMES.items():  # datetime first: a datetime is a date too
        if isinstance(value, type_):
            return (kind, value.isoformat())
    return value


def _decoded(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _decoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    if isinstance(value, tuple):
        kind, text = value
        return _TIMES[kind].fromisoformat(text)
    return value
