"""Cost per vote of the records file's journal mode (issue 13, point 13).

The promise: between two entries, a copy of the main .sqlite file alone (no -wal, -shm or
-journal) carries every committed entry. Candidates that keep it:

- rollback journal (DELETE or TRUNCATE) with synchronous=FULL or NORMAL: a commit writes
  the pages into the main file before it returns (what gesprek uses: DELETE + FULL);
- WAL with a checkpoint after every entry (the pages copied back into the main file).

The baseline is what gesprek used before: WAL + synchronous=NORMAL without checkpoints,
which does NOT keep the promise (committed entries live in the -wal file).

Part 1 times single commits of one question's counts (the statement gesprek runs for a
vote: delete the question's old counts, insert one row per option) in each mode, as the
median of N commits, and prints the ratio to the baseline. It also times the real
``Store.record_votes`` of gesprek, which is what a hand vote or one phone vote costs.

Part 2 is a burst of 1,000 phone votes arriving at once (or spread over --spread seconds).
A phone may hear "ontvangen" only after the commit that holds its vote; one commit may
group the votes of a few milliseconds. It compares one commit per vote with a writer that
commits whatever arrived since its last commit (group commit), both through the real
``Store``, and prints the time until the last vote is committed and the p50/p99 wait from a
vote's arrival to its commit.

    .venv/bin/python bench/records_journal.py [--commits 300] [--burst 1000] [--map DIR]

The figures depend on the disk: run it with --map on the disk where the records live
(a laptop's SSD is slower to sync than this machine's). Exit status 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import queue
import sqlite3
import statistics
import tempfile
import threading
import time
from pathlib import Path

from gesprek.store.migrations import MIGRATIONS
from gesprek.store.records import PartRecord, Store

OPTIONS = ["a", "b", "c", "d"]

MODES = [
    ("WAL + NORMAL (oud, baseline; houdt de belofte NIET)", "wal", "normal", False),
    ("WAL + NORMAL + checkpoint na elke stem", "wal", "normal", True),
    ("WAL + FULL + checkpoint na elke stem", "wal", "full", True),
    ("DELETE + NORMAL", "delete", "normal", False),
    ("DELETE + FULL (gekozen)", "delete", "full", False),
    ("TRUNCATE + FULL", "truncate", "full", False),
]


def make_db(path: Path, journal: str, synchronous: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(f"PRAGMA journal_mode={journal}")
    db.execute(f"PRAGMA synchronous={synchronous}")
    db.execute("BEGIN")
    for migration in MIGRATIONS:
        migration(db)
    db.execute(
        "INSERT INTO sessies (id, team, programma, omschrijving, geplande_duur, begonnen)"
        " VALUES (1, 'bench', NULL, 'x', 60, '2024-01-01T10:00:00+01:00')"
    )
    db.execute("COMMIT")
    return db


def one_vote(db: sqlite3.Connection, n: int, checkpoint: bool) -> None:
    db.execute("BEGIN IMMEDIATE")
    db.execute("DELETE FROM stemmen WHERE sessie_id=1 AND positie=1 AND stap=0 AND bron='telefoon'")
    db.executemany(
        "INSERT INTO stemmen (sessie_id, positie, stap, optie_id, bron, aantal, vastgelegd)"
        " VALUES (1, 1, 0, ?, 'telefoon', ?, 'nu')",
        [(o, n + i) for i, o in enumerate(OPTIONS)],
    )
    db.execute("COMMIT")
    if checkpoint:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def time_mode(folder: Path, journal: str, sync: str, checkpoint: bool, commits: int) -> float:
    path = folder / f"{journal}-{sync}-{int(checkpoint)}.sqlite"
    db = make_db(path, journal, sync)
    for n in range(10):  # warm-up
        one_vote(db, n, checkpoint)
    times = []
    for n in range(commits):
        began = time.perf_counter()
        one_vote(db, n, checkpoint)
        times.append(time.perf_counter() - began)
    db.close()
    return statistics.median(times)


def new_store(folder: Path, name: str) -> tuple[Store, int]:
    store = Store.open(folder / name)
    part = PartRecord(1, "x", "dilemma", "x", 10, {"id": "x"}, "h")
    sid = store.start_session(
        team="bench", programma=None, omschrijving="x", parts=[part], begonnen="2024-01-01"
    )
    return store, sid


def time_store(folder: Path, commits: int) -> float:
    store, sid = new_store(folder, "store.sqlite")
    times = []
    for n in range(commits):
        counts = {o: n + i for i, o in enumerate(OPTIONS)}
        began = time.perf_counter()
        store.record_votes(sid, 1, None, counts, "nu", "telefoon")
        times.append(time.perf_counter() - began)
    store.close()
    return statistics.median(times)


def burst(folder: Path, votes: int, spread: float, grouped: bool) -> dict[str, float]:
    """``votes`` phone votes arrive over ``spread`` seconds; a writer thread commits the
    running counts, either once per vote or once per group of what has arrived."""
    store, sid = new_store(folder, f"burst-{int(grouped)}.sqlite")
    arrivals: queue.Queue[tuple[float, str]] = queue.Queue()
    waits: list[float] = []
    commits = 0
    counts = dict.fromkeys(OPTIONS, 0)

    def writer() -> None:
        nonlocal commits
        done = 0
        while done < votes:
            batch = [arrivals.get()]
            if grouped:
                while True:
                    try:
                        batch.append(arrivals.get_nowait())
                    except queue.Empty:
                        break
            for _, option in batch:
                counts[option] += 1
            store.record_votes(sid, 1, None, counts, "nu", "telefoon")
            commits += 1
            now = time.perf_counter()
            waits.extend(now - arrived for arrived, _ in batch)  # "ontvangen" from here on
            done += len(batch)

    thread = threading.Thread(target=writer)
    began = time.perf_counter()
    thread.start()
    for n in range(votes):
        if spread:
            target = began + spread * n / votes
            pause = target - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
        arrivals.put((time.perf_counter(), OPTIONS[n % len(OPTIONS)]))
    thread.join()
    total = time.perf_counter() - began
    stored = store.votes(sid)[(1, None)]
    store.close()
    assert sum(stored.values()) == votes, stored  # every vote counted once
    waits.sort()
    return {
        "total": total,
        "commits": commits,
        "p50": waits[len(waits) // 2],
        "p99": waits[int(len(waits) * 0.99) - 1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--burst", type=int, default=1000)
    parser.add_argument("--spread", type=float, default=0.0, help="seconds the burst takes")
    parser.add_argument("--map", type=Path, default=None, help="folder on the disk to measure")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.map) as tmp:
        folder = Path(tmp)
        print(f"Map: {folder} (SQLite {sqlite3.sqlite_version})\n")
        print("1. Eén commit met de aantallen van één vraag (mediaan)")
        baseline = None
        for label, journal, sync, checkpoint in MODES:
            median = time_mode(folder, journal, sync, checkpoint, args.commits)
            baseline = baseline or median
            print(f"   {label:<55} {median * 1e3:7.3f} ms  {median / baseline:5.1f}x")
        store_median = time_store(folder, args.commits)
        print(
            f"   {'gesprek Store.record_votes (DELETE + FULL)':<55} "
            f"{store_median * 1e3:7.3f} ms  {store_median / baseline:5.1f}x"
        )

        how = f"verspreid over {args.spread:g} s" if args.spread else "tegelijk"
        print(f"\n2. {args.burst} telefoonstemmen {how}, via gesprek's Store (DELETE + FULL)")
        for grouped in (False, True):
            r = burst(folder, args.burst, args.spread, grouped)
            label = "groepscommit (alles wat binnen is)" if grouped else "één commit per stem"
            print(
                f"   {label:<36} {r['commits']:5.0f} commits, klaar na {r['total'] * 1e3:7.1f} ms,"
                f" wachttijd tot 'ontvangen' p50 {r['p50'] * 1e3:6.1f} ms"
                f" p99 {r['p99'] * 1e3:6.1f} ms"
            )


if __name__ == "__main__":
    main()
