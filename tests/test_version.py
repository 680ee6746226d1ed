"""``gkcli --version`` / ``-V`` print the one version, ``gkcli.__version__``, which the package metadata also carries."""

from __future__ import annotations

from importlib import metadata

import pytest
from typer.testing import CliRunner

import gkcli
from gkcli.cli.app import app


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_flag_prints_the_package_version(flag):
    result = CliRunner().invoke(app, [flag])
    assert result.exit_code == 0
    assert result.stdout == f"gkcli {gkcli.__version__}\n"


def test_version_is_single_sourced():
    assert gkcli.__version__ == metadata.version("gkcli")
