"""Bar (issue 8): phone voting under load. 200 simulated phones each vote once on each of 5
questions, opened one after another through the session engine (the facilitator's keys:
``v`` opens, ``u`` closes and records), against the real server on 127.0.0.1. Every vote
must be counted exactly once in the records file: the script says how many were sent and
how many were counted, and exits 1 if a vote was lost or counted twice.

Latency (p50, p99) and throughput are measured on the vote bursts; the baseline is a bare
Starlette endpoint that only appends the body to a list, served by uvicorn the same way
(``LiveServer``, a background thread) and loaded by the same client. Aim: 0.5x or better.

Only 127.0.0.1 is ever a target; every loop is bounded and the script stops by itself.

The phones run in a separate process (their own core, as real phones would be), with httpx
by default; httpx itself costs about as much CPU per request as the server, so ``--client
raw`` (a minimal keep-alive HTTP/1.1 client) shows the servers' own pace.

    .venv/bin/python bench/live_load.py [--phones 200] [--questions 5] [--rounds 3]
                                        [--client httpx|raw]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

try:
    import httpx2 as httpx
except ImportError:  # pragma: no cover
    import httpx  # type: ignore[no-redef]

from gesprek.app import recording
from gesprek.content import library
from gesprek.live.server import LiveServer, create_app, public_url
from gesprek.live.state import LiveState
from gesprek.live.terminal import LiveVoting
from gesprek.store.records import Store

BAR = 0.5
HOST = "127.0.0.1"  # the only address this script ever talks to
CONCURRENCY = 64  # connections open at once (phones share them, as a Wi-Fi router would)
TIMEOUT = 10.0
DEADLINE = 300.0  # seconds: the whole run stops by then whatever happens


def bare_app(received: list[bytes]) -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def stem(request: Request) -> JSONResponse:
        received.append(await request.body())
        return JSONResponse({"ok": True})

    return Starlette(routes=[Route("/stem", stem, methods=["POST"])])


async def _burst(
    client: httpx.AsyncClient, requests: list[tuple[str, dict[str, str], dict[str, Any]]]
) -> tuple[list[float], list[int], float]:
    gate = asyncio.Semaphore(CONCURRENCY)
    latencies: list[float] = []
    statuses: list[int] = []

    async def one(url: str, headers: dict[str, str], body: dict[str, Any]) -> None:
        async with gate:
            start = time.perf_counter()
            try:
                response = await client.post(url, headers=headers, json=body)
                statuses.append(response.status_code)
            except httpx.HTTPError:
                statuses.append(0)
            latencies.append(time.perf_counter() - start)

    start = time.perf_counter()
    await asyncio.gather(*(one(*r) for r in requests))
    return latencies, statuses, time.perf_counter() - start


async def _raw_burst(
    requests: list[tuple[str, dict[str, str], dict[str, Any]]],
) -> tuple[list[float], list[int], float]:
    """The same burst through a minimal keep-alive HTTP/1.1 client on asyncio streams (much
    cheaper than httpx, so the servers rather than the client set the pace)."""
    import json
    from urllib.parse import urlsplit

    queue: asyncio.Queue[tuple[str, dict[str, str], dict[str, Any]]] = asyncio.Queue()
    for request in requests:
        queue.put_nowait(request)
    latencies: list[float] = []
    statuses: list[int] = []

    async def worker() -> None:
        reader = writer = None
        while not queue.empty():
            url, headers, body = queue.get_nowait()
            parts = urlsplit(url)
            if writer is None:
                reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
            payload = json.dumps(body).encode()
            head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
            start = time.perf_counter()
            writer.write(
                f"POST {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n{head}"
                f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n".encode()
                + payload
            )
            status_line = await reader.readline()
            length = 0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            statuses.append(int(status_line.split()[1]) if status_line else 0)
        if writer is not None:
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(min(CONCURRENCY, len(requests)))))
    return latencies, statuses, time.perf_counter() - start


def client_process(conn: Any, raw: bool) -> None:
    """The phones: a separate process (its own core, as real phones would be), taking
    bursts of requests from ``conn`` until it receives None."""

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
        async with httpx.AsyncClient(limits=limits, timeout=TIMEOUT) as client:
            for _ in range(10_000):  # bounded; ends on None long before
                requests = await loop.run_in_executor(None, conn.recv)
                if requests is None:
                    return
                for url, _, _ in requests:
                    if not url.startswith(f"http://{HOST}:"):
                        raise SystemExit(f"refusing a target other than {HOST}: {url}")
                if raw:
                    conn.send(await _raw_burst(requests))
                else:
                    conn.send(await _burst(client, requests))

    asyncio.run(serve())


class Phones:
    """The client process, seen from the main one."""

    def __init__(self, raw: bool = False) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=client_process, args=(child, raw), daemon=True)
        self.process.start()

    def burst(
        self, requests: list[tuple[str, dict[str, str], dict[str, Any]]]
    ) -> tuple[list[float], list[int], float]:
        """Send ``requests`` (url, headers, json) concurrently, at most CONCURRENCY in
        flight: latencies, statuses and the wall time of the burst."""
        self.conn.send(requests)
        if not self.conn.poll(DEADLINE):
            raise SystemExit("the phones did not answer in time")
        return self.conn.recv()

    def close(self) -> None:
        self.conn.send(None)
        self.process.join(10)
        if self.process.is_alive():
            self.process.terminate()


def vote_items(n: int) -> list[Any]:
    lib = library.load()
    items = [
        item
        for item in lib.items.values()
        if item.type in ("dilemma", "stelling", "kennisvraag") and item.stemmingen()
    ]
    if len(items) < n:
        sys.exit(f"only {len(items)} items with a vote in the content; need {n}")
    return items[:n]


def run_live(
    phones_: Phones,
    store: Store,
    phones: int,
    questions: int,
    tokens: list[str],
    url: str,
    facilitator: LiveVoting,
) -> dict[str, Any]:
    items = vote_items(questions)
    session_id, session = recording.start(
        store,
        items,
        [5] * len(items),
        team="Bench",
        programma=None,
        omschrijving="live_load",
        clock=time.monotonic,
    )
    latencies: list[float] = []
    statuses: list[int] = []
    wall = 0.0
    expected: dict[int, dict[str, int]] = {}
    for positie in range(1, questions + 1):
        facilitator.follow(session)
        assert session.part.positie == positie and session.phase.votes_open
        facilitator.command(session, "v")
        nummer = facilitator.state.nummer
        options = [o.id for o in session.phase.stemming.opties]
        wanted: dict[str, int] = dict.fromkeys(options, 0)
        requests = []
        for i, token in enumerate(tokens):
            optie = options[(i + positie) % len(options)]
            wanted[optie] += 1
            requests.append(
                (url + "api/stem", {"X-Token": token}, {"vraag": nummer, "optie": optie})
            )
        expected[positie] = wanted
        lat, st, took = phones_.burst(requests)
        latencies += lat
        statuses += st
        wall += took
        facilitator.command(session, "u")  # close, and record through the engine
        facilitator.follow(session)
        session.next()
    session.close()
    stored = store.votes(session_id)
    counted = sum(sum(c.values()) for c in stored.values())
    exact = all(stored.get((p, None)) == expected[p] for p in expected)
    phone_rows = store.db.execute(
        "SELECT count(DISTINCT positie) FROM stemmen WHERE sessie_id=? AND bron='telefoon'",
        (session_id,),
    ).fetchone()[0]
    return {
        "latencies": latencies,
        "statuses": statuses,
        "wall": wall,
        "sent": len(statuses),
        "accepted": statuses.count(200),
        "counted": counted,
        "exact": exact and phone_rows == questions,
    }


def run_bare(
    phones_: Phones, phones: int, questions: int, url: str, received: list[bytes]
) -> dict[str, Any]:
    received.clear()
    latencies: list[float] = []
    statuses: list[int] = []
    wall = 0.0
    for nummer in range(1, questions + 1):
        requests = [
            (url, {"X-Token": f"telefoon-{i}"}, {"vraag": nummer, "optie": "a"})
            for i in range(phones)
        ]
        lat, st, took = phones_.burst(requests)
        latencies += lat
        statuses += st
        wall += took
    return {
        "latencies": latencies,
        "statuses": statuses,
        "wall": wall,
        "sent": len(statuses),
        "accepted": statuses.count(200),
        "counted": len(received),
    }


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def join(url: str) -> str:
    """One phone joins (plain HTTP from this process; the votes come from the phones)."""
    import json
    import urllib.request

    assert url.startswith(f"http://{HOST}:")
    request = urllib.request.Request(url + "api/aanmelden", data=b"{}", method="POST")
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return json.loads(response.read())["token"]


def run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    folder = tempfile.mkdtemp(prefix="gesprek-live-load-")
    store = Store.open(Path(folder) / "verslagen.sqlite")
    # All simulated phones share 127.0.0.1: lift the per-address join limit (explicitly).
    state = LiveState(threshold=3, limit_joins_per_address=False)
    live = LiveServer(create_app(state), HOST, 0)
    received: list[bytes] = []
    bare = LiveServer(bare_app(received), HOST, 0)
    live.start()
    bare.start()
    url = public_url(HOST, live.port, state.code)
    bare_url = f"http://{HOST}:{bare.port}/stem"
    facilitator = LiveVoting(state, url, console=None, input_line=input, server=live)
    phones = Phones(raw=args.client == "raw")
    failures = 0
    live_runs: list[dict[str, Any]] = []
    bare_runs: list[dict[str, Any]] = []
    try:
        tokens = [join(url) for _ in range(args.phones)]
        for _ in range(args.rounds):  # alternate, so drift hits both sides alike
            if time.monotonic() - started > DEADLINE:
                print("deadline reached; stopping early")
                break
            bare_runs.append(run_bare(phones, args.phones, args.questions, bare_url, received))
            live_runs.append(
                run_live(phones, store, args.phones, args.questions, tokens, url, facilitator)
            )
    finally:
        phones.close()
        facilitator.stop()
        bare.stop()
        store.close()

    print(
        f"{args.phones} phones x {args.questions} questions, {len(live_runs)} rounds, "
        f"127.0.0.1, client {args.client} in its own process"
    )
    for n, (live_run, bare_run) in enumerate(zip(live_runs, bare_runs, strict=True), start=1):
        lost = live_run["sent"] - live_run["counted"]
        ok = live_run["exact"] and lost == 0 and live_run["accepted"] == live_run["sent"]
        failures += 0 if ok else 1
        print(
            f"round {n}: live sent {live_run['sent']}, accepted {live_run['accepted']}, "
            f"counted {live_run['counted']} {'(exactly once each)' if ok else '(MISMATCH)'}; "
            f"bare sent {bare_run['sent']}, appended {bare_run['counted']}"
        )
    live_lat = [x for r in live_runs for x in r["latencies"]]
    bare_lat = [x for r in bare_runs for x in r["latencies"]]
    live_rate = statistics.median(r["sent"] / r["wall"] for r in live_runs)
    bare_rate = statistics.median(r["sent"] / r["wall"] for r in bare_runs)
    print(
        f"live: p50 {1000 * quantile(live_lat, 0.5):.1f} ms, p99 {1000 * quantile(live_lat, 0.99):.1f} ms, "
        f"{live_rate:.0f} votes/s (median of rounds)"
    )
    print(
        f"bare: p50 {1000 * quantile(bare_lat, 0.5):.1f} ms, p99 {1000 * quantile(bare_lat, 0.99):.1f} ms, "
        f"{bare_rate:.0f} requests/s"
    )
    ratio = live_rate / bare_rate
    print(f"throughput ratio live/bare: {ratio:.2f}x (aim {BAR}x or better)")
    if failures:
        print(f"FAIL: {failures} round(s) lost or double-counted votes")
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--questions", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--client",
        choices=["httpx", "raw"],
        default="httpx",
        help="the phones' HTTP client: httpx, or a minimal one that costs far less CPU",
    )
    args = parser.parse_args()
    args.phones = max(1, min(args.phones, 1000))
    args.questions = max(1, min(args.questions, 20))
    args.rounds = max(1, min(args.rounds, 10))
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
