"""The ``gkcli`` command. ``main`` answers ``gkcli workdays is DATE`` and ``gkcli deadline
RULE START`` without loading the CLI framework (shell loops call them per date; see
docs/performance.md), nor ``gkcli --help`` (``.root``), and hands every other command line
to the typer app in ``gkcli.cli.app``."""

from __future__ import annotations

import sys

__all__ = ["main"]


def _answer_workdays_is(argv: list[str]) -> int | None:
    """The exit code for exactly ``workdays is DATE`` with text output, else None."""
    if len(argv) != 3 or argv[:2] != ["workdays", "is"] or argv[2].startswith("-"):
        return None
    from gkcli.calendar.describe import describe_day
    from gkcli.core.config import load_settings
    from gkcli.core.errors import GkcliError
    from gkcli.core.i18n import detect_lang

    try:
        settings = load_settings()
        if settings.format not in (None, "text"):
            return None
        lang = detect_lang(settings.lang)
        answer = describe_day(settings, argv[2], lang)
    except GkcliError:
        return None  # the full CLI reports it, with the same message and exit code
    for note in answer.notes:
        sys.stderr.write(note + "\n")
    sys.stdout.write(answer.line + "\n")
    return 0 if answer.working else 1


def _run_app() -> int:
    """The typer app's exit code for the command line."""
    from .app import app

    try:
        app(prog_name="gkcli")
    except SystemExit as exit_:
        code = exit_.code
        return code if isinstance(code, int) else 0 if code is None else 2
    return 0


def main() -> None:
    """Console-script entry point. The output is flushed here, not at interpreter exit, so
    a reader that went away or a full disk is reported like any other error (.streams)."""
    from .streams import BrokenPipe, guard_streams, stream_failure_exit

    guard_streams()
    try:
        argv = sys.argv[1:]
        code = _answer_workdays_is(argv)
        if code is None and argv[:1] == ["deadline"]:
            from .deadline_text import answer_deadline

            code = answer_deadline(argv)
        if code is None and not {"-h", "--help"}.isdisjoint(argv):
            from .root import answer_root_help

            code = answer_root_help(argv)
        if code is None:
            code = _run_app()
        sys.stdout.flush()
    except (BrokenPipe, OSError) as error:
        from .root import command_lang

        failure = error if isinstance(error, OSError) else BrokenPipeError()
        stream_code = stream_failure_exit(failure, command_lang(sys.argv[1:]))
        if stream_code is None:
            _internal_error()
        code = 2 if stream_code is None else stream_code
    except Exception:
        _internal_error()
        code = 2
    sys.exit(code)


def _internal_error() -> None:
    """A bug, not bad input (that is a GkcliError, exit 2 with a message): the traceback
    for the report, and exit 2, "could not run", never 1, which a CI job would read as
    "findings"."""
    import traceback

    traceback.print_exc()
    sys.stderr.write("gkcli: internal error; please report it with the command line above.\n")
