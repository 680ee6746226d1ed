"""The one encoding detector (gkcli.core.encoding): BOM, else UTF-8, else GB18030, else nothing."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gkcli.core.encoding import (
    EncodingDetection,
    TextEncoding,
    decode_text,
    detect_encoding,
    detect_file_encoding,
    sniff_bom,
)

NOTICE = "国务院办公厅关于2026年部分节假日安排的通知\n元旦：1月1日放假。\n"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (NOTICE.encode("utf-8"), TextEncoding.UTF8),
        (codecs.BOM_UTF8 + NOTICE.encode("utf-8"), TextEncoding.UTF8_BOM),
        (NOTICE.encode("gb18030"), TextEncoding.GB18030),
        (NOTICE.encode("gbk"), TextEncoding.GB18030),
        (NOTICE.encode("utf-16"), TextEncoding.UTF16),
        (codecs.BOM_UTF16_BE + NOTICE.encode("utf-16-be"), TextEncoding.UTF16),
    ],
)
def test_detects_and_decodes_without_the_bom(raw, expected):
    assert detect_encoding(raw) == EncodingDetection(expected)
    assert decode_text(raw) == NOTICE


def test_empty_and_ascii_are_utf8():
    assert detect_encoding(b"") == EncodingDetection(TextEncoding.UTF8)
    assert decode_text(b"plain\n") == "plain\n"


def test_undecodable_text_names_the_later_failing_line():
    # Line 2 breaks UTF-8 (a lone GB18030 pair that is not UTF-8); line 3 breaks GB18030 too.
    raw = b"a\n" + "中".encode("gb18030") + b"\n\xff\xff\n"
    detection = detect_encoding(raw)
    assert detection.encoding is None
    assert detection.bad_line == 3
    assert decode_text(raw) is None


def test_a_bom_decides_alone():
    # A UTF-8 BOM followed by bytes that are not UTF-8 is broken, not GB18030 in disguise.
    raw = codecs.BOM_UTF8 + "中".encode("gb18030")
    assert detect_encoding(raw) == EncodingDetection(None, 1)


def test_sniff_bom():
    assert sniff_bom(codecs.BOM_UTF8 + b"x") is TextEncoding.UTF8_BOM
    assert sniff_bom(codecs.BOM_UTF16_LE) is TextEncoding.UTF16
    assert sniff_bom(b"ab") is None
    assert TextEncoding.UTF16.has_bom and not TextEncoding.GB18030.has_bom


def test_file_detection_matches_memory_detection_across_chunks(tmp_path, monkeypatch):
    from gkcli.core import encoding

    monkeypatch.setattr(encoding, "_CHUNK", 7)  # multi-byte characters split across chunks
    raw = (NOTICE * 5).encode("gb18030") + b"\n\x80\n"
    path = tmp_path / "ledger.csv"
    path.write_bytes(raw)
    assert detect_file_encoding(path) == detect_encoding(raw)
    assert detect_file_encoding(path).bad_line == 12
    path.write_bytes((NOTICE * 5).encode("gb18030"))
    assert detect_file_encoding(path) == EncodingDetection(TextEncoding.GB18030)


@given(st.text())
def test_any_utf8_text_round_trips(text):
    assert decode_text(text.encode("utf-8")) == text.removeprefix("\ufeff")


@given(
    st.lists(st.sampled_from(["a", "中", "\n", "é", "𠀀", "x,y"]), max_size=60),
    st.integers(0, 60),
    st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80"]),
    st.integers(1, 9),
)
def test_the_bad_line_is_where_the_bad_byte_is_whatever_the_chunks(pieces, at, bad, size):
    """The lines are counted only once a byte fails, reading the text again: the line named
    is the bad byte's for any chunk size (a multi-byte character or the bad bytes split)."""
    from gkcli.core import encoding

    text = "".join(pieces)
    at = min(at, len(text))
    raw = text[:at].encode("utf-8") + bad + text[at:].encode("utf-8")

    def chunks() -> list[bytes]:
        return [raw[start : start + size] for start in range(0, len(raw), size)]

    assert encoding._first_bad_line(chunks, "utf-8") == text[:at].count("\n") + 1
    assert encoding._first_bad_line(lambda: [text.encode("utf-8")], "utf-8") is None
    # With a BOM (whose decoders count an error's place each their own way) and in UTF-16.
    for codec, bom, body in (
        ("utf-8-sig", codecs.BOM_UTF8, "utf-8"),
        ("utf-16", codecs.BOM_UTF16_LE, "utf-16-le"),
    ):
        broken = bad if body == "utf-8" else b"\x00\xdc"  # a lone low surrogate
        marked = bom + text[:at].encode(body) + broken + text[at:].encode(body)

        def marked_chunks(marked: bytes = marked) -> list[bytes]:
            return [marked[start : start + size] for start in range(0, len(marked), size)]

        assert encoding._first_bad_line(marked_chunks, codec) == text[:at].count("\n") + 1
