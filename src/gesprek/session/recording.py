"""Wiring the engine to the records store: starting a recorded session, resuming one,
and reading one back as results."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from gesprek.content.models import Stemming
from gesprek.errors import StoreError
from gesprek.session.engine import Clock, Part, Session
from gesprek.store.records import PartRecord, Store


def now_text() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def snapshot(item: Any) -> tuple[dict[str, Any], str]:
    """The item as stored with the session, and a hash of its content."""
    data = item.model_dump(mode="json")
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return data, hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def item_from_snapshot(data: Mapping[str, Any]) -> Any:
    from gesprek.content.models import item_adapter

    return item_adapter().validate_python(dict(data))


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


class PhoneCounts:
    """The running phone counts of the open question, as they arrive (``gesprek.live``'s
    writer). They come from the phone server's thread, so they go through a records
    connection of their own, opened on that thread. One time per question (when its
    first count was stored), never a time per vote."""

    def __init__(self, path: Path, session_id: int, now: Callable[[], str] = now_text) -> None:
        self.store = Store.open(path)
        self.session_id = session_id
        self.now = now
        self.since: dict[Any, str] = {}

    def save(self, ref: Any, counts: Mapping[str, int]) -> None:
        positie, stap = ref
        at = self.since.setdefault(ref, self.now())
        self.store.record_votes(self.session_id, positie, stap, counts, at, "telefoon")

    def close(self) -> None:
        self.store.close()


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
) -> tuple[int, Session]:
    records = []
    for positie, (item, planned) in enumerate(zip(items, minutes, strict=True), start=1):
        data, digest = snapshot(item)
        records.append(
            PartRecord(positie, item.id, item.type, item.titel.strip(), planned, data, digest)
        )
    session_id = store.start_session(
        team=team, programma=programma, omschrijving=omschrijving, parts=records, begonnen=now()
    )
    parts = [
        Part(positie, item, planned)
        for positie, item, planned in zip(range(1, len(items) + 1), items, minutes, strict=True)
    ]
    return session_id, Session(parts, clock, StoreObserver(store, session_id, now))


def resume(
    store: Store, session_id: int, clock: Clock, now: Callable[[], str] = now_text
) -> Session:
    """The session as it was stored, continuing at its first unfinished part."""
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
        sources=store.votes_by_source(session_id),
    )


def questions_of(snapshot: Mapping[str, Any]) -> dict[int | None, Stemming]:
    """The questions of a stored item by casus step (None for other items). Empty for a
    snapshot this version's model does not accept (an older content format, or a file
    edited by hand): callers then show the stored counts rather than fail."""
    try:
        item = item_from_snapshot(snapshot)
    except ValueError:  # pydantic's ValidationError
        return {}
    return {v.stap: v for v in item.stemmingen()}


def results(store: Store, session_id: int, *, detail: bool = False) -> dict[str, Any]:
    """One held session as DESIGN.md's ``resultaten --json`` object. With ``detail``, each
    entry also carries ``_opties``: ``(id, tekst, juist)`` per option, for display."""
    record = store.session(session_id)
    votes = store.votes(session_id)
    notes = store.notes(session_id)
    entries: list[dict[str, Any]] = []
    for part in store.parts(session_id):
        questions = questions_of(part.snapshot)
        mine = [(soort, tekst) for positie, soort, tekst in notes if positie == part.positie]
        keys = sorted((k for k in votes if k[0] == part.positie), key=lambda k: k[1] or 0)
        if not keys and mine:
            keys = [(part.positie, None)]
        for index, key in enumerate(keys):
            question = questions.get(key[1])
            counts = votes.get(key, {})
            entry: dict[str, Any] = {
                "item": part.item_id,
                "type": part.type,
                "titel": part.titel,
                "stap": key[1],
                "stemmen": (
                    {o.id: int(counts.get(o.id, 0)) for o in question.opties}
                    if question is not None and counts
                    else dict(counts)
                ),
                "notities": [t for s, t in mine if s == "notitie"] if index == 0 else [],
                "afspraken": [t for s, t in mine if s == "afspraak"] if index == 0 else [],
            }
            if detail:
                entry["_vraag"] = question.vraag if question is not None else None
                entry["_opties"] = (
                    [(o.id, o.tekst, o.id in question.juist) for o in question.opties]
                    if question is not None
                    else []
                )
            entries.append(entry)
    return {
        "id": record.id,
        "team": record.team,
        "begonnen": record.begonnen,
        "beeindigd": record.beeindigd,
        "programma": record.programma,
        "onderdelen": entries,
    }
