"""The typer application: the root command, its global options and the command groups."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from difflib import get_close_matches
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from gkcli.core.config import check_settings, load_settings
from gkcli.core.errors import GkcliError, InputError
from gkcli.core.i18n import LANGS, Lang, detect_lang

from .common import Runtime
from .localise import localise, show_usage_error
from .root import COMMANDS, ROOT_HELP, ROOT_OPTIONS, RootOption, command_lang, hoist_global_options
from .streams import BrokenPipe, route_rich_broken_pipes
from .texts import chinese_texts

__all__ = ["COMMANDS", "app"]

route_rich_broken_pipes()


class GkcliGroup(TyperGroup):
    """The root command: takes the global options anywhere on the line, speaks the user's
    language from the first word (help, usage errors: ``.localise``), loads command modules
    on demand, and turns every ``GkcliError`` into its message on stderr and its exit code."""

    lang = Lang.en

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        extra["windows_expand_args"] = windows_expand_args
        arguments = hoist_global_options(list(sys.argv[1:] if args is None else args))
        self.lang = command_lang(arguments)
        localise(self, self.lang)
        if not standalone_mode:
            return super().main(arguments, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(arguments, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.Abort:
            sys.stderr.write(("已中止。" if self.lang == Lang.zh else "Aborted!") + "\n")
            sys.exit(1)
        except typer.TyperException as error:  # the framework's usage errors
            show_usage_error(error, self.lang)
            sys.exit(getattr(error, "exit_code", 2))
        sys.exit(code if isinstance(code, int) else 0)

    def _main_shell_completion(self, ctx_args: Any, prog_name: str, complete_var: str | None = None) -> None:
        if os.environ.get(complete_var or f"_{prog_name}_COMPLETE".replace("-", "_").upper()):
            from typer._completion_classes import completion_init  # typer's own module (pinned <0.29)

            completion_init()  # registers the bash, zsh and fish completers (.completion)
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, name: str) -> Any:
        if name not in COMMANDS:
            return None
        module = importlib.import_module(f"{__package__}.{COMMANDS[name]}")
        command = typer.main.get_command(module.app)
        command.name = name
        localise(command, self.lang)
        return command

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and name not in COMMANDS and not name.startswith("-") and not ctx.resilient_parsing:
            close = get_close_matches(name, list(COMMANDS), n=3, cutoff=0.6)
            hint = f" Did you mean {', '.join(repr(each) for each in close)}?" if close else ""
            ctx.fail(f"No such command {name!r}.{hint}")
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The commands with their summaries from ``.texts``: ``gkcli --help`` imports none of them."""
        column = 1 if self.lang == Lang.zh else 0
        with formatter.section("Commands"):
            summaries = chinese_texts().summaries
            formatter.write_dl([(name, summaries[name][column]) for name in COMMANDS])

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            raise BrokenPipe from None  # while printing --help

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise BrokenPipe from None  # typer would exit 1, "findings"; main exits 141
        except GkcliError as error:
            lang = ctx.obj.lang if isinstance(ctx.obj, Runtime) else self.lang
            prefix = "错误：" if lang == Lang.zh else "error: "
            sys.stderr.write(prefix + error.message(lang) + "\n")
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    name="gkcli",
    cls=GkcliGroup,
    help=ROOT_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(requested: bool) -> None:
    """``--version`` / ``-V``: the package version (``gkcli.__version__``), then exit 0."""
    if requested:
        from gkcli import __version__

        sys.stdout.write(f"gkcli {__version__}\n")
        raise typer.Exit(0)


def _option(option: RootOption, **extra: Any) -> Any:
    """The typer option for a global option of ``.root`` (whose help page lists the same)."""
    return typer.Option(*option.names, help=option.help, metavar=option.metavar, **extra)


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[bool, _option(ROOT_OPTIONS["version"], is_eager=True, callback=_print_version)] = False,
    lang: Annotated[str | None, _option(ROOT_OPTIONS["lang"])] = None,
    holidays_dir: Annotated[Path | None, _option(ROOT_OPTIONS["holidays_dir"])] = None,
    region: Annotated[str | None, _option(ROOT_OPTIONS["region"])] = None,
    provisional: Annotated[bool | None, _option(ROOT_OPTIONS["provisional"])] = None,
) -> None:
    if lang is not None and lang not in LANGS:
        raise InputError(f"--lang {lang}: use zh or en", f"--lang {lang}：请用 zh 或 en")
    settings = load_settings().override(holidays_dir=holidays_dir, region=region, provisional=provisional, lang=lang)
    check_settings(settings)
    ctx.obj = Runtime(settings=settings, lang=detect_lang(settings.lang))
