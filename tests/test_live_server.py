"""The phone-voting server, always a real uvicorn server on 127.0.0.1 with a port the
system chose, and every simulated phone talking from its own loopback address (a client
bound to 127.0.x.y), as phones on a room's Wi-Fi do: join, vote, change the vote, reveal
with the threshold, every bad request, rate limits, wrong codes, no facilitator controls,
and the facilitator's keys driving the session engine and the records store, after which
the records file holds no token, address or user agent."""

from __future__ import annotations

import json
import socket
import sqlite3
import urllib.parse
import urllib.request
from http.client import HTTPConnection
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from gesprek.app import recording
from gesprek.content import library
from gesprek.errors import UsageError
from gesprek.live import page
from gesprek.live.commit import Committer
from gesprek.live.server import MAX_BODY, LiveServer, create_app, public_url
from gesprek.live.state import LiveState
from gesprek.live.voting import LiveVoting
from gesprek.reports.results import results
from gesprek.session.engine import VoteError
from gesprek.store.records import Store
from gesprek.ui.phone_mode import PhoneMode
from tests.sessions import start

OPTIONS = [("a", "Ik betaal"), ("b", "Ik neem het aan"), ("c", "Ik meld het")]
AGENT = "Mozilla/5.0 (Linux; Android 9; TestTelefoon-7Q) Mobiel-Herkenbaar/1.0"


class Net:
    """HTTP clients of a real server, each from a loopback address of its own."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.count = 0
        self.opened: list[httpx.Client] = []
        self.default_address = self.address()
        self.default = self.client(self.default_address)

    def address(self) -> str:
        self.count += 1
        return f"127.0.{self.count // 250 + 1}.{self.count % 250 + 1}"

    def client(self, address: str | None = None) -> httpx.Client:
        client = httpx.Client(
            base_url=self.base,
            transport=httpx.HTTPTransport(local_address=address or self.address()),
            headers={"User-Agent": AGENT},
            timeout=10,
        )
        self.opened.append(client)
        return client

    def get(self, *args: Any, **kwargs: Any) -> httpx.Response:
        return self.default.get(*args, **kwargs)

    def post(self, *args: Any, **kwargs: Any) -> httpx.Response:
        return self.default.post(*args, **kwargs)

    def request(self, *args: Any, **kwargs: Any) -> httpx.Response:
        return self.default.request(*args, **kwargs)

    def close(self) -> None:
        for client in self.opened:
            client.close()


@pytest.fixture
def live():
    state = LiveState(threshold=3)
    server = LiveServer(create_app(state), "127.0.0.1", 0)
    server.start()
    net = Net(server.port)
    try:
        yield state, net
    finally:
        net.close()
        server.stop()


class Phone:
    """One participant's phone, from its own address, talking to the server as the page
    does."""

    def __init__(self, net: Net, code: str) -> None:
        self.client = net.client()
        self.base = f"/{code}/api/"
        response = self.client.post(self.base + "aanmelden", json={})
        assert response.status_code == 200
        self.token = response.json()["token"]

    def stand(self) -> dict[str, Any]:
        response = self.client.get(self.base + "stand", headers={"X-Token": self.token})
        assert response.status_code == 200
        return response.json()

    def vote(self, optie: str, nummer: int | None = None) -> Any:
        if nummer is None:
            nummer = self.stand()["vraag"]["nummer"]
        return self.client.post(
            self.base + "stem",
            headers={"X-Token": self.token},
            json={"vraag": nummer, "optie": optie},
        )


# -- the page ---------------------------------------------------------------------------------


def test_the_page_is_dutch_self_contained_and_locked_down(live):
    state, client = live
    response = client.get(f"/{state.code}/")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="nl">' in html
    assert "Kijk mee op het scherm" in html
    assert 'name="viewport"' in html
    # no external resources, and content never goes through the HTML parser
    for external in ("http://", "https://", "src=", "@import", "url("):
        assert external not in html
    assert "innerHTML" not in html and "insertAdjacentHTML" not in html
    assert "document.write" not in html
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert page._hash(page.SCRIPT) in csp  # exactly the page's own script may run
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    # the code is accepted as typed in capitals
    assert client.get(f"/{state.code.upper()}/").status_code == 200
    redirect = client.get(f"/{state.code}", follow_redirects=False)
    assert redirect.status_code == 308 and redirect.headers["location"] == f"/{state.code}/"


def test_every_path_needs_the_join_code(live):
    state, client = live
    wrong = ("x" if state.code[0] != "x" else "y") + state.code[1:]
    for method, path in [
        ("GET", "/"),
        ("GET", "/favicon.ico"),
        ("GET", f"/{wrong}/"),
        ("GET", f"/{wrong}"),
        ("POST", f"/{wrong}/api/aanmelden"),
        ("GET", f"/{wrong}/api/stand"),
        ("POST", f"/{wrong}/api/stem"),
        ("GET", f"/{state.code}/api/"),
        ("GET", f"/{state.code}/../{state.code}/api/stand/x"),
        ("GET", f"/api/stand/{state.code}"),
    ]:
        # each from an address of its own: a few wrong codes from one address are free
        assert client.client().request(method, path).status_code == 404, path
    assert state.phones() == 0


def test_guessing_codes_gets_slower_and_a_429_does_not_tell_the_right_code(live):
    state, client = live
    statuses = [client.get(f"/raad{i:02d}/").status_code for i in range(80)]
    assert statuses[:6] == [404] * 6
    assert set(statuses[6:]) == {429}  # 74 of 80 guesses were never looked at
    # while the guesser waits, the right code gets the very same answer
    assert client.get(f"/{state.code}/").status_code == 429
    assert client.post(f"/{state.code}/api/aanmelden", json={}).status_code == 429
    assert client.client().get(f"/{state.code}/").status_code == 200  # the room is not locked out


# -- voting -----------------------------------------------------------------------------------


def test_phones_join_vote_change_their_vote_and_see_the_results(live):
    state, client = live
    anna, bram, cem = (Phone(client, state.code) for _ in range(3))
    assert anna.stand()["stand"] == "wacht"
    nummer = state.open("Lunch", "Wat doe je?", OPTIONS)

    seen = anna.stand()
    assert seen["stand"] == "open"
    assert [o["tekst"] for o in seen["vraag"]["opties"]] == [t for _, t in OPTIONS]

    response = anna.vote("a", nummer)
    assert response.status_code == 200
    assert response.json()["mijn_stem"] == "a"
    assert anna.vote("c", nummer).json()["mijn_stem"] == "c"  # changed
    assert bram.vote("c", nummer).status_code == 200
    assert state.tally() == {"a": 0, "b": 0, "c": 2}

    counts = state.close()
    assert cem.vote("b", nummer).status_code == 409  # too late
    assert state.tally() == counts == {"a": 0, "b": 0, "c": 2}

    state.reveal(counts, phone_votes=2)  # two phones: below the threshold of 3
    result = cem.stand()["uitslag"]
    assert "minimaal 3" in result["verborgen"]
    assert "stemmen" not in result

    nummer = state.open("Lunch", "Wat doe je?", OPTIONS)
    for phone, choice in ((anna, "a"), (bram, "b"), (cem, "b")):
        assert phone.vote(choice, nummer).status_code == 200
    state.reveal(state.close(), phone_votes=3)
    view = anna.stand()
    assert view["stand"] == "uitslag"
    assert view["mijn_stem"] == "a"
    assert [(r["id"], r["aantal"]) for r in view["uitslag"]["stemmen"]] == [
        ("a", 1),
        ("b", 2),
        ("c", 0),
    ]


def test_only_the_open_question_takes_votes(live):
    state, client = live
    phone = Phone(client, state.code)
    response = phone.vote("a", 1)
    assert response.status_code == 409  # nothing open
    first = state.open("Lunch", "Wat doe je?", OPTIONS)
    second = state.open("Datalek", "Is dit een datalek?", [("ja", "Ja"), ("nee", "Nee")])
    response = phone.vote("a", first)
    assert response.status_code == 409
    assert response.json()["stand"]["vraag"]["nummer"] == second  # the page catches up
    assert phone.vote("a", second).status_code == 422  # an option of the old question
    assert phone.vote("ja", second + 1).status_code == 409
    assert state.tally() == {"ja": 0, "nee": 0}


BAD_BODIES = [
    (b"{not json", 400),
    (b"\xff\xfe\x00", 400),
    (b"[" * 500 + b"]" * 500, 422),  # deep nesting: valid JSON of the wrong shape
    (b"[" * 1000 + b"]" * 1000, 413),  # deeper than the parser goes: too large anyway
    (b'{"vraag": 1, "optie": "a"', 400),
    (b"", 400),
    (b"[1, 2]", 422),
    (b'"a"', 422),
    (b'{"vraag": 1}', 422),
    (b'{"optie": "a"}', 422),
    (b'{"vraag": 1, "optie": "a", "extra": 1}', 422),
    (b'{"vraag": "1", "optie": "a"}', 422),
    (b'{"vraag": true, "optie": "a"}', 422),
    (b'{"vraag": 1.0, "optie": "a"}', 422),
    (b'{"vraag": 1, "optie": 7}', 422),
    (b'{"vraag": 1, "optie": ""}', 422),
    (b'{"vraag": 1, "optie": "' + b"a" * 200 + b'"}', 422),
    (b'{"vraag": 1e999, "optie": "a"}', 422),
    (b'{"vraag": 1, "optie": "' + b"a" * (MAX_BODY + 10) + b'"}', 413),
]


@pytest.mark.parametrize(("body", "status"), BAD_BODIES)
def test_malformed_or_oversized_votes_get_a_4xx_and_change_nothing(live, body, status):
    state, client = live
    phone = Phone(client, state.code)
    nummer = state.open("Lunch", "Wat doe je?", OPTIONS)
    assert nummer == 1
    assert phone.vote("b", nummer).status_code == 200
    response = client.post(
        f"/{state.code}/api/stem",
        headers={"X-Token": phone.token, "Content-Type": "application/json"},
        content=body,
    )
    assert response.status_code == status
    assert "fout" in response.json()
    assert state.tally() == {"a": 0, "b": 1, "c": 0}
    assert phone.stand()["mijn_stem"] == "b"


def test_an_oversized_body_without_a_length_is_refused_while_reading(live):
    state, client = live
    phone = Phone(client, state.code)
    nummer = state.open("Lunch", "Wat doe je?", OPTIONS)

    def chunks():
        yield b'{"vraag": ' + str(nummer).encode() + b', "optie": "a", "x": "'
        for _ in range(64):
            yield b"x" * 512
        yield b'"}'

    response = client.post(
        f"/{state.code}/api/stem", headers={"X-Token": phone.token}, content=chunks()
    )
    assert response.status_code == 413
    huge_join = client.post(f"/{state.code}/api/aanmelden", content=b"x" * 5000)
    assert huge_join.status_code == 413
    assert state.tally() == {"a": 0, "b": 0, "c": 0}
    assert state.phones() == 1


@pytest.mark.parametrize("token", [None, "", "verzonnen", "x" * 65])
def test_votes_and_polls_need_a_known_token(live, token):
    state, client = live
    Phone(client, state.code)
    nummer = state.open("Lunch", "Wat doe je?", OPTIONS)
    headers = {} if token is None else {"X-Token": token}
    vote = client.post(
        f"/{state.code}/api/stem", headers=headers, json={"vraag": nummer, "optie": "a"}
    )
    assert vote.status_code == 403
    assert client.get(f"/{state.code}/api/stand", headers=headers).status_code == 403
    assert state.tally() == {"a": 0, "b": 0, "c": 0}


def test_a_flood_from_one_phone_gets_429_and_counts_once(live):
    state, client = live
    flood, calm = Phone(client, state.code), Phone(client, state.code)
    nummer = state.open("Lunch", "Wat doe je?", OPTIONS)
    statuses = [flood.vote("ab"[i % 2], nummer).status_code for i in range(60)]
    assert statuses[0] == 200
    assert statuses.count(429) >= 30
    assert set(statuses) <= {200, 429}
    assert calm.vote("c", nummer).status_code == 200
    assert state.ballots() == 2
    assert sum(state.tally().values()) == 2


def test_one_device_gets_one_token_however_often_it_joins(live):
    state, client = live
    answers = [client.post(f"/{state.code}/api/aanmelden") for _ in range(10)]
    tokens = {a.json()["token"] for a in answers if a.status_code == 200}
    assert len(tokens) == 1
    assert {a.status_code for a in answers} <= {200, 429}
    assert state.phones() == 1
    (token,) = tokens
    # a second "phone" from the same address is the same phone: one vote, however cast
    nummer = state.open("Lunch", "Wat doe je?", OPTIONS)
    other_tab = client.client(address=client.default_address)
    again = other_tab.post(f"/{state.code}/api/aanmelden", json={}).json()["token"]
    assert again == token
    for optie in "ab":
        response = other_tab.post(
            f"/{state.code}/api/stem",
            headers={"X-Token": again},
            json={"vraag": nummer, "optie": optie},
        )
        assert response.status_code == 200
    assert state.tally() == {"a": 0, "b": 1, "c": 0}


def test_there_are_no_facilitator_controls_on_the_network(live):
    state, client = live
    phone = Phone(client, state.code)
    for method, path in [
        ("POST", "api/open"),
        ("POST", "api/openen"),
        ("POST", "api/sluiten"),
        ("POST", "api/uitslag"),
        ("POST", "api/einde"),
        ("POST", "api/stand"),
        ("PUT", "api/stem"),
        ("DELETE", "api/stem"),
        ("GET", "api/stem"),
        ("GET", "api/aanmelden"),
        ("POST", ""),
    ]:
        response = client.request(
            method, f"/{state.code}/{path}", headers={"X-Token": phone.token}, json={}
        )
        assert response.status_code in (404, 405), (method, path)
    view = phone.stand()
    assert view["stand"] == "wacht" and view["vraag"] is None


def test_content_text_reaches_the_page_as_data_only(live):
    state, client = live
    phone = Phone(client, state.code)
    hostile = '<img src=x onerror="alert(1)"> & <script>alert(2)</script>'
    state.open(hostile, hostile, [("a", hostile), ("b", "Nee")])
    view = phone.stand()
    assert view["vraag"]["tekst"] == hostile
    assert view["vraag"]["opties"][0]["tekst"] == hostile
    assert hostile not in client.get(f"/{state.code}/").text


# -- a real server ------------------------------------------------------------------------------


def http(
    url: str,
    method: str = "GET",
    body: Any = None,
    token: str | None = None,
    source: str = "127.0.0.1",
) -> tuple[int, Any]:
    """One request from the loopback address ``source`` (a phone of its own)."""
    parts = urllib.parse.urlsplit(url)
    data = None if body is None else json.dumps(body).encode()
    headers = {"User-Agent": AGENT}
    if token:
        headers["X-Token"] = token
    if data is not None:
        headers["Content-Type"] = "application/json"
    connection = HTTPConnection(parts.hostname, parts.port, timeout=10, source_address=(source, 0))
    try:
        connection.request(method, parts.path, body=data, headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        connection.close()


def test_a_real_server_on_a_port_the_system_chose(capfd):
    state = LiveState(threshold=1)
    server = LiveServer(create_app(state), "127.0.0.1", 0)
    server.start()
    try:
        assert server.port != 0 and server.running
        url = public_url("127.0.0.1", server.port, state.code)
        assert url == f"http://127.0.0.1:{server.port}/{state.code}/"
        with urllib.request.urlopen(url, timeout=5) as response:
            assert response.status == 200
            assert "Stemmen" in response.read().decode()
        status, joined = http(url + "api/aanmelden", "POST", {})
        assert status == 200
        token = joined["token"]
        nummer = state.open("Lunch", "Wat doe je?", OPTIONS)
        assert http(url + "api/stem", "POST", {"vraag": nummer, "optie": "b"}, token)[0] == 200
        assert http(url + "api/stem", "POST", {"vraag": nummer, "optie": "q"}, token)[0] == 422
        assert http(url + "api/stand", token="onbekend")[0] == 403
        assert http(f"http://127.0.0.1:{server.port}/verkeerd/")[0] == 404
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw:
            raw.sendall(b"THIS IS NOT HTTP\r\n\r\n")
            assert raw.recv(100).startswith(b"HTTP/1.1 400")
        assert state.tally() == {"a": 0, "b": 1, "c": 0}
    finally:
        server.stop()
    assert not server.running
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=1)
    out, err = capfd.readouterr()
    # nothing logged: no access lines, no client addresses, no tokens, no agents
    assert out == "" and err == ""


def test_a_port_in_use_is_a_clear_message():
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        server = LiveServer(create_app(LiveState()), "127.0.0.1", taken.getsockname()[1])
        with pytest.raises(UsageError) as info:
            server.start()
        assert "al in gebruik" in info.value.message
        assert "--poort" in (info.value.hint or "")
    finally:
        taken.close()
    with pytest.raises(UsageError, match="adres"):
        LiveServer(create_app(LiveState()), "niet-een-host.invalid", 0).start()


# -- the facilitator's keys, the engine and the records store ----------------------------------


LIB = library.load()


def start_session(tmp_path: Path, *ids: str):
    """A running session of the built-in items ``ids``, recorded in the test's records file:
    the store, the session id and the session."""
    store = Store.open(tmp_path / "verslagen.sqlite")
    minutes = [10] * len(ids)
    return (
        store,
        *start(store, *ids, lib=LIB, minutes=minutes, team="Team Live", clock=lambda: 0.0),
    )


def stored_rows(store: Store, session_id: int) -> dict[tuple[int, str], dict[str, int]]:
    rows: dict[tuple[int, str], dict[str, int]] = {}
    for positie, bron, optie, aantal in store.db.execute(
        "SELECT positie, bron, optie_id, aantal FROM stemmen WHERE sessie_id=?", (session_id,)
    ):
        rows.setdefault((positie, bron), {})[optie] = aantal
    return rows


def test_phone_votes_and_hand_additions_are_kept_apart_and_summed(tmp_path, live):
    state, client = live
    store, session_id, session = start_session(
        tmp_path, "lunch-niet-betalen", "een-beetje-integer-bestaat-niet"
    )
    facilitator = PhoneMode(LiveVoting(state, "http://test/"), console=None, input_line=input)
    phones = [Phone(client, state.code) for _ in range(4)]

    facilitator.follow(session)
    assert phones[0].stand()["titel"] == "De eigenaar wil niet dat je betaalt"
    assert phones[0].stand()["stand"] == "wacht"
    assert facilitator.command(session, "v") == "De stemming is open op de telefoons."
    facilitator.follow(session)  # a redraw keeps the vote open
    for phone, choice in zip(phones, "abbd", strict=True):
        assert phone.vote(choice).status_code == 200
    assert facilitator.command(session, "") == ""  # Enter: refresh the number
    assert state.ballots() == 4
    assert facilitator.prompt(session).startswith("Stemmen: 4 binnen")
    assert (
        facilitator.command(session, "+ 1 0 0 2") == "3 handstemmen tellen mee bij de uitslag (u)."
    )
    shown = facilitator.status(session).plain.splitlines()
    assert shown[0] == " Telefoons  4 verbonden  ·  http://test/"
    # the number of votes, never how they split
    assert shown[1] == "STEMMING OPEN: 4 stemmen binnen  ·  +3 met de hand"
    assert facilitator.command(session, "u") == ""
    facilitator.follow(session)

    assert session.phase.kind == "uitslag"
    assert session.current_counts() == {"a": 2, "b": 2, "c": 0, "d": 3}
    assert facilitator.hidden_note(session) is None
    view = phones[1].stand()
    assert view["stand"] == "uitslag" and view["mijn_stem"] == "b"
    assert [r["aantal"] for r in view["uitslag"]["stemmen"]] == [2, 2, 0, 3]
    assert stored_rows(store, session_id) == {
        (1, "telefoon"): {"a": 1, "b": 2, "c": 0, "d": 1},
        (1, "hand"): {"a": 1, "b": 0, "c": 0, "d": 2},
    }
    assert results(store, session_id)["onderdelen"][0]["stemmen"] == {
        "a": 2,
        "b": 2,
        "c": 0,
        "d": 3,
    }

    # The next question is counted by hand instead, with the vote open on the phones
    # (the network failed, say): the phone votes of that question do not count.
    session.next()
    facilitator.follow(session)
    assert phones[0].stand()["stand"] == "wacht"
    facilitator.command(session, "v")
    for phone in phones[:2]:
        phone.vote("eens")
    assert facilitator.command(session, "3 1 0").startswith("Met de hand geteld")
    assert session.current_counts() == {"eens": 3, "oneens": 1, "weet-niet": 0}
    assert (2, "telefoon") not in stored_rows(store, session_id)
    store.close()


def test_fewer_phone_votes_than_the_threshold_stay_off_every_screen(tmp_path, live):
    state, client = live
    store, session_id, session = start_session(tmp_path, "lunch-niet-betalen")
    facilitator = PhoneMode(LiveVoting(state, "http://test/"), console=None, input_line=input)
    phones = [Phone(client, state.code) for _ in range(2)]
    facilitator.follow(session)
    facilitator.command(session, "v")
    phones[0].vote("a")
    phones[1].vote("b")
    facilitator.command(session, "+ 5 0 0 0")  # raised hands do not make phones anonymous
    facilitator.command(session, "u")
    facilitator.follow(session)
    assert "minimaal 3" in (facilitator.hidden_note(session) or "")
    assert "minimaal 3" in phones[0].stand()["uitslag"]["verborgen"]
    # the counts are still recorded, as counts only, but no output shows them
    assert store.votes(session_id)[(1, None)]["a"] == 6
    [entry] = results(store, session_id)["onderdelen"]
    assert entry["stemmen"] is None
    assert entry["verborgen"] == "minder dan 3 stemmen"
    store.close()


def test_a_new_vote_on_a_question_replaces_every_earlier_source(tmp_path, live):
    state, client = live
    store, session_id, session = start_session(tmp_path, "lunch-niet-betalen")
    facilitator = PhoneMode(LiveVoting(state, "http://test/"), console=None, input_line=input)
    phones = [Phone(client, state.code) for _ in range(3)]
    facilitator.follow(session)
    facilitator.command(session, "v")
    for phone in phones:
        phone.vote("c")
    facilitator.command(session, "u")
    session.back()  # the facilitator goes back to the card and counts by hand this time
    facilitator.follow(session)
    session.vote([1, 1, 0, 0])
    assert session.current_counts() == {"a": 1, "b": 1, "c": 0, "d": 0}
    assert results(store, session_id)["onderdelen"][0]["stemmen"] == {
        "a": 1,
        "b": 1,
        "c": 0,
        "d": 0,
    }
    store.close()


def test_a_vote_after_resuming_replaces_the_phone_votes_stored_before(tmp_path):
    store, session_id, session = start_session(tmp_path, "lunch-niet-betalen")
    with pytest.raises(VoteError):
        session.vote([1, 0, 0, 0], added_by_hand=[1, 0, 0, 0])  # hand plus hand: no
    session.vote({"b": 5}, bron="telefoon", added_by_hand=[1, 0, 0, 0])
    assert session.current_counts() == {"a": 1, "b": 5, "c": 0, "d": 0}
    session.pause()
    store.close()

    store = Store.open(tmp_path / "verslagen.sqlite")
    resumed = recording.resume(store, session_id, lambda: 0.0)
    assert resumed.current_counts() == {"a": 1, "b": 5, "c": 0, "d": 0}
    resumed.back()  # to the question again, counted by hand this time
    resumed.vote([0, 0, 2, 0])
    assert resumed.current_counts() == {"a": 0, "b": 0, "c": 2, "d": 0}
    assert results(store, session_id)["onderdelen"][0]["stemmen"] == {
        "a": 0,
        "b": 0,
        "c": 2,
        "d": 0,
    }
    store.close()


def test_after_a_session_with_phone_votes_the_records_hold_no_token_address_or_agent(tmp_path):
    state = LiveState(threshold=2)
    committer = Committer(state)
    server = LiveServer(create_app(state, committer), "127.0.0.1", 0)
    server.start()
    store, session_id, session = start_session(
        tmp_path, "lunch-niet-betalen", "een-beetje-integer-bestaat-niet"
    )
    url = public_url("127.0.0.1", server.port, state.code)
    voting = LiveVoting(state, url, server, committer)
    facilitator = PhoneMode(voting, None, input)
    voting.keep_votes(lambda: recording.PhoneCounts(store, session_id))
    tokens = []
    try:
        addresses = [f"127.0.9.{i}" for i in range(1, 4)]
        tokens = [http(url + "api/aanmelden", "POST", {}, source=a)[1]["token"] for a in addresses]
        for _ in range(2):
            facilitator.follow(session)
            facilitator.command(session, "v")
            nummer = state.nummer
            for token, choice, address in zip(tokens, range(3), addresses, strict=True):
                optie = session.phase.stemming.opties[choice].id
                vote = {"vraag": nummer, "optie": optie}
                assert http(url + "api/stem", "POST", vote, token, address)[0] == 200
            facilitator.command(session, "u")
            facilitator.follow(session)
            session.next()
        session.close()
    finally:
        voting.stop()
        store.close()
    assert not server.running
    data = results(Store.open(tmp_path / "verslagen.sqlite"), session_id)
    assert [sum(p["stemmen"].values()) for p in data["onderdelen"]] == [3, 3]

    secrets_ = [*tokens, "127.0.0.1", AGENT, "TestTelefoon", state.code]
    db = sqlite3.connect(tmp_path / "verslagen.sqlite")
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        for row in db.execute(f"SELECT * FROM {table}"):
            text = " ".join(str(value) for value in row)
            for secret in secrets_:
                assert secret not in text, (table, secret)
    db.close()
    for file in tmp_path.iterdir():
        if file.name.startswith("verslagen.sqlite"):
            raw = file.read_bytes()
            for secret in secrets_:
                assert secret.encode() not in raw, (file.name, secret)
