"""The documentation holds together and stays true: every section the code cites exists (by
number or by name), every relative link of README.md and docs/*.md reaches a file and a
heading, the rule table lists the catalogue, the Python examples run, and every console
example that shows a gkcli command with its output prints that output."""

from __future__ import annotations

import re
import shlex
import unicodedata
from itertools import pairwise
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
CITING_TREES = ("src", "tests", "bench")
TEXT_SUFFIXES = {".py", ".toml", ".txt", ".md", ".cfg", ".csv", ".yaml", ".yml"}

# A citation: a docs file, then one or more section numbers (", §2.4, §2.5" or " and §3").
CITATION = re.compile(r"docs/([\w.-]+\.md)((?:(?:,\s*|\s+and\s+|\s+)§\d+(?:\.\d+)*)*)")
SECTION = re.compile(r"§(\d+(?:\.\d+)*)")
# A citation by name: docs/ledgers.md "Finding codes", docs/design.md §5 "Output formats".
NAMED = re.compile(r'docs/([\w.-]+\.md)(?:\s+§\d+(?:\.\d+)*)?,?\s+"([^"\n]+)"')
BOLD_LEAD = re.compile(r"^\*\*(.+?)\.?\*\*", re.MULTILINE)
NUMBERED_HEADING = re.compile(r"^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s", re.MULTILINE)
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _strip_code(markdown: str) -> str:
    """The text outside fenced blocks, where a ``#`` starts a heading and not a comment."""
    return FENCE.sub("", markdown)


def numbered_sections(doc: Path) -> set[str]:
    """The section numbers of ``doc``'s headings: ``## 2. Title`` gives 2, ``### 2.1 Title`` 2.1."""
    return set(NUMBERED_HEADING.findall(_strip_code(doc.read_text(encoding="utf-8"))))


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: markup removed, lower case, punctuation dropped,
    spaces to hyphens (letters of every script, digits, ``-`` and ``_`` are kept)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "").lower()
    kept = "".join(
        ch for ch in text if ch in " -_" or unicodedata.category(ch)[0] in "LN" or unicodedata.category(ch) == "Mn"
    )
    return kept.replace(" ", "-")


def anchors(doc: Path) -> set[str]:
    """Every anchor of ``doc``; a repeated heading gets -1, -2, … as GitHub numbers them."""
    seen: dict[str, int] = {}
    result = set()
    for heading in HEADING.findall(_strip_code(doc.read_text(encoding="utf-8"))):
        anchor = github_anchor(heading)
        count = seen.get(anchor, 0)
        seen[anchor] = count + 1
        result.add(anchor if count == 0 else f"{anchor}-{count}")
    return result


def section_names(doc: Path) -> set[str]:
    """What a citation may name in ``doc``: a heading, or the bold lead of a paragraph."""
    text = _strip_code(doc.read_text(encoding="utf-8"))
    headings = (re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", h) for h in HEADING.findall(text))
    return {name.replace("`", "") for name in (*headings, *BOLD_LEAD.findall(text))}


def _code_files() -> list[tuple[str, str]]:
    """(path from the repository, text) of every text file in the citing trees."""
    files = []
    for tree in CITING_TREES:
        for path in sorted((REPO / tree).rglob("*")):
            if path.is_file() and path.suffix in TEXT_SUFFIXES and "golden" not in path.parts:
                files.append((str(path.relative_to(REPO)), path.read_text(encoding="utf-8", errors="replace")))
    return files


def named_citations() -> list[tuple[str, str, str]]:
    """(citing file, cited docs file, section name) for every citation by name."""
    return [(where, *match.groups()) for where, text in _code_files() for match in NAMED.finditer(text)]


def citations() -> list[tuple[str, str, str]]:
    """(citing file, cited docs file, section or "") for every citation in the code trees."""
    found = []
    for where, text in _code_files():
        for match in CITATION.finditer(text):
            sections = SECTION.findall(match.group(2)) or [""]
            found.extend((where, match.group(1), section) for section in sections)
    return found


def markdown_files() -> list[Path]:
    """README.md and the other documents at the top of the repository, and docs/*.md."""
    return [*sorted(REPO.glob("*.md")), *sorted(DOCS.glob("*.md"))]


def links(doc: Path) -> list[str]:
    return LINK.findall(_strip_code(doc.read_text(encoding="utf-8")))


def test_the_code_cites_the_design_document() -> None:
    cited = {(doc, section) for _, doc, section in citations()}
    assert ("design.md", "2.3") in cited and ("design.md", "8") in cited


@pytest.mark.parametrize(("citing", "doc", "section"), sorted(set(citations())))
def test_every_cited_section_exists(citing: str, doc: str, section: str) -> None:
    target = DOCS / doc
    assert target.is_file(), f"{citing} cites docs/{doc}, which does not exist"
    if section:
        assert section in numbered_sections(target), f"{citing} cites docs/{doc} §{section}: no such heading"


@pytest.mark.parametrize(("citing", "doc", "name"), sorted(set(named_citations())))
def test_every_section_cited_by_name_exists(citing: str, doc: str, name: str) -> None:
    target = DOCS / doc
    assert target.is_file(), f"{citing} cites docs/{doc}, which does not exist"
    assert name in section_names(target), f'{citing} cites docs/{doc} "{name}": no such heading'


@pytest.mark.parametrize("doc", markdown_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_relative_link_resolves(doc: Path) -> None:
    broken = []
    for href in links(doc):
        if re.match(r"[a-z][a-z0-9+.-]*:", href):  # https:, mailto: …: not checked offline
            continue
        path_part, _, fragment = href.partition("#")
        target = (doc.parent / path_part).resolve() if path_part else doc
        if not target.exists():
            broken.append(f"{href}: no file {path_part}")
        elif fragment and target.suffix == ".md" and fragment not in anchors(target):
            broken.append(f"{href}: no heading #{fragment} in {target.name}")
    assert not broken, f"{doc.relative_to(REPO)}: " + "; ".join(broken)


def test_the_checks_themselves_catch_what_they_should(tmp_path: Path) -> None:
    doc = tmp_path / "d.md"
    doc.write_text(
        "# Title\n## 2. The working-day calendar\n### 2.1 Day kinds\n"
        "```toml\n# 9. not a heading\n```\n## Checking ledgers (台账)\n## `gkcli cal`\n## Title\n",
        encoding="utf-8",
    )
    assert numbered_sections(doc) == {"2", "2.1"}
    assert anchors(doc) == {
        "title",
        "title-1",
        "2-the-working-day-calendar",
        "21-day-kinds",
        "checking-ledgers-台账",
        "gkcli-cal",
    }
    # Assembled, so that this file does not cite a document that does not exist.
    text = "see docs/" + "design.md §2.4, §2.5 and §3; docs/ledgers.md; docs/" + 'x.md §1 "Output formats"'
    assert [(m.group(1), SECTION.findall(m.group(2))) for m in CITATION.finditer(text)] == [
        ("design.md", ["2.4", "2.5", "3"]),
        ("ledgers.md", []),
        ("x.md", ["1"]),
    ]
    assert [m.groups() for m in NAMED.finditer(text + ", docs/" + 'y.md, "A b"')] == [
        ("x.md", "Output formats"),
        ("y.md", "A b"),
    ]
    doc.write_text("## 5. Ledgers\n\n**Output formats.** Text.\n### `gkcli cal`\n", encoding="utf-8")
    assert section_names(doc) == {"Ledgers", "Output formats", "gkcli cal"}


PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("doc", [DOCS / "architecture.md"], ids=lambda p: p.name)
def test_python_examples_run(doc: Path) -> None:
    blocks = PYTHON_BLOCK.findall(doc.read_text(encoding="utf-8"))
    assert blocks, f"{doc.name} has no python example"
    namespace: dict[str, object] = {}  # one namespace: a later block continues an earlier one
    for block in blocks:
        exec(compile(block, str(doc), "exec"), namespace)


def test_the_rule_table_lists_every_built_in_rule() -> None:
    from gkcli.rules import load_catalogue

    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", (DOCS / "rules.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert listed == [rule.id for rule in load_catalogue()], "docs/rules.md: the rule table and the catalogue differ"


# -- the console examples: each `$ gkcli …` shown with its output is run and must print it -----

CONSOLE_BLOCK = re.compile(r"^(<!-- not run[^\n]*-->\n)?```console\n(.*?)^```", re.MULTILINE | re.DOTALL)
ELISION = ("...", "…")


def console_examples() -> list[tuple[str, str, tuple[str, ...]]]:
    """(document, command, output lines shown) for every ``$ gkcli …`` line of a console block
    that shows output; a block after a ``<!-- not run … -->`` line is an illustration."""
    found = []
    for doc in markdown_files():
        for skip, block in CONSOLE_BLOCK.findall(doc.read_text(encoding="utf-8")):
            if skip:
                continue
            lines = block.rstrip("\n").split("\n")
            starts = [n for n, line in enumerate(lines) if line.startswith("$ ")] + [len(lines)]
            for start, end in pairwise(starts):
                shown = tuple(line for line in lines[start + 1 : end] if line.strip())
                if shown:
                    found.append((str(doc.relative_to(REPO)), lines[start][2:], shown))
    return found


def run_shown_command(command: str) -> list[str] | None:
    """The lines ``command`` prints (stdout, then stderr), run through the typer app; None for
    a command line this runner does not model. Understood: ``printf '…' |`` before gkcli,
    ``| head -1`` and ``&& echo WORD`` after it, and a trailing ``# comment``."""
    from typer.testing import CliRunner

    from gkcli.cli.app import app

    words = shlex.split(command, comments=True)
    stdin = None
    if words[:1] == ["printf"] and "|" in words:
        stdin = words[1].encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        words = words[words.index("|") + 1 :]
    keep: int | None = None
    if words[-3:-1] == ["|", "head"]:
        keep, words = int(words[-1].lstrip("-")), words[:-3]
    echo = None
    if len(words) > 3 and words[-3:-1] == ["&&", "echo"]:
        echo, words = words[-1], words[:-3]
    if words[:1] != ["gkcli"] or any(word in ("|", "<", ">", "&&", ";") for word in words):
        return None
    result = CliRunner().invoke(app, words[1:], input=stdin)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    if keep is not None:
        lines = lines[:keep]
    if echo is not None and result.exit_code == 0:
        lines.append(echo)
    return lines


def matches(shown: tuple[str, ...], printed: list[str]) -> bool:
    """``printed`` is what ``shown`` shows: line by line, where a line ``...`` stands for the
    rest and a line ending in ``...`` for the rest of that line."""
    for number, line in enumerate(shown):
        if line.strip() in ELISION:
            return True
        if number >= len(printed):
            return False
        if line.endswith(ELISION):
            if not printed[number].startswith(line.rstrip(".… ")):
                return False
        elif printed[number].rstrip() != line.rstrip():
            return False
    return len(printed) == len(shown)


@pytest.mark.parametrize(("doc", "command", "shown"), console_examples(), ids=lambda v: str(v)[:60])
def test_console_examples_print_what_they_show(doc: str, command: str, shown: tuple[str, ...]) -> None:
    printed = run_shown_command(command)
    if printed is None:
        pytest.skip("not a gkcli command line this test can run")
    assert matches(shown, printed), f"{doc}: `{command}` prints:\n" + "\n".join(printed)


def test_the_example_runner_understands_what_the_documents_use() -> None:
    assert matches(("a", "..."), ["a", "b", "c"]) and matches(("ab...",), ["abc"])
    assert not matches(("a",), ["a", "b"]) and not matches(("a", "b"), ["a"]) and not matches(("x...",), ["abc"])
    assert run_shown_command("gkcli workdays add 2026-09-30 3 | head -1  # comment") == ["2026-10-10 (Sat)"]
    assert run_shown_command("gkcli workdays is 2026-10-10 && echo yes") == [
        "2026-10-10 (Sat) make-up working day 国庆节",
        "yes",
    ]
    assert run_shown_command("printf '2016-07-08\\n' | gkcli deadline interpretation - --format tsv") is not None
    assert run_shown_command("curl -s http://127.0.0.1/ | jq .") is None
    shown = [example for example in console_examples() if example[0] == "README.md"]
    assert len(shown) >= 8, "the README's examples are no longer found"


def test_the_hours_row_of_rules_md_says_what_the_command_does_with_a_date_alone() -> None:
    # rules.md said "a date without a time is 00:00" while `gkcli deadline 发布会 2026-10-01` refuses it
    from typer.testing import CliRunner

    from gkcli.cli.app import app

    assert CliRunner().invoke(app, ["deadline", "press-conference", "2026-10-01"]).exit_code == 2
    hours = next(
        line for line in (DOCS / "rules.md").read_text(encoding="utf-8").splitlines() if line.startswith("| hours |")
    )
    assert "is refused by `gkcli deadline`" in hours and "a date without a time is 00:00" not in hours
