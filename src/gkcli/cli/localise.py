"""The command line in the user's language (docs/cli.md, "Languages"): help texts swapped for
their Chinese from the catalogue in ``.texts``, the framework's words and usage errors
translated. The language read from the command line before anything is parsed and the global
options accepted anywhere on the line are ``.root``'s (which needs no CLI framework), named
here too."""

from __future__ import annotations

import sys
from typing import Any

import typer

from gkcli.core.i18n import Lang

from .root import GLOBAL_FLAGS, GLOBAL_OPTIONS, command_lang, hoist_global_options
from .texts import chinese_texts, help_key, to_zh

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


class ZhContext(typer.Context):
    """A context whose help page and usage line are in Chinese: the framework's words
    translated (the help texts themselves were swapped by ``localise``)."""

    def get_help(self) -> str:
        return to_zh(super().get_help())

    def get_usage(self) -> str:
        return to_zh(super().get_usage())


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
