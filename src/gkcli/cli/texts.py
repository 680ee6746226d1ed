"""What the command line says about itself, in both languages (docs/cli.md, "Languages").

The English help stays where each command and option is declared; the rest is data in
``data/cli-zh.toml``, read once, when first needed: the one-line summary of each command (so
``gkcli --help`` lists them without importing them), the Chinese of every help text (keyed by
the English, as a gettext catalogue is), the Chinese of the CLI framework's own words, and
its usage errors as patterns with their Chinese. ``tests/test_cli_lang.py`` checks that every
help text has its translation. Imports no command: it is read before any command is loaded.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from gkcli.core import DATA_DIR
from gkcli.core.errors import DataFileError
from gkcli.core.tomlfile import read_toml

__all__ = ["ChineseTexts", "chinese_texts", "help_key", "to_zh"]


def help_key(text: str) -> str:
    """``text`` with each paragraph's line breaks and runs of spaces made single spaces: the
    same help reads the same however its source wraps it."""
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in text.strip().split("\n\n"))


class ChineseTexts(NamedTuple):
    summaries: dict[str, tuple[str, str]]
    """Each command's line in ``gkcli --help``: (English, Chinese)."""
    framework: tuple[tuple[str, str], ...]
    """The CLI framework's own words in help and usage lines, and their Chinese."""
    usage_errors: tuple[tuple[re.Pattern[str], str], ...]
    """The CLI framework's usage errors (English) as patterns, each with its Chinese."""
    help: dict[str, str]
    """The Chinese of each help text, keyed by ``help_key`` of its English."""


@cache
def chinese_texts() -> ChineseTexts:
    """The catalogue of ``data/cli-zh.toml``."""
    data = read_toml(DATA_DIR / "cli-zh.toml", DataFileError)
    return ChineseTexts(
        summaries={name: (pair[0], pair[1]) for name, pair in data["summaries"].items()},
        framework=tuple(data["framework"].items()),
        usage_errors=tuple((re.compile(entry["pattern"]), entry["zh"]) for entry in data["usage_errors"]),
        help={help_key(english): chinese for english, chinese in data["help"].items()},
    )


def to_zh(text: str) -> str:
    """A help page or usage line of the CLI framework with its own words in Chinese."""
    for english, chinese in chinese_texts().framework:
        text = text.replace(english, chinese)
    return text
