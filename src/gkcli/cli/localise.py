"""The command line in the user's language (docs/cli.md, "Languages"): the language read from
the command line before anything is parsed, help texts swapped for their Chinese from the
catalogue in ``.texts``, the framework's words and usage errors translated, and the global
options accepted anywhere on the line."""

from __future__ import annotations

import sys
from typing import Any

import typer

from gkcli.core.config import load_settings
from gkcli.core.errors import GkcliError
from gkcli.core.i18n import LANGS, Lang, detect_lang

from .texts import chinese_texts, help_key

__all__ = [
    "GLOBAL_FLAGS",
    "GLOBAL_OPTIONS",
    "ZhContext",
    "command_lang",
    "hoist_global_options",
    "localise",
    "show_usage_error",
    "usage_error_zh",
]

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


def _to_zh(text: str) -> str:
    for english, chinese in chinese_texts().framework:
        text = text.replace(english, chinese)
    return text


class ZhContext(typer.Context):
    """A context whose help page and usage line are in Chinese: the framework's words
    translated (the help texts themselves were swapped by ``localise``)."""

    def get_help(self) -> str:
        return _to_zh(super().get_help())

    def get_usage(self) -> str:
        return _to_zh(super().get_usage())


def localise(command: Any, lang: Lang) -> None:
    """Prepare ``command`` and its subcommands for ``lang``: plain help pages (the rich ones
    import rich's markdown renderer on every ``--help``: docs/performance.md), and under
    ``zh`` the Chinese of every help text and of the framework's words."""
    command.rich_markup_mode = None
    if lang == Lang.zh:
        command.context_class = ZhContext
        for owner in (command, *command.params):
            if owner.help:
                owner.help = chinese_texts().help.get(help_key(owner.help), owner.help)
    for subcommand in getattr(command, "commands", {}).values():
        localise(subcommand, lang)


def usage_error_zh(message: str) -> str:
    """The Chinese of one of the CLI framework's usage errors (the English when unknown)."""
    for pattern, chinese in chinese_texts().usage_errors:
        if pattern.match(message):
            return pattern.sub(chinese, message)
    return message


def show_usage_error(error: Exception, lang: Lang) -> None:
    """A usage error as the framework shows it (usage line, hint, message), in ``lang``."""
    ctx = getattr(error, "ctx", None)
    format_message = getattr(error, "format_message", None)
    message = format_message() if callable(format_message) else str(error)
    if ctx is not None and message == ctx.get_help():
        sys.stderr.write(message + "\n")  # a group run without its command: its help page
        return
    zh = lang == Lang.zh
    lines = []
    if ctx is not None:
        path = ctx.command_path
        lines += [ctx.get_usage(), f"运行 '{path} -h' 查看帮助。" if zh else f"Try '{path} -h' for help.", ""]
    lines.append("错误：" + usage_error_zh(message) if zh else "Error: " + message)
    sys.stderr.write("\n".join(lines) + "\n")
