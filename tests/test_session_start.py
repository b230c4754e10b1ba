"""Starting a session as a facilitator does: choosing interactively, fitting the plan to
the time available, and refusing what cannot work."""

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
DOWN = "\x1b[B"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return dict(
        os.environ,
        GESPREK_DB=str(tmp_path / "verslagen.sqlite"),
        GESPREK_CACHE=str(tmp_path / "cache"),
        PROMPT_TOOLKIT_NO_CPR="1",
        TERM="xterm",
    )


def spawn(env: dict[str, str], *args: str) -> pexpect.spawn:
    return pexpect.spawn(
        GESPREK, list(args), env=env, encoding="utf-8", dimensions=(40, 100), timeout=15
    )


def sessions(env: dict[str, str]) -> list[dict]:
    out = subprocess.run(
        [GESPREK, "sessies", "--json"], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_without_a_selection_it_asks_for_a_programme_and_a_team(env):
    from gesprek.content import library

    programmes = library.load().of_type("programma")
    child = spawn(env, "sessie")
    child.expect("Wat wil je bespreken")
    child.send(DOWN)  # the second programme in the list
    child.send("\r")
    child.expect("Welk team")
    child.sendline("Team Oost")
    child.expect("Onderdeel 1 van")
    child.sendline("s")
    child.expect("--hervat 1")
    child.expect(pexpect.EOF)
    (record,) = sessions(env)
    assert record["team"] == "Team Oost"
    assert record["programma"] == programmes[1].id
    assert record["onderdelen"] == len(programmes[1].onderdelen)


def test_choosing_themes_by_hand(env):
    child = spawn(env, "sessie", "--team", "Team West")
    child.expect("Wat wil je bespreken")
    child.expect("Zelf kiezen: thema")
    for _ in range(20):  # past the programmes to "Zelf kiezen: thema's"
        child.send(DOWN)
        if child.expect([r"» Zelf kiezen: thema", pexpect.TIMEOUT], timeout=0.3) == 0:
            break
    child.send("\r")
    child.expect("Welke thema")
    child.send(" ")  # the first theme
    child.send("\r")
    child.expect("Onderdeel 1 van")
    child.sendline("s")
    child.expect(pexpect.EOF)
    (record,) = sessions(env)
    assert record["team"] == "Team West"
    assert record["programma"] is None
    assert record["onderdelen"] >= 1


def test_duur_shortens_the_plan_and_says_what_changed(env):
    child = spawn(
        env, "sessie", "--programma", "jaarlijks-integriteitsgesprek", "--team", "T", "--duur", "30"
    )
    child.expect("Het plan is ingekort tot")
    child.expect("Vervalt:")
    child.expect("Onderdeel 1 van")
    child.sendline("s")
    child.expect(pexpect.EOF)
    out = subprocess.run(
        [GESPREK, "resultaten", "1", "--json"], env=env, capture_output=True, text=True
    )
    assert out.returncode == 0
    store_path = env["GESPREK_DB"]
    from gesprek.store.records import Store

    store = Store.open(Path(store_path))
    try:
        parts = store.parts(1)
    finally:
        store.close()
    assert sum(p.geplande_duur for p in parts) <= 30
    assert parts[0].item_id == "ronde-opening" and parts[-1].type == "ronde"


def test_duur_too_small_is_refused_before_anything_is_recorded(env):
    child = spawn(env, "sessie", "--programma", "casus-vik-bespreken", "--team", "T", "--duur", "5")
    child.expect("past dit plan niet")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert sessions(env) == []
