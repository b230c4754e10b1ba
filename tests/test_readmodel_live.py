"""The real ``gesprek sessie --live --drempel 4`` on a rendered terminal screen: one phone
votes, the room sees no result, and afterwards no output shows it either, with the threshold
of that session (not the default) in the reason."""

from __future__ import annotations

import json

import pytest

from tests.live_phones import finish, live, open_phone_vote, phones_vote

pytestmark = pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")


def test_one_phone_vote_stays_hidden_after_the_session(gesprek, tmp_path):
    with live("--kaart", "lunch-niet-betalen", "--team", "Team Live", "--drempel", "4") as s:
        url = open_phone_vote(s)
        phones_vote(url, "b")
        s.send("u")
        s.next_screen("Enter = verder")
        assert "minimaal 4" in s.flat()
        assert "%" not in s.text and "█" not in s.text  # the room sees no result, no bars
        assert finish(s) == 0

    data = json.loads(gesprek("resultaten", "1", "--json").out)
    [entry] = data["onderdelen"]
    assert entry["stemmen"] is None
    assert entry["verborgen"] == "minder dan 4 stemmen"
    shown = gesprek("resultaten", "1").out
    assert "minder dan 4 stemmen" in shown and "100%" not in shown
    out = tmp_path / "h.md"
    assert gesprek("handout", "--sessie", "1", "-o", str(out)).code == 0
    assert "minder dan 4 stemmen" in out.read_text(encoding="utf-8")
    assert "(100%)" not in out.read_text(encoding="utf-8")
