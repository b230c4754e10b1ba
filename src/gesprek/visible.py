"""Showing text that a user or a file supplied, safely: control characters become visible
text (``\\x1b``) so that no escape sequence from content, a team label or a note reaches a
terminal, and long values are quoted as a short excerpt.

The replacement is plain ASCII, so it can be written in every output encoding.
"""

from __future__ import annotations

import re

# C0 (except tab and newline), DEL and C1: what a terminal may act on.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def visible(text: str) -> str:
    """``text`` with every control character (except tab and newline) written out as
    ``\\xNN``."""
    return CONTROL.sub(_escape, text) if CONTROL.search(text) else text


def excerpt(value: object, limit: int = 40) -> str:
    """A short, one-line, visible excerpt of ``value`` for a message: at most ``limit``
    characters of its first line, with '…' where it was cut."""
    text = str(value)
    first, _, rest = text.partition("\n")
    cut = len(first) > limit or bool(rest)
    shown = visible(first[:limit]).replace("\t", " ")
    return shown + "…" if cut else shown


def control_char(text: str) -> str | None:
    """The first control character in ``text`` as ``U+NNNN``, or None."""
    match = CONTROL.search(text)
    return f"U+{ord(match.group()):04X}" if match else None


_guarded = False


def guard_rich() -> None:
    """Make every Rich ``Text`` show control characters visibly instead of passing them
    to the terminal. Rich strips only a few (bell, backspace ...) and lets ESC through;
    all text, from plain strings, markup and tables, passes ``rich.text``'s
    ``strip_control_codes`` when it becomes a ``Text``, so that one name is replaced
    (Rich has no public hook for it). Rich's own styling is not text and is unaffected."""
    global _guarded
    if _guarded:
        return
    import rich.text

    rich.text.strip_control_codes = visible  # type: ignore[assignment]
    _guarded = True
