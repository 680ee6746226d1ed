"""``gkcli deadline RULE START`` answered without typer or rich (docs/performance.md): through
the installed script, the fast path must print, warn and exit exactly as the typer command
does (which ``--format text`` forces), and load none of the heavy modules."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("typer", "rich", "dateutil.parser", "icalendar", "numpy")


def script(*args: str) -> subprocess.CompletedProcess[str]:
    found = shutil.which("gkcli", path=str(Path(sys.executable).parent)) or shutil.which("gkcli")
    if not found:
        pytest.skip("the gkcli script is not installed")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return subprocess.run([found, *args], capture_output=True, text=True, env=env, timeout=60)


def assert_same_as_typer(*args: str) -> subprocess.CompletedProcess[str]:
    fast = script("deadline", *args)
    full = script("deadline", *args, "--format", "text")
    assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr)
    return fast


@pytest.mark.parametrize(
    ("lang", "rule", "start", "code"),
    [
        ("en", "interpretation", "2026-09-30", 0),
        ("zh", "依申请", "2022-09-30", 0),
        ("en", "press-conference", "2026-10-01 22:30", 0),
        ("zh", "annual-report-government", "2025-06-01", 0),
        ("en", "lawsuit", "2026-01-30", 0),
        ("zh", "public-comment", "2026-09-30", 2),
        ("en", "nope", "2026-09-30", 2),
        ("zh", "interpretation", "2026-13-01", 2),
        ("en", "interpretation", "2040-01-02", 3),
    ],
)
def test_fast_path_answers_as_the_typer_command(lang, rule, start, code, monkeypatch):
    monkeypatch.setenv("GKCLI_LANG", lang)
    assert assert_same_as_typer(rule, start).returncode == code


def test_fast_path_warns_of_provisional_years_as_the_typer_command(monkeypatch):
    monkeypatch.setenv("GKCLI_PROVISIONAL", "1")
    answer = assert_same_as_typer("request-reply", "2028-09-28")
    assert answer.returncode == 0 and "2028" in answer.stderr


def test_fast_path_loads_no_cli_framework():
    code = (
        "import sys\nsys.argv = ['gkcli', 'deadline', 'interpretation', '2026-09-30']\n"
        "from gkcli.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "import json\nprint(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    loaded = set(json.loads(out.stdout.splitlines()[-1]))
    assert "gkcli.cli.deadline_text" in loaded and "gkcli.deadlines.units" in loaded
    assert [name for name in HEAVY if name in loaded] == []
