"""The one answer to "Waar kun je terecht?": which help desks (loketten) to show for the
items of a session or selection. The terminal's closing screen, the deck's closing slide
and the handout all ask this function, so the same items always give the same desks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gesprek.content.text import one_line

# Shown when none of the items names a desk: the first places to go.
DEFAULT_DESKS = ("leidinggevende", "vertrouwenspersoon", "vik")


@dataclass(frozen=True)
class Desk:
    id: str
    naam: str
    omschrijving: str  # one line; empty for an id the kader does not know


def help_desks(items: Iterable[Any], library: Any) -> list[Desk]:
    """The desks the items name (``loketten``), in the order they first appear; when they
    name none, the default desks that the kader knows."""
    named: list[str] = []
    for item in items:
        for desk in getattr(item, "loketten", None) or []:
            if desk not in named:
                named.append(desk)
    known = library.kader.get("loketten", {})
    chosen = named or [d for d in DEFAULT_DESKS if d in known]
    desks = []
    for desk in chosen:
        entry = known.get(desk)
        if entry is None:
            desks.append(Desk(desk, desk, ""))
        else:
            desks.append(Desk(desk, one_line(entry.naam), one_line(entry.omschrijving)))
    return desks
