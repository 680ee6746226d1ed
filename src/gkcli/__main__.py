"""``python -m gkcli``."""

from .cli import main

main()
