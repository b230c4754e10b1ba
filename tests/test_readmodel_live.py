"""The real ``gesprek sessie --live --drempel 4`` in a pseudo-terminal: one phone votes, the
room sees no result, and afterwards no output shows it either, with the threshold of that
session (not the default) in the reason."""

from __future__ import annotations

import io
import json

import pytest

pytestmark = pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")
pytest.importorskip("pexpect")

from tests.live_phones import finish, open_phone_vote, phones_vote, spawn  # noqa: E402


def test_one_phone_vote_stays_hidden_after_the_session(gesprek, tmp_path):
    log = io.StringIO()
    child = spawn("--kaart", "lunch-niet-betalen", "--team", "Team Live", "--drempel", "4", log=log)
    child.timeout = 30
    try:
        url = open_phone_vote(child)
        phones_vote(url, "b")
        child.sendline("u")
        child.expect("minimaal 4")
        child.expect("Enter = verder")
        finish(child)
    finally:
        if child.isalive():
            child.close(force=True)

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
