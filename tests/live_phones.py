"""Holding a session with phone votes: the real ``gesprek sessie --live`` in a
pseudo-terminal, and phones that join and vote over real HTTP, each from its own loopback
address. Shared by the live end-to-end tests."""

from __future__ import annotations

import io
import json
import os
import re
import sys
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

import pexpect

GESPREK = str(Path(sys.executable).parent / "gesprek")
ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/([a-z2-9]{6})/")
PHONES = [f"127.0.8.{i}" for i in range(1, 6)]


def spawn(*args: str, log: io.StringIO):
    env = dict(os.environ)  # GESPREK_DB points into tmp_path (autouse fixture)
    env.update(PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1")
    child = pexpect.spawn(
        GESPREK,
        ["sessie", *args, "--live", "--poort", "0", "--host", "127.0.0.1"],
        env=env,
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=15,
    )
    child.logfile_read = log
    return child


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


def open_phone_vote(child) -> str:
    """From the start of a live session whose first card is a four-option question: read
    the address off the screen, go to the question and open the vote on the phones. The
    session's address."""
    child.expect(ADDRESS)
    url = child.match.group(0)
    child.expect("Enter = verder")
    child.sendline("")
    child.expect("Stemmen A B C D")
    child.sendline("v")
    child.expect("Stemmen: 0 binnen")
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


def finish(child) -> None:
    """From a results card that is the last part: on to the closing screen, end the
    session, and wait for the program to end."""
    child.sendline("")
    child.expect("Afsluiting")
    child.sendline("")
    child.expect("afgerond en bewaard")
    child.expect(pexpect.EOF)
