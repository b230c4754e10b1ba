"""The records store (stdlib sqlite3). WAL, one commit per vote, note or agreement, so a
killed laptop loses nothing that was entered. A locked, corrupt or newer file gets a
clear message and is never overwritten, moved or deleted."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gesprek.errors import StoreError, UsageError, display_path, os_reason
from gesprek.store.migrations import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT = 3.0  # seconds to wait for a lock held by another process


@dataclass(frozen=True)
class PartRecord:
    positie: int
    item_id: str
    type: str
    titel: str
    geplande_duur: int
    snapshot: dict[str, Any]
    inhoud_hash: str
    status: str = "open"
    fase: int = 0
    bestede_seconden: float = 0.0


@dataclass(frozen=True)
class SessionRecord:
    id: int
    team: str
    programma: str | None
    omschrijving: str
    geplande_duur: int
    begonnen: str
    beeindigd: str | None
    onderdelen: int = 0
    klaar: int = 0
    drempel: int | None = None  # the phone-vote threshold, if phones voted

    @property
    def status(self) -> str:
        return "afgerond" if self.beeindigd else "onderbroken"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "team": self.team,
            "programma": self.programma,
            "omschrijving": self.omschrijving,
            "begonnen": self.begonnen,
            "beeindigd": self.beeindigd,
            "status": self.status,
            "onderdelen": self.onderdelen,
            "klaar": self.klaar,
        }


def _translate(exc: sqlite3.Error, path: Path) -> StoreError:
    shown = display_path(path)
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError(
            f"{shown} is in gebruik door een ander programma",
            hint="Sluit de andere sessie van gesprek en probeer het opnieuw.",
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(
            f"{shown} is geen leesbaar verslagbestand van gesprek (beschadigd?)",
            hint="Het bestand is niet aangeraakt. Maak een kopie en gebruik --db met een ander pad.",
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(f"kan niet schrijven in {shown} (alleen-lezen)")
    if "unable to open" in text:
        return StoreError(
            f"kan {shown} niet openen", hint="Bestaat de map en mag je erin schrijven?"
        )
    if "disk" in text and "full" in text:
        return StoreError(f"de schijf is vol; {shown} kan niet groeien")
    return StoreError(f"fout in het verslagbestand {shown}: {exc}")


class Store:
    """One open records file. Use ``Store.open(path)``; the constructor migrates."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    # -- opening and migrating ------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Store:
        path = Path(path)
        if path.is_dir():
            raise StoreError(f"{display_path(path)} is een map, geen verslagbestand")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"kan de map {display_path(path.parent)} niet maken ({os_reason(exc)})"
            ) from None
        try:
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        except sqlite3.Error as exc:
            raise _translate(exc, path) from None
        store = cls(db, path)
        try:
            store._prepare()
        except sqlite3.Error as exc:
            db.close()
            raise _translate(exc, path) from None
        except StoreError:
            db.close()
            raise
        return store

    def _prepare(self) -> None:
        db = self.db
        db.row_factory = sqlite3.Row
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{display_path(self.path)} komt van een nieuwere versie van gesprek "
                f"(schema {version}, deze versie kent {SCHEMA_VERSION})",
                hint="Werk gesprek bij; het bestand is niet aangeraakt.",
            )
        if version > 0:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "sessies" not in tables:
                raise StoreError(
                    f"{display_path(self.path)} is een SQLite-bestand, maar geen verslagbestand van gesprek",
                    hint="Het bestand is niet aangeraakt. Kies met --db een ander pad.",
                )
        elif db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(
                f"{display_path(self.path)} is een SQLite-bestand, maar geen verslagbestand van gesprek",
                hint="Het bestand is niet aangeraakt. Kies met --db een ander pad.",
            )
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        self._migrate(version)

    def _migrate(self, version: int) -> None:
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                current = self.db.execute("PRAGMA user_version").fetchone()[0]
                if current != number:  # another process migrated meanwhile
                    continue
                MIGRATIONS[number](self.db)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; sqlite errors become
        StoreErrors with a Dutch message."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
        try:
            yield self.db
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self.db.execute("ROLLBACK")
            raise _translate(exc, self.path) from None
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None

    # -- writing ----------------------------------------------------------------------------

    def start_session(
        self,
        *,
        team: str,
        programma: str | None,
        omschrijving: str,
        parts: list[PartRecord],
        begonnen: str,
    ) -> int:
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO sessies (team, programma, omschrijving, geplande_duur, begonnen)"
                " VALUES (?, ?, ?, ?, ?)",
                (team, programma, omschrijving, sum(p.geplande_duur for p in parts), begonnen),
            )
            session_id = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO onderdelen (sessie_id, positie, item_id, type, titel, geplande_duur,"
                " snapshot, inhoud_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        session_id,
                        p.positie,
                        p.item_id,
                        p.type,
                        p.titel,
                        p.geplande_duur,
                        json.dumps(p.snapshot, ensure_ascii=False, sort_keys=True),
                        p.inhoud_hash,
                    )
                    for p in parts
                ],
            )
        return session_id

    def record_votes(
        self,
        session_id: int,
        positie: int,
        stap: int | None,
        counts: Mapping[str, int],
        at: str,
        bron: str = "hand",
    ) -> None:
        """Store the counts of one question (replacing earlier counts from the same source)."""
        with self.transaction() as db:
            db.execute(
                "DELETE FROM stemmen WHERE sessie_id=? AND positie=? AND stap=? AND bron=?",
                (session_id, positie, stap or 0, bron),
            )
            db.executemany(
                "INSERT INTO stemmen (sessie_id, positie, stap, optie_id, bron, aantal, vastgelegd)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(session_id, positie, stap or 0, o, bron, n, at) for o, n in counts.items()],
            )

    def add_note(
        self, session_id: int, positie: int | None, soort: str, tekst: str, at: str
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO notities (sessie_id, positie, soort, tekst, vastgelegd) VALUES (?, ?, ?, ?, ?)",
                (session_id, positie, soort, tekst, at),
            )

    def save_part(
        self, session_id: int, positie: int, status: str, fase: int, seconds: float
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE onderdelen SET status=?, fase=?, bestede_seconden=? WHERE sessie_id=? AND positie=?",
                (status, fase, seconds, session_id, positie),
            )

    def set_threshold(self, session_id: int, threshold: int) -> None:
        """Record the phone-vote threshold of a session; a resume with another one keeps
        the larger, so counts once hidden stay hidden."""
        with self.transaction() as db:
            db.execute(
                "UPDATE sessies SET drempel = max(coalesce(drempel, 0), ?) WHERE id=?",
                (threshold, session_id),
            )

    def finish(self, session_id: int, at: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE sessies SET beeindigd=? WHERE id=?", (at, session_id))

    def delete(self, session_id: int) -> None:
        self.session(session_id)
        with self.transaction() as db:
            db.execute("DELETE FROM sessies WHERE id=?", (session_id,))

    # -- reading ------------------------------------------------------------------------------

    def sessions(self) -> list[SessionRecord]:
        rows = self._query(
            "SELECT s.*, count(o.positie) AS n, sum(o.status != 'open') AS klaar"
            " FROM sessies s LEFT JOIN onderdelen o ON o.sessie_id = s.id"
            " GROUP BY s.id ORDER BY s.id DESC"
        )
        return sorted((_session(row) for row in rows), key=_started, reverse=True)

    def session(self, session_id: int) -> SessionRecord:
        # One row by its key: a scan of all sessions here made export quadratic.
        rows = self._query(
            "SELECT s.*, count(o.positie) AS n, sum(o.status != 'open') AS klaar"
            " FROM sessies s LEFT JOIN onderdelen o ON o.sessie_id = s.id"
            " WHERE s.id = ? GROUP BY s.id",
            (session_id,),
        )
        if rows:
            return _session(rows[0])
        raise UsageError(
            f"onbekende sessie {session_id}", hint="'gesprek sessies' toont de opgenomen sessies."
        )

    def last_unfinished(self) -> SessionRecord | None:
        for record in self.sessions():
            if record.beeindigd is None:
                return record
        return None

    def parts(self, session_id: int) -> list[PartRecord]:
        rows = self._query(
            "SELECT * FROM onderdelen WHERE sessie_id=? ORDER BY positie", (session_id,)
        )
        return [
            PartRecord(
                positie=row["positie"],
                item_id=row["item_id"],
                type=row["type"],
                titel=row["titel"],
                geplande_duur=row["geplande_duur"],
                snapshot=self._snapshot(row["snapshot"]),
                inhoud_hash=row["inhoud_hash"],
                status=row["status"],
                fase=row["fase"],
                bestede_seconden=row["bestede_seconden"],
            )
            for row in rows
        ]

    def _snapshot(self, text: Any) -> dict[str, Any]:
        """A stored item snapshot. Damage that SQLite does not notice (a file cut short
        in its last page reads as zeros) shows here as text that is no JSON object."""
        try:
            data = json.loads(text)
        except (TypeError, ValueError):
            data = None
        if not isinstance(data, dict):
            raise _translate(sqlite3.DatabaseError("malformed snapshot"), self.path)
        return data

    def votes(self, session_id: int) -> dict[tuple[int, int | None], dict[str, int]]:
        """Counts per question ``(positie, stap)``, summed over hand and phone votes."""
        result: dict[tuple[int, int | None], dict[str, int]] = {}
        for row in self._query(
            "SELECT positie, stap, optie_id, sum(aantal) AS n FROM stemmen WHERE sessie_id=?"
            " GROUP BY positie, stap, optie_id",
            (session_id,),
        ):
            key = (row["positie"], row["stap"] or None)
            result.setdefault(key, {})[row["optie_id"]] = row["n"]
        return result

    def votes_by_source(
        self, session_id: int
    ) -> dict[tuple[int, int | None], dict[str, dict[str, int]]]:
        """Counts per question ``(positie, stap)`` and per source (``hand``, ``telefoon``)."""
        result: dict[tuple[int, int | None], dict[str, dict[str, int]]] = {}
        for row in self._query(
            "SELECT positie, stap, bron, optie_id, aantal FROM stemmen WHERE sessie_id=?",
            (session_id,),
        ):
            key = (row["positie"], row["stap"] or None)
            by_source = result.setdefault(key, {}).setdefault(row["bron"], {})
            by_source[row["optie_id"]] = row["aantal"]
        return result

    def notes(self, session_id: int) -> list[tuple[int | None, str, str]]:
        return [
            (row["positie"], row["soort"], row["tekst"])
            for row in self._query(
                "SELECT positie, soort, tekst FROM notities WHERE sessie_id=? ORDER BY id",
                (session_id,),
            )
        ]


def _started(record: SessionRecord) -> tuple[datetime, int]:
    """Sort key: the real moment a session began (offsets differ around a clock change)."""
    try:
        moment = datetime.fromisoformat(record.begonnen)
    except ValueError:
        moment = datetime.min
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment, record.id


def _session(row: sqlite3.Row) -> SessionRecord:
    return SessionRecord(
        id=row["id"],
        team=row["team"],
        programma=row["programma"],
        omschrijving=row["omschrijving"],
        geplande_duur=row["geplande_duur"],
        begonnen=row["begonnen"],
        beeindigd=row["beeindigd"],
        onderdelen=row["n"] or 0,
        klaar=row["klaar"] or 0,
        drempel=row["drempel"],
    )
