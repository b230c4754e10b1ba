"""The session engine, driven directly (no terminal): the flow of every item type, voting,
going back and skipping, and time against the plan with a fake clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from gesprek.content.models import SESSION_TYPES
from gesprek.content.selection import select
from gesprek.reports.results import results
from gesprek.session.engine import Part, Session, VoteError, phases_of
from gesprek.store.records import Store
from gesprek.ui.counts import parse_counts
from tests.fakes import FakeClock
from tests.sessions import start
from tests.testpack import pack_library

LIB = pack_library()


def item(item_id: str):
    return LIB.items[item_id]


class Observer:
    """Collects what the engine hands to its observer (the engine's own interface)."""

    def __init__(self) -> None:
        self.vote_log: list[tuple[int, int | None, dict[str, int], str]] = []
        self.notes: list[tuple[int | None, str, str]] = []
        self.parts: list[tuple[int, str, int, float]] = []
        self.closed = 0
        self.corrections: list = []

    def votes(self, positie, stap, counts, bron):
        self.vote_log.append((positie, stap, dict(counts), bron))

    def note(self, positie, soort, tekst):
        self.notes.append((positie, soort, tekst))

    def part(self, positie, status, fase, seconds):
        self.parts.append((positie, status, fase, seconds))

    def finished(self):
        self.closed += 1

    def corrected(self, positie, stap, previous):
        self.corrections.append((positie, stap, previous))


def session_of(*parts: tuple[str, int], clock=None, observer=None) -> Session:
    return Session(
        [Part(n, item(i), m) for n, (i, m) in enumerate(parts, start=1)],
        clock or FakeClock(),
        observer,
    )


def test_a_vote_is_corrected_on_its_results_and_the_old_counts_are_handed_on():
    seen = Observer()
    s = session_of(("test-dilemma", 10), ("test-stelling", 5), observer=seen)
    s.vote([4, 2, 1, 9])
    assert s.correct([4, 2, 1, 0]) == {"a": 4, "b": 2, "c": 1, "d": 0}
    assert s.current_counts() == {"a": 4, "b": 2, "c": 1, "d": 0}
    assert s.index == 0 and s.phase.kind == "uitslag"  # still on the results
    assert seen.corrections == [(1, None, {"hand": {"a": 4, "b": 2, "c": 1, "d": 9}})]
    assert seen.vote_log[-1] == (1, None, {"a": 4, "b": 2, "c": 1, "d": 0}, "hand")
    s.next()
    with pytest.raises(VoteError):  # at a question, nothing to correct
        s.correct([1, 1, 1])


def test_back_and_forward_never_change_a_finished_or_skipped_part():
    s = session_of(("test-dilemma", 10), ("test-stelling", 5), ("test-kennisvraag", 5))
    s.vote([1, 1, 1, 1])
    s.next()  # part 1 klaar
    s.skip()  # part 2 skipped
    s.back()
    s.back()  # back at part 1
    assert [p.status for p in s.parts] == ["klaar", "overgeslagen", "open"]
    s.skip()  # forward over part 1: still finished
    s.skip()  # over part 2: still skipped
    assert [p.status for p in s.parts] == ["klaar", "overgeslagen", "open"]
    assert s.index == 2


# -- the flow per type ------------------------------------------------------------------------


def test_dilemma_shows_the_question_then_the_results_after_the_vote():
    seen = Observer()
    s = session_of(("test-dilemma", 10), observer=seen)
    assert s.phase.kind == "vraag"
    assert s.phase.votes_open and not s.phase.reveals
    assert [o.id for o in s.phase.stemming.opties] == ["a", "b", "c", "d"]

    assert s.vote([4, 2, 1, 0]) == {"a": 4, "b": 2, "c": 1, "d": 0}

    assert s.phase.kind == "uitslag"
    assert s.phase.reveals and not s.phase.votes_open
    assert s.current_counts() == {"a": 4, "b": 2, "c": 1, "d": 0}
    assert seen.vote_log == [(1, None, {"a": 4, "b": 2, "c": 1, "d": 0}, "hand")]
    s.next()
    assert s.finished
    assert s.parts[0].status == "klaar"


def test_an_empty_vote_goes_on_to_the_results_without_counts():
    seen = Observer()
    s = session_of(("test-dilemma", 10), observer=seen)
    s.next()  # the facilitator presses Enter at the Stemmen prompt
    assert s.phase.kind == "uitslag"
    assert s.current_counts() is None
    assert seen.vote_log == []
    s.next()
    assert s.finished
    assert s.counts == {}


def test_stelling_uses_the_default_scale():
    s = session_of(("test-stelling", 5))
    assert [o.id for o in s.phase.stemming.opties] == ["eens", "oneens", "weet-niet"]
    s.vote([3, 1, 0])
    assert s.phase.kind == "uitslag"
    assert s.current_counts() == {"eens": 3, "oneens": 1, "weet-niet": 0}


def test_kennisvraag_reveals_the_correct_options_and_explanation_after_the_vote():
    kv = item("test-kennisvraag")
    correct = tuple(o.id for o in kv.opties if o.juist)
    assert correct == ("sleutel", "wachtwoord", "pas")
    s = session_of(("test-kennisvraag", 5))
    assert s.phase.kind == "vraag" and not s.phase.reveals
    s.vote([5, 4, 2, 1])
    phase = s.phase
    assert phase.kind == "uitslag" and phase.reveals
    assert phase.stemming.juist == correct
    assert "geen" not in phase.stemming.juist
    assert phase.stemming.uitleg == kv.uitleg
    assert s.current_counts() == {"sleutel": 5, "wachtwoord": 4, "pas": 2, "geen": 1}


def test_casus_goes_step_by_step_with_a_vote_at_each_beslismoment():
    casus = item("test-casus")
    moments = [n for n, step in enumerate(casus.stappen, start=1) if step.beslismoment]
    assert len(moments) == 2
    expected = [("inleiding", None)]
    for n in range(1, len(casus.stappen) + 1):
        expected.append(("stap", n))
        if n in moments:
            expected += [("beslismoment", n), ("uitslag", n)]
    assert [(p.kind, p.stap) for p in phases_of(casus)] == expected

    seen = Observer()
    s = session_of(("test-casus", 90), observer=seen)
    walked = []
    for _ in range(len(expected)):
        phase = s.phase
        walked.append((phase.kind, phase.stap))
        if phase.kind == "beslismoment":
            assert phase.votes_open and not phase.reveals
            moment = casus.stappen[phase.stap - 1].beslismoment
            assert [o.id for o in phase.stemming.opties] == [o.id for o in moment.opties]
            s.vote([phase.stap] + [0] * (len(moment.opties) - 1))
            # the outcome of this beslismoment is revealed right after its vote
            assert (s.phase.kind, s.phase.stap) == ("uitslag", phase.stap)
            assert s.phase.reveals
            assert s.current_counts()[moment.opties[0].id] == phase.stap
        else:
            assert not phase.votes_open
            if phase.kind != "uitslag":
                with pytest.raises(VoteError):
                    s.vote([1, 1, 1, 1])
            s.next()
    assert s.finished
    assert walked == expected  # every screen once, in order
    assert [(p, stap) for p, stap, _, _ in seen.vote_log] == [(1, m) for m in moments]
    assert set(s.counts) == {(1, m) for m in moments}


@pytest.mark.parametrize("item_id", ["test-ronde-opening", "test-beroepscode"])
def test_ronde_and_beroepscode_walk_through_their_questions_without_a_vote(item_id):
    questions = item(item_id).vragen
    phases = phases_of(item(item_id))
    assert [(p.kind, p.vraag) for p in phases] == [("vragen", i) for i in range(len(questions))]
    seen = Observer()
    s = session_of((item_id, 10), observer=seen)
    for index in range(len(questions)):
        assert s.phase.vraag == index
        assert not s.phase.votes_open
        with pytest.raises(VoteError, match="niet gestemd"):
            s.vote([1])
        with pytest.raises(VoteError):
            s.vote({})
        s.next()
    assert s.finished
    assert seen.vote_log == []
    assert s.counts == {}


# -- wrong votes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "counts",
    [[4, 2, 1], [4, 2, 1, 0, 0], [], [4, -1, 1, 0], {"a": 1, "x": 2}, {"a": -3}],
    ids=["too-few", "too-many", "none", "negative", "unknown-option", "negative-mapping"],
)
def test_a_wrong_vote_is_refused_and_nothing_is_recorded(counts):
    seen = Observer()
    s = session_of(("test-dilemma", 10), observer=seen)
    with pytest.raises(VoteError):
        s.vote(counts)
    assert seen.vote_log == []
    assert s.counts == {}
    assert s.phase.kind == "vraag"  # still at the question, ready for a new try


def test_a_wrong_vote_leaves_the_records_file_untouched(tmp_path: Path):
    store = Store.open(tmp_path / "r.sqlite")
    sid, s = start(store, "test-dilemma", minutes=[10], team="T", clock=FakeClock())
    for wrong in ([1, 2], [1, 2, 3, -4]):
        with pytest.raises(VoteError):
            s.vote(wrong)
    assert store.votes(sid) == {}
    s.vote([1, 2, 3, 4])
    assert store.votes(sid) == {(1, None): {"a": 1, "b": 2, "c": 3, "d": 4}}
    store.close()


# -- moving ----------------------------------------------------------------------------------


def test_back_reopens_the_previous_part_at_its_start():
    seen = Observer()
    s = session_of(("test-dilemma", 10), ("test-stelling", 5), observer=seen)
    s.vote([1, 2, 3, 4])
    s.next()
    assert s.index == 1 and s.parts[0].status == "klaar"
    s.back()
    assert s.index == 0
    assert s.part.item.id == "test-dilemma"
    # going back never changes whether a part was finished (issue 14, point 10)
    assert s.parts[0].status == "klaar"
    assert s.phase.kind == "vraag"
    assert (1, "klaar", 0) in [(p, st, f) for p, st, f, _ in seen.parts]
    # the earlier counts are still known, and voting again replaces them
    assert s.counts[(1, None)] == {"a": 1, "b": 2, "c": 3, "d": 4}
    s.vote([0, 0, 0, 5])
    assert s.counts[(1, None)] == {"a": 0, "b": 0, "c": 0, "d": 5}
    s.next()
    assert s.index == 1 and s.phase.kind == "vraag"


def test_back_from_the_closing_screen_goes_to_the_last_part():
    s = session_of(("test-dilemma", 10), ("test-stelling", 5))
    for _ in range(4):
        s.next()
    assert s.finished
    s.back()
    assert not s.finished
    assert s.part.item.id == "test-stelling"
    assert s.phase.kind == "vraag"


def test_back_at_the_first_part_starts_it_again():
    s = session_of(("test-dilemma", 10), ("test-stelling", 5))
    s.next()
    assert s.phase.kind == "uitslag"
    s.back()
    assert s.index == 0 and s.phase.kind == "vraag" and not s.finished


def test_skip_leaves_the_part_and_marks_it():
    seen = Observer()
    s = session_of(
        ("test-dilemma", 10),
        ("test-ronde-opening", 10),
        ("test-stelling", 5),
        observer=seen,
    )
    s.skip()
    assert s.parts[0].status == "overgeslagen"
    assert s.part.item.id == "test-ronde-opening"
    s.next()  # one question in: the part was (partly) held
    s.skip()
    assert s.parts[1].status == "klaar"
    assert s.part.item.id == "test-stelling"
    s.skip()
    assert s.finished
    assert [p.status for p in s.parts] == ["overgeslagen", "klaar", "overgeslagen"]
    assert seen.vote_log == []


def test_close_reports_the_end_once():
    seen = Observer()
    s = session_of(("test-stelling", 5), observer=seen)
    s.vote([1, 1, 1])
    s.next()
    s.close()
    assert s.finished and seen.closed == 1


def test_notes_and_agreements_belong_to_the_current_part():
    seen = Observer()
    s = session_of(("test-dilemma", 10), ("test-ronde-opening", 10), observer=seen)
    s.note("  Koffie is anders dan een diner.  ")
    s.note("   ")  # empty: nothing
    s.next()
    s.next()
    s.note("We melden elk aanbod bij de teamchef.", "afspraak")
    assert seen.notes == [
        (1, "notitie", "Koffie is anders dan een diner."),
        (2, "afspraak", "We melden elk aanbod bij de teamchef."),
    ]
    assert s.notes == seen.notes


# -- time ------------------------------------------------------------------------------------


def test_time_per_part_and_for_the_session():
    clock = FakeClock()
    s = session_of(("test-dilemma", 10), ("test-stelling", 5), clock=clock)
    assert s.planned_seconds() == 15 * 60
    assert s.part_seconds() == 0 and s.total_seconds() == 0
    clock.advance(120)
    assert s.part_seconds() == 120
    assert s.total_seconds() == 120
    s.vote([1, 1, 1, 1])  # moving to the results does not reset the part's clock
    clock.advance(60)
    assert s.part_seconds() == 180
    s.next()  # on to the stelling
    assert s.part_seconds() == 0
    clock.advance(30)
    assert s.part_seconds() == 30
    assert s.total_seconds() == 210
    assert s.parts[0].seconds == 180
    # going back: the time goes to the part on screen again
    s.back()
    clock.advance(15)
    assert s.part_seconds() == 195
    assert s.total_seconds() == 225
    assert s.parts[1].seconds == 30


def test_behind_seconds_is_positive_when_the_session_runs_late():
    clock = FakeClock()
    s = session_of(("test-dilemma", 10), ("test-stelling", 5), clock=clock)
    clock.advance(4 * 60)
    assert s.behind_seconds() == 0  # within the part's time: on plan
    clock.advance(7 * 60)  # 11 minutes on a 10-minute part
    assert s.behind_seconds() == 60
    s.next()
    s.next()
    # running late stays visible on the next part (issue 14, point 5) ...
    assert s.behind_seconds() == 60
    clock.advance(6 * 60)  # ... and grows when this part runs over too
    assert s.behind_seconds() == 2 * 60


def test_running_late_ends_when_time_is_made_up():
    clock = FakeClock()
    s = session_of(("test-dilemma", 10), ("test-stelling", 5), clock=clock)
    clock.advance(12 * 60)
    s.next()
    s.next()
    assert s.behind_seconds() == 2 * 60
    clock.advance(3 * 60)  # the 5-minute part done in 3: back on plan
    s.next()
    s.next()
    assert s.behind_seconds() == 0


def test_the_clock_stops_when_the_session_ends_or_pauses():
    clock = FakeClock()
    seen = Observer()
    s = session_of(("test-stelling", 5), clock=clock, observer=seen)
    clock.advance(100)
    s.pause()
    assert seen.parts[-1] == (1, "open", 0, 100)
    s.vote([1, 0, 0])
    clock.advance(50)
    s.next()
    assert s.finished
    total = s.total_seconds()
    assert total == 150
    clock.advance(1000)
    assert s.total_seconds() == total
    s.close()
    assert s.total_seconds() == total


# -- whole sessions ------------------------------------------------------------------------------


def vote_through(s: Session, clock: FakeClock) -> list[tuple[int, int | None]]:
    """Run a session to its end as a facilitator would: a vote at every question, Enter
    everywhere else, two minutes per screen. The questions voted on, in order."""
    voted = []
    for _ in range(1000):
        if s.finished:
            return voted
        clock.advance(120)
        phase = s.phase
        if phase.votes_open:
            n = len(phase.stemming.opties)
            s.vote(list(range(n, 0, -1)))
            voted.append((s.part.positie, phase.stemming.stap))
        else:
            s.next()
    raise AssertionError("the session did not end")


def questions_of(items) -> list[tuple[int, int | None]]:
    return [(n, v.stap) for n, it in enumerate(items, start=1) for v in it.stemmingen()]


PROGRAMMES = [p.id for p in LIB.of_type("programma")]


@pytest.mark.skipif(not PROGRAMMES, reason="nog geen programma's in content/programmas/")
@pytest.mark.parametrize("programme_id", PROGRAMMES or ["-"])
def test_a_whole_programme_from_start_to_end(programme_id: str, tmp_path: Path):
    programme = LIB.items[programme_id]
    selection = select(LIB, programma=programme_id, allowed_types=SESSION_TYPES)
    items = selection.items
    minutes = [selection.duur(i) for i in items]
    assert [i.id for i in items] == [p.item for p in programme.onderdelen]
    assert sum(minutes) == programme.duur
    assert items[0].type == "ronde" and items[-1].type == "ronde"

    store = Store.open(tmp_path / "r.sqlite")
    clock = FakeClock()
    sid, s = start(
        store,
        *(i.id for i in items),
        minutes=minutes,
        team="Basisteam Test",
        programma=programme_id,
        omschrijving=programme.titel,
        clock=clock,
    )
    s.note("Eerste notitie")
    voted = vote_through(s, clock)
    s.note("Afspraak aan het eind", "afspraak")
    s.close()

    assert voted == questions_of(items)
    assert all(p.status == "klaar" for p in s.parts)
    data = results(store, sid)
    assert data["programma"] == programme_id
    assert data["beeindigd"] is not None
    assert [(e["item"], e["stap"]) for e in data["onderdelen"] if e["stemmen"]] == [
        (items[n - 1].id, stap) for n, stap in voted
    ]
    for entry in data["onderdelen"]:
        if entry["stemmen"]:
            assert sum(entry["stemmen"].values()) > 0
    store.close()


def test_a_session_with_every_type_from_start_to_end(tmp_path: Path):
    ids = [
        "test-ronde-opening",
        "test-dilemma",
        "test-kennisvraag",
        "test-stelling",
        "test-casus",
        "test-beroepscode",
        "test-ronde-afsluiting",
    ]
    items = [item(i) for i in ids]
    assert {i.type for i in items} == set(SESSION_TYPES)
    store = Store.open(tmp_path / "r.sqlite")
    clock = FakeClock()
    sid, s = start(store, *ids, team="T", omschrijving="alle soorten", clock=clock)
    voted = vote_through(s, clock)
    s.close()
    assert voted == questions_of(items)
    assert len(voted) == 3 + 2  # dilemma, kennisvraag, stelling, 2 beslismomenten
    screens = sum(len(p.phases) for p in s.parts)
    assert s.total_seconds() == 120 * screens
    assert sum(p.seconds for p in s.parts) == 120 * screens

    data = results(store, sid)
    assert [(e["item"], e["stap"]) for e in data["onderdelen"]] == [
        (ids[n - 1], stap) for n, stap in voted
    ]
    lunch = data["onderdelen"][0]
    assert lunch["stemmen"] == {"a": 4, "b": 3, "c": 2, "d": 1}
    assert data["beeindigd"] is not None
    store.close()


# -- parsing the Stemmen line ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "n", "expected"),
    [
        ("4 2 1", 3, [4, 2, 1]),
        ("4,2,1", 3, [4, 2, 1]),
        ("4, 2, 1", 3, [4, 2, 1]),
        ("  4   2\t1 ", 3, [4, 2, 1]),
        ("0 0", 2, [0, 0]),
        ("12 0 7 3", 4, [12, 0, 7, 3]),
    ],
)
def test_parse_counts_reads_counts_in_option_order(line, n, expected):
    assert parse_counts(line, n) == expected


@pytest.mark.parametrize(
    ("line", "n", "says"),
    [
        ("4 2", 3, "geef 3 aantallen"),
        ("4 2 1 0", 3, "geef 3 aantallen"),
        ("", 3, "geef 3 aantallen"),
        ("a b c", 3, "hele getallen"),
        ("4 twee 1", 3, "hele getallen"),
        ("4 2.5 1", 3, "hele getallen"),
        ("4 -2 1", 3, "negatief"),
    ],
)
def test_parse_counts_refuses_with_a_dutch_hint(line, n, says):
    with pytest.raises(VoteError, match=says):
        parse_counts(line, n)
