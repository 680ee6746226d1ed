"""The standard streams failing under a command (docs/design.md §6).

- A reader that goes away (``gkcli cal 2026 | head -1``) is a broken pipe: no traceback,
  no message, exit ``BROKEN_PIPE`` (141, the shell's 128 + SIGPIPE), a code no result uses.
- A stream that cannot be written or read (a full disk, a stream closed with ``>&-``) is
  one line naming the stream and the OS error, exit 2.

Every OS error of a standard stream is raised as a ``StreamError`` naming the stream
(``guard_streams``). A stream closed before start-up fails when it is used, so a command
that never uses it still runs.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from typing import IO, Any

from gkcli.core.errors import os_reason
from gkcli.core.utf8out import mark_as_is

__all__ = [
    "BROKEN_PIPE",
    "BrokenPipe",
    "StreamError",
    "guard_streams",
    "route_rich_broken_pipes",
    "stream_failure_exit",
]

BROKEN_PIPE = 141


class BrokenPipe(Exception):
    """Carries a broken pipe past the CLI framework, which would turn it into exit 1."""


class StreamError(OSError):
    """A read or write of a standard stream failed; ``stream`` names it."""

    def __init__(self, stream: str, code: int, reason: str) -> None:
        super().__init__(code, reason)
        self.stream = stream


class _Stream(io.RawIOBase):
    """The raw layer under a standard stream: reads and writes its descriptor (None when
    the stream was closed at start-up), and turns every OS error but a broken pipe into a
    ``StreamError`` naming it. Once reported, a failed stream is ``silenced``: writes are dropped, so the
    interpreter's last flush cannot fail again."""

    def __init__(self, stream: str, fd: int | None) -> None:
        super().__init__()
        self.stream = stream
        self.fd = fd
        self.silenced = False

    def readable(self) -> bool:
        return self.stream == "stdin"

    def writable(self) -> bool:
        return self.stream != "stdin"

    def isatty(self) -> bool:
        return self.fd is not None and os.isatty(self.fd)

    def fileno(self) -> int:
        if self.fd is None:
            raise self._error(errno.EBADF)
        return self.fd

    def _error(self, code: int) -> StreamError:
        return StreamError(self.stream, code, os.strerror(code))

    def readinto(self, buffer: Any) -> int:
        try:
            data = os.read(self.fileno(), len(buffer))
        except StreamError:
            raise
        except OSError as error:
            raise self._error(error.errno or errno.EIO) from None
        buffer[: len(data)] = data
        return len(data)

    def write(self, data: Any) -> int:
        if self.silenced:
            return len(data)
        try:
            return os.write(self.fileno(), data)
        except (StreamError, BrokenPipeError):
            raise
        except OSError as error:
            raise self._error(error.errno or errno.EIO) from None


def guard_streams() -> None:
    """Put a ``_Stream`` under stdin, stdout and stderr (those still the interpreter's own),
    keeping each one's encoding, error handler and buffering. Not on Windows, whose console needs its own stream."""
    if sys.platform == "win32":
        return
    for name, fd in (("stdin", 0), ("stdout", 1), ("stderr", 2)):
        current = getattr(sys, name)
        if current is not None and current is not getattr(sys, f"__{name}__"):
            continue  # a stream someone else put in place (a test harness): theirs to handle
        raw = _Stream(name, None if current is None else fd)
        encoding = getattr(current, "encoding", None) or "utf-8"
        errors = getattr(current, "errors", None) or "strict"
        if name == "stdin":
            setattr(sys, name, io.TextIOWrapper(io.BufferedReader(raw), encoding=encoding, errors=errors))
        else:
            line_buffering = bool(getattr(current, "line_buffering", False)) or name == "stderr"
            wrapper = io.TextIOWrapper(
                io.BufferedWriter(raw), encoding=encoding, errors=errors, line_buffering=line_buffering
            )
            mark_as_is(wrapper, None)
            setattr(sys, name, wrapper)


def _raise_broken_pipe(console: object) -> None:
    raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def route_rich_broken_pipes() -> None:
    """Make rich consoles (ours and the CLI framework's help) raise a broken pipe instead
    of exiting 1 themselves: ``Console.on_broken_pipe`` is rich's hook for this."""
    from rich.console import Console

    Console.on_broken_pipe = _raise_broken_pipe  # type: ignore[method-assign,assignment]


def _silence(stream: IO[str]) -> None:
    """Drop whatever a failed stream still holds (see ``_Stream``)."""
    raw = getattr(getattr(stream, "buffer", None), "raw", None)
    if isinstance(raw, _Stream):
        raw.silenced = True
        return
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def stream_failure_exit(error: OSError, lang: str) -> int | None:
    """The exit code for an ``OSError`` that reached the top: ``BROKEN_PIPE`` for a broken
    pipe (silently), 2 with one line on stderr for another stream failure, None when the
    error is no stream's."""
    if isinstance(error, BrokenPipeError) or error.errno == errno.EPIPE:
        _silence(sys.stdout)
        return BROKEN_PIPE
    if not isinstance(error, StreamError):
        return None
    for name in ("stdout", "stderr"):
        if name == error.stream:
            _silence(getattr(sys, name))
    reason_en, reason_zh = os_reason(error)
    verb = "read" if error.stream == "stdin" else "write"
    line = (
        f"gkcli：无法{'读取' if verb == 'read' else '写入'} {error.stream}：{reason_zh}\n"
        if lang == "zh"
        else f"gkcli: cannot {verb} {error.stream}: {reason_en}\n"
    )
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(line)
        sys.stderr.flush()
    return 2
