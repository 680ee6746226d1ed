"""The JSON lines of batches of findings (``ledger.batch.FindingBatch``), made in bulk
(docs/performance.md "Late rows in bulk").

Each form of a batch (code, rule, version) has a line template: the JSON line of one of its
findings (``base.finding_json``) cut where its row's values go, so a line is worded and laid
out by the code that writes one finding. The row values (row, line, done day, id, due day,
working days) are made as text in numpy, a byte matrix each. The lines are then grouped by
form and by the size of each value: the lines of a group all have one layout, so they are
made as one byte matrix, one row a line, filled a column span at a time from the layout's
line. The groups' lines are put back in row order and joined: UTF-8, each line ending in a
line feed, with no Python object made a value.

JSON and JSON Lines hold consecutive batches (``HeldBatches``) until ``JSON_LINES``
findings are in hand, so that numpy's cost a call is spread over thousands of lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from functools import lru_cache
from itertools import chain
from json.encoder import encode_basestring
from typing import NamedTuple, cast

import numpy as np
from numpy.typing import NDArray

from gkcli.core.i18n import Lang, LangLike
from gkcli.ledger.batch import EPOCH, NO_LINE, FindingBatch
from gkcli.report.base import finding_json
from gkcli.rules.catalogue import Rule

__all__ = ["JSON_LINES", "HeldBatches", "batch_json"]

JSON_LINES = 4096
"""Findings of batches made into JSON lines at once: a report holds no more than about that
many (a megabyte or two of text)."""

# Private-use characters standing for a row's values while a line template is made:
# row, line, done day, id, due day, working days, in this order.
_SLOTS = tuple(chr(0xE000 + at) for at in range(6))
_ESCAPED = re.compile(r'[\x00-\x09\x0b-\x1f"\\]')  # what JSON writes escaped in a string, but a line feed
_SPLIT = re.compile("[" + "".join(_SLOTS) + "]")
_POWERS = 10 ** np.arange(19, dtype=np.int64)


class _LineTemplate(NamedTuple):
    """A finding's JSON line and a line feed, cut at its row's values: ``pieces`` of fixed
    text (UTF-8), and between each two the value ``slots`` names (an index into ``_SLOTS``),
    in text order."""

    pieces: tuple[bytes, ...]
    slots: tuple[int, ...]


def _line_template(batch: FindingBatch, late: bool, rule: Rule, version: str, lang: Lang) -> _LineTemplate | None:
    """``finding_json`` of a finding of ``batch`` for ``rule`` and ``version`` as a template
    of the row's values: the very line of a one-row batch whose values are the stand-ins
    (``_SLOTS``). None when a text of the batch holds a stand-in character."""
    row, line, done, row_id, due, days = _SLOTS
    if any(slot in text for text in (batch.file, batch.as_of, rule.id, rule.name, version) for slot in _SLOTS):
        return None
    finding = FindingBatch.finding(
        batch.file, batch.as_of, late, row, line, row_id, rule, version, due, done if late else "", days
    )
    text = finding_json(finding, lang)
    # Row, line and id go in as the row's JSON text, so not between the quotes of a string.
    for slot in (row, line, row_id):
        text = text.replace(encode_basestring(slot), slot)
    slots = tuple(_SLOTS.index(char) for char in text if char in _SLOTS)
    return _LineTemplate(tuple(piece.encode("utf-8") for piece in _SPLIT.split(text + "\n")), slots)


_TEMPLATES: dict[tuple[object, ...], _LineTemplate | None] = {}
"""``_line_template`` of the forms met, by what it depends on (cleared past 10,000)."""


def _template(batch: FindingBatch, at: int, lang: Lang) -> _LineTemplate | None:
    """The line template of the form of finding ``at`` of ``batch``."""
    late, rule, version = batch.late[at], batch.rules[at], batch.versions[at]
    key = (batch.file, batch.as_of, lang, late, rule.id, rule.name, version)
    try:
        return _TEMPLATES[key]
    except KeyError:  # made here and used from here: another thread may clear the cache
        template = _line_template(batch, late, rule, version, lang)
        if len(_TEMPLATES) > 10_000:
            _TEMPLATES.clear()
        _TEMPLATES[key] = template
        return template


_FIRST_DAY, _LAST_DAY = (day.toordinal() - EPOCH for day in (date.min, date.max))


def _writable(batch: FindingBatch) -> bool:
    """Whether ``_values`` writes the batch's numbers and days (all but absurd ones, which
    go one by one to ``finding_json``, to fail as there)."""
    done = batch.done[batch.late]
    return bool(
        (batch.rows >= 0).all()
        and (batch.days >= 0).all()
        and ((batch.lines >= 0) | (batch.lines == NO_LINE)).all()
        and ((batch.dues >= _FIRST_DAY) & (batch.dues <= _LAST_DAY)).all()
        and ((done >= _FIRST_DAY) & (done <= _LAST_DAY)).all()
    )


class _Values(NamedTuple):
    """A value of each line as UTF-8 text: one row a line, left-aligned in a matrix as wide
    as the widest, and each one's size in bytes."""

    text: NDArray[np.uint8]
    sizes: NDArray[np.int64]


def _numbers(values: NDArray[np.int64]) -> _Values:
    """Whole numbers >= 0 in decimal digits."""
    sizes = np.maximum(np.searchsorted(_POWERS, values, side="right"), 1)
    exponents = sizes[:, None] - 1 - np.arange(int(sizes.max()))
    digits = values[:, None] // _POWERS[np.maximum(exponents, 0)] % 10 + ord("0")
    return _Values(digits.astype(np.uint8), sizes)


def _texts(texts: Sequence[str]) -> _Values:
    """Texts without a line feed."""
    joined = np.frombuffer(("\n".join(texts) + "\n").encode("utf-8"), dtype=np.uint8)
    ends = np.flatnonzero(joined == ord("\n"))
    starts = np.concatenate([[0], ends[:-1] + 1])
    sizes = ends - starts
    width = int(sizes.max())
    padded = np.concatenate([joined, np.zeros(width, dtype=np.uint8)])
    return _Values(padded[starts[:, None] + np.arange(width)], sizes)


_TABLE_DAYS = (date(1900, 1, 1).toordinal() - EPOCH, date(2200, 1, 1).toordinal() - EPOCH)


@lru_cache(maxsize=1)
def _iso_table() -> NDArray[np.uint8]:
    """``_iso_digits`` of the days of the years 1900 to 2199, made once (3 MB)."""
    return _iso_digits(np.arange(*_TABLE_DAYS, dtype=np.int64))


def _iso_days(days: NDArray[np.int64]) -> _Values:
    """Days since 1970 as ``YYYY-MM-DD`` (years 1 to 9999)."""
    first, end = _TABLE_DAYS
    inside = len(days) and int(days.min()) >= first and int(days.max()) < end
    text = _iso_table()[days - first] if inside else _iso_digits(days)
    return _Values(text, np.full(len(days), 10, dtype=np.int64))


def _iso_digits(days: NDArray[np.int64]) -> NDArray[np.uint8]:
    """The ``YYYY-MM-DD`` of each day since 1970 (years 1 to 9999), a row each."""
    moments = days.astype("datetime64[D]")
    months = moments.astype("datetime64[M]")
    years = months.astype("datetime64[Y]")
    year = years.astype(np.int64) + 1970
    month = (months - years).astype(np.int64) + 1
    day = (moments - months).astype(np.int64) + 1
    digits = np.empty((len(days), 10), dtype=np.uint8)
    for at, (number, power) in zip(
        (0, 1, 2, 3, 5, 6, 8, 9),
        ((year, 1000), (year, 100), (year, 10), (year, 1), (month, 10), (month, 1), (day, 10), (day, 1)),
        strict=True,
    ):
        digits[:, at] = number // power % 10 + ord("0")
    digits[:, [4, 7]] = ord("-")
    return digits


def _values(batch: FindingBatch) -> list[_Values]:
    """The row values of the lines of ``batch`` as JSON text, in ``_SLOTS`` order."""
    ids: list[str | None] = batch.ids.tolist()
    joined = "" if None in ids else "\n".join(cast(list[str], ids))
    if None in ids or joined.count("\n") != len(ids) - 1 or _ESCAPED.search(joined):
        id_texts = _texts(["null" if row_id is None else encode_basestring(row_id) for row_id in ids])
    else:  # no id to escape: the text between quotes
        id_texts = _texts(('"' + joined.replace("\n", '"\n"') + '"').split("\n"))
    lines = batch.lines
    return [
        _numbers(batch.rows),
        _texts(["null" if line == NO_LINE else str(line) for line in lines.tolist()])
        if (lines == NO_LINE).any()
        else _numbers(lines),
        _iso_days(np.where(batch.late, batch.done, 0)),  # an open row's done day is not read
        id_texts,
        _iso_days(batch.dues),
        _numbers(batch.days),
    ]


class _Layout(NamedTuple):
    """A line of a template whose values have given sizes: its bytes (zero where the values
    go) and where each value goes (start, end), in the template's order."""

    line: NDArray[np.uint8]
    places: tuple[tuple[int, int], ...]


_LAYOUTS: dict[tuple[_LineTemplate, tuple[int, ...]], _Layout] = {}
"""``_layout`` of the templates and sizes met (cleared past 10,000)."""


def _layout(template: _LineTemplate, sizes: tuple[int, ...]) -> _Layout:
    """The layout of ``template``'s line whose values have ``sizes`` (in its order)."""
    key = (template, sizes)
    found = _LAYOUTS.get(key)
    if found is None:
        places = []
        at = len(template.pieces[0])
        for size, piece in zip(sizes, template.pieces[1:], strict=True):
            places.append((at, at + size))
            at += size + len(piece)
        line = np.zeros(at, dtype=np.uint8)
        for (_, end), piece in zip([(0, 0), *places], template.pieces, strict=True):
            line[end : end + len(piece)] = np.frombuffer(piece, dtype=np.uint8)
        if len(_LAYOUTS) > 10_000:
            _LAYOUTS.clear()
        found = _LAYOUTS[key] = _Layout(line, tuple(places))
    return found


def _groups(keys: NDArray[np.int64]) -> NDArray[np.int64]:
    """A number for each column of ``keys`` (numbers >= 0), equal exactly where the columns are."""
    bounds = keys.max(axis=1) + 1
    if float(np.prod(bounds.astype(np.float64))) < 2.0**62:
        numbers: NDArray[np.int64] = np.ravel_multi_index(tuple(keys), tuple(bounds.tolist()))
        return numbers
    found: NDArray[np.int64] = np.unique(keys, axis=1, return_inverse=True)[1].reshape(-1)
    return found


def batch_json(batch: FindingBatch, lang: LangLike) -> bytes:
    """``finding_json`` of each finding of ``batch``, each line ending in a line feed, in
    UTF-8: made from its columns, without making a ``Finding`` a row (module docstring).

    The lines are laid out in groups of one template and one size of each value, each group
    a byte matrix (one row a line) filled a column at a time; then put back in row order."""
    lang = Lang(lang)
    count = len(batch)
    if not count:
        return b""
    _, firsts, form_of = np.unique(batch.forms, return_index=True, return_inverse=True)
    found = [_template(batch, at, lang) for at in firsts.tolist()]
    if None in found or not _writable(batch):
        return "".join(finding_json(finding, lang) + "\n" for finding in batch).encode("utf-8")
    templates = cast(list[_LineTemplate], found)
    values = _values(batch)
    form_of = form_of.reshape(-1)
    sizes = np.stack([value.sizes for value in values])
    group_of = _groups(np.vstack([form_of, sizes]))
    order = np.argsort(group_of, kind="stable")
    bounds = np.flatnonzero(np.diff(group_of[order])) + 1
    ordered = [value.text[order] for value in values]
    sizes, forms = sizes[:, order], form_of[order]
    starts = [0, *bounds.tolist()]
    groups: list[list[bytes]] = []
    for start, stop, form, sized in zip(
        starts, [*starts[1:], count], forms[starts].tolist(), sizes[:, starts].T.tolist(), strict=True
    ):
        template = templates[form]
        layout = _layout(template, tuple(sized[slot] for slot in template.slots))
        matrix = np.empty((stop - start, len(layout.line)), dtype=np.uint8)
        matrix[:] = layout.line
        for slot, (begin, end) in zip(template.slots, layout.places, strict=True):
            matrix[:, begin:end] = ordered[slot][start:stop, : end - begin]
        if len(bounds) == 0:
            return matrix.tobytes()
        groups.append(matrix.view(f"S{len(layout.line)}").ravel().tolist())  # each line ends in a line feed
    lines = np.empty(count, dtype=object)
    lines[order] = np.fromiter(chain.from_iterable(groups), dtype=object, count=count)
    return b"".join(lines.tolist())


class HeldBatches:
    """Consecutive batches of one file, held for a report until ``JSON_LINES`` findings are in
    hand and then made into JSON lines at once."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.batches: list[FindingBatch] = []
        self.count = 0

    def add(self, batch: FindingBatch) -> Iterator[bytes]:
        """Hold ``batch``. Returned: the texts (``take``) of the batches held before, when it
        is of another file, and then of all held, once ``JSON_LINES`` findings are."""
        held = self.batches
        earlier = self.take() if held and (batch.file, batch.as_of) != (held[0].file, held[0].as_of) else iter(())
        self.batches.append(batch)
        self.count += len(batch)
        return chain(earlier, self.take() if self.count >= JSON_LINES else iter(()))

    def take(self) -> Iterator[bytes]:
        """The JSON lines of the findings held, each ending in a line feed, ``JSON_LINES`` at
        most a text, in order. They are no longer held once this returns."""
        if not self.batches:
            return iter(())
        batch = FindingBatch.joined(self.batches)
        self.batches, self.count = [], 0
        return (
            batch_json(batch.part(start, start + JSON_LINES), self.lang) for start in range(0, len(batch), JSON_LINES)
        )
