"""Which encoding a text file or a line of input is in: the one detector every reader uses.

Text reaches gkcli from notices copied off gov.cn, ledgers saved by Excel or WPS and lines
piped into a batch. The order is fixed and strict (docs/design.md §8):

1. a byte-order mark decides: UTF-8 with BOM, UTF-16 little or big endian with BOM;
2. else UTF-8 when every byte is valid UTF-8;
3. else GB18030 (what Excel and WPS save on Chinese Windows; a superset of GBK and GB2312)
   when every byte is valid GB18030;
4. else nothing: the caller reports the text as undecodable, never a silent guess.

UTF-16 is only recognised by its BOM: without one no text is read as UTF-16.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from itertools import chain
from pathlib import Path

__all__ = [
    "MAX_BOM_LENGTH",
    "EncodingDetection",
    "TextEncoding",
    "decode_text",
    "detect_encoding",
    "detect_file_encoding",
    "sniff_bom",
]

_CHUNK = 1 << 20


class TextEncoding(str, Enum):
    """An encoding gkcli detects; the value is the Python codec that decodes it (a BOM included)."""

    UTF8 = "utf-8"
    UTF8_BOM = "utf-8-sig"
    UTF16 = "utf-16"
    GB18030 = "gb18030"

    @property
    def has_bom(self) -> bool:
        """Whether the text starts with a byte-order mark (which decoding with ``value`` drops)."""
        return self in (TextEncoding.UTF8_BOM, TextEncoding.UTF16)


_BOMS = (
    (codecs.BOM_UTF8, TextEncoding.UTF8_BOM),
    (codecs.BOM_UTF16_LE, TextEncoding.UTF16),
    (codecs.BOM_UTF16_BE, TextEncoding.UTF16),
)

MAX_BOM_LENGTH = 3
"""Bytes of a text's start that ``sniff_bom`` needs."""


@dataclass(frozen=True, slots=True)
class EncodingDetection:
    """The outcome of a detection: the encoding, or the line of the first byte no candidate decodes.

    ``bad_line`` is 1-based and is the later of the lines where UTF-8 and GB18030 fail
    (the furthest either got), so a user looks at the line that really is broken.
    """

    encoding: TextEncoding | None
    bad_line: int | None = None


def sniff_bom(head: bytes) -> TextEncoding | None:
    """The encoding a byte-order mark at the start of ``head`` declares, else None."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def _first_bad_line(read_chunks: Callable[[], Iterable[bytes]], codec: str) -> int | None:
    """None when the text of ``read_chunks()`` decodes strictly as ``codec``; else the
    1-based line of the first bad byte (the lines counted only then, reading it again)."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    # utf-8-sig counts an error's place from after the BOM it dropped (utf-16 from the input).
    bom = len(codecs.BOM_UTF8) if codec == TextEncoding.UTF8_BOM.value else 0
    offset = 0  # bytes before the chunk being decoded
    for chunk in chain(read_chunks(), (b"",)):
        start = offset - len(decoder.getstate()[0])  # where the decoder's input starts
        try:
            decoder.decode(chunk, not chunk)
        except UnicodeDecodeError as exc:
            return _line_of(read_chunks(), max(start, bom) + exc.start)
        offset += len(chunk)
    return None


def _line_of(chunks: Iterable[bytes], position: int) -> int:
    """The 1-based line of the byte at ``position`` in the text of ``chunks``."""
    newlines = 0
    for chunk in chunks:
        if position < len(chunk):
            return newlines + chunk.count(b"\n", 0, position) + 1
        newlines += chunk.count(b"\n")
        position -= len(chunk)
    return newlines + 1


def _detect(head: bytes, read_chunks: Callable[[], Iterable[bytes]]) -> EncodingDetection:
    """Try the candidates in order, each over the whole text from ``read_chunks()``."""
    declared = sniff_bom(head)
    candidates = (declared,) if declared else (TextEncoding.UTF8, TextEncoding.GB18030)
    bad_lines: list[int] = []
    for candidate in candidates:
        bad = _first_bad_line(read_chunks, candidate.value)
        if bad is None:
            return EncodingDetection(candidate)
        bad_lines.append(bad)
    return EncodingDetection(None, max(bad_lines))


def detect_encoding(raw: bytes) -> EncodingDetection:
    """The encoding of a whole text held in memory (order in the module docstring)."""
    return _detect(raw[:MAX_BOM_LENGTH], lambda: (raw,))


def detect_file_encoding(path: Path) -> EncodingDetection:
    """The encoding of a file, read in chunks (a ledger can be large); ``OSError`` passes through."""

    def read_chunks() -> Iterator[bytes]:
        with path.open("rb") as stream:
            yield from iter(lambda: stream.read(_CHUNK), b"")

    with path.open("rb") as stream:
        head = stream.read(MAX_BOM_LENGTH)
    return _detect(head, read_chunks)


def decode_text(raw: bytes) -> str | None:
    """``raw`` decoded by the detected encoding with any BOM dropped; None when it is no text gkcli reads.

    The same candidates in the same order as ``detect_encoding``, each tried by decoding
    once: the deadline batch calls this for every line of its input.
    """
    declared = sniff_bom(raw) if raw[:1] in _BOM_FIRST_BYTES else None
    for codec in (declared.value,) if declared else _UNMARKED_CODECS:
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


# What decode_text needs per call, worked out once (an Enum's .value is a slow descriptor).
_BOM_FIRST_BYTES = frozenset(bom[:1] for bom, _ in _BOMS)
_UNMARKED_CODECS = (TextEncoding.UTF8.value, TextEncoding.GB18030.value)
