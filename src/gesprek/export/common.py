"""What the exports share: text reflow, option letters, Dutch dates, and a held session read
back from the records as items with their votes, notes and agreements.

No heavy imports here (no python-pptx, no jinja2): the deck and the handout import this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gesprek.content.text import dutch_date, letter, one_line, paragraph_lines

__all__ = ["dutch_date", "letter", "one_line"]  # re-exported for the deck and handout

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


@dataclass
class HeldPart:
    """One part of a held session: the item as it was used (None if its stored snapshot
    no longer fits the content format), the votes per question and its notes."""

    positie: int
    item_id: str
    type: str
    titel: str
    minutes: int
    item: Any | None
    status: str = "open"
    seconds: float = 0.0
    votes: dict[int | None, dict[str, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)


@dataclass
class HeldSession:
    id: int
    team: str
    programma: str | None
    omschrijving: str
    begonnen: str
    beeindigd: str | None
    parts: list[HeldPart]
    general_notes: list[str] = field(default_factory=list)
    general_agreements: list[str] = field(default_factory=list)


def load_session(db: Path, session_id: int) -> HeldSession:
    """A held session from the records file (UsageError for an unknown id)."""
    from gesprek.session.recording import item_from_snapshot
    from gesprek.store.records import Store

    store = Store.open(db, write=False)
    try:
        record = store.session(session_id)  # raises UsageError for an unknown session
        votes = store.votes(session_id)
        notes = store.notes(session_id)
        stored = store.parts(session_id)
    finally:
        store.close()
    parts: list[HeldPart] = []
    for part in stored:
        try:
            item = item_from_snapshot(part.snapshot)
        except ValueError:  # pydantic's ValidationError: an older content format
            item = None
        parts.append(
            HeldPart(
                positie=part.positie,
                item_id=part.item_id,
                type=part.type,
                titel=part.titel,
                minutes=part.geplande_duur,
                item=item,
                status=part.status,
                seconds=part.bestede_seconden,
                votes={stap: dict(c) for (pos, stap), c in votes.items() if pos == part.positie},
                notes=[t for pos, s, t in notes if pos == part.positie and s == "notitie"],
                agreements=[t for pos, s, t in notes if pos == part.positie and s == "afspraak"],
            )
        )
    return HeldSession(
        id=record.id,
        team=record.team,
        programma=record.programma,
        omschrijving=record.omschrijving,
        begonnen=record.begonnen,
        beeindigd=record.beeindigd,
        parts=parts,
        general_notes=[t for pos, s, t in notes if pos is None and s == "notitie"],
        general_agreements=[t for pos, s, t in notes if pos is None and s == "afspraak"],
    )
