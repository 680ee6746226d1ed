"""Which finding codes a run reports (docs/ci.md "Selecting codes"), in the manner of ruff:
``select`` keeps only the codes it names, ``ignore`` drops the codes it names, and per-file
ignores drop codes for the ledgers whose path matches a pattern. A finding left out is
counted, so the summary can say how many were ignored; a file that cannot be read still
fails the run (exit 2) whatever is ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import PurePath

from gkcli.core.errors import InputError, quote
from gkcli.ledger.batch import FindingBatch
from gkcli.ledger.codes import FindingCode
from gkcli.ledger.findings import Finding

__all__ = [
    "DEFAULT_LEDGER_PATTERNS",
    "CodeSelection",
    "SelectedFindings",
    "ledger_files",
    "matches_pattern",
    "parse_codes",
]

DEFAULT_LEDGER_PATTERNS = ("台账/*", "ledgers/*", "*台账*.csv", "*台账*.xlsx")
"""Which files are ledgers when the project file has no ``ledgers`` list: anything in a
``台账/`` or ``ledgers/`` folder at the top, and any .csv or .xlsx with 台账 in its path."""

LEDGER_SUFFIXES = (".csv", ".xlsx")


def parse_codes(texts: Iterable[str], origin: str) -> frozenset[FindingCode]:
    """The codes named in ``texts`` (each ``CODE`` or ``CODE,CODE``); an unknown code is an
    error naming ``origin`` (a flag or the project file) and the known codes."""
    codes = set()
    for text in texts:
        for name in (part.strip() for part in text.split(",")):
            if not name:
                continue
            try:
                codes.add(FindingCode(name))
            except ValueError:
                known = ", ".join(code.value for code in FindingCode)
                raise InputError(
                    f"unknown finding code {quote(name)} in {origin}; known codes: {known}",
                    f"{origin} 中的问题代码 {quote(name)} 不存在；可用代码：{known}",
                ) from None
    return frozenset(codes)


def matches_pattern(file: str, pattern: str) -> bool:
    """Whether a ledger's path (as named on the command line) matches a glob ``pattern``; a
    pattern without ``/`` also matches the file name alone."""
    path = PurePath(file).as_posix()
    return fnmatchcase(path, pattern) or ("/" not in pattern and fnmatchcase(PurePath(file).name, pattern))


def ledger_files(files: Iterable[str], patterns: Iterable[str] | None) -> list[str]:
    """The ``files`` that are ledgers: a .csv or .xlsx whose path matches one of ``patterns``
    (``DEFAULT_LEDGER_PATTERNS`` when None). For hooks that are handed every staged file."""
    globs = tuple(DEFAULT_LEDGER_PATTERNS if patterns is None else patterns)
    return [
        file
        for file in files
        if PurePath(file).suffix.lower() in LEDGER_SUFFIXES and any(matches_pattern(file, glob) for glob in globs)
    ]


@dataclass(frozen=True)
class CodeSelection:
    """The codes a run reports: ``select`` (None: every code) less ``ignore``, less the codes
    of each per-file pattern the finding's file matches."""

    select: frozenset[FindingCode] | None = None
    ignore: frozenset[FindingCode] = frozenset()
    per_file_ignores: tuple[tuple[str, frozenset[FindingCode]], ...] = ()

    @classmethod
    def parse(
        cls,
        select: Iterable[str] | None,
        ignore: Iterable[str],
        per_file_ignores: Mapping[str, Iterable[str]],
        origins: Mapping[str, str],
    ) -> CodeSelection:
        """From the words of flags and the project file; ``origins`` names where ``select``,
        ``ignore`` and ``per-file-ignores`` came from, for the error about an unknown code."""
        return cls(
            select=parse_codes(select, origins.get("select", "--select")) if select is not None else None,
            ignore=parse_codes(ignore, origins.get("ignore", "--ignore")),
            per_file_ignores=tuple(
                (pattern, parse_codes(codes, f"{origins.get('per-file-ignores', 'per-file-ignores')} {pattern!r}"))
                for pattern, codes in per_file_ignores.items()
            ),
        )

    @property
    def selects_all(self) -> bool:
        return self.select is None and not self.ignore and not self.per_file_ignores

    def reports(self, finding: Finding) -> bool:
        return self.reports_code(finding.code, finding.file)

    def reports_code(self, code: FindingCode, file: str) -> bool:
        """Whether a finding of ``code`` in ``file`` is reported."""
        if (self.select is not None and code not in self.select) or code in self.ignore:
            return False
        return not any(code in codes and matches_pattern(file, pattern) for pattern, codes in self.per_file_ignores)


class SelectedFindings:
    """The findings ``selection`` reports, in order (a ``FindingBatch`` as the batch of
    those it reports); ``ignored`` counts the others once the iteration has run."""

    def __init__(self, findings: Iterable[Finding | FindingBatch], selection: CodeSelection) -> None:
        self._findings = findings
        self._selection = selection
        self.ignored = 0

    def __iter__(self) -> Iterator[Finding | FindingBatch]:
        if self._selection.selects_all:
            yield from self._findings
            return
        reports = self._selection.reports
        for found in self._findings:
            if isinstance(found, FindingBatch):
                codes = found.codes()
                reported = {code: self._selection.reports_code(code, found.file) for code in set(codes)}
                keep = [reported[code] for code in codes]
                kept = found if all(keep) else found.where(keep)
                self.ignored += len(found) - len(kept)
                if kept:
                    yield kept
            elif reports(found):
                yield found
            else:
                self.ignored += 1
