"""Reading counts that the facilitator types (``4 2 1``): the terminal's text parsing.
The session engine takes lists of ints only."""

from __future__ import annotations

import re

from gesprek.session.engine import VoteError

COUNTS = re.compile(r"[\d\s,;]+")  # what typed counts look like (anything else is a key)


def looks_like_counts(line: str) -> bool:
    """True when ``line`` is made of digits and separators only (counts, not a key)."""
    return COUNTS.fullmatch(line) is not None


def parse_counts(line: str, n: int) -> list[int]:
    """``"4 2 1"`` -> ``[4, 2, 1]``; a Dutch VoteError on anything else."""
    parts = line.replace(",", " ").replace(";", " ").split()
    if len(parts) != n:
        raise VoteError(f"geef {n} aantallen, één per optie, bijvoorbeeld {' '.join(['0'] * n)}")
    try:
        values = [int(p) for p in parts]
    except ValueError:
        raise VoteError("alleen hele getallen, gescheiden door spaties") from None
    if any(v < 0 for v in values):
        raise VoteError("aantallen kunnen niet negatief zijn")
    if any(v > 10_000 for v in values):
        raise VoteError("dat zijn wel erg veel stemmen; tik de aantallen opnieuw")
    return values
