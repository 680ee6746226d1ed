"""Golden-file comparison shared by the CLI tests.

A golden file is rewritten only when ``GKCLI_UPDATE_GOLDEN=1`` is set for the pytest run
(read at import: the autouse fixture clears GKCLI_* before each test); otherwise a
missing or different file fails the test, so output never changes silently.
"""

from __future__ import annotations

import os
from pathlib import Path

UPDATE_GOLDEN = os.environ.get("GKCLI_UPDATE_GOLDEN") == "1"
GOLDEN = Path(__file__).resolve().parent / "golden"


def check_golden(path: Path, actual: str) -> None:
    """Compare ``actual`` with the golden file ``path`` (or rewrite it when updating)."""
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    assert path.exists(), f"{path} is missing; create it with GKCLI_UPDATE_GOLDEN=1"
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, (
        f"output differs from {path.name}; if intended, regenerate with GKCLI_UPDATE_GOLDEN=1 and review the diff"
    )


EXTENSIONS = {  # the file extension of each report format's golden files
    "text": "txt",
    "json": "json",
    "jsonl": "jsonl",
    "csv": "csv",
    "github": "txt",
    "gitlab": "json",
    "junit": "xml",
    "sarif": "sarif",
}
