"""The local side of ``gesprek insturen`` in the records file: which sessions a server has
acknowledged at which revision, and which sent sessions were deleted since (``wis``). The
UUID and revision themselves are kept by the triggers of migration m003."""

from __future__ import annotations

from collections.abc import Iterable

from gesprek.store.records import Store


def revisions(store: Store) -> dict[int, tuple[str, int]]:
    """``{session id: (uuid, revision)}`` of every session."""
    return {
        row["id"]: (row["uuid"], row["revisie"])
        for row in store._query("SELECT id, uuid, revisie FROM sessies")
    }


def revisions_of(store: Store, session_id: int) -> tuple[str, int]:
    row = store._query("SELECT uuid, revisie FROM sessies WHERE id=?", (session_id,))
    return row[0]["uuid"], row[0]["revisie"]


def acknowledged(store: Store, server: str) -> dict[str, int]:
    """``{uuid: revision}`` that ``server`` has confirmed."""
    return {
        row["uuid"]: row["revisie"]
        for row in store._query("SELECT uuid, revisie FROM ingestuurd WHERE server=?", (server,))
    }


def deleted(store: Store, server: str) -> list[str]:
    """UUIDs of sessions sent to ``server`` and deleted locally since."""
    return [
        row["uuid"]
        for row in store._query("SELECT uuid FROM gewist WHERE server=? ORDER BY uuid", (server,))
    ]


def acknowledge(
    store: Store, server: str, sent: Iterable[tuple[str, int]], removed: Iterable[str] = ()
) -> None:
    """Record what ``server`` confirmed, in one local transaction. A session deleted while
    it was being sent has no row left: it goes to ``gewist`` at once."""
    with store.transaction() as db:
        for uuid, revision in sent:
            if db.execute("SELECT 1 FROM sessies WHERE uuid=?", (uuid,)).fetchone():
                db.execute(
                    "INSERT INTO ingestuurd (server, uuid, revisie) VALUES (?, ?, ?)"
                    " ON CONFLICT (server, uuid) DO UPDATE SET revisie = excluded.revisie",
                    (server, uuid, revision),
                )
            else:
                db.execute(
                    "INSERT OR IGNORE INTO gewist (server, uuid) VALUES (?, ?)", (server, uuid)
                )
        db.executemany(
            "DELETE FROM gewist WHERE server=? AND uuid=?", [(server, u) for u in removed]
        )
