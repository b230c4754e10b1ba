"""The local side of ``gesprek insturen`` in the records file: which sessions a server has
acknowledged at which revision, which sent sessions were deleted since (``wis``), and the
phone counts and threshold that decide what may leave the laptop. (The UUID and revision
themselves are kept by the triggers of migration m002.)"""

from __future__ import annotations

from collections.abc import Iterable

from gesprek.store.records import Store

DEFAULT_THRESHOLD = 3  # ``sessie --live --drempel``'s default


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


def phone_counts(store: Store, session_id: int) -> dict[tuple[int, int | None], int]:
    """The number of phone votes per question ``(positie, stap)``."""
    return {
        (row["positie"], row["stap"] or None): row["n"]
        for row in store._query(
            "SELECT positie, stap, sum(aantal) AS n FROM stemmen"
            " WHERE sessie_id=? AND bron != 'hand' GROUP BY positie, stap",
            (session_id,),
        )
    }


def threshold(store: Store, session_id: int) -> int:
    """The phone threshold of a session: its stored one where the records keep it, else
    the default that ``--drempel`` has."""
    columns = {row["name"] for row in store._query("PRAGMA table_info(sessies)")}
    if "drempel" in columns:
        row = store._query("SELECT drempel FROM sessies WHERE id=?", (session_id,))
        if row and row[0]["drempel"]:
            return int(row[0]["drempel"])
    return DEFAULT_THRESHOLD
