"""Reading the TOML files a user can hand gkcli (holiday data, ``--rules``, ``gkcli.toml``)
within limits (docs/design.md §8): a file over ``MAX_BYTES``, nested deeper than
``MAX_DEPTH`` or holding an integer outside ``INT_RANGE`` is refused with one message
naming the file and the place, never a RecursionError or OverflowError traceback. A file read
before with the same bytes takes its table from ``tomlcache`` instead of parsing it again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from gkcli.core import tomlcache
from gkcli.core.errors import GkcliError, os_reason

__all__ = ["INT_RANGE", "MAX_BYTES", "MAX_DEPTH", "read_toml"]

MAX_BYTES = 4 << 20
MAX_DEPTH = 16
# The integers JSON and every platform's C types hold exactly; the schemas narrow each key.
INT_RANGE = range(-(2**53) + 1, 2**53)

ErrorFactory = Callable[[str, str], GkcliError]


def read_toml(
    path: Path, error: ErrorFactory, *, origin: str | None = None, kind: tuple[str, str] = ("the file", "文件")
) -> dict[str, Any]:
    """The table in ``path``; ``error(en, zh)`` (an ``InputError`` or ``DataFileError``
    class) is raised, naming ``origin`` (default: the path) and ``kind`` (what the file
    is, in English and Chinese), for a file that cannot be read, is no UTF-8 TOML, or
    breaks a limit."""
    label = origin or str(path)
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        en, zh = os_reason(exc)
        raise error(f"{label}: cannot read {kind[0]}: {en}", f"{label}：无法读取{kind[1]}：{zh}") from None
    if len(data) > MAX_BYTES:
        raise error(
            f"{label}: larger than {MAX_BYTES >> 20} MiB; is this the right file?",
            f"{label}：超过 {MAX_BYTES >> 20} MiB；请确认文件是否正确",
        )
    cached = tomlcache.lookup(path, data)
    table = _parsed(data, label, error) if cached is None else cached
    _check_limits(table, label, error)  # a cached table too: the cache is trusted no further than the file
    if cached is None:
        tomlcache.store(path, data, table)
    return table


def _parsed(data: bytes, label: str, error: ErrorFactory) -> dict[str, Any]:
    import tomllib  # only on a file the cache does not hold: its import costs a fast path

    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise error(
            f"{label}: not UTF-8 (byte {exc.start}); save the file as UTF-8",
            f"{label}：不是 UTF-8 编码（第 {exc.start} 字节）；请另存为 UTF-8",
        ) from None
    except RecursionError:
        raise _too_deep(label, error) from None
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        # ValueError: an integer of thousands of digits (Python's conversion limit).
        message = str(exc)[:200]
        raise error(f"{label}: not valid TOML: {message}", f"{label}：不是有效的 TOML：{message}") from None


def _too_deep(label: str, error: ErrorFactory) -> GkcliError:
    return error(
        f"{label}: tables or arrays nested deeper than {MAX_DEPTH} levels; no gkcli file needs that",
        f"{label}：表或数组嵌套超过 {MAX_DEPTH} 层；gkcli 的文件不需要这么深",
    )


# A value in the walk of ``_check_limits``: the value, the entry of its container (None for
# the whole table), its key or index there, and its depth.
_Place = tuple[Any, "_Place | None", str | int, int]


def _check_limits(table: dict[str, Any], label: str, error: ErrorFactory) -> None:
    """Walk the parsed table without recursion: depth and integer ranges. A value's place
    (``rules[3].versions[1].amount``) is spelled out only for the error: spelling every
    value's would cost each command that reads a rules file its start-up (docs/performance.md)."""
    pending: list[_Place] = [(table, None, "", 0)]
    while pending:
        place = pending.pop()
        value, _, _, depth = place
        if depth > MAX_DEPTH:
            raise _too_deep(label, error)
        if isinstance(value, dict):
            pending.extend((item, place, key, depth + 1) for key, item in value.items())
        elif isinstance(value, list):
            pending.extend((item, place, index, depth + 1) for index, item in enumerate(value))
        elif isinstance(value, int) and not isinstance(value, bool) and value not in INT_RANGE:
            where = _where(place)
            shown = str(value) if len(str(value)) <= 24 else f"{str(value)[:20]}… ({len(str(value))} digits)"
            raise error(
                f"{label}: {where} = {shown} is out of range ({INT_RANGE.start}..{INT_RANGE.stop - 1})",
                f"{label}：{where} = {shown} 超出范围（{INT_RANGE.start}..{INT_RANGE.stop - 1}）",
            )


def _where(place: _Place) -> str:
    """The place of a value as written in messages: ``rules[3].versions[1].amount``."""
    keys: list[str | int] = []
    entry: _Place | None = place
    while entry is not None and entry[1] is not None:
        keys.append(entry[2])
        entry = entry[1]
    where = ""
    for key in reversed(keys):
        where += f"[{key}]" if isinstance(key, int) else f".{key}" if where else key
    return where
