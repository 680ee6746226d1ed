"""Every test runs with a clean configuration: no GKCLI_* variables from the caller, an
empty user holidays directory, English messages, a working directory without a
project file, and the run's own TOML cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# A property test judges answers, never speed: hypothesis's per-example deadline would fail a
# correct test on a loaded machine (CI shares its cores), so it is off for every test.
settings.register_profile("gkcli", deadline=None, print_blob=True)
settings.load_profile("gkcli")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def toml_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One TOML cache for the whole run (core/tomlcache.py), never the user's: most tests then
    read the shipped files from it, as a second run would."""
    return tmp_path_factory.mktemp("toml-cache")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, toml_cache_dir: Path) -> Path:
    for name in list(os.environ):
        if name.startswith("GKCLI_") or name in ("NO_COLOR", "GITHUB_STEP_SUMMARY"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("GKCLI_CACHE_DIR", str(toml_cache_dir))
    user_dir = tmp_path / "user-holidays"
    monkeypatch.setenv("GKCLI_HOLIDAYS_DIR", str(user_dir))
    monkeypatch.setenv("GKCLI_LANG", "en")
    workdir = tmp_path / "work"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    return user_dir
