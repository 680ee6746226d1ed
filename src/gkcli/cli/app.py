"""The typer application: the root command, its global options and the command groups."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from gkcli.core.config import check_settings, load_settings
from gkcli.core.errors import GkcliError
from gkcli.core.i18n import LANGS, Lang, detect_lang

from .common import Runtime
from .streams import BrokenPipe, route_rich_broken_pipes

__all__ = ["app"]

route_rich_broken_pipes()

EXIT_CODES = """Exit codes: 0 ok; 1 findings (ledger) or "no" (workdays is);
2 usage, input or configuration error, or a standard stream that cannot be used;
3 calendar data missing for a year the question needs; 141 the reader of the output went away (broken pipe)."""


# Each command and the module that defines it as a typer app. A module is imported only
# when its command runs (or for --help), so a command pays only for its own imports.
COMMANDS = {
    "deadline": "deadline",
    "workdays": "workdays",
    "cal": "cal",
    "rules": "rules",
    "ledger": "ledger",
    "holidays": "holidays",
    "serve": "serve",
}


class GkcliGroup(TyperGroup):
    """The root command: loads command modules on demand, and turns every ``GkcliError``
    into its message on stderr and its exit code."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, name: str) -> Any:
        if name not in COMMANDS:
            return None
        module = importlib.import_module(f"{__package__}.{COMMANDS[name]}")
        command = typer.main.get_command(module.app)
        command.name = name
        return command

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
            lang = ctx.obj.lang if isinstance(ctx.obj, Runtime) else detect_lang()
            prefix = "错误：" if lang == Lang.zh else "error: "
            sys.stderr.write(prefix + error.message(lang) + "\n")
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    name="gkcli",
    cls=GkcliGroup,
    help="Deadlines of government information disclosure (政务公开) on the Chinese working-day calendar.\n\n"
    + EXIT_CODES,
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


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", is_eager=True, callback=_print_version, help="Print the version and exit."),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language of messages and labels: zh or en (env GKCLI_LANG, else the locale)."),
    ] = None,
    holidays_dir: Annotated[
        Path | None,
        typer.Option(
            "--holidays-dir",
            help="Your holiday data directory (env GKCLI_HOLIDAYS_DIR; default: the per-user data directory).",
        ),
    ] = None,
    region: Annotated[
        str | None, typer.Option("--region", help="Regional calendar overlay, e.g. guangxi (env GKCLI_REGION).")
    ] = None,
    provisional: Annotated[
        bool | None,
        typer.Option(
            "--provisional/--no-provisional",
            help="Count years without an official arrangement with the statutory holidays (and their weekend compensation) only; results are marked provisional (env GKCLI_PROVISIONAL).",
        ),
    ] = None,
) -> None:
    if lang is not None and lang not in LANGS:
        raise typer.BadParameter("use zh or en", param_hint="--lang")
    settings = load_settings().override(holidays_dir=holidays_dir, region=region, provisional=provisional, lang=lang)
    check_settings(settings)
    ctx.obj = Runtime(settings=settings, lang=detect_lang(settings.lang))
