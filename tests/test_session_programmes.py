"""Every built-in programme, run from start to end at 80x24 as a facilitator would (issue
14, "Done when"): at every Stemmen prompt the question's options are all on screen and
nothing gives an answer, outcome or norm away, with the facilitator notes off and on; every
screen starts with its top row (nothing scrolled away)."""

from __future__ import annotations

import re

import pytest

from gesprek.content import library
from tests.pty_screen import Screen
from tests.test_session_screen import assert_vote_screen

PROGRAMMES = [p.id for p in library.load().of_type("programma")]
PROMPTS = ("Stemmen", "Enter = verder", "Enter = afronden")


@pytest.mark.parametrize("programme", PROGRAMMES)
def test_a_whole_programme_at_80x24(programme):
    votes = 0
    with Screen("sessie", "--programma", programme, "--team", "T", cols=80, rows=24) as s:
        s.wait_for(lambda sc: any(line.startswith(PROMPTS) for line in sc.lines))
        for _ in range(200):
            prompt = next(p for p in PROMPTS if any(line.startswith(p) for line in s.lines))
            assert s.lines[0].startswith("┏"), f"the top scrolled away:\n{s.text}"
            if prompt == "Enter = afronden":
                assert "Afsluiting" in s.lines[0]
                s.send("")
                break
            if prompt == "Stemmen":
                assert_vote_screen(s)
                s.send("g")  # the facilitator notes on: still nothing given away
                s.next_screen("Stemmen")
                assert_vote_screen(s)
                line = next(line for line in s.lines if line.startswith("Stemmen"))
                letters = re.match(r"Stemmen ((?:[A-Z] )*[A-Z])\b", line)
                assert letters
                s.send(" ".join("1" for _ in letters.group(1).split()))
                votes += 1
            else:
                s.send("")
            s.next_screen(*PROMPTS)
        else:
            pytest.fail("the programme did not end")
        s.wait_for("afgerond en bewaard")
        assert s.finish() == 0
    assert votes > 0 or programme == "leidinggevenden-veilig-klimaat"
