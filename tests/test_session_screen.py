"""The session as the room sees it (issue 14): the real ``gesprek sessie`` in a
pseudo-terminal, read through a terminal emulator, at 80x24 (a projector with a big font)
and at 160x45. Only what is on the visible rows counts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from pathlib import Path

from gesprek.store.records import Store
from tests.pty_screen import GESPREK, Screen

LUNCH = "lunch-niet-betalen"  # dilemma, 4 options, norm
DATALEK = "datalek-of-niet"  # kennisvraag, 4 options, 3 correct
STELLING = "een-beetje-integer-bestaat-niet"  # stelling with a norm

KORTE_CASUS = """\
id: korte-casus
type: casus
titel: Een korte casus
thema: melden
kernwaarden: [moedig]
inleiding: Een collega vertelt je iets wat niet klopt.
norm: Je meldt een misstand altijd bij je leidinggevende.
stappen:
  - titel: Het gesprek
    verhaal: Je hoort dat een proces-verbaal is aangepast.
    vragen: [Wat denk je?]
    beslismoment:
      vraag: Wat doe je?
      opties:
        - {id: a, tekst: Ik meld het.}
        - {id: b, tekst: Ik wacht af.}
      kader: Je bent verplicht om misstanden te melden.
"""


def results(session_id: int = 1) -> dict:
    out = subprocess.run(
        [GESPREK, "resultaten", str(session_id), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def store() -> Store:
    return Store.open(Path(os.environ["GESPREK_DB"]))


def sessie(*args: str, cols: int = 80, rows: int = 24) -> Screen:
    return Screen("sessie", *args, "--team", "Team Noord", cols=cols, rows=rows)


# What gives an answer away: the mark of a correct option, the explanation, the outcome,
# and the facilitator notes' norm and correct-answer rows.
LEAKS = ("✔", "Uitleg", "Wat er gebeurde", "Norm  ", "Juist  ")


def assert_vote_screen(s: Screen) -> None:
    """At a Stemmen prompt: every option of the question on screen, nothing that gives an
    answer away."""
    prompt = next(line for line in s.lines if line.startswith("Stemmen"))
    letters = re.match(r"Stemmen ((?:[A-Z] )*[A-Z])\b", prompt)
    assert letters, prompt
    for letter in letters.group(1).split():
        assert re.search(rf"┃\s+{letter}  \S", s.text), f"option {letter} not visible:\n{s.text}"
    for word in LEAKS:
        assert word not in s.text, f"{word!r} on screen before the vote:\n{s.text}"


# -- 1. nothing gives the answer away before the vote -------------------------------------


def test_notes_switch_off_at_every_part_and_never_show_an_answer_before_the_vote():
    with sessie("--kaart", LUNCH, "--kaart", DATALEK, "--kaart", STELLING, cols=100, rows=40) as s:
        s.at_prompt("Stemmen")
        s.send("g")  # notes on, at a vote: doorvragen yes, the norm not yet
        s.wait_for("Voor de gespreksleider")
        assert "Doorvragen" in s.text
        assert "Norm" not in s.text
        s.at_prompt("Stemmen")
        s.send("1 2 3 4")
        s.wait_for("Uitslag")
        assert "Voor de gespreksleider" not in s.text  # off again at the new phase
        s.send("g")
        s.wait_for("Norm")  # after the vote the norm may show
        s.send("")  # the kennisvraag: notes off, and no correct answer anywhere
        s.at_prompt("Stemmen")
        assert "Voor de gespreksleider" not in s.text
        assert "juist" not in s.text.lower() and "Uitleg" not in s.text
        s.send("g")
        s.wait_for("Voor de gespreksleider")
        assert "Juist" not in s.text and "✔" not in s.text
        s.send("1 1 1 1")
        s.wait_for("✔ juist")
        s.send("")
        s.at_prompt("Stemmen")  # the stelling: its norm stays hidden with g on
        s.send("g")
        s.wait_for("Voor de gespreksleider")
        assert "Norm" not in s.text and "onpartijdig" not in s.text
        s.send("s")
        s.finish()


def test_a_casus_outcome_and_norm_stay_hidden_until_its_vote_closes(pack):
    folder = pack({"dilemmas/korte-casus.yaml": KORTE_CASUS})
    with Screen("--pakket", str(folder), "sessie", "--kaart", "korte-casus", "--team", "T") as s:
        for _ in range(2):  # introduction, step
            s.at_prompt("Enter = verder")
            s.send("g")
            s.wait_for("Voor de gespreksleider")
            assert "misstand altijd" not in s.text
            s.send("")
        s.at_prompt("Stemmen")
        assert "Wat er gebeurde" not in s.text
        s.send("g")
        s.wait_for("Voor de gespreksleider")
        assert "misstand altijd" not in s.text
        s.send("3 1")
        # 12. no uitkomst: the results screen says so
        s.wait_for("Wat er werkelijk gebeurde is niet bekend")
        s.send("s")
        s.finish()


# -- 2. commands only after the session -----------------------------------------------------


def test_command_hints_come_after_the_session_below_the_final_screen():
    with sessie("--kaart", STELLING) as s:
        s.at_prompt("Stemmen")
        s.send("")
        s.at_prompt("Enter = verder")
        s.send("")
        s.next_screen("Enter = afronden")
        shown = s.text
        if "meer ↓" in shown:
            s.send("m")
            s.next_screen("Enter = afronden")
            shown += s.text
        assert "Verder met dit thema" in shown  # the initiatives, by name only
        assert not COMMAND.search(shown), shown
        s.send("")
        s.wait_for("gesprek resultaten 1")
        assert COMMAND.search(s.text)
        final = s.row_of("Afsluiting")
        hint = s.row_of("gesprek resultaten 1")
        assert final == -1 or hint > final
        assert s.finish() == 0


COMMAND = re.compile(r"\bgesprek (resultaten|initiatieven|sessie|sessies|export|overzicht)\b")


# -- 3. nothing scrolls away at 80x24 -------------------------------------------------------


def test_kennisvraag_results_show_every_option_and_mark_at_80x24():
    with sessie("--kaart", DATALEK) as s:
        s.at_prompt("Stemmen")
        s.send("1 2 3 4")
        s.wait_for("Uitslag")
        assert s.text.count("✔ juist") == 3  # each mark whole, on one line
        for letter in "ABCD":
            assert re.search(rf"\b{letter}\b +[█░]", s.text), letter
        assert "Is dit een datalek" in s.text  # the top did not scroll away
        s.send("s")
        s.finish()


def test_every_option_of_a_beslismoment_is_visible_at_the_prompt_at_80x24():
    with Screen("sessie", "--kaart", "casus-vik", "--team", "T", cols=80, rows=24) as s:
        for _ in range(40):
            s.wait_for(lambda sc: any(line.startswith(("Stemmen", "Enter =")) for line in sc.lines))
            if any(line.startswith("Stemmen") for line in s.lines):
                break
            s.send("")
        assert "Beslismoment" in s.text
        assert_vote_screen(s)
        s.send("s")
        s.finish()


def test_the_closing_screen_pages_with_meer_and_keeps_the_agreements_visible():
    with sessie("--kaart", STELLING) as s:
        s.at_prompt("Stemmen")
        s.send("")
        s.at_prompt("Enter = verder")
        for n in range(3):
            s.send("a")
            s.at_prompt("Afspraak")
            s.send(f"Afspraak nummer {n + 1}")
            s.wait_for("Afspraak bewaard")
        s.send("")
        s.wait_for("Afsluiting")
        assert "Afspraak nummer 3" in s.text
        assert "Afsluiting" in s.lines[0]
        if "meer ↓" in s.text:
            seen = s.text
            s.send("m")
            s.wait_for(lambda sc: sc.text != seen)
            assert "Afsluiting" in s.lines[0]
        s.send("")
        assert s.finish() == 0


def test_notes_with_g_keep_the_question_on_screen_at_80x24():
    with sessie("--kaart", LUNCH) as s:
        s.at_prompt("Stemmen")
        s.send("g")
        s.wait_for("meer ↓")
        text = s.text
        assert "Wat doe je?" in text and all(f" {c} " in text for c in "ABCD")
        assert s.lines[0].startswith("┏")  # the card's top is still on screen
        s.send("s")
        s.finish()


# -- 4. a big screen used well ------------------------------------------------------------


def test_at_160x45_the_card_is_centred_with_a_readable_measure():
    with sessie("--kaart", DATALEK, cols=160, rows=45) as s:
        s.at_prompt("Stemmen")
        card = [line for line in s.lines if "┃" in line or "┏" in line]
        assert card
        left = min(len(line) - len(line.lstrip()) for line in card)
        right = min(160 - len(line) for line in card)
        assert left >= 25 and abs(left - right) <= 2  # centred
        assert max(len(line.strip()) for line in card) <= 100  # a readable measure
        title = s.row_of("Is dit een datalek")
        assert s.lines[title + 1].strip("┃ ") == ""  # the title stands apart
        rows_a, rows_b = s.row_of(" A "), s.row_of(" B ")
        assert rows_b - rows_a >= 2  # options stand apart
        s.send("s")
        s.finish()


# -- 5. the clock ticks; 8. the team is on screen -----------------------------------------


def test_the_clocks_tick_while_the_prompt_waits_and_the_team_is_shown():
    with sessie("--kaart", LUNCH) as s:
        s.at_prompt("Stemmen")
        status = next(line for line in s.lines if "sessie" in line and "Onderdeel" in line)
        assert "Team Noord" in status
        time.sleep(2.5)
        s.wait_for(lambda sc: status not in sc.lines)
        later = next(line for line in s.lines if "sessie" in line and "Onderdeel" in line)
        assert later != status
        s.send("s")
        s.finish()


def test_running_late_stays_on_the_status_line_until_back_on_plan():
    from rich.console import Console

    from gesprek.content import library
    from gesprek.session.engine import Part, Session
    from gesprek.ui.session import TerminalSession
    from tests.fakes import FakeClock

    lib = library.load()
    clock = FakeClock()
    parts = [Part(1, lib.items[STELLING], 5), Part(2, lib.items[LUNCH], 10)]
    session = Session(parts, clock)
    console = Console(width=80, height=24, record=True)
    screen = TerminalSession(session, 1, lib, console, input, team="Team Noord")
    clock.advance(7 * 60)
    assert "LOOPT UIT: 2 min" in screen.status_text()
    session.next()
    session.next()  # on to the next part: still late
    assert "LOOPT UIT: 2 min" in screen.status_text()
    clock.advance(60)
    assert "LOOPT UIT: 2 min" in screen.status_text()


# -- 9. a mistyped count can be corrected -------------------------------------------------


def test_the_last_vote_is_corrected_from_the_results_screen():
    with sessie("--kaart", LUNCH, "--kaart", STELLING) as s:
        s.at_prompt("Stemmen")
        s.send("4 2 1 9")
        s.wait_for("16 stemmen")
        s.send("4 2 1 0")  # counts typed straight away: told how to correct
        s.wait_for("typ eerst c")
        s.send("c")
        s.at_prompt("Nieuwe aantallen A B C D")
        s.send("4 2 1 0")
        s.wait_for("7 stemmen")
        s.at_prompt("Enter = verder")
        assert "Gecorrigeerd" in s.text
        assert "Onderdeel 1 van 2" in s.text or "Onderdeel 1/2" in s.text  # still here
        s.send("s")
        s.finish()
    assert results()["onderdelen"][0]["stemmen"] == {"a": 4, "b": 2, "c": 1, "d": 0}
    records = store()
    try:
        kept = records.corrections(1)
    finally:
        records.close()
    assert {(o, n) for _, _, bron, o, n, _ in kept if bron == "hand"} == {
        ("a", 4),
        ("b", 2),
        ("c", 1),
        ("d", 9),
    }


# -- 10. back and forward keep a finished part finished -----------------------------------


def test_back_then_skip_keeps_a_finished_part_finished():
    with sessie("--kaart", STELLING, "--kaart", LUNCH) as s:
        s.at_prompt("Stemmen")
        s.send("1 2 3")
        s.at_prompt("Enter = verder")
        s.send("")
        s.at_prompt("Stemmen")  # the second part
        s.send("t")
        s.at_prompt("Stemmen")  # back at the stelling
        s.send("o")
        s.at_prompt("Stemmen")
        s.send("o")
        s.wait_for("Afsluiting")
        assert "1 onderdeel besproken, 1 overgeslagen" in s.flat()
        s.send("")
        s.finish()


# -- 11. after "niet stemmen" the situation and options stay ------------------------------


def test_after_not_voting_the_situation_and_options_stay_on_the_card():
    with sessie("--kaart", LUNCH) as s:
        s.at_prompt("Stemmen")
        s.send("")
        s.wait_for("Er is niet gestemd")
        flat = s.flat()
        assert "zakelijke lunch" in flat  # the situation
        assert "Ik sta erop om te betalen" in flat and " D " in s.text
        s.send("s")
        s.finish()


# -- 14. small text faults ----------------------------------------------------------------


def test_unknown_command_does_not_repeat_the_help_and_plurals_are_right():
    with sessie("--kaart", STELLING) as s:
        s.at_prompt("Stemmen")
        s.send("")
        s.at_prompt("Enter = verder")
        s.send("xyz")
        s.wait_for("Onbekende opdracht 'xyz'.")
        assert s.text.count("o=overslaan") == 1
        s.send("")
        s.wait_for("Afsluiting")
        assert "1 onderdeel besproken" in s.flat()
        s.send("")
        s.finish()
