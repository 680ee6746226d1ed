"""The ``gkcli`` command. ``main`` answers ``gkcli workdays is DATE`` without loading the
CLI framework (shell loops call it per date; see docs/performance.md), and hands every
other command line to the typer app in ``gkcli.cli.app``."""

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


def main() -> None:
    """Console-script entry point."""
    code = _answer_workdays_is(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from .app import app

    try:
        app(prog_name="gkcli")
    except Exception:
        import traceback

        # A bug, not bad input (that is a GkcliError, exit 2 with a message). Show the
        # traceback for the report, but exit 2, "could not run", never 1, which a CI job
        # would read as "findings".
        traceback.print_exc()
        sys.stderr.write("gkcli: internal error; please report it with the command line above.\n")
        sys.exit(2)
