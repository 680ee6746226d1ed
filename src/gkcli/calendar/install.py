"""Writing an imported year into a data directory (docs/holidays.md, "Several imports at once").

Without ``--force`` a data file is created exclusively: its text goes to a temporary file in
the target's directory, which is then hard-linked to the target name. The link fails if the
name exists, whoever created it and however close in time, so of several imports into one
directory exactly one succeeds and the others are told "already exists" (never
check-then-write); the file appears whole or not at all. With ``--force`` the file is
replaced atomically (``core.files.write_atomically``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from gkcli.calendar.yeardata import YearData, dump_year_data
from gkcli.core.errors import InputError, os_reason
from gkcli.core.files import write_atomically

__all__ = ["data_file_text", "install_data_file"]

# Filesystems without hard links answer one of these; an O_EXCL create is used there instead.
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


def data_file_text(data: YearData, imported_from: str) -> str:
    """The data file for ``data``, headed by where it was imported from."""
    return f"# Imported with gkcli from {imported_from}.\n" + dump_year_data(data)


def _already_exists(target: Path) -> InputError:
    return InputError(
        f"{target} already exists; pass --force to replace it, or -o to write elsewhere",
        f"{target} 已存在；如需替换请加 --force，或用 -o 写到别处",
    )


def _cannot(action_en: str, action_zh: str, path: Path, exc: OSError) -> InputError:
    en, zh = os_reason(exc)
    return InputError(f"cannot {action_en} {path}: {en}", f"无法{action_zh} {path}：{zh}")


def _create_exclusively(target: Path, content: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise _already_exists(target) from None
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            _open_exclusively(target, content)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _open_exclusively(target: Path, content: bytes) -> None:
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise _already_exists(target) from None
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(content)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def install_data_file(target: Path, content: bytes, *, force: bool = False) -> None:
    """Write ``content`` to ``target``, creating its directory; an existing file is an
    ``InputError`` ("already exists", exit 2) unless ``force``."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot("create", "创建目录", target.parent, exc) from None
    if force:
        write_atomically(target, content)
        return
    try:
        _create_exclusively(target, content)
    except InputError:
        raise
    except OSError as exc:
        raise _cannot("write", "写入", target, exc) from None
