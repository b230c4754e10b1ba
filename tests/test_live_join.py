"""The join screen and the status line while phones join, as the room sees them: the
count of phones ticks in the prompt without a key being pressed, and the hint about the
network comes up by itself once a minute has passed without any phone."""

from __future__ import annotations

import re

import pytest

from tests.live_phones import PHONES, call
from tests.pty_screen import Screen

pytestmark = pytest.mark.posix("a pseudo-terminal (pexpect) exists only on POSIX")

ADDRESS = re.compile(r"http://127\.0\.0\.1:\d+/[a-z2-9]{6}/")


def test_the_join_prompt_counts_the_phones_as_they_join(gesprek):
    with Screen(
        *("sessie", "--kaart", "lunch-niet-betalen", "--team", "T"),
        *("--live", "--poort", "0", "--host", "127.0.0.1"),
        cols=100,
        rows=40,
    ) as s:
        s.wait_for("Enter = verder · 0 telefoons verbonden")
        match = ADDRESS.search(s.flat())
        assert match is not None
        for address in PHONES[:2]:
            call(match.group(0) + "api/aanmelden", {}, source=address)
        # Nothing typed: the prompt is redrawn with the new count within a few seconds.
        s.wait_for("Enter = verder · 2 telefoons verbonden", timeout=10)
        assert "Stemmen met je telefoon" in s.text  # still the join screen
        s.send("")
        s.at_prompt("Stemmen A B C D")
        s.send("s")
        assert s.finish() == 0


def _session_with_phones(team: str, width: int):
    from rich.console import Console

    from gesprek.content import library
    from gesprek.live.state import LiveState
    from gesprek.live.voting import LiveVoting
    from gesprek.session.engine import Part, Session
    from gesprek.ui.session import TerminalSession
    from tests.fakes import FakeClock

    lib = library.load()
    clock = FakeClock()
    session = Session([Part(1, lib.items["lunch-niet-betalen"], 10)], clock)
    phones = LiveVoting(LiveState(threshold=3), "http://192.168.1.23:8765/abc234/")
    console = Console(width=width, height=24, record=True)
    screen = TerminalSession(session, 1, lib, console, input, phones=phones, team=team)
    return screen, phones, clock


def test_the_network_hint_comes_up_in_the_ticking_status_line_without_a_redraw():
    from gesprek.live.voting import FIREWALL_AFTER

    screen, phones, _clock = _session_with_phones("Team Noord", 80)
    screen.screen()  # the card is drawn, before the minute is over
    assert "firewall" not in screen.status_text()
    phones.started -= FIREWALL_AFTER + 1  # a minute later, still no phone
    ticking = screen.status_text(rows=1)  # what the waiting prompt shows now
    assert "firewall" in ticking
    assert "\n" not in ticking and len(ticking) < 80  # in the one line the card left it
    phones.state.join("10.0.0.8")  # a phone joined: the hint goes
    assert "firewall" not in screen.status_text(rows=1)


@pytest.mark.parametrize("width", [80, 100, 160])
def test_running_late_fits_the_lines_the_screen_left_for_the_status(width):
    """Running late comes up while the prompt waits: at 80 columns the long form needs a
    line of its own, which would push the card's first row off the screen; in the one
    line the screen left, it is said shorter, with the clocks still there."""
    screen, _phones, clock = _session_with_phones("Recherche Zuid-West", width)
    screen.screen()
    clock.advance(12 * 60)
    ticking = screen.status_text(rows=1)
    assert "\n" not in ticking and len(ticking) < width
    assert "LOOPT UIT: 2 min" in ticking
    assert "12:00" in ticking  # the part's clock is still there
    if width >= 160:  # room enough: the whole text on the one line
        assert ticking == screen.status_text()


def test_phones_put_away_between_votes_bring_no_network_hint_back():
    from gesprek.live.state import CONNECTED_SECONDS
    from gesprek.live.voting import FIREWALL_AFTER

    screen, phones, clock = _session_with_phones("T", 100)
    phones.state.clock = clock
    phones.state.join("10.0.0.8")
    phones.started -= FIREWALL_AFTER + 1
    clock.advance(CONNECTED_SECONDS + 60)  # the phone has not polled for a while
    assert phones.state.connected() == 0  # nobody polling now
    assert "firewall" not in screen.status_text(rows=1)
