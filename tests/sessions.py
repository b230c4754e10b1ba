"""Recording a session (of test-pack items, or of another library's) in this process or
in another one that stays running, and a whole held session in one call: every test that
needs a session in a records file uses these instead of keeping a copy."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from gesprek.app import recording
from gesprek.content.library import Library
from gesprek.session.engine import Session
from gesprek.store.records import Store
from tests.fakes import FakeClock
from tests.testpack import TEST_PACK, pack_library

Counts = Sequence[int] | Mapping[str, int]


def items_of(ids: Sequence[Any], lib: Library | None = None) -> list[Any]:
    """The items named by ``ids`` in the test pack (or in ``lib``); items stay as they are."""
    return [(lib or pack_library()).items[i] if isinstance(i, str) else i for i in ids]


def start(
    store: Store,
    *ids: Any,
    lib: Library | None = None,
    minutes: Sequence[int] | None = None,
    clock=None,
    team: str = "Team Noord",
    **kwargs: Any,
) -> tuple[int, Session]:
    """Start recording a session of the items ``ids`` (of the test pack or of ``lib``, or
    items themselves), each for its own time unless ``minutes`` says otherwise, in
    ``store``: the session id and the running session."""
    items = items_of(ids, lib)
    kwargs.setdefault("programma", None)
    kwargs.setdefault("omschrijving", "test")
    return recording.start(
        store,
        items,
        [i.duur for i in items] if minutes is None else minutes,
        team=team,
        clock=clock or FakeClock(500.0),
        **kwargs,
    )


def record(
    items: Sequence[Any],
    votes: Sequence[Counts | tuple[str, Counts] | None] = (),
    *,
    db: Path | None = None,
    notes: Sequence[tuple[int, str, str]] = (),
    lib: Library | None = None,
    team: str = "Team Noord",
    when: str | datetime = "2025-03-05T14:30:00+01:00",
    minutes: Sequence[int] | None = None,
    programma: str | None = None,
    omschrijving: str = "test",
    clock: Callable[[], float] = lambda: 0.0,
    threshold: int | None = None,
    skipped: Collection[int] = (),
    parts: int | None = None,
    finish: bool = True,
) -> int:
    """Hold a session through the engine into the records file ``db`` (the test's own,
    ``GESPREK_DB``, unless told): its id.

    ``items`` are items, or ids of the test pack (or of ``lib``); each planned for its own
    time unless ``minutes`` says otherwise; begun ``when``. The parts are walked in order.
    On arriving at part ``n`` (from 1) its ``notes`` are typed (``(n, soort, tekst)``),
    and it is skipped if ``n`` is in ``skipped``. Each open question takes the next entry
    of ``votes``: counts by hand, ``(bron, counts)``, or None (not voted on). Once the
    votes are used up the session goes on to its end; with ``parts`` it stops there once
    that many parts are behind it (0: at once). Then it is closed, or with ``finish``
    false paused, as on Ctrl-C."""
    stamp = when.isoformat(timespec="seconds") if isinstance(when, datetime) else when
    store = Store.open(db or Path(os.environ["GESPREK_DB"]))
    try:
        sid, session = start(
            store,
            *items,
            lib=lib,
            minutes=minutes,
            clock=clock,
            team=team,
            programma=programma,
            omschrijving=omschrijving,
            now=lambda: stamp,
            threshold=threshold,
        )
        queue = list(votes)
        arrived: set[int] = set()
        while not session.finished:
            if session.index not in arrived:
                arrived.add(session.index)
                positie = session.index + 1
                for n, soort, tekst in notes:
                    if n == positie:
                        session.note(tekst, soort)
                if positie in skipped:
                    session.skip()
                    continue
            if parts is not None and session.index >= parts and not queue:
                break
            entry = queue.pop(0) if session.phase.votes_open and queue else None
            if entry is None:
                session.next()
            elif isinstance(entry, tuple) and isinstance(entry[0], str):
                session.vote(entry[1], entry[0])
            else:
                session.vote(entry)
        if finish:
            session.close()
        else:
            session.pause()
        return sid
    finally:
        store.close()


_WRITER = """
import sys, time
from pathlib import Path
from gesprek.app import recording
from gesprek.content import library
from gesprek.store.records import Store

db, pack, ids, votes, *notes = sys.argv[1:]
lib = library.load_packs([Path(pack)])
store = Store.open(db)
items = [lib.items[i] for i in ids.split(",")]
sid, s = recording.start(store, items, [10] * len(items), team="T", programma=None,
                         omschrijving="x", clock=time.monotonic)
s.vote([int(n) for n in votes.split(",")])
for note in notes:
    soort, tekst = note.split(":", 1)
    s.note(tekst, soort=soort)
print(sid, flush=True)
time.sleep(120)
"""


@contextmanager
def session_in_another_process(
    path: Path, *ids: str, votes: Sequence[int], notes: Sequence[tuple[str, str]] = ()
) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """Another process records a session of the test-pack items ``ids`` in ``path``: the
    votes at the first question, then the ``(soort, tekst)`` notes, each committed as it
    is entered, and keeps running until it is killed (at the latest on leaving the block).
    Yields the process and the session id."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _WRITER,
            str(path),
            str(TEST_PACK),
            ",".join(ids),
            ",".join(str(n) for n in votes),
            *(f"{soort}:{tekst}" for soort, tekst in notes),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        sid = int(child.stdout.readline())
        yield child, sid
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
