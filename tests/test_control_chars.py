"""Escape sequences in content, team labels and notes never reach a terminal: every command
that prints such text shows control characters as visible text (``\\x1b``)."""

from __future__ import annotations

import json

import pytest

from gesprek.content import library
from tests.conftest import VALID_DILEMMA
from tests.pty_screen import Screen
from tests.sessions import record

HOSTILE = "\x1b]0;gehackt\x07\x1b[2J\x1b]52;c;ZWNobyBoaQ==\x07\x9b31m"
TEAM = f"Team {HOSTILE}Noord"
NOTE = f"Notitie {HOSTILE}einde"


def assert_harmless(text: str) -> None:
    """No control character at all (the in-process runs have no colours), and the
    escape is shown as text."""
    for char in ("\x1b", "\x07", "\x9b"):
        assert char not in text, repr(text[:300])
    assert "\\x1b" in text


def record_hostile_session(*, close: bool = True) -> int:
    """A session with the hostile team label and notes, left after its vote unless closed."""
    return record(
        ["lunch-niet-betalen"],
        [[1, 2, 0, 0]],
        lib=library.load(),
        team=TEAM,
        omschrijving="kaart",
        notes=[(1, "notitie", NOTE), (1, "afspraak", NOTE)],
        parts=None if close else 0,
        finish=close,
    )


def test_check_reports_an_escape_written_in_yaml_with_its_line(gesprek, pack):
    root = pack(
        {
            "dilemmas/eigen-dilemma.yaml": VALID_DILEMMA.replace(
                "titel: Een eigen dilemma", 'titel: "Een \\e]0;gehackt\\a dilemma"'
            )
        }
    )
    result = gesprek("check", str(root))
    assert result.code == 1
    path = root / "dilemmas" / "eigen-dilemma.yaml"
    assert f"{path}:3: " in result.out
    assert "stuurteken (U+001B)" in result.out
    assert "\x1b" not in result.out and "\x07" not in result.out


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x9b", "\x7f", "\x85"])
def test_check_reports_raw_control_characters_with_their_line(gesprek, pack, char):
    body = VALID_DILEMMA.replace("Wat doe je?", f"Wat doe je{char}[2J?")
    root = pack({"dilemmas/eigen-dilemma.yaml": body})
    result = gesprek("check", str(root))
    assert result.code == 1
    path = root / "dilemmas" / "eigen-dilemma.yaml"
    assert f"{path}:8: " in result.out, result.out  # the line of 'vraag'
    assert "stuurteken" in result.out
    assert char not in result.out


def test_check_in_a_block_text_names_the_line_of_the_character(gesprek, pack):
    body = VALID_DILEMMA.replace(
        "  Een buurtbewoner brengt een taart naar het bureau.\n",
        "  Een buurtbewoner brengt een taart.\n  Tweede regel.\n",
    ).replace("situatie: |", 'situatie: "Een \\\n  buurtbewoner \\e[2J"\nbron: |')
    root = pack({"dilemmas/eigen-dilemma.yaml": body})
    result = gesprek("check", str(root))
    assert result.code == 1
    assert "\x1b" not in result.out
    assert "stuurteken (U+001B)" in result.out


def test_toon_and_inhoud_of_a_hostile_pack_show_nothing_raw(gesprek, pack):
    root = pack(
        {
            "dilemmas/eigen-dilemma.yaml": VALID_DILEMMA.replace(
                "Wat doe je?", '"Wat doe je \\e]0;gehackt\\a?"'
            )
        }
    )
    for args in (("toon", "eigen-dilemma"), ("inhoud",), ("inhoud", "--json")):
        result = gesprek("--pakket", str(root), *args)
        assert result.code == 1
        assert "\x1b" not in result.out + result.err
        assert "\x07" not in result.out + result.err


def test_unknown_ids_on_the_command_line_are_shown_harmlessly(gesprek):
    for args in (
        ("toon", HOSTILE),
        ("inhoud", "--thema", HOSTILE),
        ("deck", "--kaart", HOSTILE, "-o", "x.pptx"),
    ):
        result = gesprek(*args)
        assert result.code == 2
        assert_harmless(result.err)


def test_sessies_shows_a_hostile_team_label_harmlessly(gesprek):
    record_hostile_session()
    result = gesprek("sessies")
    assert result.code == 0, result.err
    assert_harmless(result.out)
    data = json.loads(gesprek("sessies", "--json").out)
    assert data[0]["team"] == TEAM  # the data itself is kept as entered


def test_resultaten_shows_team_and_notes_harmlessly(gesprek):
    sid = record_hostile_session()
    result = gesprek("resultaten", str(sid))
    assert result.code == 0, result.err
    assert_harmless(result.out)
    assert "Notitie \\x1b]0;gehackt" in result.out


def test_resultaten_json_escapes_every_control_character(gesprek):
    sid = record_hostile_session()
    result = gesprek("resultaten", str(sid), "--json")
    assert result.code == 0, result.err
    for char in ("\x1b", "\x07", "\x9b"):
        assert char not in result.out
    data = json.loads(result.out)
    assert data["team"] == TEAM
    assert data["onderdelen"][0]["notities"] == [NOTE]


def test_overzicht_shows_a_hostile_team_label_harmlessly(gesprek):
    record_hostile_session()
    result = gesprek("overzicht")
    assert result.code == 0, result.err
    assert_harmless(result.out)
    detail = gesprek("overzicht", "--team", TEAM)
    assert detail.code == 0, detail.err
    assert_harmless(detail.out)


# The terminal tests look at the bytes too: a control sequence acts on the terminal
# (the window title, the clipboard, a cleared screen) and may leave nothing to see on it.
RAW = ("\x1b]0;gehackt", "\x1b]52;", "\x07\x1b[2J", "\x9b31m")


@pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")
def test_the_resume_line_shows_the_team_harmlessly():
    record_hostile_session(close=False)
    with Screen("sessie", "--hervat", cols=100, rows=40) as s:
        s.at_prompt("Enter = verder")
        status = s.lines[s.row_of("Onderdeel 1")]
        assert "Team \\x1b]0;gehackt" in status, status  # shown as \x1b, as everywhere
        # The resume line, on the first card's screen:
        assert "Sessie 1 (Team \\x1b]0;gehackt\\x07\\x1b[2J" in s.flat()
        assert s.screen.title == ""  # no title was set
        s.send("s")
        s.wait_for("onderbroken")
        assert s.finish() == 0
    for raw in RAW:
        assert raw not in s.printed


@pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")
def test_the_wis_prompt_shows_the_team_harmlessly():
    sid = record_hostile_session()
    with Screen("wis", str(sid), cols=100, rows=40) as s:
        s.wait_for("verwijderen")
        assert "Team \\x1b]0;gehackt\\x07\\x1b[2J\\x1b]52;c;" in s.unwrapped()
        assert s.screen.title == ""
        s.send("n")
        assert s.finish() == 0
    for raw in RAW:
        assert raw not in s.printed


def test_deck_and_handouts_of_a_hostile_session_hold_no_control_characters(gesprek, tmp_path):
    from pptx import Presentation

    sid = record_hostile_session()
    deck = tmp_path / "sessie.pptx"
    result = gesprek("deck", "--sessie", str(sid), "-o", str(deck))
    assert result.code == 0, result.err
    prs = Presentation(str(deck))
    assert "\\x1b" in prs.core_properties.title
    texts = [
        shape.text_frame.text
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert not any("\x1b" in t or "\x07" in t for t in texts)
    for formaat, name in (("html", "h.html"), ("md", "h.md")):
        for extra in ((), ("--gespreksleider",)):
            out = tmp_path / f"{formaat}-{len(extra)}-{name}"
            result = gesprek(
                "handout", "--sessie", str(sid), "--formaat", formaat, *extra, "-o", str(out)
            )
            assert result.code == 0, result.err
            text = out.read_text(encoding="utf-8")
            assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
            assert "\\x1b" in text  # the team label is there, visibly


@pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")
def test_an_error_in_a_narrow_terminal_breaks_between_words():
    """The terminal would break a long message at its edge, mid-word; it is folded
    between words instead, and piped output keeps each message on one line."""
    with Screen("sessie", "--hervat", "7", cols=40, rows=12) as s:
        assert s.finish() == 2
    shown = [line for line in s.lines if line]
    assert shown == [
        "fout: onbekende sessie 7",
        "'gesprek sessies' toont de opgenomen",
        "  sessies.",
    ]
    assert all(len(line) < 40 for line in shown)


def test_a_piped_error_keeps_each_message_on_one_line(gesprek):
    result = gesprek("wis", "7")
    assert result.code == 2
    assert "'gesprek sessies' toont de opgenomen sessies." in result.err
