"""The import layering of ``src/gkcli``: imports only go down the layers
cli → report → ledger → deadlines → rules → calendar → core (a layer may import itself and
anything below it). ``gkcli.core`` imports nothing of gkcli outside core; no library module
imports typer or rich; the web app (``gkcli.web``) may import every layer but cli, and cli
may import the web app (``gkcli serve`` starts it).

Every import statement counts, including those inside functions and under TYPE_CHECKING,
since each is a dependency a reader must follow. Checked by parsing the sources with ``ast``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "gkcli"

LAYERS = ("core", "calendar", "rules", "deadlines", "ledger", "report", "cli")
"""Lowest first: a module of a layer may import its own layer and those before it."""

FRONT_ENDS = {"cli", "web"}
CLI_FRAMEWORKS = ("typer", "rich", "click")

TERMINAL_RENDERING_EXCEPTIONS = {"gkcli.report.text": "rich"}
"""Library modules that still draw with a terminal framework, and which one. The text reporter
draws its table with rich on a TTY (imported when it draws); moving that drawing into ``cli/``
is open work. ``test_exceptions_are_still_needed`` fails once the import is gone."""


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool) -> set[str]:
    """Absolute names of every module ``source`` imports (``from x import y`` counts ``x`` and ``x.y``)."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names if alias.name != "*")
    return found


def layer_of(name: str) -> str | None:
    """The layer a gkcli module belongs to: its subpackage, ``root`` for the package itself
    (and the names its facade exports); None outside gkcli."""
    parts = name.split(".")
    if parts[0] != "gkcli":
        return None
    return parts[1] if len(parts) > 1 and parts[1] in {*LAYERS, *FRONT_ENDS} else "root"


def violations(module: str, imports: set[str]) -> list[str]:
    """Every import of ``module`` that breaks the layering, as ``module -> target: why``."""
    own = layer_of(module)
    found = []
    for target in sorted(imports):
        top = target.split(".")[0]
        if top in CLI_FRAMEWORKS and own not in FRONT_ENDS and TERMINAL_RENDERING_EXCEPTIONS.get(module) != top:
            found.append(f"{module} -> {target}: only front ends (cli, web) use a CLI/terminal framework")
            continue
        theirs = layer_of(target)
        if theirs is None or theirs == own:
            continue
        if module == "gkcli.__main__" and theirs == "cli":
            continue
        if theirs == "root":
            # The package's own facade (``from gkcli import __version__``): front ends only,
            # since gkcli/__init__.py imports the library layers.
            if own not in FRONT_ENDS:
                found.append(f"{module} -> {target}: only front ends import the gkcli facade")
        elif own == "root":
            if theirs in FRONT_ENDS:
                found.append(f"{module} -> {target}: the package facade must not load a front end")
        elif own == "web":
            if theirs == "cli":
                found.append(f"{module} -> {target}: the web app may use every layer but cli")
        elif own == "cli" and theirs == "web":
            continue
        elif theirs == "web" or own not in LAYERS or theirs not in LAYERS:
            found.append(f"{module} -> {target}: {theirs} is not a layer {own} may import")
        elif LAYERS.index(theirs) > LAYERS.index(own):
            found.append(f"{module} -> {target}: {own} must not import {theirs}, a higher layer")
    return found


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_exceptions_are_still_needed():
    for module, framework in TERMINAL_RENDERING_EXCEPTIONS.items():
        path = SRC.joinpath(*module.split(".")).with_suffix(".py")
        assert path.is_file(), f"{module} moved: name its new home in TERMINAL_RENDERING_EXCEPTIONS"
        imports = imported_modules(path.read_text(encoding="utf-8"), module, False)
        assert any(name.split(".")[0] == framework for name in imports), f"{module} no longer needs its exception"


def test_every_subpackage_is_a_known_layer():
    subpackages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
    assert subpackages <= set(LAYERS) | FRONT_ENDS, subpackages - set(LAYERS) - FRONT_ENDS


@pytest.mark.parametrize("path", _modules(), ids=lambda path: module_name(path))
def test_imports_only_go_down(path):
    module = module_name(path)
    imports = imported_modules(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")
    assert violations(module, imports) == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("gkcli.core.dates", "from gkcli.calendar.index import DayKind", "core must not import calendar"),
        ("gkcli.calendar.index", "from ..rules import catalogue", "calendar must not import rules"),
        ("gkcli.deadlines.engine", "import typer", "only front ends"),
        ("gkcli.report.ics", "from rich.console import Console", "only front ends"),
        ("gkcli.ledger.check", "from gkcli.cli.common import warn", "ledger must not import cli"),
        ("gkcli.web.app", "from gkcli.cli import main", "every layer but cli"),
        ("gkcli.rules.catalogue", "from gkcli import load_calendar", "facade"),
        ("gkcli.calendar.verify", "def f():\n    from gkcli.report.ics import build_ics", "higher layer"),
    ],
)
def test_the_checker_catches_upward_imports(module, source, expected):
    is_package = module.endswith("__init__")
    found = violations(module, imported_modules(source, module, is_package))
    assert found and all(expected in violation for violation in found), found


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("gkcli.cli.app", "import typer\nfrom gkcli import __version__\nfrom gkcli.report import reporters"),
        ("gkcli.web.app", "from gkcli.ledger import check\nfrom gkcli.report.ics import build_ics"),
        ("gkcli.deadlines.engine", "from gkcli.rules.catalogue import Rule\nfrom ..calendar.index import DayKind"),
        ("gkcli.__main__", "from .cli import main"),
    ],
)
def test_the_checker_allows_downward_imports(module, source):
    assert violations(module, imported_modules(source, module, False)) == []
