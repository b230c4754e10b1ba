"""The real ``gesprek sessie --live`` in a pseudo-terminal: the facilitator reads the address
off the screen, opens the vote, phones vote over real HTTP, a raised hand is added, the
results show both; Ctrl-C stops the server too."""

from __future__ import annotations

import io
import json
import os
import signal
import socket

import pytest

pytestmark = pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")

pexpect = pytest.importorskip("pexpect")

from tests.live_phones import (  # noqa: E402
    ADDRESS,
    GESPREK,
    PHONES,
    call,
    finish,
    open_phone_vote,
    phones_vote,
    spawn,
)


def refused(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False


def test_a_team_votes_from_phones_and_the_facilitator_reveals(gesprek):
    log = io.StringIO()
    child = spawn("--kaart", "lunch-niet-betalen", "--team", "Team Live", log=log)
    try:
        child.expect("Stemmen met je telefoon")
        child.expect(ADDRESS)
        port = int(child.match.group(1))
        url = child.match.group(0)
        child.expect("Enter = verder")
        child.sendline("")
        child.expect("De eigenaar wil niet dat je betaalt")
        child.expect("Stemmen A B C D")
        tokens = [call(url + "api/aanmelden", {}, source=a)["token"] for a in PHONES[:3]]
        assert call(url + "api/stand", token=tokens[0], source=PHONES[0])["stand"] == "wacht"

        child.sendline("v")
        child.expect("De stemming is open op de telefoons")
        child.expect("Stemmen: 0 binnen")
        view = call(url + "api/stand", token=tokens[0], source=PHONES[0])
        assert view["stand"] == "open"
        assert view["vraag"]["tekst"] == "Wat doe je?"
        nummer = view["vraag"]["nummer"]
        for token, optie, address in zip(tokens, "bbc", PHONES, strict=False):
            call(url + "api/stem", {"vraag": nummer, "optie": optie}, token, address)

        child.sendline("")  # Enter: refresh the number, never the distribution
        child.expect("STEMMING OPEN: 3 stemmen binnen")
        child.expect("Stemmen: 3 binnen")
        child.sendline("+ 1 0 0 0")  # someone without a phone raises a hand for A
        child.expect("1 handstem tellen mee")
        child.sendline("u")
        child.expect("Uitslag")  # the results card, with the item's title as its heading
        child.expect("De eigenaar wil niet dat je betaalt")
        child.expect("50%")
        child.expect("4 stemmen")
        child.expect("Uitslag: 3 via telefoon, 1 met de hand")
        child.expect("Enter = verder")
        result = call(url + "api/stand", token=tokens[2], source=PHONES[2])["uitslag"]
        assert [r["aantal"] for r in result["stemmen"]] == [1, 2, 1, 0]

        finish(child)
    finally:
        if child.isalive():
            child.close(force=True)
    child.close()
    assert child.exitstatus == 0
    assert refused(port)  # the server stopped with the session

    screen = log.getvalue()
    for leaked in ("GET /", "POST /", "HTTP/1.1", *tokens):
        assert leaked not in screen

    data = json.loads(gesprek("resultaten", "1", "--json").out)
    assert data["onderdelen"][0]["stemmen"] == {"a": 1, "b": 2, "c": 1, "d": 0}


def test_ctrl_c_ends_the_session_and_the_server(gesprek):
    log = io.StringIO()
    child = spawn("--kaart", "lunch-niet-betalen", "--team", "T", log=log)
    try:
        child.expect(ADDRESS)
        port = int(child.match.group(1))
        child.expect("Enter = verder")
        child.sendline("")
        child.expect("Stemmen A B C D")
        child.sendline("v")
        child.expect("Stemmen: 0 binnen")
        child.sendintr()
        child.expect("onderbroken")
        child.expect(pexpect.EOF)
    finally:
        if child.isalive():
            child.close(force=True)
    child.close()
    assert child.exitstatus == 0
    assert refused(port)
    assert "Traceback" not in log.getvalue()


def test_live_options_need_live_and_a_taken_port_is_a_message(gesprek):
    result = gesprek("sessie", "--kaart", "lunch-niet-betalen", "--team", "T", "--poort", "9000")
    assert result.code == 2
    assert "--poort, --host en --drempel horen bij --live" in result.err

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1")
        child = pexpect.spawn(
            GESPREK,
            [
                *("sessie", "--kaart", "lunch-niet-betalen", "--team", "T", "--live"),
                *("--host", "127.0.0.1", "--poort", str(taken.getsockname()[1])),
            ],
            env=env,
            encoding="utf-8",
            dimensions=(40, 100),
            timeout=15,
        )
        child.expect("al in gebruik")
        child.expect(pexpect.EOF)
        child.close()
    finally:
        taken.close()
    assert child.exitstatus == 2
    assert "Traceback" not in (child.before or "")
    assert gesprek("sessies", "--json").out.strip() == "[]"  # nothing recorded


def test_kill_9_during_a_vote_keeps_every_received_vote_and_a_resume_keeps_the_code(gesprek):
    log = io.StringIO()
    cards = ("--kaart", "lunch-niet-betalen", "--kaart", "een-beetje-integer-bestaat-niet")
    child = spawn(*cards, "--team", "T", log=log)
    try:
        url = open_phone_vote(child)
        tokens = phones_vote(url, "bbd")
        child.kill(signal.SIGKILL)  # the laptop dies with the vote open
        child.expect(pexpect.EOF)
    finally:
        if child.isalive():
            child.close(force=True)
    data = json.loads(gesprek("resultaten", "1", "--json").out)
    assert data["onderdelen"][0]["stemmen"] == {"a": 0, "b": 2, "c": 0, "d": 1}

    # --hervat --live: the same address and code, so the phones that were in come back
    log = io.StringIO()
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1")
    child = pexpect.spawn(
        GESPREK,
        ["sessie", "--hervat", "--live", "--host", "127.0.0.1"],
        env=env,
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=30,
    )
    child.logfile_read = log
    try:
        child.expect(ADDRESS)
        assert child.match.group(0) == url
        child.expect("Enter = verder")
        # a phone that was in: its old token is gone, it joins again from its address
        with pytest.raises(AssertionError, match="403"):
            call(url + "api/stand", token=tokens[0], source=PHONES[0])
        token = call(url + "api/aanmelden", {}, source=PHONES[0])["token"]
        assert call(url + "api/stand", token=token, source=PHONES[0])["stand"] == "wacht"
        child.sendline("")
        child.expect("Stemming gesloten: 3 stemmen opgeslagen")
        child.sendline("u")  # reveal what was stored
        child.expect("Uitslag")  # the results card, with the item's title as its heading
        child.expect("De eigenaar wil niet dat je betaalt")
        child.expect("3 stemmen")
        child.sendline("s")
        child.expect("onderbroken")
        child.expect(pexpect.EOF)
    finally:
        if child.isalive():
            child.close(force=True)
    assert "Traceback" not in log.getvalue()
    data = json.loads(gesprek("resultaten", "1", "--json").out)
    assert data["onderdelen"][0]["stemmen"] == {"a": 0, "b": 2, "c": 0, "d": 1}


def test_every_key_works_during_a_phone_vote_and_s_keeps_the_votes(gesprek):
    log = io.StringIO()
    child = spawn("--kaart", "lunch-niet-betalen", "--team", "T", log=log)
    try:
        url = open_phone_vote(child)
        phones_vote(url, "abca")
        child.sendline("n")
        child.expect("Notitie \\(Enter = annuleren\\)")
        child.sendline("Iedereen betaalt zelf")
        child.expect("STEMMING OPEN: 4 stemmen binnen")  # the vote stays open
        child.expect("Notitie bewaard")
        child.sendline("a")
        child.expect("Afspraak \\(Enter = annuleren\\)")
        child.sendline("We bespreken het in het teamoverleg")
        child.expect("STEMMING OPEN: 4 stemmen binnen")
        child.expect("Afspraak bewaard")
        child.sendline("g")
        child.expect("Doorvragen")
        child.expect("STEMMING OPEN: 4 stemmen binnen")
        assert "Niet begrepen" not in log.getvalue()
        child.sendline("s")  # stop with the vote open
        child.expect("alles wat is ingevoerd is bewaard")
        child.expect(pexpect.EOF)
    finally:
        if child.isalive():
            child.close(force=True)
    assert "Niet begrepen" not in log.getvalue()
    data = json.loads(gesprek("resultaten", "1", "--json").out)
    entry = data["onderdelen"][0]
    assert entry["stemmen"] == {"a": 2, "b": 1, "c": 1, "d": 0}
    assert entry["notities"] == ["Iedereen betaalt zelf"]
    assert entry["afspraken"] == ["We bespreken het in het teamoverleg"]
