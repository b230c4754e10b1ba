"""The local side of insturen in a real SQLite file: a UUID per session (also for sessions
recorded before migration m002), a revision that every shared change raises, and a record of
sent sessions deleted since. And what `shareable` puts in a payload, and what it never does."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gesprek.app.insturen import Builtin, shareable
from gesprek.content import library
from gesprek.readmodel.held import load_session
from gesprek.store import sharing
from gesprek.store.migrations import MIGRATIONS
from gesprek.store.records import PartRecord, Store
from tests.sessions import record

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
STAMP = datetime(2026, 3, 4, 19, 45, tzinfo=UTC).isoformat()


@pytest.fixture(scope="module")
def lib():
    return library.load()


def test_sessions_recorded_before_the_migration_get_distinct_uuids(tmp_path: Path):
    path = tmp_path / "oud.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[0](db)
    db.execute("PRAGMA user_version = 1")
    for team in ("A", "B", "C"):
        db.execute(
            "INSERT INTO sessies (team, omschrijving, geplande_duur, begonnen)"
            " VALUES (?, 'x', 10, '2026-01-01T10:00:00+01:00')",
            (team,),
        )
    db.close()
    store = Store.open(path)
    try:
        found = sharing.revisions(store)
        new = store.start_session(
            team="D", programma=None, omschrijving="x", parts=[], begonnen=STAMP
        )
        found_new = sharing.revisions_of(store, new)
    finally:
        store.close()
    uuids = [uuid for uuid, _ in found.values()] + [found_new[0]]
    assert all(UUID.fullmatch(u) for u in uuids)
    assert len(set(uuids)) == 4


def test_every_shared_change_raises_the_revision_and_a_note_does_not(tmp_path: Path):
    store = Store.open(tmp_path / "v.sqlite")
    try:
        part = PartRecord(1, "x", "dilemma", "t", 5, {}, "h")
        sid = store.start_session(
            team="A", programma=None, omschrijving="x", parts=[part], begonnen=STAMP
        )
        seen = [sharing.revisions_of(store, sid)[1]]
        for change in (
            lambda: store.record_votes(sid, 1, None, {"a": 1, "b": 0}, STAMP),
            lambda: store.save_part(sid, 1, "klaar", 2, 30.0),
            lambda: store.finish(sid, STAMP),
        ):
            change()
            seen.append(sharing.revisions_of(store, sid)[1])
        store.add_note(sid, 1, "notitie", "geheim", STAMP)
        store.save_part(sid, 1, "klaar", 3, 45.0)  # only time and phase: nothing shared
        after_note = sharing.revisions_of(store, sid)[1]
    finally:
        store.close()
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    assert after_note == seen[-1]


def test_a_deleted_session_is_remembered_only_for_the_servers_that_had_it(tmp_path: Path):
    path = tmp_path / "v.sqlite"
    store = Store.open(path)
    try:
        ids = [
            store.start_session(team=t, programma=None, omschrijving="x", parts=[], begonnen=STAMP)
            for t in ("Sent", "Never sent")
        ]
        uuid, revision = sharing.revisions_of(store, ids[0])
        sharing.acknowledge(store, "server-1", [(uuid, revision)])
        store.delete(ids[0])
        store.delete(ids[1])
        assert sharing.deleted(store, "server-1") == [uuid]
        assert sharing.deleted(store, "server-2") == []
        assert sharing.acknowledged(store, "server-1") == {}
        sharing.acknowledge(store, "server-1", [], [uuid])
        assert sharing.deleted(store, "server-1") == []
    finally:
        store.close()


def test_the_payload_holds_only_what_may_be_shared(tmp_path: Path, lib, pack):
    from tests.conftest import VALID_DILEMMA

    own_lib = library.load([pack({"dilemmas/eigen-dilemma.yaml": VALID_DILEMMA})])
    items = [lib.items["lunch-niet-betalen"], own_lib.items["eigen-dilemma"]]
    notes = [
        (1, "notitie", "Een notitie die thuisblijft"),
        (1, "afspraak", "Een afspraak die thuisblijft"),
    ]
    db = tmp_path / "v.sqlite"
    sid = record(
        items,
        [[3, 1, 0, 0], [2, 2]],
        db=db,
        minutes=[10, 10],
        omschrijving="Mijn eigen selectie",
        when=STAMP,
        notes=notes,
    )
    store = Store.open(db)
    try:
        uuid, revision = sharing.revisions_of(store, sid)
        payload = shareable(load_session(store, sid), uuid, revision, Builtin.of(own_lib))
    finally:
        store.close()
    assert set(payload) == {
        "uuid", "revisie", "team", "datum", "programma", "status", "gepland", "klaar",
        "themas", "kernwaarden", "onderdelen",
    }  # fmt: skip
    assert payload["datum"] == "2026-03-04" and payload["status"] == "afgerond"
    assert (payload["gepland"], payload["klaar"]) == (2, 2)
    built_in, own = payload["onderdelen"]
    assert built_in == {
        "item": "lunch-niet-betalen",
        "type": "dilemma",
        "thema": "geschenken",
        "vragen": [{"stap": None, "stemmen": {"a": 3, "b": 1, "c": 0, "d": 0}}],
    }
    assert own == {"type": "dilemma", "thema": "geschenken"}
    text = json.dumps(payload, ensure_ascii=False)
    for never in ("thuisblijft", "19:45", "Mijn eigen selectie", "eigen-dilemma", "taart"):
        assert never not in text
