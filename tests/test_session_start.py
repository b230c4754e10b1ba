"""Starting a session as a facilitator does: choosing interactively (time available, an
opening and closing round, the plan shown), fitting the plan to ``--duur`` (shown, then
Enter), and refusing what cannot work. Read from the screen as a terminal shows it."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from gesprek.store.records import Store
from tests.pty_screen import DOWN, GESPREK, Screen

pytestmark = pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")


def sessions() -> list[dict]:
    out = subprocess.run([GESPREK, "sessies", "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def stored_parts(session_id: int = 1):
    import os

    store = Store.open(Path(os.environ["GESPREK_DB"]))
    try:
        return store.parts(session_id)
    finally:
        store.close()


def test_without_a_selection_it_asks_for_a_programme_a_team_and_the_time():
    from gesprek.content import library

    programmes = library.load().of_type("programma")
    with Screen("sessie", cols=100, rows=40) as s:
        s.wait_for("Wat wil je bespreken")
        assert "Use arrow keys" not in s.text and "(pijltjes en Enter)" in s.text
        s.keys(DOWN)  # the second programme in the list
        s.keys("\r")
        s.wait_for("Welk team")
        s.send("Team Oost")
        s.wait_for("Hoeveel minuten")
        s.keys("\x7f" * 5)
        s.send(str(programmes[1].duur))
        s.wait_for("Enter = beginnen")
        assert "Het plan voor Team Oost" in s.text
        s.send("")
        s.wait_for("Onderdeel 1 van")
        s.send("s")
        s.wait_for("--hervat 1")
        s.finish()
    (record,) = sessions()
    assert record["team"] == "Team Oost"
    assert record["programma"] == programmes[1].id
    assert record["onderdelen"] == len(programmes[1].onderdelen)


def choose_themes(s: Screen) -> None:
    s.wait_for("Zelf kiezen: thema")
    for _ in range(20):  # past the programmes to "Zelf kiezen: thema's"
        if "» Zelf kiezen: thema" in s.text:
            break
        s.keys(DOWN)
        s.wait_for(lambda sc: True, settle=0.2)
    s.keys("\r")
    s.wait_for("Welke thema")


def test_choosing_themes_adds_an_opening_and_closing_round_and_asks_the_time():
    with Screen("sessie", "--team", "Team West", cols=100, rows=40) as s:
        choose_themes(s)
        s.keys("\r")  # nothing chosen: asked again, the program does not end
        s.wait_for("Kies er minstens één")
        s.keys(" ")  # the first theme
        s.keys("\r")
        s.wait_for("Hoeveel minuten")
        s.keys("\x7f" * 5)
        s.send("30")
        s.wait_for("Enter = beginnen")
        lines = s.text
        assert "Het plan voor Team West" in lines
        assert "(beschikbaar: 30)" in lines
        first = next(line for line in s.lines if line.strip().startswith("1."))
        assert "Openingsronde" in first or "Gespreksronde" in first
        s.send("")
        s.wait_for("Onderdeel 1 van")
        s.send("s")
        s.wait_for("--hervat 1")
        s.finish()
    (record,) = sessions()
    assert record["team"] == "Team West"
    assert record["programma"] is None
    parts = stored_parts()
    assert parts[0].item_id == "ronde-opening" and parts[-1].item_id == "ronde-afsluiting"
    assert sum(p.geplande_duur for p in parts) <= 30


def test_duur_shows_the_fitted_plan_and_waits_for_enter():
    with Screen(
        "sessie",
        "--programma",
        "jaarlijks-integriteitsgesprek",
        "--team",
        "T",
        "--duur",
        "30",
        cols=80,
        rows=24,
    ) as s:
        s.wait_for("Enter = beginnen")
        assert "Vervalt om in de tijd te passen" in s.text and "→" in s.text
        assert "Onderdeel 1 van" not in s.text
        s.send("")
        s.wait_for("Onderdeel 1 van")
        assert "Vervalt" not in s.text
        s.send("s")
        s.wait_for("--hervat 1")
        s.finish()
    parts = stored_parts()
    assert sum(p.geplande_duur for p in parts) <= 30
    assert parts[0].item_id == "ronde-opening" and parts[-1].type == "ronde"


def test_a_selection_and_team_start_at_the_first_card_and_run_exactly_those_items():
    with Screen("sessie", "--kaart", "lunch-niet-betalen", "--team", "T", cols=80, rows=24) as s:
        s.wait_for("De eigenaar wil niet dat je betaalt")
        s.at_prompt("Stemmen")
        s.send("s")
        s.finish()
    assert [p.item_id for p in stored_parts()] == ["lunch-niet-betalen"]


def test_duur_too_small_is_refused_before_anything_is_recorded():
    with Screen("sessie", "--programma", "casus-vik-bespreken", "--team", "T", "--duur", "5") as s:
        s.wait_for("past dit plan niet")
        assert s.finish() == 2
    assert sessions() == []


@pytest.mark.parametrize("answer", ["abc", "3"])
def test_the_time_asked_is_checked_in_dutch(answer):
    with Screen("sessie", "--team", "T", cols=100, rows=40) as s:
        s.wait_for("Wat wil je bespreken")
        s.keys("\r")
        s.wait_for("Hoeveel minuten")
        s.keys("\x7f" * 5)
        s.send(answer)
        s.wait_for("re:Geef een aantal minuten|Kies tussen 5 en 480")
        s.keys("\x03")
        assert s.finish() == 130


@contextmanager
def taken_port() -> Iterator[str]:
    """A port on 127.0.0.1 that another program listens on, while the block runs."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield str(taken.getsockname()[1])


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (("--live", "--hervat", "--kaart", "lunch-niet-betalen"), "--hervat gaat niet samen met"),
        (("--live", "3", "--kaart", "lunch-niet-betalen"), "een sessienummer hoort bij --hervat"),
        (("--live", "--hervat", "--team", "T"), "geen onderbroken sessie"),
        (("--live", "--kaart", "bestaat-niet", "--team", "T"), "bestaat-niet"),
    ],
)
def test_conflicting_options_are_refused_before_a_file_or_a_port_is_opened(tmp_path, options, says):
    """In a real terminal, with the phone server's port taken by someone else: the refusal
    is about the options (the server never tried the port, which would say 'al in
    gebruik'), and the records file named by --db was never created."""
    db = tmp_path / "nieuw" / "verslagen.sqlite"
    db.parent.mkdir()
    with (
        taken_port() as port,
        Screen("--db", str(db), "sessie", *options, "--poort", port, "--host", "127.0.0.1") as s,
    ):
        s.wait_for(says)
        assert "al in gebruik" not in s.flat()
        assert s.finish() == 2
    assert not db.exists()
    assert list(db.parent.iterdir()) == []  # no journal, lock or join-code file either


def test_a_taken_port_is_named_before_the_first_question(tmp_path):
    """An interactive start with --live: the facilitator is not asked what to discuss,
    for whom and how long, only to hear afterwards that the phone server cannot start."""
    db = tmp_path / "verslagen.sqlite"
    with (
        taken_port() as port,
        Screen("--db", str(db), "sessie", "--live", "--poort", port, "--host", "127.0.0.1") as s,
    ):
        s.wait_for(f"poort {port} is al in gebruik")
        assert "Wat wil je bespreken" not in s.flat()
        assert s.finish() == 2
    assert not db.exists()


def test_a_foreign_records_file_is_named_before_the_first_question(tmp_path):
    """A --db that is not gesprek's records file is refused before anything is asked, and
    left exactly as it was."""
    folder = tmp_path / "lijstjes"
    folder.mkdir()
    db = folder / "boodschappen.sqlite"
    db.write_text("melk\nbrood\n", encoding="utf-8")
    with Screen("--db", str(db), "sessie") as s:
        s.wait_for("verslagbestand van gesprek")
        assert "Wat wil je bespreken" not in s.flat()
        assert s.finish() == 2
    assert db.read_text(encoding="utf-8") == "melk\nbrood\n"
    assert [p.name for p in folder.iterdir()] == ["boodschappen.sqlite"]
