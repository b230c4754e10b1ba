"""``gesprek insturen``: send what may be shared of every session to the unit's server.

What may leave the laptop is decided in one place, :func:`shareable`: the eenheid label,
the team label, the day, the programme (a built-in one), status, parts planned and done,
the themes and core values of the parts held, and per question of a built-in item the
counts per option, leaving out a question whose phone count stayed below the session's
threshold. Of an item from any other pack only its type and theme. Never notes,
agreements, snapshots, times of day or anything about devices. The server checks the same
list (``gesprek.insturen`` refuses any other field)."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gesprek.errors import UsageError
from gesprek.readmodel.held import HeldSession, load_session
from gesprek.store import server as remote
from gesprek.store import sharing
from gesprek.store.records import Store

BATCH = 200  # sessions per call of the server function (one transaction each)
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _id(value: Any) -> str | None:
    """An id as the server accepts it, else None (a hand-edited record must never make
    the server refuse a whole batch, and sending it again would fail the same way)."""
    return value if isinstance(value, str) and len(value) <= 80 and _ID.fullmatch(value) else None


def label(text: str) -> str:
    """A free label as the server accepts it: no control characters or line ends, spaces
    collapsed, at most 200 characters."""
    shown = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    return " ".join(shown.split())[:200].strip() or "-"


@dataclass(frozen=True)
class Builtin:
    """What counts as built-in content: item ids (with their type) and programme ids."""

    items: dict[str, str]
    programmas: frozenset[str]

    @classmethod
    def of(cls, library: Any) -> Builtin:
        """The items of ``library`` that come from its base pack (the built-in one)."""
        base = Path(library.packs[0]).resolve() if library.packs else None
        items: dict[str, str] = {}
        programmas: set[str] = set()
        for item_id, item in library.items.items():
            source = library.sources.get(item_id)
            if base is None or source is None:
                continue
            if not Path(source.path).resolve().is_relative_to(base):
                continue
            if item.type == "programma":
                programmas.add(item_id)
            else:
                items[item_id] = item.type
        return cls(items, frozenset(programmas))


def check_eenheid(text: str | None) -> str:
    if text is None or not text.strip():
        raise UsageError(
            "geen eenheid opgegeven",
            hint="Geef het label van de eenheid met --eenheid of GESPREK_EENHEID "
            "(bijvoorbeeld --eenheid 'Eenheid Noord').",
        )
    if len(" ".join(text.split())) > 200:
        raise UsageError("het label van de eenheid is te lang (hoogstens 200 tekens)")
    return label(text)


def shareable(held: HeldSession, uuid: str, revision: int, builtin: Builtin) -> dict[str, Any]:
    """One session as it may be sent: the only function that builds what leaves the laptop.
    It reads the read model, where questions below the phone threshold have no counts."""
    themas: list[str] = []
    kernwaarden: list[str] = []
    onderdelen: list[dict[str, Any]] = []
    for part in held.parts:
        if not part.discussed and not part.questions:
            continue
        if part.type not in remote.ITEM_TYPES:
            continue
        thema = _id(part.thema)
        own = builtin.items.get(part.item_id) == part.type
        if part.discussed:
            if thema and thema not in themas:
                themas.append(thema)
            for value in part.kernwaarden if own else []:
                if _id(value) and value not in kernwaarden:
                    kernwaarden.append(value)
        if not own:  # an item of another pack: its type and theme only
            onderdelen.append({"type": part.type, "thema": thema})
            continue
        vragen = []
        for question in part.questions:
            if question.stemmen is None:  # below the threshold is below it everywhere
                continue
            stemmen = {o: max(0, int(n)) for o, n in question.stemmen.items() if _id(o)}
            if stemmen:
                vragen.append({"stap": question.stap, "stemmen": stemmen})
        onderdelen.append(
            {"item": part.item_id, "type": part.type, "thema": thema, "vragen": vragen}
        )
    programma = held.programma if held.programma in builtin.programmas else None
    return {
        "uuid": uuid,
        "revisie": revision,
        "team": label(held.team),
        "datum": held.datum,
        "programma": programma,
        "status": held.status,
        "gepland": len(held.parts),
        "klaar": held.discussed,
        "themas": themas,
        "kernwaarden": kernwaarden,
        "onderdelen": onderdelen,
    }


@dataclass(frozen=True)
class Sent:
    nieuw: int
    ongewijzigd: int
    gewist: int
    al_bekend: int


def send(
    store: Store,
    conninfo: str,
    eenheid: str,
    builtin: Builtin,
) -> Sent:
    """Send every session the server does not have at its current revision, and remove
    the ones deleted here since they were sent. Each batch is one transaction on the
    server and is recorded here only after the server confirmed it: a connection lost
    halfway loses nothing, and the next run sends the rest."""
    with remote.opened(conninfo) as server:
        hello = remote.send(server, {"formaat": remote.PAYLOAD_FORMAT, "sessies": []})
        server_id = hello.server
        known = sharing.acknowledged(store, server_id)
        current = sharing.revisions(store)
        todo = [
            (sid, uuid, revision)
            for sid, (uuid, revision) in sorted(current.items())
            if known.get(uuid, -1) < revision
        ]
        removed = sharing.deleted(store, server_id)
        nieuw = ongewijzigd = gewist = 0
        for start in range(0, max(len(todo), 1), BATCH):
            batch = []
            for sid, uuid, revision in todo[start : start + BATCH]:
                held = load_session(store, sid)
                if held.has_entries:  # a session left before anything was recorded stays
                    batch.append(shareable(held, uuid, revision, builtin))
            if not batch and not removed:
                continue
            payload: dict[str, Any] = {
                "formaat": remote.PAYLOAD_FORMAT,
                "eenheid": eenheid,
                "sessies": batch,
            }
            if removed:
                payload["gewist"] = removed
            receipt = remote.send(server, payload)
            sharing.acknowledge(
                store, server_id, [(s["uuid"], s["revisie"]) for s in batch], removed
            )
            removed = []
            nieuw += receipt.nieuw
            ongewijzigd += receipt.ongewijzigd
            gewist += receipt.gewist
    return Sent(nieuw, ongewijzigd, gewist, len(current) - len(todo))


def eenheid_from(option: str | None) -> str:
    return check_eenheid(option if option is not None else os.environ.get("GESPREK_EENHEID"))
