"""The real ``gesprek sessie --live`` on a rendered terminal screen: the facilitator reads the
address off the screen, opens the vote, phones vote over real HTTP, a raised hand is added,
the results show both; Ctrl-C stops the server too."""

from __future__ import annotations

import json
import signal
import socket

import pytest

from tests.live_phones import (
    ADDRESS,
    PHONES,
    call,
    finish,
    live,
    open_phone_vote,
    phones_vote,
    sessie,
)

pytestmark = pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")
LUNCH = "De eigenaar wil niet dat je betaalt"


def refused(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False


def test_a_team_votes_from_phones_and_the_facilitator_reveals(gesprek):
    with live("--kaart", "lunch-niet-betalen", "--team", "Team Live") as s:
        s.wait_for("Stemmen met je telefoon")
        address = s.search(ADDRESS)
        port = int(address.group(1))
        url = address.group(0)
        s.at_prompt("Enter = verder")
        s.send("")
        s.wait_for(LUNCH)
        s.at_prompt("Stemmen A B C D")
        tokens = [call(url + "api/aanmelden", {}, source=a)["token"] for a in PHONES[:3]]
        assert call(url + "api/stand", token=tokens[0], source=PHONES[0])["stand"] == "wacht"

        s.send("v")
        s.wait_for("De stemming is open op de telefoons")
        s.at_prompt("Stemmen: 0 binnen")
        view = call(url + "api/stand", token=tokens[0], source=PHONES[0])
        assert view["stand"] == "open"
        assert view["vraag"]["tekst"] == "Wat doe je?"
        nummer = view["vraag"]["nummer"]
        for token, optie, address in zip(tokens, "bbc", PHONES, strict=False):
            call(url + "api/stem", {"vraag": nummer, "optie": optie}, token, address)

        s.send("")  # Enter: refresh the number, never the distribution
        s.wait_for("STEMMING OPEN: 3 stemmen binnen")
        s.at_prompt("Stemmen: 3 binnen")
        assert "%" not in s.text
        s.send("+ 1 0 0 0")  # someone without a phone raises a hand for A
        s.wait_for("1 handstem tellen mee")
        s.send("u")
        s.next_screen("Enter = verder")
        assert "Uitslag" in s.lines[0]  # the results card, with the item's title as its heading
        assert LUNCH in s.lines[1]
        for shown in ("4 stemmen", "Uitslag: 3 via telefoon, 1 met de hand"):
            assert shown in s.text, s.text
        assert "Ik sta erop om te betalen" in s.lines[s.row_of("1 (25%)")]  # A: the hand
        assert "Ik neem het aanbod aan" in s.lines[s.row_of("2 (50%)")]  # B: two phones
        result = call(url + "api/stand", token=tokens[2], source=PHONES[2])["uitslag"]
        assert [r["aantal"] for r in result["stemmen"]] == [1, 2, 1, 0]

        assert finish(s) == 0
    assert refused(port)  # the server stopped with the session
    for leaked in ("GET /", "POST /", "HTTP/1.1", *tokens):
        assert leaked not in s.printed  # not even for a moment, or scrolled away

    data = json.loads(gesprek("resultaten", "1", "--json").out)
    assert data["onderdelen"][0]["stemmen"] == {"a": 1, "b": 2, "c": 1, "d": 0}


def test_ctrl_c_ends_the_session_and_the_server(gesprek):
    with live("--kaart", "lunch-niet-betalen", "--team", "T") as s:
        port = int(s.search(ADDRESS).group(1))
        s.at_prompt("Enter = verder")
        s.send("")
        s.at_prompt("Stemmen A B C D")
        s.send("v")
        s.at_prompt("Stemmen: 0 binnen")
        s.interrupt()
        s.wait_for("onderbroken")
        assert s.finish() == 0
    assert refused(port)
    assert "Traceback" not in s.printed


def test_live_options_need_live_and_a_taken_port_is_a_message(gesprek):
    result = gesprek("sessie", "--kaart", "lunch-niet-betalen", "--team", "T", "--poort", "9000")
    assert result.code == 2
    assert "--poort, --host en --drempel horen bij --live" in result.err

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        port = str(taken.getsockname()[1])
        with sessie(
            *("--kaart", "lunch-niet-betalen", "--team", "T", "--live"),
            *("--host", "127.0.0.1", "--poort", port),
        ) as s:
            s.wait_for("al in gebruik")
            assert s.finish() == 2
    finally:
        taken.close()
    assert "Traceback" not in s.printed
    assert gesprek("sessies", "--json").out.strip() == "[]"  # nothing recorded


def test_kill_9_during_a_vote_keeps_every_received_vote_and_a_resume_keeps_the_code(gesprek):
    cards = ("--kaart", "lunch-niet-betalen", "--kaart", "een-beetje-integer-bestaat-niet")
    with live(*cards, "--team", "T") as s:
        url = open_phone_vote(s)
        tokens = phones_vote(url, "bbd")
        s.kill(signal.SIGKILL)  # the laptop dies with the vote open
        s.finish()
        assert s.signalstatus == signal.SIGKILL
    data = json.loads(gesprek("resultaten", "1", "--json").out)
    assert data["onderdelen"][0]["stemmen"] == {"a": 0, "b": 2, "c": 0, "d": 1}

    # --hervat --live: the same address and code, so the phones that were in come back
    with sessie("--hervat", "--live", "--host", "127.0.0.1") as s:
        assert s.search(ADDRESS).group(0) == url
        s.at_prompt("Enter = verder")
        # a phone that was in: its old token is gone, it joins again from its address
        with pytest.raises(AssertionError, match="403"):
            call(url + "api/stand", token=tokens[0], source=PHONES[0])
        token = call(url + "api/aanmelden", {}, source=PHONES[0])["token"]
        assert call(url + "api/stand", token=token, source=PHONES[0])["stand"] == "wacht"
        s.send("")
        s.wait_for("Stemming gesloten: 3 stemmen opgeslagen")
        s.send("u")  # reveal what was stored
        s.next_screen("Enter = verder")
        assert "Uitslag" in s.lines[0]  # the results card, with the item's title as its heading
        assert LUNCH in s.lines[1]
        assert "3 stemmen" in s.text
        s.send("s")
        s.wait_for("onderbroken")
        s.finish()
    assert "Traceback" not in s.printed
    data = json.loads(gesprek("resultaten", "1", "--json").out)
    assert data["onderdelen"][0]["stemmen"] == {"a": 0, "b": 2, "c": 0, "d": 1}


def test_every_key_works_during_a_phone_vote_and_s_keeps_the_votes(gesprek):
    with live("--kaart", "lunch-niet-betalen", "--team", "T") as s:
        url = open_phone_vote(s)
        phones_vote(url, "abca")
        s.send("n")
        s.at_prompt("Notitie (Enter = annuleren)")
        s.send("Iedereen betaalt zelf")
        s.next_screen("Stemmen: 4 binnen")
        assert "STEMMING OPEN: 4 stemmen binnen" in s.text  # the vote stays open
        assert "Notitie bewaard" in s.text
        s.send("a")
        s.at_prompt("Afspraak (Enter = annuleren)")
        s.send("We bespreken het in het teamoverleg")
        s.next_screen("Stemmen: 4 binnen")
        assert "STEMMING OPEN: 4 stemmen binnen" in s.text
        assert "Afspraak bewaard" in s.text
        s.send("g")
        s.next_screen("Stemmen: 4 binnen")
        assert "Doorvragen" in s.text
        assert "STEMMING OPEN: 4 stemmen binnen" in s.text
        assert "Niet begrepen" not in s.printed
        s.send("s")  # stop with the vote open
        s.wait_for("alles wat is ingevoerd is bewaard")
        s.finish()
    assert "Niet begrepen" not in s.printed
    data = json.loads(gesprek("resultaten", "1", "--json").out)
    entry = data["onderdelen"][0]
    assert entry["stemmen"] == {"a": 2, "b": 1, "c": 1, "d": 0}
    assert entry["notities"] == ["Iedereen betaalt zelf"]
    assert entry["afspraken"] == ["We bespreken het in het teamoverleg"]
