"""Recording a session of test-pack items, in this process or in another one that stays
running (the store and fault tests share these instead of each keeping a copy)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from gesprek.app import recording
from gesprek.store.records import Store
from tests.fakes import FakeClock
from tests.testpack import TEST_PACK, pack_library


def start(store: Store, *ids: str, clock=None, team: str = "Team Noord", **kwargs: Any):
    """Start recording a session of the test-pack items ``ids`` (each for its own time) in
    ``store``: the session id and the running session."""
    items = [pack_library().items[i] for i in ids]
    kwargs.setdefault("programma", None)
    kwargs.setdefault("omschrijving", "test")
    return recording.start(
        store, items, [i.duur for i in items], team=team, clock=clock or FakeClock(500.0), **kwargs
    )


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
