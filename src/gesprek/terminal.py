"""Whether a person is at a terminal: the commands that ask questions (``sessie``,
``nieuw``) need a keyboard and a screen, and say so instead of failing on redirected input
or output."""

from __future__ import annotations

import sys

from gesprek.errors import UsageError


def require_terminal(what: str) -> None:
    """Refuse (exit 2) when input or output is redirected: ``what`` heeft een terminal
    nodig, e.g. ``what="gesprek sessie"``."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            f"{what} heeft een terminal nodig (toetsenbord en scherm)",
            hint="Start het in een terminalvenster, niet met invoer of uitvoer omgeleid.",
        )
