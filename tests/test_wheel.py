"""The built wheel works on its own: it carries the data files, and its installed
``gkcli`` script answers from them (docs/design.md §2.2: data lives in the package)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow

PACKAGE_DATA = REPO / "src" / "gkcli" / "data"


def _run(*command: str | Path, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=300, **kwargs)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # The build backend (hatchling) is installed with the test extras; fall back to an
    # isolated build, which fetches it from the package registry.
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", out, REPO)
    if built.returncode != 0:
        built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", out, REPO)
    assert built.returncode == 0, built.stderr
    (path,) = out.glob("gkcli-*.whl")
    return path


def test_wheel_holds_the_data_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "gkcli/data/holidays/2005.toml" in names
    shipped = {f"gkcli/data/{p.relative_to(PACKAGE_DATA).as_posix()}" for p in PACKAGE_DATA.rglob("*.toml")}
    assert shipped <= names, sorted(shipped - names)
    if (PACKAGE_DATA / "rules.toml").exists():
        assert "gkcli/data/rules.toml" in names
    assert not any(name.startswith(("tests/", "bench/")) for name in names)


def test_installed_wheel_runs(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    purelib = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    installed = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel)
    assert installed.returncode == 0, installed.stderr
    # The runtime dependencies come from this test environment's site-packages, placed after
    # the new venv's own (a .pth line is not a site dir, so the editable gkcli there is not seen).
    (purelib / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    where = _run(python, "-c", "import gkcli; print(gkcli.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(env_dir), where.stdout + where.stderr

    gkcli = env_dir / "bin" / "gkcli"
    env = {**os.environ, "GKCLI_HOLIDAYS_DIR": str(tmp_path / "none")}
    added = _run(gkcli, "workdays", "add", "2026-09-30", "3", env=env)
    assert (added.returncode, added.stdout) == (0, "2026-10-10 (Sat)\n"), added.stderr
    corrected = _run(gkcli, "workdays", "is", "2005-12-31", env=env)  # from data/holidays/2005.toml
    assert corrected.returncode == 0 and "make-up" in corrected.stdout, corrected.stdout + corrected.stderr
