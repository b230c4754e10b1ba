"""Bar (issues 8 and 13): phone voting under load, against the real ``--live`` server on
127.0.0.1 with the session engine and a records file behind it. Every simulated phone
talks from a loopback address of its own (127.0.x.y; on Linux all of 127/8 reaches a
server on 127.0.0.1), over its own keep-alive connection, as phones on a room's Wi-Fi do:
the server allows one token per address, and nothing in it can be switched off.

Runs, in order:

1. **Exactly once**: ``--phones`` phones (200) each vote once on each of ``--questions`` (5)
   questions, opened one after another with the facilitator's keys (``v`` opens, ``u``
   closes and records), ``--rounds`` times. Right after each burst (before ``u``), the
   records file already holds every accepted vote (a phone hears "ontvangen" only after
   the commit that holds it); after ``u`` the stored counts equal what was sent. Throughput
   against a bare Starlette endpoint that appends the body to a list, loaded the same way
   (aim: 0.5x or better).
2. **1,000 at once**: 1,000 phones vote on one question at the same moment; all 1,000
   counted exactly once, how many commits held them.
3. **Back-to-back**: 200 votes one after another (20 phones take turns, each sending 10
   on its own kept-alive connection), p50/p99, on the server as it was before issue 13
   (uvicorn's h11 protocol on a listening socket made with protocol 0: no TCP_NODELAY)
   and as it is now (aim: p50 under 5 ms), both without records behind the question; and
   as in a session, where every vote is committed to the records file before its answer,
   next to what a bare commit of that file costs on this disk.
4. **Soak** (``--soak 60``; off by default): 300 phones poll every 1.5 s for that many
   seconds; every answer must be a 200, and the server's memory must not keep growing.

The memory of the server (this process: server thread, engine and records) is reported as
resident set size after each run. The phones run in a separate process (their own core, as
real phones would be), with a minimal asyncio HTTP/1.1 client. Only 127.0.0.1 is ever a
target; every loop is bounded and the script stops by itself. Exit status 1 when a vote was
lost or counted twice, or an answer in the soak was not a 200.

    .venv/bin/python bench/live_load.py [--phones 200] [--questions 5] [--rounds 2]
                                        [--burst 1000] [--soak 0]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from gesprek.app import recording
from gesprek.content import library
from gesprek.live.commit import Committer
from gesprek.live.server import LiveServer, create_app, public_url
from gesprek.live.state import LiveState
from gesprek.live.voting import LiveVoting
from gesprek.store.records import Store
from gesprek.ui.phone_mode import PhoneMode

BAR = 0.5
HOST = "127.0.0.1"  # the only address this script ever talks to
TIMEOUT = 20.0
DEADLINE = 600.0  # seconds: the whole run stops by then whatever happens

Request = tuple[int, str, str, dict[str, str], Any]  # phone, method, path, headers, json


def phone_address(index: int) -> str:
    """Phone ``index``'s own loopback address: 127.0.10.1, 127.0.10.2, ..."""
    return f"127.0.{10 + index // 250}.{index % 250 + 1}"


# -- the phones (a process of their own) ------------------------------------------------------


class Connection:
    """One phone's keep-alive HTTP/1.1 connection, from its own address; it connects again
    when the server closed it (idle connections are closed after a few seconds)."""

    def __init__(self, address: str, port: int) -> None:
        self.address = address
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, headers: dict[str, str], body: Any
    ) -> tuple[int, bytes]:
        payload = b"" if body is None else json.dumps(body).encode()
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        message = (
            f"{method} {path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n{head}"
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
        ).encode() + payload
        for attempt in range(2):
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection(
                        HOST, self.port, local_addr=(self.address, 0)
                    )
                assert self.reader is not None
                self.writer.write(message)
                status_line = await self.reader.readline()
                if not status_line:
                    raise ConnectionResetError
                length = 0
                while True:
                    line = await self.reader.readline()
                    if line in (b"\r\n", b""):
                        break
                    name, _, value = line.decode("latin-1").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                return int(status_line.split()[1]), await self.reader.readexactly(length)
            except (OSError, asyncio.IncompleteReadError):
                self.close()
                if attempt:
                    return 0, b""
        return 0, b""

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class Phones:
    """All phones' connections, in the phones' process."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connections: dict[int, Connection] = {}

    def of(self, phone: int) -> Connection:
        if phone not in self.connections:
            self.connections[phone] = Connection(phone_address(phone), self.port)
        return self.connections[phone]

    async def one(self, request: Request) -> tuple[float, int, bytes]:
        phone, method, path, headers, body = request
        start = time.perf_counter()
        status, data = await self.of(phone).request(method, path, headers, body)
        return time.perf_counter() - start, status, data

    async def burst(self, requests: list[Request]) -> dict[str, Any]:
        """Every request at the same moment (each phone on its own connection)."""
        start = time.perf_counter()
        results = await asyncio.gather(*(self.one(r) for r in requests))
        return {
            "wall": time.perf_counter() - start,
            "latencies": [r[0] for r in results],
            "statuses": [r[1] for r in results],
            "bodies": [r[2] for r in results],
        }

    async def serial(self, requests: list[Request]) -> dict[str, Any]:
        """One request after another: back-to-back."""
        results = [await self.one(r) for r in requests]
        return {"latencies": [r[0] for r in results], "statuses": [r[1] for r in results]}

    async def soak(self, requests: list[Request], seconds: float, every: float) -> dict[str, Any]:
        """Each request (a poll) again every ``every`` seconds, for ``seconds``."""
        latencies: list[float] = []
        statuses: list[int] = []
        end = time.monotonic() + seconds

        async def keep_polling(index: int, request: Request) -> None:
            await asyncio.sleep(every * index / len(requests))  # spread, as phones are
            while time.monotonic() < end:
                latency, status, _ = await self.one(request)
                latencies.append(latency)
                statuses.append(status)
                await asyncio.sleep(every)

        await asyncio.gather(*(keep_polling(i, r) for i, r in enumerate(requests)))
        return {"latencies": latencies, "statuses": statuses}

    def close(self) -> None:
        for connection in self.connections.values():
            connection.close()
        self.connections.clear()


def phones_process(conn: Any) -> None:
    """Takes jobs from ``conn`` until it receives None."""

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        phones: Phones | None = None
        for _ in range(10_000):  # bounded; ends on None long before
            job = await loop.run_in_executor(None, conn.recv)
            if job is None:
                break
            kind, port, *rest = job
            if phones is None or phones.port != port:
                if phones is not None:
                    phones.close()
                phones = Phones(port)
            if kind == "burst":
                conn.send(await phones.burst(rest[0]))
            elif kind == "serial":
                conn.send(await phones.serial(rest[0]))
            elif kind == "soak":
                conn.send(await phones.soak(*rest))
        if phones is not None:
            phones.close()

    asyncio.run(serve())


class Room:
    """The phones' process, seen from this one."""

    def __init__(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=phones_process, args=(child,), daemon=True)
        self.process.start()

    def ask(self, *job: Any) -> dict[str, Any]:
        self.conn.send(job)
        if not self.conn.poll(DEADLINE):
            raise SystemExit("the phones did not answer in time")
        return self.conn.recv()

    def close(self) -> None:
        self.conn.send(None)
        self.process.join(10)
        if self.process.is_alive():
            self.process.terminate()


# -- the servers ------------------------------------------------------------------------------


class Live:
    """The ``--live`` server as ``gesprek sessie --live`` runs it: state, committer, server,
    the facilitator's side, and a records file that takes the running counts."""

    def __init__(self, folder: Path) -> None:
        self.db = folder / "verslagen.sqlite"
        self.store = Store.open(self.db)
        self.state = LiveState(threshold=3)
        self.committer = Committer(self.state)
        self.server = LiveServer(create_app(self.state, self.committer), HOST, 0)
        self.server.start()
        self.url = public_url(HOST, self.server.port, self.state.code)
        self.path = f"/{self.state.code}/api/"
        self.voting = LiveVoting(self.state, self.url, self.server, self.committer)
        self.facilitator = PhoneMode(self.voting, None, input)
        self.tokens: dict[int, str] = {}

    def session(self, questions: int) -> tuple[int, Any]:
        items = vote_items(questions)
        session_id, session = recording.start(
            self.store,
            items,
            [5] * len(items),
            team="Bench",
            programma=None,
            omschrijving="live_load",
            clock=time.monotonic,
        )
        # the running counts go to this session from now on
        self.committer.attach(lambda: recording.PhoneCounts(self.store, session_id))
        return session_id, session

    def join(self, room: Room, phones: range) -> None:
        missing = [p for p in phones if p not in self.tokens]
        if not missing:
            return
        result = room.ask(
            "burst",
            self.server.port,
            [(p, "POST", self.path + "aanmelden", {}, {}) for p in missing],
        )
        for phone, status, body in zip(missing, result["statuses"], result["bodies"], strict=True):
            if status != 200:
                raise SystemExit(f"phone {phone} could not join: {status} {body[:80]!r}")
            self.tokens[phone] = json.loads(body)["token"]
        if len(set(self.tokens.values())) != len(self.tokens):
            raise SystemExit("two phones got the same token")

    def on_disk(self, session_id: int, positie: int) -> dict[str, int]:
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as con:
            return dict(
                con.execute(
                    "SELECT optie_id, aantal FROM stemmen WHERE sessie_id=? AND positie=?"
                    " AND bron='telefoon'",
                    (session_id, positie),
                ).fetchall()
            )

    def stop(self) -> None:
        self.voting.stop(final=True, grace=0.0)
        self.store.close()


def bare_app(received: list[bytes]) -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request as StarletteRequest
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def stem(request: StarletteRequest) -> JSONResponse:
        received.append(await request.body())
        return JSONResponse({"ok": True})

    return Starlette(routes=[Route("/stem", stem, methods=["POST"])])


class OldServer:
    """The server as it was before issue 13, for the back-to-back comparison: uvicorn's own
    h11 protocol on a listening socket made with protocol 0 (so no TCP_NODELAY)."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind((HOST, 0))
        self.sock.listen(2048)
        self.port = self.sock.getsockname()[1]
        config = uvicorn.Config(
            app, log_config=None, access_log=False, lifespan="off", http="h11", ws="none"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


# -- the runs ---------------------------------------------------------------------------------


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


def vote_round(room: Room, live: Live, phones: range, questions: int) -> dict[str, Any]:
    """Each phone votes once on each question; checks the records before and after ``u``."""
    live.join(room, phones)
    session_id, session = live.session(questions)
    latencies: list[float] = []
    statuses: list[int] = []
    wall = 0.0
    exact = True
    for positie in range(1, questions + 1):
        live.facilitator.follow(session)
        live.facilitator.command(session, "v")
        nummer = live.state.nummer
        options = [o.id for o in session.phase.stemming.opties]
        wanted = dict.fromkeys(options, 0)
        requests: list[Request] = []
        for phone in phones:
            optie = options[(phone + positie) % len(options)]
            wanted[optie] += 1
            body = {"vraag": nummer, "optie": optie}
            requests.append(
                (phone, "POST", live.path + "stem", {"X-Token": live.tokens[phone]}, body)
            )
        result = room.ask("burst", live.server.port, requests)
        latencies += result["latencies"]
        statuses += result["statuses"]
        wall += result["wall"]
        accepted = {o: n for o, n in wanted.items()}
        # every vote answered 200 is in the records file already
        exact &= live.on_disk(session_id, positie) == accepted
        live.facilitator.command(session, "u")  # close, and record through the engine
        live.facilitator.follow(session)
        exact &= live.store.votes(session_id).get((positie, None)) == wanted
        session.next()
    session.close()
    counted = sum(sum(c.values()) for c in live.store.votes(session_id).values())
    return {
        "latencies": latencies,
        "statuses": statuses,
        "wall": wall,
        "sent": len(statuses),
        "accepted": statuses.count(200),
        "counted": counted,
        "exact": exact,
    }


def bare_round(
    room: Room, port: int, phones: range, questions: int, received: list[bytes]
) -> dict[str, Any]:
    received.clear()
    latencies: list[float] = []
    statuses: list[int] = []
    wall = 0.0
    for nummer in range(1, questions + 1):
        requests: list[Request] = [
            (p, "POST", "/stem", {"X-Token": f"telefoon-{p}"}, {"vraag": nummer, "optie": "a"})
            for p in phones
        ]
        result = room.ask("burst", port, requests)
        latencies += result["latencies"]
        statuses += result["statuses"]
        wall += result["wall"]
    return {
        "latencies": latencies,
        "statuses": statuses,
        "wall": wall,
        "sent": len(statuses),
        "counted": len(received),
    }


def back_to_back(
    room: Room, port: int, path: str, tokens: dict[int, str], nummer: int, n: int, first: int = 0
) -> list[float]:
    """``n`` votes one after another: phones take turns (from phone ``first`` on), each
    sending 10 votes back to back on its kept-alive connection (a phone changing its mind;
    within its rate limit)."""
    phones = list(tokens)[first : first + max(1, n // 10)]
    warm = [(p, "GET", path + "stand", {"X-Token": tokens[p]}, None) for p in phones]
    room.ask("serial", port, warm)  # connections open and kept alive
    votes: list[Request] = [
        (p, "POST", path + "stem", {"X-Token": tokens[p]}, {"vraag": nummer, "optie": "ab"[i % 2]})
        for p in phones
        for i in range(10)
    ]
    result = room.ask("serial", port, votes)
    if set(result["statuses"]) != {200}:
        raise SystemExit(f"back-to-back votes were refused: {sorted(set(result['statuses']))}")
    return result["latencies"]


def commit_cost(folder: Path, n: int = 100) -> list[float]:
    """What one committed vote costs in a records file by itself (the disk's share)."""
    store = Store.open(folder / "kosten.sqlite")
    try:
        session_id, _ = recording.start(
            store,
            vote_items(1),
            [5],
            team="Bench",
            programma=None,
            omschrijving="commit",
            clock=time.monotonic,
        )
        took = []
        for i in range(n):
            start = time.perf_counter()
            store.record_votes(session_id, 1, None, {"a": i}, "x", "telefoon")
            took.append(time.perf_counter() - start)
        return took
    finally:
        store.close()


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def ms(values: list[float]) -> str:
    return f"p50 {1000 * quantile(values, 0.5):.1f} ms, p99 {1000 * quantile(values, 0.99):.1f} ms"


def rss_mb() -> float:
    """Resident memory of this process (the server, engine and records) in MB."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        import os

        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (1e6 if sys.platform == "darwin" else 1e3)


def run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    failures = 0
    folder = Path(tempfile.mkdtemp(prefix="gesprek-live-load-"))
    room = Room()
    print(f"memory before the servers: {rss_mb():.0f} MB")
    live = Live(folder)
    received: list[bytes] = []
    bare = LiveServer(bare_app(received), HOST, 0)
    bare.start()
    try:
        # 1. exactly once, against the bare baseline
        phones = range(args.phones)
        live_runs, bare_runs = [], []
        for _ in range(args.rounds):  # alternate, so drift hits both sides alike
            if time.monotonic() - started > DEADLINE:
                print("deadline reached; stopping early")
                break
            bare_runs.append(bare_round(room, bare.port, phones, args.questions, received))
            live_runs.append(vote_round(room, live, phones, args.questions))
        print(
            f"1. {args.phones} phones (each its own address) x {args.questions} questions, "
            f"{len(live_runs)} rounds"
        )
        for n, (live_run, bare_run) in enumerate(zip(live_runs, bare_runs, strict=True), start=1):
            ok = (
                live_run["exact"]
                and live_run["accepted"] == live_run["sent"] == live_run["counted"]
            )
            failures += 0 if ok else 1
            print(
                f"   round {n}: sent {live_run['sent']}, accepted {live_run['accepted']}, "
                f"counted {live_run['counted']} "
                f"{'(exactly once each, in the records before each answer)' if ok else '(MISMATCH)'}; "
                f"bare sent {bare_run['sent']}, appended {bare_run['counted']}"
            )
        live_lat = [x for r in live_runs for x in r["latencies"]]
        bare_lat = [x for r in bare_runs for x in r["latencies"]]
        live_rate = statistics.median(r["sent"] / r["wall"] for r in live_runs)
        bare_rate = statistics.median(r["sent"] / r["wall"] for r in bare_runs)
        print(f"   live: {ms(live_lat)}, {live_rate:.0f} votes/s (median of rounds)")
        print(f"   bare: {ms(bare_lat)}, {bare_rate:.0f} requests/s")
        print(f"   throughput ratio live/bare: {live_rate / bare_rate:.2f}x (aim {BAR}x or better)")
        print(f"   memory: {rss_mb():.0f} MB")

        # 2. 1,000 phones at once
        many = range(args.burst)
        commits_before = live.committer.commits
        burst_run = vote_round(room, live, many, 1)
        ok = burst_run["exact"] and burst_run["accepted"] == burst_run["counted"] == args.burst
        failures += 0 if ok else 1
        commits = live.committer.commits - commits_before
        print(
            f"2. {args.burst} phones at once: accepted {burst_run['accepted']}, counted "
            f"{burst_run['counted']} {'(exactly once each)' if ok else '(MISMATCH)'}; "
            f"{args.burst / burst_run['wall']:.0f} votes/s, {ms(burst_run['latencies'])}; "
            f"{commits} commits held them; memory {rss_mb():.0f} MB, "
            f"{live.state.phones()} phones"
        )

        # 3. back to back, before and after. "now, network": the same server without
        # records behind the question (as the old one had none), so only the connection
        # differs; "now, in a session": opened with the facilitator's key, every vote
        # committed to the records file before its answer.
        live.join(room, range(2 * max(1, args.serial // 10)))
        live.state.open("Bench", "Vraag?", [("a", "A"), ("b", "B")], ref=None)
        network = back_to_back(
            room, live.server.port, live.path, live.tokens, live.state.nummer or 0, args.serial
        )
        live.state.show("Bench")
        live.facilitator.on_phones = None  # a new session: nothing of it on the phones yet
        _, session = live.session(1)
        live.facilitator.follow(session)
        live.facilitator.command(session, "v")
        commits_before = live.committer.commits
        in_session = back_to_back(
            room,
            live.server.port,
            live.path,
            live.tokens,
            live.state.nummer or 0,
            args.serial,
            first=max(1, args.serial // 10),
        )
        commits = live.committer.commits - commits_before
        live.facilitator.command(session, "u")
        old_state = LiveState()
        old = OldServer(create_app(old_state))
        try:
            old_path = f"/{old_state.code}/api/"
            result = room.ask(
                "burst",
                old.port,
                [(p, "POST", old_path + "aanmelden", {}, {}) for p in range(args.serial)],
            )
            old_tokens = {p: json.loads(b)["token"] for p, b in enumerate(result["bodies"])}
            nummer = old_state.open("Bench", "Vraag?", [("a", "A"), ("b", "B")])
            before = back_to_back(room, old.port, old_path, old_tokens, nummer, args.serial)
        finally:
            old.stop()
        print(
            f"3. back-to-back votes, {args.serial} one after another "
            "(10 per phone, on its kept-alive connection):"
        )
        print(f"   before (no TCP_NODELAY, no records): {ms(before)}")
        print(f"   now, network (TCP_NODELAY, no records): {ms(network)} (aim: p50 under 5 ms)")
        print(
            f"   now, in a session (each vote committed before its answer, {commits} "
            f"commits): {ms(in_session)}; a bare commit of this records file: "
            f"{ms(commit_cost(folder))}"
        )
        live.state.show("Bench")

        # 4. the soak
        if args.soak > 0:
            pollers = range(300)
            live.join(room, pollers)
            memory_before = rss_mb()
            polls: list[Request] = [
                (p, "GET", live.path + "stand", {"X-Token": live.tokens[p]}, None) for p in pollers
            ]
            result = room.ask("soak", live.server.port, polls, args.soak, 1.5)
            statuses = result["statuses"]
            ok = set(statuses) == {200}
            failures += 0 if ok else 1
            print(
                f"4. soak: 300 phones polling every 1.5 s for {args.soak:.0f} s: {len(statuses)} "
                f"answers, {statuses.count(200)} of them 200 {'' if ok else '(NOT ALL 200)'}; "
                f"{ms(result['latencies'])}; memory {memory_before:.0f} MB before, "
                f"{rss_mb():.0f} MB after; {live.state.connected()} connected"
            )
    finally:
        room.close()
        live.stop()
        bare.stop()
    if failures:
        print(f"FAIL: {failures} run(s) lost or double-counted votes (or refused polls)")
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--questions", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--burst", type=int, default=1000, help="phones voting at once")
    parser.add_argument("--serial", type=int, default=200, help="back-to-back votes")
    parser.add_argument("--soak", type=float, default=0, help="seconds of 300 polling phones")
    args = parser.parse_args()
    args.phones = max(1, min(args.phones, 1000))
    args.questions = max(1, min(args.questions, 20))
    args.rounds = max(1, min(args.rounds, 10))
    args.burst = max(1, min(args.burst, 1000))
    args.serial = max(10, min(args.serial, args.burst))
    args.soak = max(0.0, min(args.soak, 300.0))
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
