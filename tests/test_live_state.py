"""The in-memory phone-voting state, driven directly with a fake clock: joining, one ballot
per phone that can change while the question is open, counts, closing, the threshold
for results, rate limits and the connected count."""

from __future__ import annotations

import pytest

from gesprek.live import qr
from gesprek.live.state import (
    CLOSED,
    CODE_ALPHABET,
    CONNECTED_SECONDS,
    FULL,
    OK,
    TOO_FAST,
    UNKNOWN_OPTION,
    UNKNOWN_PHONE,
    LiveState,
    may_show,
    new_code,
)
from tests.fakes import FakeClock

OPTIONS = [("a", "Ik betaal"), ("b", "Ik neem het aan"), ("c", "Ik meld het")]


def joined(state: LiveState, n: int) -> list[str]:
    tokens = []
    for _ in range(n):
        status, token = state.join()
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


def test_one_device_cannot_make_itself_many_phones():
    clock = FakeClock(100.0)
    state = LiveState(clock=clock)
    answers = [state.join("192.168.1.23")[0] for _ in range(10)]
    assert answers == [OK] * 6 + [TOO_FAST] * 4
    assert state.join("192.168.1.24")[0] == OK  # the next phone in the room
    clock.now += 20
    assert state.join("192.168.1.23")[0] == OK
    assert state.join("192.168.1.23")[0] == TOO_FAST
    # the addresses are not kept, not even in memory: only keyed hashes
    assert "192.168.1.23" not in repr(vars(state))
    assert LiveState(limit_joins_per_address=False).join("192.168.1.23")[0] == OK


def test_joins_are_capped():
    state = LiveState(max_phones=5)
    joined(state, 5)
    assert state.join() == (FULL, None)


def test_wrong_code_guessing_is_slowed_down():
    clock = FakeClock(100.0)
    state = LiveState(clock=clock)
    allowed = [state.stranger() for _ in range(200)]
    assert 40 <= allowed.count(True) <= 60
    clock.now += 1
    assert state.stranger()


def test_connected_counts_phones_that_polled_recently():
    clock = FakeClock(100.0)
    state = LiveState(clock=clock)
    first, second = joined(state, 2)
    assert state.connected() == 2
    clock.now += CONNECTED_SECONDS / 2
    state.poll(first)
    clock.now += CONNECTED_SECONDS / 2 + 1
    assert state.connected() == 1
    state.end()
    assert state.poll(second)[1]["stand"] == "einde"


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
