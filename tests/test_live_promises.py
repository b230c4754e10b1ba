"""Issue 13, phone votes: against a real uvicorn on 127.0.0.1, each phone from a loopback
address of its own. A vote is in the records file before the phone hears "ontvangen"; a
stop or a resume keeps the counts; phones learn that the session ended and the server
then stops; idle and half-sent connections cannot crowd out the phones; every accepted
connection has TCP_NODELAY."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from gesprek.app import recording
from gesprek.content import library
from gesprek.live import rejoin
from gesprek.live.commit import Committer
from gesprek.live.server import PER_ADDRESS, REQUEST_SECONDS, LiveServer, create_app, public_url
from gesprek.live.state import LiveState
from gesprek.live.voting import LiveVoting
from gesprek.reports.results import results
from gesprek.store.records import Store
from gesprek.ui.phone_mode import PhoneMode
from tests.sessions import start

LIB = library.load()
CHROMIUM = Path("/usr/bin/chromium")


class Phone:
    """A phone on the room's Wi-Fi: its own address, talking as the page does."""

    count = 0

    def __init__(self, url: str, address: str | None = None) -> None:
        if address is None:
            Phone.count += 1
            address = f"127.0.{Phone.count // 250 + 20}.{Phone.count % 250 + 1}"
        self.address = address
        self.url = url
        self.client = httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=10)
        self.token = self.join()

    def join(self) -> str:
        response = self.client.post(self.url + "api/aanmelden", json={})
        assert response.status_code == 200, response.text
        return response.json()["token"]

    def stand(self) -> httpx.Response:
        return self.client.get(self.url + "api/stand", headers={"X-Token": self.token})

    def vote(self, optie: str, nummer: int | None = None) -> httpx.Response:
        if nummer is None:
            nummer = self.stand().json()["vraag"]["nummer"]
        return self.client.post(
            self.url + "api/stem",
            headers={"X-Token": self.token},
            json={"vraag": nummer, "optie": optie},
        )

    def close(self) -> None:
        self.client.close()


class Room:
    """A recorded session with phone voting wired as ``gesprek sessie --live`` wires it."""

    def __init__(self, db: Path, *ids: str, code: str | None = None, resume: int | None = None):
        self.db = db
        self.store = Store.open(db)
        if resume is None:
            self.session_id, self.session = start(
                self.store,
                *ids,
                lib=LIB,
                minutes=[10] * len(ids),
                team="Team Live",
                clock=time.monotonic,
            )
        else:
            self.session_id = resume
            self.session = recording.resume(self.store, resume, time.monotonic)
        self.state = LiveState(threshold=3, code=code)
        self.committer = Committer(self.state)
        self.server = LiveServer(create_app(self.state, self.committer), "127.0.0.1", 0)
        self.server.start()
        self.url = public_url("127.0.0.1", self.server.port, self.state.code)
        self.voting = LiveVoting(self.state, self.url, self.server, self.committer)
        self.facilitator = PhoneMode(self.voting, None, input)
        self.voting.keep_votes(lambda: recording.PhoneCounts(self.store, self.session_id))
        self.facilitator.follow(self.session)
        self.phones: list[Phone] = []

    def phone(self) -> Phone:
        self.phones.append(Phone(self.url))
        return self.phones[-1]

    def key(self, word: str) -> Any:
        answer = self.facilitator.command(self.session, word)
        self.facilitator.follow(self.session)
        return answer

    def stop(self, final: bool = False) -> None:
        for phone in self.phones:
            phone.close()
        self.session.pause()
        self.voting.stop(final=final, grace=0.5)
        self.store.close()


def phone_counts_on_disk(db: Path) -> dict[str, int]:
    """What a copy of the records file holds now, read by a connection of its own."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        rows = con.execute(
            "SELECT optie_id, aantal FROM stemmen WHERE bron='telefoon' AND positie=1"
        ).fetchall()
    return dict(rows)


def test_a_vote_is_in_the_records_before_the_phone_hears_received(tmp_path):
    db = tmp_path / "verslagen.sqlite"
    room = Room(db, "lunch-niet-betalen")
    try:
        phones = [room.phone() for _ in range(5)]
        assert room.key("v") == "De stemming is open op de telefoons."
        expected = {"a": 0, "b": 0, "c": 0, "d": 0}
        for phone, optie in zip(phones, "abbcb", strict=True):
            response = phone.vote(optie)
            assert response.status_code == 200 and response.json()["mijn_stem"] == optie
            expected[optie] += 1
            assert phone_counts_on_disk(db) == expected  # already committed
        # a phone that changes its mind: the stored counts follow, still one vote
        assert phones[0].vote("d").status_code == 200
        expected["a"] -= 1
        expected["d"] += 1
        assert phone_counts_on_disk(db) == expected
    finally:
        room.stop()  # "s" while the vote is open: nothing revealed, nothing lost
    data = results(Store.open(db), room.session_id)
    assert data["onderdelen"][0]["stemmen"] == expected
    # counts only: no time per vote either (one time for the question's counts)
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(DISTINCT vastgelegd) FROM stemmen").fetchone() == (1,)


def test_a_burst_of_votes_is_grouped_into_few_commits_and_all_are_kept(tmp_path):
    db = tmp_path / "verslagen.sqlite"
    room = Room(db, "lunch-niet-betalen")
    try:
        phones = [room.phone() for _ in range(40)]
        room.key("v")
        nummer = room.state.nummer
        statuses: list[int] = []

        def cast(phone: Phone, optie: str) -> None:
            response = phone.client.post(
                phone.url + "api/stem",
                headers={"X-Token": phone.token},
                json={"vraag": nummer, "optie": optie},
            )
            statuses.append(response.status_code)

        threads = [
            threading.Thread(target=cast, args=(p, "abcd"[i % 4])) for i, p in enumerate(phones)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert statuses == [200] * 40
        assert phone_counts_on_disk(db) == {"a": 10, "b": 10, "c": 10, "d": 10}
        assert room.committer.commits <= 40
    finally:
        room.stop()


def test_after_a_resume_the_question_is_closed_with_its_counts_and_the_code_is_the_same(
    tmp_path,
):
    db = tmp_path / "verslagen.sqlite"
    room = Room(db, "lunch-niet-betalen", "een-beetje-integer-bestaat-niet")
    phones = [room.phone() for _ in range(4)]
    room.key("v")
    for phone, optie in zip(phones, "aabc", strict=True):
        assert phone.vote(optie).status_code == 200
    code, session_id = room.state.code, room.session_id
    rejoin.remember(db, session_id, code, room.server.port)
    room.stop()  # the laptop stops (or crashes) with the vote open

    remembered, _ = rejoin.remembered(db, session_id)
    assert remembered == code
    again = Room(db, code=remembered, resume=session_id)
    try:
        assert again.state.code == code  # phones that were in find it again
        assert again.session.phase.kind == "vraag"
        assert again.session.current_counts() == {"a": 2, "b": 1, "c": 1, "d": 0}
        assert not again.state.is_open  # closed: the tokens of before are gone
        status = again.facilitator.status(again.session).plain
        assert "Stemming gesloten: 4 stemmen opgeslagen" in status
        assert again.facilitator.prompt(again.session).startswith("Stemmen A B C D (u = ")
        # the facilitator votes again: the new phone votes replace the stored ones
        again.key("v")
        newcomers = [again.phone() for _ in range(3)]
        for phone in newcomers:
            assert phone.vote("d").status_code == 200
        again.key("u")
        assert again.session.phase.kind == "uitslag"
        assert again.session.current_counts() == {"a": 0, "b": 0, "c": 0, "d": 3}
    finally:
        again.stop()
    data = results(Store.open(db), session_id)
    assert data["onderdelen"][0]["stemmen"] == {"a": 0, "b": 0, "c": 0, "d": 3}


def test_a_resumed_question_can_be_revealed_with_its_stored_counts(tmp_path):
    db = tmp_path / "verslagen.sqlite"
    room = Room(db, "lunch-niet-betalen")
    phones = [room.phone() for _ in range(3)]
    room.key("v")
    for phone in phones:
        assert phone.vote("b").status_code == 200
    session_id = room.session_id
    room.stop()
    again = Room(db, resume=session_id)
    try:
        watcher = again.phone()
        again.key("u")
        assert again.session.phase.kind == "uitslag"
        assert again.facilitator.hidden_note(again.session) is None  # 3 phones: shown
        view = watcher.stand().json()
        assert view["stand"] == "uitslag"
        assert [r["aantal"] for r in view["uitslag"]["stemmen"]] == [0, 3, 0, 0]
    finally:
        again.stop()


def test_all_keys_work_while_a_vote_is_open(tmp_path):
    room = Room(
        tmp_path / "verslagen.sqlite", "lunch-niet-betalen", "een-beetje-integer-bestaat-niet"
    )
    try:
        phones = [room.phone() for _ in range(4)]
        room.key("v")
        for phone, optie in zip(phones, "aab", strict=False):
            assert phone.vote(optie).status_code == 200
        for word in ("n", "a", "g", "t", "o", "notitie", "terug"):
            assert room.facilitator.command(room.session, word) is None, word  # not ours
        assert room.facilitator.open_here(room.session)  # a note leaves the vote open
        assert room.facilitator.command(room.session, "x y") is None
        assert room.facilitator.command(room.session, "1 2").startswith("Niet begrepen")
        # moving on (o) closes the vote and keeps its counts
        nummer = room.state.nummer
        room.session.skip()
        room.facilitator.follow(room.session)
        assert not room.state.is_open
        assert phones[3].vote("b", nummer).status_code == 409
    finally:
        room.stop()
    data = results(Store.open(tmp_path / "verslagen.sqlite"), room.session_id)
    assert data["onderdelen"][0]["stemmen"] == {"a": 2, "b": 1, "c": 0, "d": 0}


def test_phones_learn_that_the_session_ended_then_the_server_stops(tmp_path):
    room = Room(tmp_path / "verslagen.sqlite", "lunch-niet-betalen")
    phones = [room.phone() for _ in range(30)]
    seen: dict[str, list[str]] = {p.address: [] for p in phones}
    stop = threading.Event()

    def keep_polling(phone: Phone) -> None:
        # as the page does: ask every so often, and stop once the session has ended
        while not stop.is_set():
            try:
                response = phone.stand()
            except httpx.HTTPError:
                seen[phone.address].append("kwijt")
                return
            stand = response.json().get("stand")
            seen[phone.address].append(stand)
            if stand == "einde":
                return
            time.sleep(0.2)

    threads = [threading.Thread(target=keep_polling, args=(p,)) for p in phones]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    room.session.close()
    room.voting.stop(final=True, grace=10.0)
    took = time.monotonic() - started
    stop.set()
    for thread in threads:
        thread.join(10)
    for phone in phones:
        phone.close()
    room.store.close()
    assert all(states[-1] == "einde" for states in seen.values()), seen
    assert took < 5.0  # not the whole grace period: every phone had seen it
    assert not room.server.running
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", room.server.port), timeout=1)


def test_a_paused_session_tells_the_phones_and_takes_no_new_ones(tmp_path):
    room = Room(tmp_path / "verslagen.sqlite", "lunch-niet-betalen")
    phone = room.phone()
    room.state.end(final=False)
    assert phone.stand().json()["stand"] == "pauze"
    late = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.19.9"))
    answer = late.post(room.url + "api/aanmelden", json={})
    assert answer.status_code == 410 and answer.json()["stand"] == "pauze"
    late.close()
    room.stop()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is niet geïnstalleerd")
def test_the_page_stops_asking_once_the_session_has_ended():
    state = LiveState()
    app = create_app(state)
    asked: list[str] = []

    async def counted(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].endswith("/api/stand"):
            if len(asked) == 3:
                state.end()  # the facilitator ends the session while the page is polling
            asked.append(state.stage)
        await app(scope, receive, send)

    server = LiveServer(counted, "127.0.0.1", 0)
    server.start()
    try:
        # 60 s of the page's own time (virtual: it passes in a second or two): a page
        # that kept polling every 1.5 s would ask about 40 more times
        page = subprocess.run(
            [
                str(CHROMIUM),
                *("--headless=new", "--no-sandbox", "--disable-gpu"),
                *("--virtual-time-budget=60000", "--dump-dom"),
                public_url("127.0.0.1", server.port, state.code),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        server.stop()
    assert asked == ["wacht", "wacht", "wacht", "einde"]
    assert '<section id="einde">' in page.stdout  # shown; every other section hidden
    assert '<section id="wacht" hidden="">' in page.stdout


def raw_connection(address: str, port: int) -> socket.socket:
    sock = socket.socket()
    sock.bind((address, 0))
    sock.settimeout(REQUEST_SECONDS + 5)
    sock.connect(("127.0.0.1", port))
    return sock


def closed_by_server(sock: socket.socket) -> bool:
    try:
        data = sock.recv(4096)
    except (ConnectionResetError, TimeoutError):
        return True
    return data == b"" or data.startswith(b"HTTP/1.1 503")


def test_idle_and_half_sent_connections_are_closed_and_cannot_crowd_out_phones(tmp_path):
    room = Room(tmp_path / "verslagen.sqlite", "lunch-niet-betalen")
    port = room.server.port
    crowd: list[socket.socket] = []
    try:
        phone = room.phone()
        # one address without the code: idle connections and a request that never ends
        for i in range(PER_ADDRESS):
            sock = raw_connection("127.0.66.6", port)
            if i % 2:
                sock.sendall(
                    b"GET /" + room.state.code.encode() + b"/api/stand HTTP/1.1\r\nHost: x\r\n"
                )
            crowd.append(sock)
        time.sleep(0.3)
        over = raw_connection("127.0.66.6", port)
        assert closed_by_server(over)  # the limit per address
        over.close()
        # a real phone is not affected
        room.key("v")
        assert phone.vote("c").status_code == 200
        started = time.monotonic()
        assert all(closed_by_server(sock) for sock in crowd)
        assert time.monotonic() - started < REQUEST_SECONDS + 2
        # the address may connect again once its connections are gone
        again = raw_connection("127.0.66.6", port)
        again.sendall(b"GET /" + room.state.code.encode() + b"/ HTTP/1.1\r\nHost: x\r\n\r\n")
        assert again.recv(100).startswith(b"HTTP/1.1 200")
        again.close()
    finally:
        for sock in crowd:
            sock.close()
        room.stop()


def test_every_accepted_connection_has_tcp_nodelay():
    state = LiveState()
    server = LiveServer(create_app(state), "127.0.0.1", 0)
    server.start()
    try:
        clients = [raw_connection(f"127.0.44.{i}", server.port) for i in range(1, 4)]
        deadline = time.monotonic() + 5
        connections = server._server.server_state.connections
        while len(connections) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        flags = [
            c.transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
            for c in list(connections)
        ]
        assert len(flags) == 3 and all(flags)
        for sock in clients:
            sock.close()
    finally:
        server.stop()


def test_a_phone_sees_its_vote_as_received_only_once_it_is_stored(tmp_path):
    db = tmp_path / "verslagen.sqlite"
    room = Room(db, "lunch-niet-betalen")
    try:
        anna, bram = room.phone(), room.phone()
        room.key("v")
        nummer = room.state.nummer
        # a ballot the records do not hold yet (its commit still to come) ...
        assert room.state.vote(bram.token, nummer, "c")[0] == "ok"
        assert bram.stand().json()["mijn_stem"] is None  # ... is not shown as received
        response = anna.vote("a")  # answered after the commit that holds it (and bram's)
        assert response.json()["mijn_stem"] == "a"
        assert phone_counts_on_disk(db) == {"a": 1, "b": 0, "c": 1, "d": 0}
        assert bram.stand().json()["mijn_stem"] == "c"
    finally:
        room.stop()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is niet geïnstalleerd")
def test_after_a_pause_the_page_finds_the_resumed_session_by_itself():
    paused = LiveState()
    resumed = LiveState(code=paused.code)  # --hervat --live: same address and code
    apps = {"nu": create_app(paused)}
    seen: list[str] = []

    async def session(scope: Any, receive: Any, send: Any) -> None:
        if "pauze" in seen and "2" not in apps:
            apps["nu"] = apps["2"] = create_app(resumed)  # the session resumes
        if scope["type"] == "http" and scope["path"].endswith("/api/stand"):
            if len(seen) == 3:
                paused.end(final=False)  # the facilitator stops (s) while the page polls
            if "2" in apps and resumed.nummer is None:
                resumed.open("Terug", "Wat doe je nu?", [("a", "Ja"), ("b", "Nee")])
            seen.append(resumed.stage if "2" in apps else paused.stage)
        await apps["nu"](scope, receive, send)

    server = LiveServer(session, "127.0.0.1", 0)
    server.start()
    try:
        page = subprocess.run(
            [
                str(CHROMIUM),
                *("--headless=new", "--no-sandbox", "--disable-gpu"),
                *("--virtual-time-budget=30000", "--dump-dom"),
                public_url("127.0.0.1", server.port, paused.code),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        server.stop()
    assert seen[:4] == ["wacht", "wacht", "wacht", "pauze"]
    assert "open" in seen[4:]
    assert resumed.phones() == 1  # it joined the resumed session by itself
    assert '<section id="stemming">' in page.stdout
    assert "Wat doe je nu?" in page.stdout
