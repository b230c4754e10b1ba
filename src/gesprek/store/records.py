"""The records store (stdlib sqlite3). One commit per vote, note or agreement, in a rollback
journal with full sync, so a killed laptop loses nothing that was entered and the main file
alone holds every committed entry. Files are marked as gesprek's (``application_id``); a
locked, corrupt, foreign or newer file gets a clear message and is never written, moved or
deleted. Reading commands open the file read-only and change nothing."""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gesprek.errors import StoreError, UsageError, display_path, os_reason
from gesprek.store.lock import Holder, InUse, SessionLock
from gesprek.store.lock import holder as lock_holder
from gesprek.store.migrations import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT = 3.0  # seconds to wait for a lock held by another process
APPLICATION_ID = 0x67737072  # "gspr" in the file header: this file is gesprek's

NOT_OURS_HINT = "Het bestand is niet aangeraakt. Kies met --db een ander pad."
DAMAGED_HINT = "Het bestand is niet aangeraakt. Maak een kopie en gebruik --db met een ander pad."
READ_ONLY_HINT = (
    "Lezen kan wel (sessies, resultaten, overzicht, export). Om te schrijven: zet het "
    "bestand op een plek waar je mag schrijven, of kies met --db een ander pad."
)


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
    in_gebruik: bool = False  # running now, in this or another process

    @property
    def status(self) -> str:
        if self.beeindigd:
            return "afgerond"
        return "in gebruik" if self.in_gebruik else "onderbroken"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "team": self.team,
            "programma": self.programma,
            "omschrijving": self.omschrijving,
            "begonnen": self.begonnen,
            "beeindigd": self.beeindigd,
            "status": self.status,
            "in_gebruik": self.in_gebruik,
            "onderdelen": self.onderdelen,
            "klaar": self.klaar,
        }


def _damaged(path: Path, detail: str | None = None) -> StoreError:
    shown = display_path(path)
    if detail:
        return StoreError(f"{shown} is beschadigd: {detail}", hint=DAMAGED_HINT)
    return StoreError(
        f"{shown} is geen leesbaar verslagbestand van gesprek (beschadigd?)", hint=DAMAGED_HINT
    )


def _foreign(path: Path) -> StoreError:
    return StoreError(
        f"{display_path(path)} is een SQLite-bestand, maar geen verslagbestand van gesprek",
        hint=NOT_OURS_HINT,
    )


def _translate(exc: sqlite3.Error, path: Path) -> StoreError:
    """A Dutch message for an SQLite error; never SQLite's English text."""
    shown = display_path(path)
    text = str(exc).lower()
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    if "locked" in text or "busy" in text or name.startswith("SQLITE_BUSY"):
        return StoreError(
            f"{shown} is in gebruik door een ander programma",
            hint="Sluit de andere sessie van gesprek en probeer het opnieuw.",
        )
    if name == "SQLITE_FULL" or ("disk" in text and "full" in text):
        return StoreError(
            f"de schijf is vol: {shown} kan niet groeien, dus dit is niet opgeslagen",
            hint="Maak ruimte vrij op de schijf. Wat eerder is ingevoerd, is bewaard.",
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o" in text:
        return StoreError(
            f"lees- of schrijffout bij {shown} (is de schijf vol of defect?)",
            hint="Maak ruimte vrij of controleer de schijf. Wat eerder is ingevoerd, is bewaard.",
        )
    if (
        name.startswith("SQLITE_CORRUPT")
        or name == "SQLITE_NOTADB"
        or "not a database" in text
        or "malformed" in text
        or "corrupt" in text
    ):
        return _damaged(path)
    if "no such table" in text or "no such column" in text:
        return _damaged(path, "er ontbreekt een deel van de opslag")
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return StoreError(
            f"kan niet schrijven in {shown}: het bestand of de map is alleen-lezen",
            hint=READ_ONLY_HINT,
        )
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return StoreError(
            f"kan {shown} niet openen", hint="Bestaat de map en mag je erin schrijven?"
        )
    return StoreError(f"onverwachte fout in het verslagbestand {shown} ({name or 'SQLite'})")


Schema = frozenset[tuple[str, str, str]]


def _schema_of(db: sqlite3.Connection) -> Schema:
    """Tables, indexes, views and triggers with every column (name, type, not null, key):
    what makes a file's layout gesprek's, independent of how its SQL text was spelled."""
    items: set[tuple[str, str, str]] = set()
    rows = db.execute(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE substr(name, 1, 7) != 'sqlite_'"
    ).fetchall()
    for kind, name, table in rows:
        items.add((str(kind), str(name), str(table)))
        if kind == "table":
            quoted = '"' + str(name).replace('"', '""') + '"'
            for column in db.execute(f"PRAGMA table_info({quoted})").fetchall():
                items.add(
                    (
                        "column",
                        str(name),
                        f"{column[1]} {str(column[2]).upper()} {column[3]} {column[5]}",
                    )
                )
    return frozenset(items)


@functools.cache
def expected_schema(version: int) -> Schema:
    """The layout of a gesprek records file at schema ``version``, built by running the
    migrations on an empty database in memory."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for number in range(version):
            MIGRATIONS[number](db)
        return _schema_of(db)
    finally:
        db.close()


def _identify(db: sqlite3.Connection, path: Path) -> str:
    """What ``db`` is: ``new`` (nothing in it yet), ``ours`` (marked as gesprek's and
    sound in layout) or ``unmarked`` (gesprek's layout, from before the mark). Anything
    else raises a StoreError; nothing is changed."""
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if app_id not in (0, APPLICATION_ID):
        raise _foreign(path)
    empty = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    if empty and version == 0:
        return "new"
    if app_id == 0:
        if not 1 <= version <= SCHEMA_VERSION or _schema_of(db) != expected_schema(version):
            raise _foreign(path)
        return "unmarked"
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{display_path(path)} komt van een nieuwere versie van gesprek "
            f"(schema {version}, deze versie kent {SCHEMA_VERSION})",
            hint="Werk gesprek bij; het bestand is niet aangeraakt.",
        )
    actual = _schema_of(db)
    expected = expected_schema(version)
    if actual != expected:
        missing = sorted(n for k, n, _ in expected - actual if k == "table")
        if missing:
            what = ", ".join(f"'{n}'" for n in missing)
            raise _damaged(path, f"de tabel{'len' if len(missing) > 1 else ''} {what} ontbreekt")
        raise _damaged(path, "de opbouw van de tabellen klopt niet")
    return "ours"


def _check_integrity(db: sqlite3.Connection, path: Path) -> None:
    rows = db.execute("PRAGMA integrity_check(5)").fetchall()
    if [tuple(r) for r in rows] != [("ok",)]:
        raise _damaged(path, "de controle van het bestand (integrity_check) faalt")


def _wal_without_log(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            header = f.read(20)
    except OSError:
        return False
    in_wal = len(header) == 20 and header[:16] == b"SQLite format 3\x00" and header[18] == 2
    return in_wal and not Path(f"{path}-wal").exists()


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file: ``mode=ro``; on a read-only folder where
    SQLite cannot even take its read locks (a WAL file without its ``-shm``),
    ``immutable=1``. A journal left by a crash mid-commit is rolled back first where the
    folder allows it (as any SQLite program opening the file would)."""
    uri = path.resolve().as_uri() + "?mode=ro"
    last: sqlite3.Error | None = None
    attempts = ["ro", "recover", "immutable"]
    if _wal_without_log(path):
        # A WAL file whose log is gone holds everything in the main file; a read-only
        # connection would leave an empty -wal and -shm next to it: read it as immutable.
        attempts = ["immutable"]
    for attempt in attempts:
        if attempt == "recover":
            if last is None or "ROLLBACK" not in str(getattr(last, "sqlite_errorname", "")):
                continue
            if not os.access(path.parent, os.W_OK):
                continue
            fix = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
            try:
                fix.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                fix.close()
        if attempt == "immutable" and "ROLLBACK" in str(getattr(last, "sqlite_errorname", "")):
            # A commit cut off by a crash, on a folder where it cannot be undone: reading
            # the main file as it is could show half of that commit.
            raise StoreError(
                f"{display_path(path)} heeft een onafgemaakte schrijfactie van een "
                "afgebroken sessie, en de map is alleen-lezen",
                hint=(
                    "Kopieer het bestand samen met het bestand "
                    f"'{path.name}-journal' naar een map waar je mag schrijven, "
                    "en open het daar."
                ),
            )
        target = uri + ("&immutable=1" if attempt == "immutable" else "")
        db = None
        try:
            db = sqlite3.connect(
                target,
                uri=True,
                timeout=BUSY_TIMEOUT,
                isolation_level=None,
                check_same_thread=False,
            )
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.Error as exc:
            if db is not None:
                db.close()
            last = exc
            name = str(getattr(exc, "sqlite_errorname", ""))
            if not (name.startswith("SQLITE_CANTOPEN") or name.startswith("SQLITE_READONLY")):
                break
    assert last is not None
    raise _translate(last, path) from None


def check_writable(path: Path) -> None:
    """Writing needs the file and its folder (SQLite writes its journal next to it)."""
    folder_ok = os.access(path.parent, os.W_OK)
    file_ok = not path.exists() or os.access(path, os.W_OK)
    if not (folder_ok and file_ok):
        raise StoreError(
            f"kan niet schrijven in {display_path(path)}: "
            f"{'het bestand' if folder_ok else 'de map'} is alleen-lezen",
            hint=READ_ONLY_HINT,
        )


@contextmanager
def _closed_on_error(close: Callable[[], None], path: Path) -> Iterator[None]:
    """While a connection is being set up: on any failure close it, and say what went
    wrong in Dutch (a store problem as it is, an SQLite error translated)."""
    try:
        yield
    except sqlite3.Error as exc:
        close()
        raise _translate(exc, path) from None
    except StoreError:
        close()
        raise


class Store:
    """One open records file. ``Store.open(path)`` opens it for writing (checked, marked
    and migrated); ``Store.open(path, write=False)`` opens it read-only and never changes
    anything, not even on a full disk or a read-only mount."""

    def __init__(self, db: sqlite3.Connection, path: Path, *, writable: bool = True) -> None:
        self.db = db
        self.path = path
        self.writable = writable
        self._locks: dict[int, SessionLock] = {}
        # One connection, usable from the phone server's thread too, one call at a time.
        self._mutex = threading.RLock()

    # -- opening and migrating ------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, write: bool = True) -> Store:
        path = Path(path)
        if path.is_dir():
            raise StoreError(f"{display_path(path)} is een map, geen verslagbestand")
        return cls._open_writing(path) if write else cls._open_reading(path)

    @classmethod
    def _open_reading(cls, path: Path) -> Store:
        try:
            has_data = path.stat().st_size > 0
        except OSError:
            has_data = False
        if not has_data:
            return cls._empty(path)
        db = _connect_read_only(path)
        # a lambda, so that it closes whatever db is then (the copy in memory, once made)
        with _closed_on_error(lambda: db.close(), path):
            kind = _identify(db, path)
            if kind == "new":
                db.close()
                return cls._empty(path)
            _check_integrity(db, path)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                # An older file: read it through a migrated copy in memory.
                copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
                db.backup(copy)
                db.close()
                db = copy
                for number in range(version, SCHEMA_VERSION):
                    MIGRATIONS[number](db)
            db.execute("PRAGMA query_only=ON")
            db.execute("PRAGMA temp_store=MEMORY")
        db.row_factory = sqlite3.Row
        return cls(db, path, writable=False)

    @classmethod
    def _empty(cls, path: Path) -> Store:
        """Nothing recorded yet: an empty store in memory, with no file made."""
        db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        for migration in MIGRATIONS:
            migration(db)
        db.execute("PRAGMA query_only=ON")
        db.row_factory = sqlite3.Row
        return cls(db, path, writable=False)

    @classmethod
    def _open_writing(cls, path: Path) -> Store:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"kan de map {display_path(path.parent)} niet maken ({os_reason(exc)})"
            ) from None
        check_writable(path)
        try:
            has_data = path.stat().st_size > 0
        except OSError:
            has_data = False
        if has_data:
            # Identify the file without touching it: a foreign file is not even opened
            # for writing (which could switch its journal or leave files next to it).
            probe = _connect_read_only(path)
            try:
                _identify(probe, path)
            except sqlite3.Error as exc:
                raise _translate(exc, path) from None
            finally:
                probe.close()
        try:
            db = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise _translate(exc, path) from None
        store = cls(db, path)
        with _closed_on_error(db.close, path):
            store._prepare()
        return store

    def _prepare(self) -> None:
        db = self.db
        db.row_factory = sqlite3.Row
        if _identify(db, self.path) != "new":
            _check_integrity(db, self.path)
        # A rollback journal: once a commit returns, the main file alone holds it (a copy
        # of just the .sqlite file loses nothing); FULL syncs it to the disk.
        mode = db.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise _translate(sqlite3.OperationalError("database is locked"), self.path)
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA secure_delete=ON")
        self._migrate()

    def _migrate(self) -> None:
        """Run the missing migrations, each in one transaction with its version number and
        gesprek's mark; a file from before the mark is adopted here (its layout was
        checked by ``_identify``)."""
        while True:
            with self.transaction() as db:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version >= SCHEMA_VERSION:
                    if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    return
                MIGRATIONS[version](db)
                db.execute(f"PRAGMA user_version = {version + 1}")
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; sqlite errors become
        StoreErrors with a Dutch message."""
        if not self.writable:
            raise StoreError(
                f"{display_path(self.path)} is alleen om te lezen geopend", hint=READ_ONLY_HINT
            )
        with self._mutex:
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise _translate(exc, self.path) from None
            try:
                yield self.db
                self.db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise _translate(exc, self.path) from None
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        """Roll back what is still open. After a full disk or an I/O error SQLite has
        usually rolled back by itself; a second ROLLBACK would only raise."""
        if not self.db.in_transaction:
            return
        with suppress(sqlite3.Error):
            self.db.execute("ROLLBACK")

    # -- one session, one process ---------------------------------------------------------

    def claim(self, session_id: int) -> Holder | None:
        """Mark the session as in use by this process until ``close``. Raises a StoreError
        when another process runs it; returns the holder a crashed process left behind."""
        if session_id in self._locks:
            return None
        try:
            lock = SessionLock.acquire(self.path, session_id)
        except InUse as busy:
            who = busy.holder
            gone = f"proces {who.pid}" if who.pid is not None else "dat programma"
            raise StoreError(
                f"sessie {session_id} is al in gebruik in een ander venster of programma "
                f"({who.describe()})",
                hint=(
                    "Werk daar verder, of stop het daar (Ctrl-C) en hervat dan hier. "
                    f"Is het vastgelopen of gecrasht? Zodra {gone} niet meer draait "
                    "(sluit het venster, beëindig het proces of herstart die computer), "
                    f"neemt 'gesprek sessie --hervat {session_id}' de sessie vanzelf over."
                ),
            ) from None
        except OSError as exc:
            raise StoreError(
                f"kan sessie {session_id} niet als 'in gebruik' markeren naast "
                f"{display_path(self.path)} ({os_reason(exc)})",
                hint="Mag je schrijven in de map van het verslagbestand?",
            ) from None
        self._locks[session_id] = lock
        return lock.previous

    def _release(self, session_id: int) -> None:
        lock = self._locks.pop(session_id, None)
        if lock is not None:
            lock.release()

    def in_use(self, session_id: int) -> Holder | None:
        """Who runs this session now (another process, or this one), or None."""
        if session_id in self._locks:
            return self._locks[session_id].previous or Holder(os.getpid(), "deze computer", "")
        return lock_holder(self.path, session_id)

    def close(self) -> None:
        for session_id in list(self._locks):
            self._release(session_id)
        self.db.close()

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            with self._mutex:
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
            self.claim(session_id)  # before the commit: no other process can take it over
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

    def record_correction(
        self,
        session_id: int,
        positie: int,
        stap: int | None,
        previous: Mapping[str, Mapping[str, int]],
        at: str,
    ) -> None:
        """Keep the counts (per source) that a correction replaces."""
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO correcties (sessie_id, positie, stap, bron, optie_id, aantal,"
                " vervangen) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (session_id, positie, stap or 0, bron, o, n, at)
                    for bron, counts in previous.items()
                    for o, n in counts.items()
                ],
            )

    def corrections(self, session_id: int) -> list[tuple[int, int | None, str, str, int, str]]:
        """The replaced counts: (positie, stap, bron, optie, aantal, vervangen)."""
        return [
            (r["positie"], r["stap"] or None, r["bron"], r["optie_id"], r["aantal"], r["vervangen"])
            for r in self._query(
                "SELECT * FROM correcties WHERE sessie_id=? ORDER BY id", (session_id,)
            )
        ]

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
        """Delete a session with everything recorded in it, leaving none of its text in the
        file: secure delete overwrites the freed space (whatever this SQLite build's
        default is), and VACUUM rewrites the file without the leftovers of earlier writes
        made without it. The rollback journal that held the old pages is removed."""
        self.session(session_id)
        self.claim(session_id)  # a session running elsewhere is not deleted under it
        try:
            self.db.execute("PRAGMA secure_delete=ON")
            with self.transaction() as db:
                db.execute("DELETE FROM sessies WHERE id=?", (session_id,))
            with suppress(sqlite3.Error):  # a full disk: the rows are overwritten already
                self.db.execute("VACUUM")
        finally:
            self._release(session_id)

    # -- reading ------------------------------------------------------------------------------

    def sessions(self) -> list[SessionRecord]:
        rows = self._query(
            "SELECT s.*, count(o.positie) AS n, sum(o.status = 'klaar') AS klaar"
            " FROM sessies s LEFT JOIN onderdelen o ON o.sessie_id = s.id"
            " GROUP BY s.id ORDER BY s.id DESC"
        )
        records = [_session(row) for row in rows]
        records = [
            replace(r, in_gebruik=True) if not r.beeindigd and self.in_use(r.id) else r
            for r in records
        ]
        return sorted(records, key=_started, reverse=True)

    def session(self, session_id: int) -> SessionRecord:
        # One row by its key: a scan of all sessions here made export quadratic.
        rows = self._query(
            "SELECT s.*, count(o.positie) AS n, sum(o.status != 'open') AS klaar"
            " FROM sessies s LEFT JOIN onderdelen o ON o.sessie_id = s.id"
            " WHERE s.id = ? GROUP BY s.id",
            (session_id,),
        )
        if rows:
            record = _session(rows[0])
            if not record.beeindigd and self.in_use(record.id):
                record = replace(record, in_gebruik=True)
            return record
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
