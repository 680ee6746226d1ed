"""Importing the core must stay cheap (docs/design.md §7): ``import gkcli`` loads neither the CLI
framework nor the heavy optional parsers; the ``workdays is`` fast path loads no typer/rich."""

from __future__ import annotations

import json
import subprocess
import sys

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
