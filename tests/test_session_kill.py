"""The real ``gesprek sessie`` in a pseudo-terminal, typed into as a facilitator would:
votes survive a kill -9, ``--hervat`` continues where it stopped, and Ctrl-C ends cleanly."""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

pytestmark = pytest.mark.posix("a pseudo-terminal (pexpect) and SIGKILL exist only on POSIX")

pexpect = pytest.importorskip("pexpect")

GESPREK = Path(sys.executable).parent / "gesprek"
LUNCH = "De eigenaar wil niet dat je betaalt"
STELLING = "Een beetje integer bestaat niet"


@contextmanager
def sessie(*args: str) -> Iterator[pexpect.spawn]:
    env = dict(os.environ)  # GESPREK_DB points into tmp_path (autouse fixture)
    env.update(PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1")
    child = pexpect.spawn(
        str(GESPREK),
        ["sessie", *args],
        env=env,
        dimensions=(40, 100),
        encoding="utf-8",
        timeout=15,
    )
    try:
        yield child
    finally:
        if child.isalive():
            child.close(force=True)


def results(gesprek, session_id: int = 1) -> dict:
    result = gesprek("resultaten", str(session_id), "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_votes_survive_kill_9_and_hervat_continues_at_the_next_card(gesprek):
    assert GESPREK.exists()
    with sessie(
        "--kaart", "lunch-niet-betalen", "--kaart", "een-beetje-integer-bestaat-niet", "--team", "T"
    ) as child:
        child.expect(LUNCH)
        child.expect("Stemmen")
        child.sendline("4 2 1 0")
        child.expect("Enter = verder")  # the results of the first card
        child.sendline("")
        child.expect(STELLING)
        child.expect("Stemmen")
        child.kill(signal.SIGKILL)
        child.expect(pexpect.EOF)
        child.close()
        assert child.signalstatus == signal.SIGKILL

    data = results(gesprek)
    assert data["team"] == "T"
    assert data["beeindigd"] is None
    assert [(e["item"], e["stemmen"]) for e in data["onderdelen"]] == [
        ("lunch-niet-betalen", {"a": 4, "b": 2, "c": 1, "d": 0})
    ]
    listed = json.loads(gesprek("sessies", "--json").out)
    assert [(s["id"], s["status"], s["klaar"]) for s in listed] == [(1, "onderbroken", 1)]

    with sessie("--hervat") as child:
        child.expect(STELLING)  # straight back at the second card
        assert LUNCH not in child.before
        child.expect("Stemmen")
        child.sendline("3 1 0")
        child.expect("Enter = verder")
        child.sendline("n")
        child.expect("Notitie")
        child.sendline("Een kleine fout melden is ook integer.")
        child.expect("Enter = verder")
        child.sendline("a")
        child.expect("Afspraak")
        child.sendline("We bespreken twijfels in de briefing.")
        child.expect("Enter = verder")
        child.sendline("")
        child.expect("Afsluiting")
        # the agreements are on the closing screen
        child.expect("We bespreken twijfels in de briefing.")
        child.expect("Enter = afronden")
        child.sendline("")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0

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
    ) as child:
        child.expect("Stemmen")
        child.sendline("5 0 1 0")
        child.expect("Enter = verder")
        child.sendintr()
        child.expect("--hervat")
        child.expect(pexpect.EOF)
        child.close()
        assert "Traceback" not in child.before
        assert child.exitstatus == 0

    data = results(gesprek)
    assert data["beeindigd"] is None
    assert data["onderdelen"][0]["stemmen"] == {"a": 5, "b": 0, "c": 1, "d": 0}
