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
