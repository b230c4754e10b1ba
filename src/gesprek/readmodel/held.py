"""A held session as every reader sees it.

``load_session`` turns the records of one session (store rows) into a ``HeldSession``:
the session, its parts in order with their status, per part the item as it was used
(the stored snapshot, decoded once), per voted question the counts, and the notes and
agreements. Masking happens here, once: a question that phones voted on with fewer votes
than the session's threshold has no counts at all in this structure, only the text that
says why (``verborgen``), so no reader can show them by mistake. Hand counts are kept as
entered.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Only what the structure needs is imported here: the deck and handout import this module
# for a selection too, where no records file is read.
if TYPE_CHECKING:
    from gesprek.content.models import Stemming
    from gesprek.store.records import SessionRecord, Store

# The threshold for sessions that stored phone votes but no threshold (recorded before
# thresholds were stored): the default of ``sessie --live``.
DEFAULT_THRESHOLD = 3
HAND = "hand"  # raised hands, counted by the facilitator; every other source is phones


def hidden_text(threshold: int) -> str:
    """What every output shows instead of the counts of a masked question."""
    return f"minder dan {threshold} stemmen"


# -- snapshots ------------------------------------------------------------------------------


def snapshot(item: Any) -> tuple[dict[str, Any], str]:
    """The item as stored with the session, and a hash of its content."""
    import hashlib
    import json

    data = item.model_dump(mode="json")
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return data, hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def item_from_snapshot(data: Mapping[str, Any]) -> Any:
    """The content model of a stored snapshot (pydantic's ValidationError, a ValueError,
    for a snapshot this version's model does not accept)."""
    from gesprek.content.models import item_adapter

    return item_adapter().validate_python(dict(data))


def _decode(data: Mapping[str, Any]) -> Any | None:
    try:
        return item_from_snapshot(data)
    except ValueError:  # an older content format, or a file edited by hand
        return None


# -- teams ------------------------------------------------------------------------------------


def team_key(label: str) -> str:
    """A team label as people mean it: case, accents and spacing do not matter
    ("Recherche Zuid" and "recherche  zuid " are one team)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", label)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


# -- the structure ------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeldQuestion:
    """One voted question of a part. ``stemmen`` are the counts per option id, in option
    order (hand and phone counts together); None when the question is masked, and then
    ``verborgen`` says why."""

    stap: int | None  # the casus step, None for other items
    vraag: Stemming | None  # the question as it was asked; None: snapshot unreadable
    stemmen: dict[str, int] | None
    verborgen: str | None = None
    bronnen: tuple[str, ...] = ()  # where the counts came from: hand, telefoon
    # the counts per source (empty when masked: no count of a masked question is here)
    per_bron: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def opties(self) -> list[tuple[str, str]]:
        """``(id, tekst)`` per option; the stored ids when the question is unknown."""
        if self.vraag is not None:
            return [(o.id, o.tekst.strip()) for o in self.vraag.opties]
        return [(o, "") for o in self.stemmen or {}]

    @property
    def totaal(self) -> int | None:
        return None if self.stemmen is None else sum(self.stemmen.values())


@dataclass
class HeldPart:
    """One part of a held session: the item as it was used (None if its stored snapshot
    no longer fits the content format), the voted questions, notes and agreements."""

    positie: int
    item_id: str
    type: str
    titel: str
    minutes: int
    item: Any | None
    status: str = "open"  # open, klaar, overgeslagen
    fase: int = 0
    seconds: float = 0.0
    thema: str | None = None
    kernwaarden: list[str] = field(default_factory=list)
    questions: list[HeldQuestion] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)

    @property
    def votes(self) -> dict[int | None, dict[str, int]]:
        """The counts that may be shown, per question (casus step, else None)."""
        return {q.stap: q.stemmen for q in self.questions if q.stemmen is not None}

    @property
    def hidden(self) -> dict[int | None, str]:
        """The masked questions, with the text to show instead of their counts."""
        return {q.stap: q.verborgen for q in self.questions if q.verborgen is not None}

    @property
    def discussed(self) -> bool:
        return self.status == "klaar"


@dataclass
class HeldSession:
    id: int
    team: str
    programma: str | None
    omschrijving: str
    begonnen: str
    beeindigd: str | None
    drempel: int | None
    parts: list[HeldPart]
    general_notes: list[str] = field(default_factory=list)
    general_agreements: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        """'afgerond' when the facilitator closed it, else 'onderbroken'."""
        return "afgerond" if self.beeindigd else "onderbroken"

    @property
    def datum(self) -> str:
        return self.begonnen[:10]

    @property
    def discussed(self) -> int:
        """Parts discussed (done, not skipped)."""
        return sum(1 for p in self.parts if p.discussed)

    @property
    def has_entries(self) -> bool:
        """Anything recorded: a vote, a note or agreement, or a part done or skipped."""
        return bool(
            self.general_notes
            or self.general_agreements
            or any(p.questions or p.notes or p.agreements or p.status != "open" for p in self.parts)
        )


# -- reading ------------------------------------------------------------------------------------


def _question(
    stap: int | None,
    vraag: Stemming | None,
    by_source: Mapping[str, Mapping[str, int]],
    threshold: int,
) -> HeldQuestion:
    sources = tuple(sorted(by_source))
    phones = sum(sum(c.values()) for bron, c in by_source.items() if bron != HAND)
    if 0 < phones < threshold:
        return HeldQuestion(stap, vraag, None, hidden_text(threshold), sources)
    total: dict[str, int] = {}
    for counts in by_source.values():
        for option, n in counts.items():
            total[option] = total.get(option, 0) + int(n)
    if vraag is not None:
        total = {o.id: total.get(o.id, 0) for o in vraag.opties}
    per_source = {
        bron: {o: int(n) for o, n in counts.items()} for bron, counts in by_source.items()
    }
    return HeldQuestion(stap, vraag, total, None, sources, per_source)


def _texts(notes: list[tuple[int | None, str, str]], positie: int | None, soort: str) -> list[str]:
    """The notes (``notitie``) or agreements (``afspraak``) of one part, or of the whole
    session (``positie`` None), in the order they were typed."""
    return [t for pos, s, t in notes if pos == positie and s == soort]


def load_session(store: Store, session_id: int) -> HeldSession:
    """One held session (UsageError for an unknown id)."""
    return _load(store, store.session(session_id))


def _load(store: Store, record: SessionRecord) -> HeldSession:
    votes = store.votes_by_source(record.id)
    notes = store.notes(record.id)
    threshold = record.drempel or DEFAULT_THRESHOLD
    parts: list[HeldPart] = []
    for stored in store.parts(record.id):
        item = _decode(stored.snapshot)
        questions = {v.stap: v for v in item.stemmingen()} if item is not None else {}
        keys = sorted((k for k in votes if k[0] == stored.positie), key=lambda k: k[1] or 0)
        thema = stored.snapshot.get("thema")
        kernwaarden = stored.snapshot.get("kernwaarden")
        parts.append(
            HeldPart(
                positie=stored.positie,
                item_id=stored.item_id,
                type=stored.type,
                titel=stored.titel,
                minutes=stored.geplande_duur,
                item=item,
                status=stored.status,
                fase=stored.fase,
                seconds=stored.bestede_seconden,
                thema=thema if isinstance(thema, str) and thema else None,
                kernwaarden=[k for k in kernwaarden if isinstance(k, str)]
                if isinstance(kernwaarden, list)
                else [],
                questions=[
                    _question(stap, questions.get(stap), votes[(pos, stap)], threshold)
                    for pos, stap in keys
                ],
                notes=_texts(notes, stored.positie, "notitie"),
                agreements=_texts(notes, stored.positie, "afspraak"),
            )
        )
    return HeldSession(
        id=record.id,
        team=record.team,
        programma=record.programma,
        omschrijving=record.omschrijving,
        begonnen=record.begonnen,
        beeindigd=record.beeindigd,
        drempel=record.drempel,
        parts=parts,
        general_notes=_texts(notes, None, "notitie"),
        general_agreements=_texts(notes, None, "afspraak"),
    )


def load_sessions(
    store: Store, team: str | None = None, since: date | None = None
) -> list[HeldSession]:
    """The held sessions, oldest first; with ``team`` only that team (as ``team_key``
    matches), with ``since`` only those begun on or after that day."""
    wanted = team_key(team) if team is not None else None
    chosen = []
    for record in reversed(store.sessions()):  # sessions() is newest first
        if wanted is not None and team_key(record.team) != wanted:
            continue
        if since is not None and record.begonnen[:10] < since.isoformat():
            continue
        chosen.append(_load(store, record))
    return chosen


@contextmanager
def opened(db: Path) -> Iterator[Store]:
    """The records file, open for reading held sessions (read-only), closed afterwards."""
    from gesprek.store.records import Store

    store = Store.open(db, write=False)
    try:
        yield store
    finally:
        store.close()


def read_session(db: Path, session_id: int) -> HeldSession:
    """One held session from the records file at ``db``."""
    with opened(db) as store:
        return load_session(store, session_id)
