"""The real ``gesprek sessie`` in a pseudo-terminal, typed into as a facilitator would:
votes survive a kill -9, ``--hervat`` continues where it stopped, and Ctrl-C ends cleanly."""

from __future__ import annotations

import json
import signal

import pytest

from tests.pty_screen import Screen

pytestmark = pytest.mark.posix("a pseudo-terminal (pexpect) and SIGKILL exist only on POSIX")
LUNCH = "De eigenaar wil niet dat je betaalt"
STELLING = "Een beetje integer bestaat niet"


def sessie(*args: str) -> Screen:
    return Screen("sessie", *args, cols=100, rows=40)


def results(gesprek, session_id: int = 1) -> dict:
    result = gesprek("resultaten", str(session_id), "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_votes_survive_kill_9_and_hervat_continues_at_the_next_card(gesprek):
    with sessie(
        "--kaart", "lunch-niet-betalen", "--kaart", "een-beetje-integer-bestaat-niet", "--team", "T"
    ) as s:
        s.wait_for(LUNCH)
        s.at_prompt("Stemmen")
        s.send("4 2 1 0")
        s.next_screen("Enter = verder")  # the results of the first card
        s.send("")
        s.wait_for(STELLING)
        s.at_prompt("Stemmen")
        s.kill(signal.SIGKILL)
        s.finish()
        assert s.signalstatus == signal.SIGKILL

    data = results(gesprek)
    assert data["team"] == "T"
    assert data["beeindigd"] is None
    assert [(e["item"], e["stemmen"]) for e in data["onderdelen"]] == [
        ("lunch-niet-betalen", {"a": 4, "b": 2, "c": 1, "d": 0})
    ]
    listed = json.loads(gesprek("sessies", "--json").out)
    assert [(s["id"], s["status"], s["klaar"]) for s in listed] == [(1, "onderbroken", 1)]

    with sessie("--hervat") as s:
        s.wait_for(STELLING)  # straight back at the second card
        s.at_prompt("Stemmen")
        assert LUNCH not in s.text
        s.send("3 1 0")
        s.next_screen("Enter = verder")
        s.send("n")
        s.at_prompt("Notitie")
        s.send("Een kleine fout melden is ook integer.")
        s.next_screen("Enter = verder")
        s.send("a")
        s.at_prompt("Afspraak")
        s.send("We bespreken twijfels in de briefing.")
        s.next_screen("Enter = verder")
        s.send("")
        s.wait_for("Afsluiting")
        # the agreements are on the closing screen
        s.wait_for("We bespreken twijfels in de briefing.")
        s.at_prompt("Enter = afronden")
        s.send("")
        s.wait_for("afgerond en bewaard")
        assert s.finish() == 0

    data = results(gesprek)
    assert data["beeindigd"] is not None
    assert [(e["item"], e["stemmen"]) for e in data["onderdelen"]] == [
        ("lunch-niet-betalen", {"a": 4, "b": 2, "c": 1, "d": 0}),
        ("een-beetje-integer-bestaat-niet", {"eens": 3, "oneens": 1, "weet-niet": 0}),
    ]
    second = data["onderdelen"][1]
    assert second["notities"] == ["Een kleine fout melden is ook integer."]
    assert second["afspraken"] == ["We bespreken twijfels in de briefing."]
    listed = json.loads(gesprek("sessies", "--json").out)
    assert [(s["id"], s["status"], s["klaar"]) for s in listed] == [(1, "afgerond", 2)]


def test_ctrl_c_ends_cleanly_with_the_way_to_resume(gesprek):
    with sessie(
        "--kaart", "lunch-niet-betalen", "--kaart", "een-beetje-integer-bestaat-niet", "--team", "T"
    ) as s:
        s.at_prompt("Stemmen")
        s.send("5 0 1 0")
        s.next_screen("Enter = verder")
        s.interrupt()
        s.wait_for("--hervat")
        assert "Traceback" not in s.text
        assert s.finish() == 0

    data = results(gesprek)
    assert data["beeindigd"] is None
    assert data["onderdelen"][0]["stemmen"] == {"a": 5, "b": 0, "c": 1, "d": 0}
