"""Numbered, add-only schema migrations. Each runs in one transaction together with the
``PRAGMA user_version`` that records it; the store's constructor runs what is missing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _run(db: sqlite3.Connection, script: str) -> None:
    """Run the statements of ``script`` inside the caller's transaction (``executescript``
    would commit first, which breaks the migration's atomicity)."""
    for statement in script.split(";"):
        if statement.strip():
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


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [m001_initial, m002_threshold]
SCHEMA_VERSION = len(MIGRATIONS)
