"""A facilitator runs a real `gesprek sessie` in a pseudo-terminal: votes by hand (one
mistyped), a note and an agreement, then reads the results back."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.pty_screen import GESPREK, Screen

pytestmark = pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")


def test_facilitator_runs_a_session_and_reads_the_results() -> None:
    with Screen(
        "sessie",
        "--kaart",
        "lunch-niet-betalen",
        "--kaart",
        "datalek-of-niet",
        "--team",
        "Team Noord",
        cols=100,
        rows=40,
    ) as s:
        # The first card is on screen at once: no questions asked before it.
        s.wait_for("De eigenaar wil niet dat je betaalt")
        s.at_prompt("Stemmen A B C D")
        s.send("4 2 1")  # three counts for four options: asked again
        s.wait_for("Niet begrepen: geef 4 aantallen")
        s.at_prompt("Stemmen A B C D")
        s.send("4 2 1 0")
        s.wait_for("Uitslag")
        s.wait_for("57%")
        s.at_prompt("Enter = verder")
        s.send("n")
        s.at_prompt("Notitie")
        s.send("Koffie mag, een diner niet")
        s.wait_for("Notitie bewaard")
        s.send("")
        s.wait_for("Is dit een datalek")
        s.at_prompt("Stemmen")
        s.send("1 2 3 4")
        s.wait_for("✔ juist")
        s.wait_for("Uitleg")
        s.send("a")
        s.at_prompt("Afspraak")
        s.send("We melden elk datalek dezelfde dag")
        s.wait_for("Afspraak bewaard")
        s.send("")
        s.wait_for("Afsluiting")
        s.wait_for("We melden elk datalek dezelfde dag")
        s.wait_for("Waar kun je terecht")
        s.wait_for("Verder met dit thema")  # initiatives that fit the themes discussed
        s.send("")
        s.wait_for("afgerond en bewaard")
        assert s.finish() == 0

    out = subprocess.run(
        [GESPREK, "resultaten", "1", "--json"], capture_output=True, text=True, check=True
    ).stdout
    data = json.loads(out)
    assert data["team"] == "Team Noord"
    assert data["beeindigd"] is not None
    first, second = data["onderdelen"]
    assert first["item"] == "lunch-niet-betalen"
    assert first["stemmen"] == {"a": 4, "b": 2, "c": 1, "d": 0}
    assert first["notities"] == ["Koffie mag, een diner niet"]
    assert second["item"] == "datalek-of-niet"
    assert sum(second["stemmen"].values()) == 10
    assert second["afspraken"] == ["We melden elk datalek dezelfde dag"]
