"""Records at a unit's scale (issue 15): build a records file of 500 and one of 5,000
sessions (200 teams over three years, written through the session engine), and time
`overzicht --json`, `export --formaat json` and `export --formaat csv` on both, locally and
on the unit's PostgreSQL server. Linear growth means a ratio of about 10x (the fixed start
of a command makes it lower); quadratic growth would be about 100x.

The server side runs against a throwaway cluster that this script starts itself where
`initdb` is found (as the `postgres` user when run as root), or against `--server URL`
(a database set up with `gesprek inrichten`, the role allowed to send and read). Without
either it is left out with a message.

    .venv/bin/python bench/unit_scale.py            # ~5 min on a loaded 2-core machine
    .venv/bin/python bench/unit_scale.py --klein    # 50 and 500 sessions, for a quick look
"""

from __future__ import annotations

import argparse
import glob
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from side_by_side import bench_env, gesprek_script

TEAMS = 200
YEARS = 3


def build(db: Path, start: int, stop: int, seed: int = 15) -> None:
    """Sessions number ``start`` to ``stop`` (exclusive) into ``db``, through the engine:
    each holds 3-5 built-in items with options, votes by hand on each, a note and an
    agreement, and is finished; one in ten is left interrupted."""
    from gesprek.app import recording
    from gesprek.content import library
    from gesprek.store.records import Store

    lib = library.load()
    voted = sorted(
        (i for i in lib.items.values() if i.type in ("dilemma", "stelling") and i.stemmingen()),
        key=lambda i: i.id,
    )
    rng = random.Random(seed)
    first = datetime(2026, 12, 1, tzinfo=UTC) - timedelta(days=365 * YEARS)
    store = Store.open(db)
    try:
        for number in range(start, stop):
            rng.seed(seed * 1_000_003 + number)
            items = rng.sample(voted, rng.randint(3, 5))
            when = first + timedelta(days=YEARS * 365 * number / 5000, hours=rng.randint(8, 16))
            stamp = when.isoformat(timespec="seconds")
            _, session = recording.start(
                store,
                items,
                [item.duur for item in items],
                team=f"Team {number % TEAMS + 1:03d}",
                programma=None,
                omschrijving="bench",
                clock=lambda: 0.0,
                now=lambda stamp=stamp: stamp,
            )
            session.note("Een notitie van de bench", "notitie")
            session.note("Een afspraak van de bench", "afspraak")
            interrupted = number % 10 == 9
            for index, item in enumerate(items):
                if interrupted and index == 2:
                    break
                options = item.stemmingen()[0].opties
                session.vote([rng.randint(0, 6) for _ in options])
                session.next()
            if not interrupted:
                session.close()
    finally:
        store.close()


def wall(cmd: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr.decode(errors='replace')}")
    return time.perf_counter() - began


def pair(small: list[str], large: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall times of the two commands, run in turns (after one warm-up each), so a
    busy moment of the machine does not fall on one side only."""
    wall(small, env)
    wall(large, env)
    times: tuple[list[float], list[float]] = ([], [])
    for round_ in range(runs):
        order = ((0, small), (1, large)) if round_ % 2 == 0 else ((1, large), (0, small))
        for side, cmd in order:
            times[side].append(wall(cmd, env))
    return statistics.median(times[0]), statistics.median(times[1])


def commands(db: Path, out: Path, server: str | None) -> dict[str, list[str]]:
    base = [*gesprek_script(), "--db", str(db)]
    if server is not None:
        base += ["--server", server]
    return {
        "overzicht --json": [*base, "overzicht", "--json"],
        "export --formaat json": [
            *base,
            "export",
            "--formaat",
            "json",
            "-o",
            str(out / "x.json"),
            "--overschrijf",
        ],
        "export --formaat csv": [
            *base,
            "export",
            "--formaat",
            "csv",
            "-o",
            str(out / "x.csv"),
            "--overschrijf",
        ],
    }


def _bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


@contextmanager
def throwaway_cluster() -> Iterator[str | None]:
    """A PostgreSQL cluster on a Unix socket in a temporary folder, set up with
    `gesprek inrichten`; yields a connection string (the superuser, over the socket), or
    None where PostgreSQL is not installed."""
    bindir = _bin_dir()
    if bindir is None:
        yield None
        return
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    root = Path(tempfile.mkdtemp(prefix="gesprek-bench-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data = root / "data"
    try:
        subprocess.run(
            [*as_pg, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                *as_pg,
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-w",
                "-l",
                str(root / "log"),
                "-o",
                f"-k {root} -c listen_addresses=''",
                "start",
            ],
            check=True,
            capture_output=True,
        )
        conninfo = f"host={root} dbname=postgres user=postgres"
        subprocess.run(
            [*gesprek_script(), "--server", conninfo, "inrichten"], check=True, capture_output=True
        )
        yield conninfo
    finally:
        subprocess.run(
            [*as_pg, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--klein", action="store_true", help="50 and 500 sessions")
    parser.add_argument("--server", help="a set-up server instead of a throwaway cluster")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    small, large = (50, 500) if args.klein else (500, 5000)
    work = Path(tempfile.mkdtemp(prefix="gesprek-bench-scale-"))
    env = bench_env(str(work / "pycache"), drop=("GESPREK_DB", "GESPREK_SERVER"))
    env["GESPREK_EENHEID"] = "Bench"
    env["GESPREK_CACHE"] = str(work / "cache")  # leave the user's own cache alone
    try:
        dbs = {small: work / f"{small}.sqlite", large: work / f"{large}.sqlite"}
        began = time.perf_counter()
        build(dbs[small], 0, small)
        build(dbs[large], 0, large)  # its own file: its sessions have UUIDs of their own
        print(f"records built: {small} and {large} sessions in {time.perf_counter() - began:.0f} s")
        print(f"records file of {large} sessions: {dbs[large].stat().st_size / 1e6:.1f} MB")
        results: list[tuple[str, str, float, float]] = []
        for name in commands(dbs[small], work, None):
            t_small, t_large = pair(
                commands(dbs[small], work, None)[name],
                commands(dbs[large], work, None)[name],
                env,
                args.runs,
            )
            results.append(("lokaal", name, t_small, t_large))
        with throwaway_cluster() if args.server is None else _given(args.server) as server:
            if server is None:
                print("server: left out (no initdb found and no --server given)")
            else:
                # Two databases would need two set-ups; one database and two eenheden do
                # the same: the small unit's sessions, then the large unit's, each read
                # with --eenheid.
                for size in (small, large):
                    began = time.perf_counter()
                    subprocess.run(
                        [
                            *gesprek_script(),
                            "--db",
                            str(dbs[size]),
                            "--server",
                            server,
                            "insturen",
                            "--eenheid",
                            f"Eenheid {size}",
                        ],
                        env=env,
                        check=True,
                        capture_output=True,
                    )
                    print(f"insturen of {size} sessions: {time.perf_counter() - began:.1f} s")
                for name in commands(dbs[small], work, server):
                    t_small, t_large = pair(
                        [
                            *commands(dbs[small], work, server)[name],
                            "--eenheid",
                            f"Eenheid {small}",
                        ],
                        [
                            *commands(dbs[large], work, server)[name],
                            "--eenheid",
                            f"Eenheid {large}",
                        ],
                        env,
                        args.runs,
                    )
                    results.append(("server", name, t_small, t_large))
        print(f"\n{'where':8} {'command':24} {small:>8} {large:>8}  ratio (linear ~10x)")
        for where, name, t_small, t_large in results:
            print(f"{where:8} {name:24} {t_small:7.2f}s {t_large:7.2f}s  {t_large / t_small:5.1f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


@contextmanager
def _given(server: str) -> Iterator[str]:
    yield server


if __name__ == "__main__":
    main()
