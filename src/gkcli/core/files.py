"""Writing output files whole or not at all (docs/design.md §8): a temporary file in the same
directory, flushed to disk, then renamed over the target. An error leaves the target as
it was and becomes an ``InputError`` naming the file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from gkcli.core.errors import InputError

__all__ = ["atomic_open", "check_writable", "write_atomically"]


def _cannot_write(target: Path, exc: OSError) -> InputError:
    return InputError(
        f"cannot write {target}: {exc.strerror or exc}; check that the directory exists and is writable",
        f"无法写入 {target}：{exc.strerror or exc}；请检查目录是否存在、是否可写",
    )


def _new_file_mode(target: Path) -> int:
    """The mode an ordinary ``open(target, "w")`` would give: the existing file's mode,
    else 0o666 less the umask (``mkstemp`` alone would leave 0o600)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w", **options: Any) -> Iterator[IO[Any]]:
    """``open(path, mode, **options)`` that replaces ``path`` only when the block ends
    without an exception. ``mode`` is ``"w"`` or ``"wb"``."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path()
    temporary: str | None = None
    try:
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, mode, **options) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _new_file_mode(target))
        os.replace(temporary, target)
        temporary = None
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


def check_writable(path: Path, option: str, example: str) -> None:
    """Refuse an output file given with ``option`` (``--ics``, ``-o``) that cannot be
    written, before anything is computed, printed or written elsewhere; ``example`` is a
    file name to suggest when ``path`` is a directory."""
    directory = path.parent
    if path.is_dir():
        en = f"is a directory; give a file name, e.g. {option} {path / example}"
        zh = f"是一个目录；请给出文件名，例如 {option} {path / example}"
    elif not directory.is_dir():
        en, zh = f"the directory {directory} does not exist; create it first", f"目录 {directory} 不存在；请先创建"
    elif not os.access(directory, os.W_OK):
        en, zh = f"the directory {directory} is not writable", f"目录 {directory} 不可写"
    else:
        return
    raise InputError(f"cannot write {option} {path}: {en}", f"无法写入 {option} {path}：{zh}")


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all."""
    with atomic_open(path, "wb") as stream:
        stream.write(data)
