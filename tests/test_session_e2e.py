"""A facilitator runs a real `gesprek sessie` in a pseudo-terminal: votes by hand (one
mistyped), a note and an agreement, then reads the results back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

pytestmark = pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")

GESPREK = str(Path(sys.executable).parent / "gesprek")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return dict(
        os.environ,
        GESPREK_DB=str(tmp_path / "verslagen.sqlite"),
        PROMPT_TOOLKIT_NO_CPR="1",
        TERM="xterm",
        COLUMNS="100",
        LINES="40",
    )


def test_facilitator_runs_a_session_and_reads_the_results(env: dict[str, str]) -> None:
    child = pexpect.spawn(
        GESPREK,
        [
            "sessie",
            "--kaart",
            "lunch-niet-betalen",
            "--kaart",
            "datalek-of-niet",
            "--team",
            "Team Noord",
        ],
        env=env,
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=15,
    )
    # The first card is on screen at once: no questions asked before it.
    child.expect("De eigenaar wil niet dat je betaalt")
    child.expect("Stemmen A B C D")
    child.sendline("4 2 1")  # three counts for four options: asked again
    child.expect("Niet begrepen: geef 4 aantallen")
    child.expect("Stemmen A B C D")
    child.sendline("4 2 1 0")
    child.expect("Uitslag")
    child.expect("57%")
    child.expect("Enter = verder")
    child.sendline("n")
    child.expect("Notitie")
    child.sendline("Koffie mag, een diner niet")
    child.expect("Notitie bewaard")
    child.sendline("")
    child.expect("Is dit een datalek")
    child.expect("Stemmen")
    child.sendline("1 2 3 4")
    child.expect("✔ juist")
    child.expect("Uitleg")
    child.sendline("a")
    child.expect("Afspraak")
    child.sendline("We melden elk datalek dezelfde dag")
    child.expect("Afspraak bewaard")
    child.sendline("")
    child.expect("Afsluiting")
    child.expect("We melden elk datalek dezelfde dag")
    child.expect("Waar kun je terecht")
    child.expect("Verder met dit thema")  # initiatives that fit the themes discussed
    child.sendline("")
    child.expect("afgerond en bewaard")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    out = subprocess.run(
        [GESPREK, "resultaten", "1", "--json"], env=env, capture_output=True, text=True, check=True
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
