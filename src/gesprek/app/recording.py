"""Wiring the session engine to the records store: starting a recorded session (each
item stored as a snapshot) and resuming one (from those snapshots, decoded by the read
model). The engine itself knows nothing of the store; ``StoreObserver`` commits what it
reports."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from gesprek.errors import StoreError
from gesprek.readmodel.held import item_from_snapshot, snapshot
from gesprek.session.engine import Clock, Part, Session
from gesprek.store.records import PartRecord, Store

__all__ = ["StoreObserver", "item_from_snapshot", "now_text", "resume", "snapshot", "start"]


def now_text() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class StoreObserver:
    """Commits every vote, note and part change the moment the engine reports it."""

    def __init__(self, store: Store, session_id: int, now: Callable[[], str] = now_text) -> None:
        self.store = store
        self.session_id = session_id
        self.now = now

    def votes(self, positie: int, stap: int | None, counts: Mapping[str, int], bron: str) -> None:
        self.store.record_votes(self.session_id, positie, stap, counts, self.now(), bron)

    def note(self, positie: int | None, soort: str, tekst: str) -> None:
        self.store.add_note(self.session_id, positie, soort, tekst, self.now())

    def part(self, positie: int, status: str, fase: int, seconds: float) -> None:
        self.store.save_part(self.session_id, positie, status, fase, seconds)

    def finished(self) -> None:
        self.store.finish(self.session_id, self.now())


def start(
    store: Store,
    items: Sequence[Any],
    minutes: Sequence[int],
    *,
    team: str,
    programma: str | None,
    omschrijving: str,
    clock: Clock,
    now: Callable[[], str] = now_text,
    threshold: int | None = None,
) -> tuple[int, Session]:
    """A new recorded session. ``threshold``: phones vote, and counts of fewer phone votes
    than this are never shown (stored with the session, for every later reader)."""
    records = []
    for positie, (item, planned) in enumerate(zip(items, minutes, strict=True), start=1):
        data, digest = snapshot(item)
        records.append(
            PartRecord(positie, item.id, item.type, item.titel.strip(), planned, data, digest)
        )
    session_id = store.start_session(
        team=team, programma=programma, omschrijving=omschrijving, parts=records, begonnen=now()
    )
    if threshold is not None:
        store.set_threshold(session_id, threshold)
    parts = [
        Part(positie, item, planned)
        for positie, item, planned in zip(range(1, len(items) + 1), items, minutes, strict=True)
    ]
    return session_id, Session(parts, clock, StoreObserver(store, session_id, now))


def resume(
    store: Store,
    session_id: int,
    clock: Clock,
    now: Callable[[], str] = now_text,
    threshold: int | None = None,
) -> Session:
    """The session as it was stored, continuing at its first unfinished part. With
    ``threshold`` (phones vote from here on) the session keeps the larger threshold."""
    if threshold is not None:
        store.set_threshold(session_id, threshold)
    stored = store.parts(session_id)
    try:
        items = [item_from_snapshot(r.snapshot) for r in stored]
    except ValueError:  # pydantic's ValidationError
        raise StoreError(
            f"sessie {session_id} is opgenomen met een andere vorm van de inhoud "
            "en kan niet worden hervat",
            hint=f"De resultaten blijven leesbaar: gesprek resultaten {session_id}",
        ) from None
    parts = [
        Part(
            r.positie,
            item,
            r.geplande_duur,
            r.status,
            r.fase,
            r.bestede_seconden,
        )
        for r, item in zip(stored, items, strict=True)
    ]
    if all(p.done for p in parts):
        # Every part done but never closed: reopen at the last part.
        parts[-1].status = "open"
    return Session(
        parts,
        clock,
        StoreObserver(store, session_id, now),
        votes=store.votes(session_id),
        notes=store.notes(session_id),
    )
