"""The in-memory phone-voting state, driven directly with a fake clock: joining, one ballot
per phone that can change while the question is open, counts, closing, the threshold
for results, rate limits and the connected count."""

from __future__ import annotations

import itertools

import pytest

from gesprek.live import qr
from gesprek.live.state import (
    ACTIVE_SECONDS,
    CLOSED,
    CODE_ALPHABET,
    CONNECTED_SECONDS,
    ENDED,
    FREE_GUESSES,
    FULL,
    OK,
    TOO_FAST,
    UNKNOWN_CODE,
    UNKNOWN_OPTION,
    UNKNOWN_PHONE,
    LiveState,
    may_show,
    new_code,
)
from tests.fakes import FakeClock

OPTIONS = [("a", "Ik betaal"), ("b", "Ik neem het aan"), ("c", "Ik meld het")]


def joined(state: LiveState, n: int) -> list[str]:
    """``n`` phones, each from its own address (as on a room's Wi-Fi)."""
    tokens = []
    for i in range(n):
        status, token = state.join(f"10.0.{i // 250}.{i % 250 + 1}")
        assert status == OK and token
        tokens.append(token)
    return tokens


def test_join_codes_are_short_unambiguous_and_random():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 6
        assert set(code) <= set(CODE_ALPHABET)
    assert not set("il1o0") & set(CODE_ALPHABET)


def test_each_phone_gets_its_own_random_token():
    state = LiveState()
    tokens = joined(state, 50)
    assert len(set(tokens)) == 50
    assert all(len(t) >= 32 for t in tokens)
    assert state.phones() == 50


def test_one_vote_per_phone_that_can_change_while_open():
    state = LiveState(clock=FakeClock(100.0))
    anna, bram, cem = joined(state, 3)
    nummer = state.open("Lunch", "Wat doe je?", OPTIONS)

    assert state.vote(anna, nummer, "a")[0] == OK
    assert state.vote(bram, nummer, "a")[0] == OK
    assert state.vote(anna, nummer, "b")[0] == OK  # changes her mind
    assert state.vote(anna, nummer, "b")[0] == OK  # and taps again
    assert state.tally() == {"a": 1, "b": 1, "c": 0}
    assert state.ballots() == 2

    status, view = state.vote(cem, nummer, "c")
    assert status == OK
    assert view["stand"] == "open"
    assert view["mijn_stem"] == "c"
    assert view["vraag"]["tekst"] == "Wat doe je?"
    assert [o["letter"] for o in view["vraag"]["opties"]] == ["A", "B", "C"]
    assert state.poll(anna)[1]["mijn_stem"] == "b"  # each phone sees only its own vote


def test_closed_questions_and_other_questions_take_no_votes():
    state = LiveState()
    (phone,) = joined(state, 1)
    assert state.vote(phone, 1, "a")[0] == CLOSED  # nothing open yet
    first = state.open("Lunch", "Wat doe je?", OPTIONS)
    state.vote(phone, first, "a")
    assert state.close() == {"a": 1, "b": 0, "c": 0}
    assert state.vote(phone, first, "b")[0] == CLOSED
    second = state.open("Datalek", "Is dit een datalek?", [("ja", "Ja"), ("nee", "Nee")])
    assert second != first
    assert state.vote(phone, first, "a")[0] == CLOSED  # a page still showing the old question
    assert state.vote(phone, second, "b")[0] == UNKNOWN_OPTION
    assert state.tally() == {"ja": 0, "nee": 0}


def test_unknown_tokens_are_refused_and_change_nothing():
    state = LiveState()
    nummer = state.open("Lunch", "Wat doe je?", OPTIONS)
    assert state.vote("verzonnen", nummer, "a") == (UNKNOWN_PHONE, None)
    assert state.vote("", nummer, "a") == (UNKNOWN_PHONE, None)
    assert state.poll("verzonnen") == (UNKNOWN_PHONE, None)
    assert state.tally() == {"a": 0, "b": 0, "c": 0}


def test_moving_on_drops_an_open_vote_and_phones_see_the_card_title():
    state = LiveState()
    (phone,) = joined(state, 1)
    nummer = state.open("Lunch", "Wat doe je?", OPTIONS)
    state.vote(phone, nummer, "a")
    state.show("Een beetje integer bestaat niet")
    view = state.poll(phone)[1]
    assert view["stand"] == "wacht"
    assert view["titel"] == "Een beetje integer bestaat niet"
    assert view["vraag"] is None and view["mijn_stem"] is None
    assert state.vote(phone, nummer, "a")[0] == CLOSED


def test_results_reach_the_phones_only_from_the_threshold_on():
    assert may_show(0, 3)  # hand counts only: public anyway
    assert not may_show(1, 3) and not may_show(2, 3)
    assert may_show(3, 3) and may_show(40, 3)

    state = LiveState(threshold=3)
    phones = joined(state, 3)
    nummer = state.open("Lunch", "Wat doe je?", OPTIONS)
    for phone in phones[:2]:
        state.vote(phone, nummer, "a")
    state.close()
    assert state.reveal({"a": 2, "b": 0, "c": 0}, phone_votes=2) is False
    view = state.poll(phones[0])[1]
    assert view["stand"] == "uitslag"
    assert "minimaal 3" in view["uitslag"]["verborgen"]
    assert "stemmen" not in view["uitslag"]

    nummer = state.open("Lunch", "Wat doe je?", OPTIONS)
    for phone, choice in zip(phones, "aab", strict=True):
        state.vote(phone, nummer, choice)
    counts = state.close()
    assert counts == {"a": 2, "b": 1, "c": 0}
    with_hand = {"a": counts["a"], "b": counts["b"] + 1, "c": 0}  # one more raised hand
    assert state.reveal(with_hand, phone_votes=3) is True
    result = state.poll(phones[2])[1]["uitslag"]
    assert result["verborgen"] is None
    assert [(r["letter"], r["aantal"]) for r in result["stemmen"]] == [
        ("A", 2),
        ("B", 2),
        ("C", 0),
    ]
    assert result["totaal"] == 4


def test_a_flood_from_one_phone_is_limited_and_others_are_not_affected():
    clock = FakeClock(100.0)
    state = LiveState(clock=clock)
    flood, calm = joined(state, 2)
    nummer = state.open("Lunch", "Wat doe je?", OPTIONS)
    answers = [state.vote(flood, nummer, "ab"[i % 2])[0] for i in range(100)]
    assert answers.count(TOO_FAST) >= 80
    assert state.vote(calm, nummer, "c")[0] == OK
    assert state.tally()["c"] == 1
    assert state.ballots() == 2  # however many requests, one ballot per phone
    clock.now += 5  # after a pause it may vote again
    assert state.vote(flood, nummer, "a")[0] == OK


def test_one_address_is_one_phone_with_one_vote():
    clock = FakeClock(100.0)
    state = LiveState(clock=clock)
    first = state.join("192.168.1.23")
    assert first[0] == OK
    # rejoining (a reload, a private tab, a script) gives the same token back, however often
    again = [state.join("192.168.1.23") for _ in range(10)]
    assert {a for a in again if a[0] == OK} == {first}
    other = state.join("192.168.1.24")
    assert other[0] == OK and other[1] != first[1]
    assert state.phones() == 2
    nummer = state.open("Lunch", "Wat doe je?", OPTIONS)
    assert state.vote(first[1], nummer, "a")[0] == OK
    assert state.vote(other[1], nummer, "b")[0] == OK
    clock.now += 30
    assert state.vote(state.join("192.168.1.23")[1], nummer, "a")[0] == OK
    assert state.tally() == {"a": 1, "b": 1, "c": 0}
    # the addresses are not kept, not even in memory: only keyed hashes
    assert "192.168.1.23" not in repr(vars(state))


def test_the_cap_counts_active_phones_and_a_returning_phone_finds_its_vote():
    clock = FakeClock(100.0)
    state = LiveState(clock=clock, max_phones=3)
    tokens = joined(state, 3)
    assert state.join("10.9.9.9") == (FULL, None)
    nummer = state.open("Lunch", "Wat doe je?", OPTIONS)
    assert state.vote(tokens[0], nummer, "a")[0] == OK
    clock.now += ACTIVE_SECONDS + 1  # the first phone left the room (or locked its screen)
    for token in tokens[1:]:
        state.poll(token)
    newcomer = state.join("10.9.9.9")
    assert newcomer[0] == OK
    assert state.phones() == 3
    assert state.join("10.9.9.10") == (FULL, None)  # the others are active
    # the first phone comes back, joins again (its token was given up) and votes again:
    # its ballot was kept per address, so it still counts once
    assert state.poll(tokens[0])[0] == UNKNOWN_PHONE
    clock.now += ACTIVE_SECONDS + 1
    for token in (tokens[1], newcomer[1]):
        state.poll(token)
    status, back = state.join("10.0.0.1")
    assert status == OK
    assert state.poll(back)[1]["mijn_stem"] == "a"
    assert state.vote(back, nummer, "c")[0] == OK
    assert state.tally() == {"a": 0, "b": 0, "c": 1}


def test_wrong_codes_make_an_address_wait_longer_and_a_429_tells_nothing():
    clock = FakeClock(100.0)
    state = LiveState(clock=clock)
    guesser, phone = "10.1.1.1", "10.1.1.2"
    answers = [state.door(guesser, right=False) for _ in range(FREE_GUESSES + 1)]
    assert answers == [UNKNOWN_CODE] * (FREE_GUESSES + 1)
    # now it waits, and while it waits the right code gets the same answer as a wrong one
    assert state.door(guesser, right=False) == TOO_FAST
    assert state.door(guesser, right=True) == TOO_FAST
    assert state.door(phone, right=True) == OK  # the room is not locked out
    waits = []
    for _ in range(12):
        waited = 0.0
        while state.door(guesser, right=False) == TOO_FAST:
            clock.now += 0.25
            waited += 0.25
        waits.append(waited)
    assert waits[0] >= 1 and waits[-1] >= 500  # doubling, up to minutes
    assert all(later >= earlier for earlier, later in itertools.pairwise(waits))
    # in a two-hour session an address gets only a few dozen guesses in all
    guesses, clock.now = 0, 0.0
    fresh = LiveState(clock=clock)
    while clock.now < 7200:
        if fresh.door("10.2.2.2", right=False) == UNKNOWN_CODE:
            guesses += 1
        clock.now += 0.01
    assert guesses < 40
    # a right code (after the wait) forgives the typos
    clock.now += 10_000
    assert fresh.door("10.2.2.2", right=True) == OK
    assert fresh.door("10.2.2.2", right=False) == UNKNOWN_CODE


def test_the_running_counts_come_with_the_question_and_a_change_number():
    state = LiveState()
    anna, bram = joined(state, 2)
    assert state.running() is None
    nummer = state.open("Lunch", "Wat doe je?", OPTIONS, ref=(1, None))
    before = state.version
    state.vote(anna, nummer, "a")
    state.vote(anna, nummer, "a")  # the same again changes nothing
    state.vote(bram, nummer, "b")
    running = state.running()
    assert running is not None
    assert running.ref == (1, None)
    assert running.counts == {"a": 1, "b": 1, "c": 0}
    assert running.version == before + 2


def test_connected_counts_phones_that_polled_recently():
    clock = FakeClock(100.0)
    state = LiveState(clock=clock)
    first, second = joined(state, 2)
    assert state.connected() == 2
    clock.now += CONNECTED_SECONDS / 2
    state.poll(first)
    clock.now += CONNECTED_SECONDS / 2 + 1
    assert state.connected() == 1
    state.poll(second)
    state.end()
    assert not state.told_everyone()  # both were connected and have not asked since
    assert state.poll(second)[1]["stand"] == "einde"
    assert not state.told_everyone()
    assert state.poll(first)[1]["stand"] == "einde"
    assert state.told_everyone()
    assert state.join("10.5.5.5") == (ENDED, None)
    assert state.poll("verzonnen") == (ENDED, None)


def test_threshold_must_be_positive():
    with pytest.raises(ValueError):
        LiveState(threshold=0)


@pytest.mark.parametrize("large", [False, True])
def test_the_terminal_qr_code_draws_exactly_segnos_modules(large: bool):
    url = "http://192.168.178.23:8765/k3m9px/"
    modules = qr.matrix(url)
    rows = qr.lines(url, large)
    decoded: list[list[bool]] = []
    if large:
        decoded = [[row[i : i + 2] == "██" for i in range(0, len(row), 2)] for row in rows]
    else:
        for row in rows:
            decoded.append([c in "█▀" for c in row])
            decoded.append([c in "█▄" for c in row])
        decoded = decoded[: len(modules)]
    assert decoded == modules
    assert (len(rows[0]), len(rows)) == qr.size(url, large)
    # quiet zone all round, and the finder pattern's dark corner at the top left
    assert not any(modules[0]) and not any(modules[-1])
    assert modules[qr.BORDER][qr.BORDER]
