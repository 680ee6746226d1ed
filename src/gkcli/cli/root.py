"""The root command's parts that need no CLI framework: its commands, its help text and global
options, the language of a command line, and its help page (docs/performance.md, "Start-up").

``gkcli --help`` (or ``-h``, with ``--lang`` anywhere) is answered by ``answer_root_help``
without importing typer, click or rich. The typer app in ``.app`` declares its help and
options from ``ROOT_HELP`` and ``ROOT_OPTIONS`` here, and ``help_page`` lays them out as the
CLI framework does (its usage line, text and definition lists, wrapped by ``textwrap``);
``tests/test_cli_lang.py`` checks that the two print the same page, in both languages and at
several terminal widths."""

from __future__ import annotations

import os
import sys
import textwrap
from typing import NamedTuple

from gkcli.core.config import load_settings
from gkcli.core.errors import GkcliError
from gkcli.core.i18n import LANGS, Lang, detect_lang

from .texts import chinese_texts, help_key, to_zh

__all__ = [
    "COMMANDS",
    "EXIT_CODES",
    "GLOBAL_FLAGS",
    "GLOBAL_OPTIONS",
    "HELP_OPTION",
    "ROOT_HELP",
    "ROOT_OPTIONS",
    "RootOption",
    "answer_root_help",
    "command_lang",
    "help_page",
    "hoist_global_options",
]

EXIT_CODES = """Exit codes: 0 ok; 1 findings (ledger) or "no" (workdays is);
2 usage, input or configuration error, or a standard stream that cannot be used;
3 calendar data missing for a year the question needs; 141 the reader of the output went away (broken pipe)."""

ROOT_HELP = (
    "Deadlines of government information disclosure (政务公开) on the Chinese working-day calendar.\n\n" + EXIT_CODES
)

# Each command and the module that defines it as a typer app. A module is imported only
# when its command runs (or for its --help), so a command pays only for its own imports.
COMMANDS = {
    "deadline": "deadline",
    "workdays": "workdays",
    "cal": "cal",
    "rules": "rules",
    "ledger": "ledger",
    "holidays": "holidays",
    "serve": "serve",
    "completion": "completion",
}


class RootOption(NamedTuple):
    """A global option as the root command declares it (``.app``) and its help page lists it."""

    names: tuple[str, ...]
    """As declared; an on/off pair is one name, ``--provisional/--no-provisional``."""
    help: str
    metavar: str | None = None
    """What follows the option's names on the help page; None for a flag."""


ROOT_OPTIONS = {
    "version": RootOption(("--version", "-V"), "Print the version and exit."),
    "lang": RootOption(
        ("--lang",), "Language of messages and labels: zh or en (env GKCLI_LANG, else the locale).", "<str>"
    ),
    "holidays_dir": RootOption(
        ("--holidays-dir",),
        "Your holiday data directory (env GKCLI_HOLIDAYS_DIR; default: the per-user data directory).",
        "<path>",
    ),
    "region": RootOption(("--region",), "Regional calendar overlay, e.g. guangxi (env GKCLI_REGION).", "<str>"),
    "provisional": RootOption(
        ("--provisional/--no-provisional",),
        "Count years without an official arrangement with the statutory holidays (and their weekend compensation) only; results are marked provisional (env GKCLI_PROVISIONAL).",
    ),
}
"""The root command's options, in the order of its help page."""

HELP_OPTION = RootOption(("-h", "--help"), "Show this message and exit.")
"""The CLI framework's own help option, as it lists it (the app names it ``-h``, ``--help``)."""

GLOBAL_OPTIONS = ("--lang", "--holidays-dir", "--region")
"""The root command's options that take a value."""
GLOBAL_FLAGS = ("--provisional", "--no-provisional")


def hoist_global_options(args: list[str]) -> list[str]:
    """``args`` with the global options moved to the front, wherever they were written
    (``gkcli deadline 解读 2026-09-30 --lang zh``); nothing after ``--`` is moved."""
    moved: list[str] = []
    kept: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            kept.extend(args[index:])
            break
        if arg in GLOBAL_FLAGS or (arg.partition("=")[0] in GLOBAL_OPTIONS and "=" in arg):
            moved.append(arg)
        elif arg in GLOBAL_OPTIONS and index + 1 < len(args):
            moved += args[index : index + 2]
            index += 1
        else:
            kept.append(arg)
        index += 1
    return moved + kept


def command_lang(args: list[str]) -> Lang:
    """The language of a command line, known before it is parsed (help and usage errors need
    it): ``--lang`` on it, else the project file's or ``GKCLI_LANG``, else the locale."""
    explicit: str | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            explicit = args[index + 1]
        elif arg.startswith("--lang="):
            explicit = arg.partition("=")[2]
    if explicit not in LANGS:
        try:
            explicit = load_settings().lang
        except GkcliError:
            explicit = None  # the root command reports the configuration error
    return detect_lang(explicit)


# -- the help page, laid out as the CLI framework lays it out ----------------------------------

_USAGE = ("Usage: ", "gkcli", "[OPTIONS] COMMAND [ARGS]...")
"""The framework's usage line of the root command: prefix, program name, arguments."""
_INDENT = 2
_COLUMN_MAX, _COLUMN_SPACING = 30, 2


class _Wrapper(textwrap.TextWrapper):
    """The framework's wrapper: a word longer than the line is cut where the line ends."""

    def _handle_long_word(self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int) -> None:
        space_left = max(width - cur_len, 1)
        last = reversed_chunks[-1]
        cur_line.append(last[:space_left])
        reversed_chunks[-1] = last[space_left:]


def _fill(text: str, width: int, indent: str = "", subsequent: str | None = None) -> str:
    wrapper = _Wrapper(
        width,
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        replace_whitespace=False,
    )
    return wrapper.fill(text.expandtabs())


def _paragraphs(text: str, width: int, indent: str = "") -> str:
    """``text`` wrapped paragraph by paragraph (blank lines between them), each paragraph's
    lines joined and indented as its first line is."""
    found: list[tuple[int, list[str]]] = []
    for line in text.expandtabs().splitlines():
        if not line:
            found.append((0, []))
        elif not found or not found[-1][1]:
            stripped = line.lstrip()
            found[-1:] = [(len(line) - len(stripped), [stripped])]
        else:
            found[-1][1].append(line)
    return "\n\n".join(_fill(" ".join(lines), width, indent + " " * extra) for extra, lines in found if lines)


def _definitions(rows: list[tuple[str, str]], width: int) -> str:
    """Two columns, the second wrapped; a first column too wide for its place puts the second
    on the next line."""
    first_width = min(max(len(first) for first, _ in rows), _COLUMN_MAX) + _COLUMN_SPACING
    margin = " " * (first_width + _INDENT)
    lines = []
    for first, second in rows:
        wrapped = _paragraphs(second, max(width - first_width - 2, 10)).splitlines()
        if len(first) <= first_width - _COLUMN_SPACING:
            lines.append(" " * _INDENT + first.ljust(first_width) + wrapped[0])
        else:
            lines += [" " * _INDENT + first, margin + wrapped[0]]
        lines += [margin + line for line in wrapped[1:]]
    return "\n".join(lines)


def _names(option: RootOption) -> str:
    """``-V, --version`` (short names first), ``--provisional / --no-provisional`` for an
    on/off pair, each followed by the metavar of an option that takes a value."""
    if "/" in option.names[0]:
        text = " / ".join(option.names[0].split("/"))
    else:
        text = ", ".join(sorted(option.names, key=lambda name: len(name) - len(name.lstrip("-"))))
    return f"{text} {option.metavar}" if option.metavar else text


def _terminal_width() -> int:
    """The framework's page width: the terminal's (``COLUMNS``, else stdout's terminal, else 80)
    up to 80, less 2, at least 50; as ``shutil.get_terminal_size`` reads it, without importing
    ``shutil`` and the compression modules it loads."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout is not None else 0
        except (ValueError, OSError):  # closed, detached, or not a terminal
            columns = 0
        columns = columns or 80
    return max(min(columns, 80) - 2, 50)


def help_page(lang: Lang, width: int | None = None) -> str:
    """The page ``gkcli --help`` prints in ``lang``, ``width`` characters wide (default: the
    terminal's, as the CLI framework measures it)."""
    width = _terminal_width() if width is None else width
    zh = lang == Lang.zh
    texts = chinese_texts()

    def said(text: str) -> str:
        return texts.help.get(help_key(text), text) if zh else text

    prefix, program, arguments = _USAGE
    head = prefix + program + " "
    options = [(_names(option), said(option.help)) for option in ROOT_OPTIONS.values()]
    options.append((_names(HELP_OPTION), HELP_OPTION.help))
    column = 1 if zh else 0
    commands = [(name, texts.summaries[name][column]) for name in COMMANDS]
    page = "\n".join(
        [
            _fill(arguments, width, head, " " * len(head)),
            "",
            _paragraphs(said(ROOT_HELP).strip(), width, " " * _INDENT),
            "",
            "Options:",
            _definitions(options, width),
            "",
            "Commands:",
            _definitions(commands, width),
        ]
    )
    return to_zh(page) if zh else page


HELP_FLAGS = ("-h", "--help")


def _only_lang(args: list[str]) -> bool:
    """``args`` is nothing, or ``--lang X`` or ``--lang=X`` alone."""
    return not args or (len(args) == 2 and args[0] == "--lang") or (len(args) == 1 and args[0].startswith("--lang="))


def answer_root_help(argv: list[str]) -> int | None:
    """The exit code for exactly ``gkcli --help`` or ``-h``, with ``--lang`` or not, else None
    (the typer app then answers)."""
    args = hoist_global_options(argv)
    if not args or args[-1] not in HELP_FLAGS or not _only_lang(args[:-1]):
        return None
    sys.stdout.write(help_page(command_lang(args)) + "\n")
    return 0
