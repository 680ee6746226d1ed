"""The finding-code registry (docs/ledgers.md "Finding codes"): one place for every code's
severity and help, and the generated table in the docs that agrees with it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from gkcli.ledger.codes import SECTION_END, SECTION_START, FindingCode, Scope, Severity, markdown_table, with_table
from gkcli.ledger.findings import Finding

LEDGERS_DOC = REPO / "docs" / "ledgers.md"


def test_the_docs_table_is_the_one_the_registry_generates() -> None:
    document = LEDGERS_DOC.read_text(encoding="utf-8")
    assert with_table(document) == document, "regenerate with: python -m gkcli.ledger codes --update docs/ledgers.md"
    section = document.split(SECTION_START)[1].split(SECTION_END)[0]
    assert section == "\n" + markdown_table()


def test_every_code_has_its_severity_scope_and_help_in_both_languages() -> None:
    for code in FindingCode:
        assert code.info.help_en and code.info.help_zh and code.help("zh") != code.help("en")
        assert "|" not in code.help("en") + code.help("zh"), "help text must not break the Markdown table"
    assert {code for code in FindingCode if code.severity is Severity.WARNING} == {
        FindingCode.NON_ISO_DATE,
        FindingCode.TIME_ASSUMED,
        FindingCode.DUE_SOON,
        FindingCode.NO_DONE_COLUMN,
        FindingCode.CELL_TOO_LONG_FOR_EXCEL,
    }
    assert {code for code in FindingCode if code.info.scope is Scope.FILE} == {
        FindingCode.MISSING_COLUMN,
        FindingCode.ENCODING_ERROR,
        FindingCode.QUARTER_MISSING,
        FindingCode.UPDATE_GAP,
        FindingCode.NO_DONE_COLUMN,
    }


def test_a_finding_takes_its_severity_from_its_code() -> None:
    finding = Finding(FindingCode.DUE_SOON, "a.csv", "soon", "即将到期", row=2)
    assert finding.severity is Severity.WARNING
    assert finding.as_record()["code"] == "due-soon" and finding.as_record()["severity"] == "warning"
    assert str(FindingCode.DUE_SOON) == f"{FindingCode.DUE_SOON}" == "due-soon"


def test_a_document_without_the_section_is_refused() -> None:
    with pytest.raises(ValueError, match="finding-codes"):
        with_table("# no table here\n")


def test_the_generator_prints_and_updates(tmp_path: Path) -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "gkcli.ledger", "codes"], capture_output=True, text=True, check=True, timeout=60
    )
    assert printed.stdout == markdown_table() and printed.stderr == ""
    doc = tmp_path / "doc.md"
    doc.write_text(f"before\n{SECTION_START}\nstale\n{SECTION_END}\nafter\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "gkcli.ledger", "codes", "--update", str(doc)], check=True, timeout=60)
    assert doc.read_text(encoding="utf-8") == f"before\n{SECTION_START}\n{markdown_table()}{SECTION_END}\nafter\n"
