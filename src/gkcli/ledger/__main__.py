"""``python -m gkcli.ledger codes [--update DOC]``: the finding-code table of docs/ledgers.md,
printed or written into DOC's ``finding-codes`` section (a maintainer's tool, not a command)."""

from __future__ import annotations

import argparse
from pathlib import Path

from gkcli.ledger.codes import markdown_table, with_table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m gkcli.ledger", description=__doc__.splitlines()[0])
    parser.add_argument("table", choices=["codes"], help="the table to generate")
    parser.add_argument(
        "--update", type=Path, metavar="DOC", help="rewrite the table section of DOC instead of printing"
    )
    args = parser.parse_args(argv)
    if args.update is None:
        print(markdown_table(), end="")
        return
    args.update.write_text(with_table(args.update.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
