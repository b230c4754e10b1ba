"""The session engine.

A session is an ordered list of parts (items with planned minutes). Each part is a list
of phases that follow its type's flow (``gesprek.content.kinds``):

- ``vote`` (dilemma, stelling, kennisvraag) with options: ``vraag`` (vote) -> ``uitslag``
  (results; for a kennisvraag the correct answer and explanation);
- a dilemma without options: ``gesprek``;
- ``steps`` (casus): ``inleiding``, then per step ``stap`` (the story and its questions)
  and, where the step has a beslismoment, ``beslismoment`` (vote) and ``uitslag``
  (results and the actual outcome);
- ``questions`` (beroepscode and ronde): ``vragen``, one phase per question.

The engine knows nothing of terminals or networks. The clock is passed in. Whatever must
be kept (votes, notes, part progress) is handed to an ``observer`` the moment it happens;
the terminal session wires the records store to it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from gesprek.content.kinds import kind_of, questions_of, steps_of
from gesprek.content.models import Stemming

Clock = Callable[[], float]


class Observer(Protocol):
    def votes(
        self, positie: int, stap: int | None, counts: Mapping[str, int], bron: str
    ) -> None: ...

    def note(self, positie: int | None, soort: str, tekst: str) -> None: ...

    def part(self, positie: int, status: str, fase: int, seconds: float) -> None: ...

    def finished(self) -> None: ...

    def corrected(
        self, positie: int, stap: int | None, previous: Mapping[str, Mapping[str, int]]
    ) -> None: ...


class _Nobody:
    def votes(self, positie: int, stap: int | None, counts: Mapping[str, int], bron: str) -> None:
        pass

    def note(self, positie: int | None, soort: str, tekst: str) -> None:
        pass

    def part(self, positie: int, status: str, fase: int, seconds: float) -> None:
        pass

    def finished(self) -> None:
        pass

    def corrected(
        self, positie: int, stap: int | None, previous: Mapping[str, Mapping[str, int]]
    ) -> None:
        pass


class VoteError(ValueError):
    """Counts that do not fit the question; the message is Dutch and short."""


@dataclass(frozen=True)
class Phase:
    kind: str  # vraag, uitslag, gesprek, inleiding, stap, beslismoment, vragen
    stap: int | None = None
    stemming: Stemming | None = None
    vraag: int | None = None

    @property
    def votes_open(self) -> bool:
        return self.stemming is not None and self.kind in ("vraag", "beslismoment")

    @property
    def reveals(self) -> bool:
        return self.kind == "uitslag"


def phases_of(item: Any) -> list[Phase]:
    """The phases of an item, from its type's flow (``gesprek.content.kinds``)."""
    flow = kind_of(item).flow
    if flow == "vote":
        votes = item.stemmingen()
        if not votes:
            return [Phase("gesprek")]
        return [Phase("vraag", stemming=votes[0]), Phase("uitslag", stemming=votes[0])]
    if flow == "steps":
        phases = [Phase("inleiding")]
        by_step = {v.stap: v for v in item.stemmingen()}
        for number in range(1, len(steps_of(item)) + 1):
            phases.append(Phase("stap", stap=number))
            vote = by_step.get(number)
            if vote is not None:
                phases.append(Phase("beslismoment", stap=number, stemming=vote))
                phases.append(Phase("uitslag", stap=number, stemming=vote))
        return phases
    return [Phase("vragen", vraag=i) for i in range(len(questions_of(item)))]


@dataclass
class Part:
    positie: int
    item: Any
    minutes: int
    status: str = "open"  # open, klaar, overgeslagen
    fase: int = 0
    seconds: float = 0.0
    phases: list[Phase] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.phases:
            self.phases = phases_of(self.item)
        self.fase = min(self.fase, len(self.phases) - 1)

    @property
    def done(self) -> bool:
        return self.status != "open"


class Session:
    """The state of one running session."""

    def __init__(
        self,
        parts: Sequence[Part],
        clock: Clock,
        observer: Observer | None = None,
        *,
        votes: Mapping[tuple[int, int | None], Mapping[str, int]] | None = None,
        notes: Sequence[tuple[int | None, str, str]] = (),
        sources: Mapping[tuple[int, int | None], Mapping[str, Mapping[str, int]]] | None = None,
    ) -> None:
        if not parts:
            raise ValueError("a session needs at least one part")
        self.parts = list(parts)
        self.clock = clock
        self.observer: Observer = observer or _Nobody()
        self.counts: dict[tuple[int, int | None], dict[str, int]] = {
            k: dict(v) for k, v in (votes or {}).items()
        }
        # The counts per source (bron) of the questions voted on; ``counts`` holds their
        # sum. (A resumed session passes them; without, stored votes are known summed.)
        self.sources: dict[tuple[int, int | None], dict[str, dict[str, int]]] = {
            k: {bron: dict(c) for bron, c in v.items()} for k, v in (sources or {}).items()
        }
        self.notes: list[tuple[int | None, str, str]] = list(notes)
        self.index = next((i for i, p in enumerate(self.parts) if not p.done), len(self.parts))
        self.finished = self.index >= len(self.parts)
        self._entered = clock()

    # -- where we are ------------------------------------------------------------------------

    @property
    def part(self) -> Part:
        return self.parts[min(self.index, len(self.parts) - 1)]

    @property
    def phase(self) -> Phase:
        return self.part.phases[self.part.fase]

    def current_counts(self) -> dict[str, int] | None:
        phase = self.phase
        if phase.stemming is None:
            return None
        return self.counts.get((self.part.positie, phase.stemming.stap))

    # -- time --------------------------------------------------------------------------------

    def part_seconds(self) -> float:
        running = 0.0 if self.finished else self.clock() - self._entered
        return self.part.seconds + running

    def total_seconds(self) -> float:
        spent = sum(p.seconds for p in self.parts)
        return spent + (0.0 if self.finished else self.clock() - self._entered)

    def planned_seconds(self) -> int:
        return 60 * sum(p.minutes for p in self.parts)

    def behind_seconds(self) -> float:
        """How far the session runs behind its plan: the time spent on the parts done
        against their planned time, plus how far the current part runs over its own
        (negative: ahead). Running late stays until time is made up on later parts."""
        current = None if self.finished else self.part
        behind = 0.0
        for part in self.parts:
            if part is current:
                behind += max(0.0, self.part_seconds() - 60 * part.minutes)
            elif part.done:
                behind += part.seconds - 60 * part.minutes
        return behind

    def _bank_time(self) -> None:
        now = self.clock()
        if not self.finished:
            self.part.seconds += now - self._entered
        self._entered = now

    def _save(self, part: Part) -> None:
        self.observer.part(part.positie, part.status, part.fase, part.seconds)

    # -- moving ------------------------------------------------------------------------------

    def next(self) -> None:
        """Go on: the next phase of this part, or the next part."""
        if self.finished:
            return
        part = self.part
        if part.fase < len(part.phases) - 1:
            self._bank_time()
            part.fase += 1
            self._save(part)
            return
        self._leave(part, "klaar")  # discussed to the end: finished, also if skipped before

    def skip(self) -> None:
        """Skip the rest of this part. A part finished before (the facilitator went back
        to it) stays finished."""
        if self.finished:
            return
        part = self.part
        if part.status == "open":
            self._leave(part, "overgeslagen" if part.fase == 0 else "klaar")
        else:
            self._leave(part, part.status)

    def back(self) -> None:
        """Back to the previous part, at its first phase. From the closing screen, back to
        the last part. Going back never changes whether a part was finished or skipped."""
        if self.finished:
            self.finished = False
            self._entered = self.clock()
            self.part.fase = 0
            self._save(self.part)
            return
        if self.index == 0:
            if not self.finished:
                self._bank_time()
                self.part.fase = 0
                self._save(self.part)
            return
        self._bank_time()
        if not self.finished:
            self._save(self.part)
        self.finished = False
        self.index -= 1
        previous = self.part
        previous.fase = 0
        self._save(previous)

    def _leave(self, part: Part, status: str) -> None:
        self._bank_time()
        part.status = status
        self._save(part)
        # On to the next part in order (one finished before is shown again, as it was); past
        # the end, to the first part still open, if any.
        following = self.index + 1 if self.index + 1 < len(self.parts) else None
        if following is None:
            following = next((i for i, p in enumerate(self.parts) if not p.done), None)
        if following is None:
            self.index = len(self.parts) - 1
            self.finished = True
        else:
            self.index = following

    def close(self) -> None:
        """The facilitator ends the session (after the closing screen)."""
        self.pause()
        self.finished = True
        self.observer.finished()

    def pause(self) -> None:
        """Bank the time of the current part (on Ctrl-C or a crash handler)."""
        if not self.finished:
            self._bank_time()
            self._save(self.part)

    # -- input -------------------------------------------------------------------------------

    def vote(
        self,
        counts: Sequence[int] | Mapping[str, int],
        bron: str = "hand",
        *,
        added_by_hand: Sequence[int] | Mapping[str, int] | None = None,
    ) -> dict[str, int]:
        """Record the counts for the open question, then move on to its results.

        ``bron`` says where the counts come from (``hand``, ``telefoon``); ``added_by_hand``
        are hand counts of people without a phone, kept as a source of their own. The
        question's counts are the sum. A vote replaces everything recorded for the question
        before: a source that is not part of it is recorded as zeros."""
        phase = self.phase
        if not phase.votes_open or phase.stemming is None:
            raise VoteError("hier wordt niet gestemd")
        ids = [o.id for o in phase.stemming.opties]
        given = {bron: _values(counts, ids)}
        if added_by_hand is not None:
            if bron == "hand":
                raise VoteError("handstemmen kunnen alleen bij stemmen van een andere bron")
            given["hand"] = _values(added_by_hand, ids)
        key = (self.part.positie, phase.stemming.stap)
        before = set(self.sources.get(key, {}))
        if key in self.counts and key not in self.sources:
            before |= set(SOURCES)  # resumed: which sources were stored is not known here
        # Store first: a vote the records file refused (locked, full) is not shown as counted.
        for source in sorted(before - set(given)):
            self.observer.votes(
                self.part.positie, phase.stemming.stap, dict.fromkeys(ids, 0), source
            )
        for source, values in given.items():
            self.observer.votes(self.part.positie, phase.stemming.stap, values, source)
        self.sources[key] = given
        total = {i: sum(values[i] for values in given.values()) for i in ids}
        self.counts[key] = total
        self.next()
        return total

    def correct(self, counts: Sequence[int] | Mapping[str, int]) -> dict[str, int]:
        """Correct the counts of the vote whose results are shown: the new counts (by hand)
        replace the question's counts; the replaced ones go to the observer's
        ``corrected``, so the records keep them."""
        phase = self.phase
        if self.finished or not phase.reveals or phase.stemming is None:
            raise VoteError("hier is geen stemming om te corrigeren")
        key = (self.part.positie, phase.stemming.stap)
        if key not in self.counts:
            raise VoteError("over deze vraag is niet gestemd")
        ids = [o.id for o in phase.stemming.opties]
        values = _values(counts, ids)
        previous = self.sources.get(key) or {"hand": dict(self.counts[key])}
        self.observer.corrected(self.part.positie, phase.stemming.stap, previous)
        known = set(previous) | (set(SOURCES) if key not in self.sources else set())
        for source in sorted(known - {"hand"}):
            self.observer.votes(
                self.part.positie, phase.stemming.stap, dict.fromkeys(ids, 0), source
            )
        self.observer.votes(self.part.positie, phase.stemming.stap, values, "hand")
        self.sources[key] = {"hand": values}
        self.counts[key] = dict(values)
        return dict(values)

    def stored(self, key: tuple[int, int | None], counts: Mapping[str, int], bron: str) -> None:
        """Counts of question ``key`` from ``bron`` that were stored without the engine
        (phone votes, committed as they came in): they count in its results, and a later
        vote on it replaces them like any other source."""
        sources = self.sources.setdefault(key, {})
        if key in self.counts and len(sources) == 0:
            sources.update({s: {} for s in SOURCES})  # stored before, split unknown
        sources[bron] = {o: int(n) for o, n in counts.items()}
        total: dict[str, int] = {}
        for values in sources.values():
            for optie, n in values.items():
                total[optie] = total.get(optie, 0) + n
        self.counts[key] = total

    def note(self, tekst: str, soort: str = "notitie") -> None:
        tekst = tekst.strip()
        if not tekst:
            return
        positie = self.part.positie
        self.observer.note(positie, soort, tekst)
        self.notes.append((positie, soort, tekst))


SOURCES = ("hand", "telefoon")


def _values(counts: Sequence[int] | Mapping[str, int], ids: Sequence[str]) -> dict[str, int]:
    """Counts for the options ``ids``, checked: a VoteError for unknown options, a wrong
    number of counts or negative counts."""
    if isinstance(counts, Mapping):
        unknown = set(counts) - set(ids)
        if unknown:
            raise VoteError(f"onbekende optie {sorted(unknown)[0]}")
        values = {i: int(counts.get(i, 0)) for i in ids}
    else:
        if len(counts) != len(ids):
            raise VoteError(f"geef {len(ids)} aantallen, één per optie")
        values = dict(zip(ids, (int(c) for c in counts), strict=True))
    if any(v < 0 for v in values.values()):
        raise VoteError("aantallen kunnen niet negatief zijn")
    return values
