"""Holding a session with phone votes: the real ``gesprek sessie --live`` on a rendered
terminal screen (``tests/pty_screen.py``), and phones that join and vote over real HTTP,
each from its own loopback address. Shared by the live end-to-end tests."""

from __future__ import annotations

import json
import urllib.parse
from http.client import HTTPConnection

from tests.pty_screen import Screen

ADDRESS = r"http://127\.0\.0\.1:(\d+)/([a-z2-9]{6})/"
PHONES = [f"127.0.8.{i}" for i in range(1, 6)]


def sessie(*args: str) -> Screen:
    """``gesprek sessie ARGS`` on a 100x40 screen (GESPREK_DB points into tmp_path)."""
    return Screen("sessie", *args, cols=100, rows=40)


def live(*args: str) -> Screen:
    """A new live session on a free port of the loopback address."""
    return sessie(*args, "--live", "--poort", "0", "--host", "127.0.0.1")


def call(
    url: str, body: dict | None = None, token: str | None = None, source: str = "127.0.0.1"
) -> dict:
    """One request from the loopback address ``source`` (each phone has its own)."""
    parts = urllib.parse.urlsplit(url)
    data = None if body is None else json.dumps(body).encode()
    headers = {"X-Token": token} if token else {}
    connection = HTTPConnection(parts.hostname, parts.port, timeout=10, source_address=(source, 0))
    try:
        connection.request("GET" if body is None else "POST", parts.path, data, headers)
        response = connection.getresponse()
        assert response.status == 200, (response.status, response.read())
        return json.loads(response.read())
    finally:
        connection.close()


def open_phone_vote(s: Screen) -> str:
    """From the start of a live session whose first card is a four-option question: read
    the address off the screen, go to the question and open the vote on the phones. The
    session's address."""
    url = s.search(ADDRESS).group(0)
    s.at_prompt("Enter = verder")
    s.send("")
    s.at_prompt("Stemmen A B C D")
    s.send("v")
    s.at_prompt("Stemmen: 0 binnen")
    return url


def phones_vote(url: str, options: str) -> list[str]:
    """One phone per letter of ``options`` joins and votes for that option on the open
    question; their tokens."""
    phones = PHONES[: len(options)]
    tokens = [call(url + "api/aanmelden", {}, source=a)["token"] for a in phones]
    nummer = call(url + "api/stand", token=tokens[0], source=phones[0])["vraag"]["nummer"]
    for token, optie, address in zip(tokens, options, phones, strict=True):
        view = call(url + "api/stem", {"vraag": nummer, "optie": optie}, token, address)
        assert view["mijn_stem"] == optie  # "✔ Je stem is ontvangen"
    return tokens


def finish(s: Screen) -> int:
    """From a results card that is the last part: on to the closing screen, end the
    session, and wait for the program to end; its exit status."""
    s.send("")
    s.wait_for("Afsluiting")
    s.at_prompt("Enter = afronden")
    s.send("")
    s.wait_for("afgerond en bewaard")
    return s.finish()
