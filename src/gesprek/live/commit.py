"""Phone votes reach the records before the phone hears "ontvangen".

The running counts of the open question (counts per option, never who) are written as
votes arrive, through a writer that the session's wiring passes in, on one thread of their
own (never on the server's event loop, which keeps answering polls meanwhile). A vote's
answer waits for the commit that holds it. Votes that arrive while a commit is
being written wait for the next one, which then holds all of them: one commit per few
milliseconds under a burst, not one per vote.

The facilitator's side calls ``flush()`` before it records a question's final counts, so
the last write of a question is always the facilitator's."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from gesprek.live.state import LiveState


class Writer(Protocol):
    def save(self, ref: Hashable, counts: Mapping[str, int]) -> None: ...

    def close(self) -> None: ...


class Committer:
    def __init__(self, state: LiveState) -> None:
        self.state = state
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gesprek-stemmen")
        self._writer: Writer | None = None
        self.committed = 0  # the state's change number that is safely stored
        self.commits = 0  # how many commits were written (for the bench)
        self._task: asyncio.Future[None] | None = None
        self._closed = False
        state.stored_version = 0  # phones see their vote as received once it is stored

    def attach(self, opener: Callable[[], Writer]) -> None:
        """From now on running counts go to the writer that ``opener()`` makes (called on
        the committer's thread, which then owns it)."""
        self._executor.submit(self._open, opener).result()

    def _open(self, opener: Callable[[], Writer]) -> None:
        old, self._writer = self._writer, None
        if old is not None:
            old.close()
        self._writer = opener()

    def _save_latest(self) -> None:
        """On the committer's thread: store the current counts if they changed."""
        running = self.state.running()
        if running is None:  # no question: nothing to store
            self.committed = max(self.committed, self.state.version)
        elif running.version > self.committed:
            if self._writer is not None and running.ref is not None:
                self._writer.save(running.ref, running.counts)
                self.commits += 1
            self.committed = running.version
        self.state.stored_version = self.committed

    async def durable(self, version: int) -> None:
        """Return once change ``version`` is stored (raises what the writer raised)."""
        loop = asyncio.get_running_loop()
        while self.committed < version:
            task = self._task
            if task is None or task.done():
                task = self._task = loop.run_in_executor(self._executor, self._save_latest)
            await asyncio.shield(task)

    def flush(self) -> None:
        """From the facilitator's thread: store what came in so far, now."""
        if not self._closed:
            self._executor.submit(self._save_latest).result()

    def close(self) -> None:
        """Store what is left and close the writer (idempotent)."""
        if self._closed:
            return
        try:
            self.flush()
        finally:
            self._closed = True
            writer, self._writer = self._writer, None
            if writer is not None:
                self._executor.submit(writer.close).result()
            self._executor.shutdown(wait=True)

    @property
    def attached(self) -> bool:
        return self._writer is not None
