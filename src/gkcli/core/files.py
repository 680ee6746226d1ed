"""Writing output files whole or not at all, and never over an input (docs/design.md §8).

A regular file is written to a temporary file in the directory of its real target
(symlinks are followed, so a link keeps pointing at fresh data), flushed to disk, then
renamed over the target. A device, FIFO or socket is written directly and never replaced.
An error leaves the target as it was and becomes an ``InputError`` naming the file.
Temporary files are named ``.NAME.XXXX.gkcli-tmp`` (``is_temporary``): a crash may leave
one behind, and readers of data directories skip them.

``refuse_same_file`` stops a run before anything is written when an output is one of the
files the run reads (same resolved path, or same device and inode: a hard link).
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from gkcli.core.errors import InputError, os_reason

__all__ = [
    "TEMP_SUFFIX",
    "atomic_open",
    "check_writable",
    "is_temporary",
    "real_target",
    "refuse_same_file",
    "write_atomically",
]

TEMP_SUFFIX = ".gkcli-tmp"


def is_temporary(path: Path) -> bool:
    """A temporary file of ``atomic_open`` (perhaps left behind by a crash): never data."""
    return path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX)


def _cannot_write(target: Path, exc: OSError) -> InputError:
    en, zh = os_reason(exc)
    return InputError(
        f"cannot write {target}: {en}; check that the directory exists and is writable",
        f"无法写入 {target}：{zh}；请检查目录是否存在、是否可写",
    )


def real_target(path: Path) -> Path:
    """What writing ``path`` changes: the file at the end of its symlinks (which need not
    exist yet)."""
    return Path(os.path.realpath(path))


def _new_file_mode(target: Path) -> int:
    """The mode an ordinary ``open(target, "w")`` would give: the existing file's mode,
    else 0o666 less the umask (``mkstemp`` alone would leave 0o600)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _is_special(target: Path) -> bool:
    """An existing file that is not a regular file: a device, FIFO or socket."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w", **options: Any) -> Iterator[IO[Any]]:
    """``open(path, mode, **options)`` that changes ``path``'s real target only when the
    block ends without an exception. ``mode`` is ``"w"`` or ``"wb"``."""
    target = real_target(Path(path))
    if _is_special(target):
        try:
            with open(target, mode, **options) as stream:
                yield stream
        except OSError as exc:
            raise _cannot_write(Path(path), exc) from None
        return
    temporary: str | None = None
    try:
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=TEMP_SUFFIX)
        with os.fdopen(fd, mode, **options) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _new_file_mode(target))
        os.replace(temporary, target)
        temporary = None
        _sync_directory(target.parent)
    except OSError as exc:
        raise _cannot_write(Path(path), exc) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _sync_directory(directory: Path) -> None:
    """Make the rename durable where the platform allows it (not on Windows)."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def check_writable(path: Path, option: str, example: str) -> None:
    """Refuse an output file given with ``option`` (``--ics``, ``-o``) that cannot be
    written, before anything is computed, printed or written elsewhere; ``example`` is a
    file name to suggest when ``path`` is a directory."""
    target = real_target(path)
    directory = target.parent
    if target.is_dir():
        en = f"is a directory; give a file name, e.g. {option} {path / example}"
        zh = f"是一个目录；请给出文件名，例如 {option} {path / example}"
    elif _is_special(target):
        return
    elif not directory.is_dir():
        en, zh = f"the directory {directory} does not exist; create it first", f"目录 {directory} 不存在；请先创建"
    elif not os.access(directory, os.W_OK):
        en, zh = f"the directory {directory} is not writable", f"目录 {directory} 不可写"
    else:
        return
    raise InputError(f"cannot write {option} {path}: {en}", f"无法写入 {option} {path}：{zh}")


def _identity(path: Path) -> tuple[int, int] | None:
    """Device and inode of ``path`` (``-``: stdin), None when it cannot be known."""
    try:
        info = os.stat(path) if str(path) != "-" else os.fstat(0)
    except (OSError, ValueError, AttributeError):
        return None
    return info.st_dev, info.st_ino


def refuse_same_file(outputs: Iterable[tuple[Path | None, str]], inputs: Iterable[Path]) -> None:
    """``InputError`` (exit 2) naming both files when an output (``(path, option)``, None
    or ``-`` for stdout) would write a file the run reads (``-`` is stdin) or another
    output of the run. A character device (``/dev/null``, a terminal) may be both: writing
    it destroys nothing that is read."""
    seen: list[tuple[Path, str]] = [(path, str(path)) for path in inputs]
    for output, option in outputs:
        if output is None or str(output) == "-":
            continue
        target = real_target(output)
        with contextlib.suppress(OSError):
            if stat.S_ISCHR(target.stat().st_mode):
                continue
        mine = _identity(target)
        for other, label in seen:
            same_path = str(other) != "-" and real_target(other) == target
            if same_path or (mine is not None and mine == _identity(other)):
                raise InputError(
                    f"{option} {output} is the same file as {label}, which this run also uses; write to another file",
                    f"{option} {output} 与 {label} 是同一个文件（本次运行也要使用它）；请写到另一个文件",
                )
        seen.append((output, f"{option} {output}"))


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all."""
    with atomic_open(path, "wb") as stream:
        stream.write(data)
