"""What the exports share: text reflow, option letters, Dutch dates, and the read model's
held session (``gesprek.readmodel.held``): items with their votes, notes and agreements.

No heavy imports here (no python-pptx, no jinja2): the deck and the handout import this.
"""

from __future__ import annotations

import re

from gesprek.content.text import dutch_date, letter, one_line, paragraph_lines
from gesprek.readmodel.held import HeldPart, HeldSession
from gesprek.readmodel.held import read_session as load_session

# re-exported for the deck and handout
__all__ = ["HeldPart", "HeldSession", "dutch_date", "letter", "load_session", "one_line"]

_BULLET = re.compile(r"^[-•*]\s+")


def text_lines(text: str | None) -> list[tuple[str, bool, bool]]:
    """Content text as ``(line, is_bullet, starts_paragraph)`` (see
    ``gesprek.content.text``); bullet markers (``-``, ``•``, ``*``) are taken off."""
    result: list[tuple[str, bool, bool]] = []
    for lines in paragraph_lines(text):
        for index, line in enumerate(lines):
            bullet = bool(_BULLET.match(line))
            result.append((_BULLET.sub("", line) if bullet else line, bullet, index == 0))
    return result


def short(text: str | None, limit: int) -> str:
    """At most ``limit`` characters, cut at a word with an ellipsis."""
    flat = one_line(text)
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
    return cut.rstrip(",;:.-–— ") + "…"


def minutes_text(minutes: int) -> str:
    return f"{minutes} minuut" if minutes == 1 else f"{minutes} minuten"


# -- a held session ------------------------------------------------------------------------
# The deck and the handout read a held session through the read model; these names are
# kept here so both import what they share from one place.
