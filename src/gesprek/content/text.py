"""Content text as people read it, the same on the terminal, in a deck and in a handout.

YAML block scalars keep the author's line breaks; on a screen or a page those breaks
within a paragraph become spaces, blank lines stay paragraph breaks, and a line that
starts a list item keeps its own line."""

from __future__ import annotations

import re
from datetime import date, datetime

LIST_START = re.compile(r"^([-•*✓]|\d+[.)]|[a-zA-Z][.)])\s")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def plural(n: int, one: str, many: str) -> str:
    """``n`` with its noun: "1 onderdeel", "3 onderdelen"."""
    return f"{n} {one if n == 1 else many}"


def letter(index: int) -> str:
    """A, B, C ... for options (then numbers past Z)."""
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def paragraph_lines(text: str | None) -> list[list[str]]:
    """The paragraphs of a text, each as its lines (white space within a line folded)."""
    result = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines: list[str] = []
        for raw in block.splitlines():
            line = " ".join(raw.split())
            if not line:
                continue
            if lines and not LIST_START.match(line):
                lines[-1] += " " + line
            else:
                lines.append(line)
        if lines:
            result.append(lines)
    return result


def paragraphs(text: str | None) -> list[str]:
    """The paragraphs of a text, list items within a paragraph on lines of their own."""
    return ["\n".join(lines) for lines in paragraph_lines(text)]


def clean(text: str | None) -> str:
    """The whole text reflowed: paragraphs separated by a blank line."""
    return "\n\n".join(paragraphs(text))


def one_line(text: str | None) -> str:
    """Text on one line (titles, options, chart labels)."""
    return " ".join((text or "").split())


def dutch_date(value: str | date | datetime | None) -> str:
    """``2025-03-05T14:30:00+01:00`` (or a date) -> ``5 maart 2025``; unreadable text
    stays as it is."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            return text
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
