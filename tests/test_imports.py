"""Importing the core must stay cheap (docs/design.md §7): ``import gkcli`` loads neither the CLI
framework nor the heavy optional parsers; the ``workdays is`` fast path loads no typer/rich."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("typer", "rich", "dateutil.parser", "icalendar")


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_import_gkcli_loads_no_cli_framework_or_heavy_parser():
    loaded = _modules_after("import gkcli\ngkcli.load_calendar()")
    assert "gkcli.calendar.index" in loaded  # the probe really imported the core
    assert [name for name in HEAVY if name in loaded] == []


def test_workdays_is_fast_path_loads_no_cli_framework():
    code = "import sys\nsys.argv = ['gkcli', 'workdays', 'is', '2026-10-10']\nfrom gkcli.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass"
    loaded = _modules_after(code)
    assert "gkcli.calendar.describe" in loaded
    assert [name for name in HEAVY if name in loaded] == []
    # dataclasses imports inspect, ast and tokenize: tens of ms on every shell-loop call.
    assert "dataclasses" not in loaded


def test_a_command_loads_only_its_own_command_module():
    code = "import sys\nsys.argv = ['gkcli', 'workdays', 'add', '2026-09-30', '3']\nfrom gkcli.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass"
    loaded = _modules_after(code)
    assert "gkcli.cli.workdays" in loaded and "typer" in loaded
    assert [
        name
        for name in (
            "gkcli.cli.ledger",
            "gkcli.ledger.check",
            "gkcli.cli.holidays",
            "gkcli.calendar.notice",
            "openpyxl",
        )
        if name in loaded
    ] == []


def _cli_modules(*argv: str) -> set[str]:
    code = f"import sys\nsys.argv = ['gkcli', *{argv!r}]\nfrom gkcli.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass"
    return _modules_after(code)


@pytest.mark.parametrize(
    "argv",
    [("deadline", "interpretation", "2026-09-30"), ("workdays", "is", "2026-10-10"), ("--help",)],
)
def test_numpy_stays_off_the_start_up_paths(argv):
    """numpy is a dependency for the array API only (docs/performance.md): importing it costs
    more than these commands' whole run, so they never load it."""
    loaded = _cli_modules(*argv)
    assert "gkcli.cli" in loaded  # the probe really ran the CLI
    assert [
        name for name in loaded if name == "numpy" or name.startswith(("numpy.", "pandas", "polars", "pyarrow"))
    ] == []


def test_import_gkcli_and_scalar_arithmetic_load_no_numpy():
    loaded = _modules_after("import gkcli, datetime\ngkcli.load_calendar().add_workdays(datetime.date(2026, 9, 30), 3)")
    assert "gkcli.calendar.index" in loaded and "numpy" not in loaded
    assert "numpy" in _modules_after("import gkcli\ngkcli.load_calendar().is_workday_array(['2026-10-10'])")


WEB = ("starlette", "jinja2", "uvicorn", "multipart", "python_multipart", "gkcli.web")


@pytest.mark.parametrize(
    "argv",
    [
        ("deadline", "interpretation", "2026-09-30"),
        ("workdays", "is", "2026-10-10"),
        ("--help",),
        ("serve", "--help"),
        ("ledger", "due", "--help"),
    ],
)
def test_the_web_framework_stays_off_every_other_start_up_path(argv):
    """Starlette, Jinja2 and uvicorn are imported by ``gkcli serve`` when it runs, and by
    nothing else (docs/web.md §1); ``serve --help`` does not need them either."""
    loaded = _cli_modules(*argv)
    assert "gkcli.cli" in loaded
    assert [name for name in loaded if name.startswith(WEB)] == []


# What the typer-free fast paths leave unloaded (docs/performance.md, "Start-up"): the CLI
# framework, rich, dataclasses (inspect, ast, dis, tokenize), the standard calendar module
# (locale) and every optional heavy package. Named, not timed: a regression shows here as a
# module name, whatever the machine's load.
FAST_PATH_NEVER = (
    *HEAVY,
    "typer._click",
    "numpy",
    "dataclasses",
    "inspect",
    "calendar",
    "locale",
    "urllib.request",
)


# Each fast path and a module that shows it really answered.
FAST_PATHS = {
    ("workdays", "is", "2026-10-10"): "gkcli.calendar.describe",
    ("deadline", "interpretation", "2026-09-30"): "gkcli.deadlines.units",
    ("--help",): "gkcli.cli.root",
    ("--lang", "zh", "-h"): "gkcli.cli.root",
}


@pytest.mark.parametrize("argv", list(FAST_PATHS), ids=" ".join)
def test_fast_paths_load_none_of_the_heavy_modules(argv):
    loaded = _cli_modules(*argv)
    assert FAST_PATHS[argv] in loaded
    assert [name for name in FAST_PATH_NEVER if name in loaded] == []


@pytest.mark.parametrize("argv", list(FAST_PATHS), ids=" ".join)
def test_fast_paths_run_again_do_not_parse_toml(argv):
    """Run a second time, a fast path takes the tables of the shipped TOML files from the cache
    (core/tomlcache.py): importing tomllib and parsing rules.toml were most of its own work."""
    _cli_modules(*argv)
    loaded = _cli_modules(*argv)
    assert FAST_PATHS[argv] in loaded and "tomllib" not in loaded
