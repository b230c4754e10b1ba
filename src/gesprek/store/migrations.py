"""Numbered, add-only schema migrations. Each runs in one transaction together with the
``PRAGMA user_version`` that records it; the store's constructor runs what is missing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _run(db: sqlite3.Connection, script: str) -> None:
    """Run the statements of ``script`` inside the caller's transaction (``executescript``
    would commit first, which breaks the migration's atomicity). Statements end at a ';'
    that ends a complete statement, so a trigger's body stays whole."""
    statement = ""
    for piece in script.split(";"):
        statement += piece + ";"
        if sqlite3.complete_statement(statement):
            if statement.strip(" \n;"):
                db.execute(statement)
            statement = ""
    if statement.strip(" \n;"):
        db.execute(statement)


def m001_initial(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE sessies (
            id            INTEGER PRIMARY KEY,
            team          TEXT NOT NULL,
            programma     TEXT,
            omschrijving  TEXT NOT NULL,
            geplande_duur INTEGER NOT NULL,
            begonnen      TEXT NOT NULL,
            beeindigd     TEXT
        );
        CREATE TABLE onderdelen (
            sessie_id        INTEGER NOT NULL REFERENCES sessies(id) ON DELETE CASCADE,
            positie          INTEGER NOT NULL,
            item_id          TEXT NOT NULL,
            type             TEXT NOT NULL,
            titel            TEXT NOT NULL,
            geplande_duur    INTEGER NOT NULL,
            snapshot         TEXT NOT NULL,
            inhoud_hash      TEXT NOT NULL,
            status           TEXT NOT NULL DEFAULT 'open',
            fase             INTEGER NOT NULL DEFAULT 0,
            bestede_seconden REAL NOT NULL DEFAULT 0,
            PRIMARY KEY (sessie_id, positie)
        );
        CREATE TABLE stemmen (
            sessie_id  INTEGER NOT NULL REFERENCES sessies(id) ON DELETE CASCADE,
            positie    INTEGER NOT NULL,
            stap       INTEGER NOT NULL DEFAULT 0,
            optie_id   TEXT NOT NULL,
            bron       TEXT NOT NULL DEFAULT 'hand',
            aantal     INTEGER NOT NULL CHECK (aantal >= 0),
            vastgelegd TEXT NOT NULL,
            PRIMARY KEY (sessie_id, positie, stap, optie_id, bron)
        );
        CREATE TABLE notities (
            id         INTEGER PRIMARY KEY,
            sessie_id  INTEGER NOT NULL REFERENCES sessies(id) ON DELETE CASCADE,
            positie    INTEGER,
            soort      TEXT NOT NULL CHECK (soort IN ('notitie', 'afspraak')),
            tekst      TEXT NOT NULL,
            vastgelegd TEXT NOT NULL
        );
        CREATE INDEX stemmen_sessie ON stemmen(sessie_id);
        CREATE INDEX notities_sessie ON notities(sessie_id);
        """,
    )


def m002_threshold(db: sqlite3.Connection) -> None:
    """The phone-vote threshold of each session (NULL: no phone votes were taken, or the
    session was recorded before thresholds were stored)."""
    db.execute("ALTER TABLE sessies ADD COLUMN drempel INTEGER")


def m003_corrections(db: sqlite3.Connection) -> None:
    """Counts replaced by a correction on the results screen, kept with when they were
    replaced (the counts themselves stay in ``stemmen``)."""
    _run(
        db,
        """
        CREATE TABLE correcties (
            id          INTEGER PRIMARY KEY,
            sessie_id   INTEGER NOT NULL REFERENCES sessies(id) ON DELETE CASCADE,
            positie     INTEGER NOT NULL,
            stap        INTEGER NOT NULL DEFAULT 0,
            bron        TEXT NOT NULL,
            optie_id    TEXT NOT NULL,
            aantal      INTEGER NOT NULL CHECK (aantal >= 0),
            vervangen   TEXT NOT NULL
        );
        CREATE INDEX correcties_sessie ON correcties(sessie_id);
        """,
    )


# A random version-4 UUID in SQLite's own SQL (no uuid() function there). Every call of
# randomblob() is new, also per row of one UPDATE.
_UUID4 = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'"
    " || substr(lower(hex(randomblob(2))), 2) || '-'"
    " || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)"
    " || '-' || lower(hex(randomblob(6)))"
)


def m004_sharing(db: sqlite3.Connection) -> None:
    """What ``gesprek insturen`` needs to be idempotent: a random UUID per session that
    the unit's server knows it by, and a revision that every change of what may be shared
    raises (kept by triggers, so no writer has to remember it); what each server has
    acknowledged; and which sent sessions were deleted since (``wis``), so that the next
    ``insturen`` removes them from that server too. No text of a session is kept here."""
    db.execute("ALTER TABLE sessies ADD COLUMN uuid TEXT")
    db.execute("ALTER TABLE sessies ADD COLUMN revisie INTEGER NOT NULL DEFAULT 1")
    db.execute(f"UPDATE sessies SET uuid = {_UUID4}")
    _run(
        db,
        f"""
        CREATE UNIQUE INDEX sessies_uuid ON sessies(uuid);
        CREATE TRIGGER sessies_uuid_nieuw AFTER INSERT ON sessies WHEN NEW.uuid IS NULL
        BEGIN
            UPDATE sessies SET uuid = {_UUID4} WHERE id = NEW.id;
        END;
        CREATE TRIGGER sessies_revisie AFTER UPDATE OF team, programma, beeindigd, drempel ON sessies
        BEGIN
            UPDATE sessies SET revisie = revisie + 1 WHERE id = NEW.id;
        END;
        CREATE TRIGGER onderdelen_revisie AFTER UPDATE OF status ON onderdelen
        WHEN NEW.status IS NOT OLD.status
        BEGIN
            UPDATE sessies SET revisie = revisie + 1 WHERE id = NEW.sessie_id;
        END;
        CREATE TRIGGER stemmen_revisie_in AFTER INSERT ON stemmen
        BEGIN
            UPDATE sessies SET revisie = revisie + 1 WHERE id = NEW.sessie_id;
        END;
        CREATE TRIGGER stemmen_revisie_uit AFTER DELETE ON stemmen
        BEGIN
            UPDATE sessies SET revisie = revisie + 1 WHERE id = OLD.sessie_id;
        END;
        CREATE TRIGGER stemmen_revisie_anders AFTER UPDATE ON stemmen
        BEGIN
            UPDATE sessies SET revisie = revisie + 1 WHERE id = NEW.sessie_id;
        END;
        CREATE TABLE ingestuurd (
            server  TEXT NOT NULL,
            uuid    TEXT NOT NULL,
            revisie INTEGER NOT NULL,
            PRIMARY KEY (server, uuid)
        );
        CREATE TABLE gewist (
            server TEXT NOT NULL,
            uuid   TEXT NOT NULL,
            PRIMARY KEY (server, uuid)
        );
        CREATE TRIGGER sessies_gewist AFTER DELETE ON sessies
        BEGIN
            INSERT OR IGNORE INTO gewist (server, uuid)
                SELECT server, uuid FROM ingestuurd WHERE uuid = OLD.uuid;
            DELETE FROM ingestuurd WHERE uuid = OLD.uuid;
        END
        """,
    )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    m001_initial,
    m002_threshold,
    m003_corrections,
    m004_sharing,
]
SCHEMA_VERSION = len(MIGRATIONS)
