"""The in-memory state of phone voting: the join code, the phones (random tokens), the
question that is open, one ballot per phone, and what the phones may see. No I/O.

Thread-safe: the web server's event loop and the facilitator's terminal both call in; every
method holds one lock for a few dictionary operations. The clock is passed in.

One device, one vote: a phone is its network address. Each address holds at most one
token; a rejoin from that address gets the same token back, and its ballot is kept per
address, so a new token (after a reload, or after an idle phone made room) can never add a
second vote. Addresses are kept only as keyed hashes (the key is random per session), and
tokens only here, for the duration of the session: they are never stored, logged or handed
to the session engine, which only ever receives counts per option."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gesprek.content.text import letter

# Lower-case letters and digits that cannot be mistaken for one another (no i, l, o, 0, 1).
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 6

CONNECTED_SECONDS = 15.0  # a phone that polled within this time counts as connected
ACTIVE_SECONDS = 60.0  # a phone silent for longer may make room when the session is full
MAX_PHONES = 1000

# Per phone: sustained requests per second and burst (the page polls every 1.5 s).
PHONE_RATE, PHONE_BURST = 4.0, 15.0
# New phones over all addresses, per second.
JOIN_RATE, JOIN_BURST = 50.0, 1000.0
# Wrong join codes from one address: a few are free (a typo), then that address waits
# 1 s, 2 s, 4 s ... up to 10 minutes before its next request is looked at. While it waits,
# every request from it gets the same 429, with the right code too, so a 429 tells nothing.
FREE_GUESSES = 5
BACKOFF_FIRST, BACKOFF_MAX = 1.0, 600.0
MAX_DOORS = 20_000  # addresses with wrong guesses remembered (oldest forgotten first)

# What the server answers, as plain words (the server maps them to HTTP statuses).
OK = "ok"
UNKNOWN_PHONE = "onbekende-telefoon"
UNKNOWN_CODE = "onbekende-code"
TOO_FAST = "te-snel"
CLOSED = "gesloten"
UNKNOWN_OPTION = "onbekende-optie"
FULL = "vol"
ENDED = "afgelopen"

Clock = Callable[[], float]


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def valid_code(code: str) -> bool:
    return len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)


def may_show(phone_votes: int, threshold: int) -> bool:
    """Results may be shown when no phone voted (hand counts are public anyway) or when at
    least ``threshold`` phones did, so that no two or three people can be told apart."""
    return phone_votes == 0 or phone_votes >= threshold


def hidden_text(threshold: int) -> str:
    return (
        f"Te weinig stemmen om de uitslag te tonen: minimaal {threshold} via telefoon, "
        "zodat niemand te herleiden is."
    )


@dataclass
class Bucket:
    """A token bucket: ``take()`` is False when the caller is too fast."""

    rate: float
    burst: float
    level: float = -1.0
    at: float = 0.0

    def take(self, now: float) -> bool:
        if self.level < 0:
            self.level, self.at = self.burst, now
        self.level = min(self.burst, self.level + (now - self.at) * self.rate)
        self.at = now
        if self.level < 1.0:
            return False
        self.level -= 1.0
        return True


@dataclass
class _Phone:
    key: bytes  # keyed hash of its address
    token: str
    seen: float
    bucket: Bucket
    told_end: bool = False


@dataclass
class _Door:
    """Wrong join codes from one address."""

    fails: int = 0
    until: float = 0.0


@dataclass(frozen=True)
class Option:
    id: str
    tekst: str


@dataclass
class _Question:
    nummer: int
    tekst: str
    opties: tuple[Option, ...]
    ref: Hashable = None  # what the facilitator's side calls this question
    ballots: dict[bytes, str] = field(default_factory=dict)  # address key -> option id
    cast: dict[bytes, int] = field(default_factory=dict)  # address key -> change number


@dataclass(frozen=True)
class Running:
    """The counts of the open (or just closed) question as of change ``version``."""

    ref: Hashable
    counts: dict[str, int]
    version: int


class LiveState:
    def __init__(
        self,
        *,
        threshold: int = 3,
        clock: Clock = time.monotonic,
        code: str | None = None,
        max_phones: int = MAX_PHONES,
    ) -> None:
        if threshold < 1:
            raise ValueError("threshold must be at least 1")
        self.code = code if code and valid_code(code) else new_code()
        self.threshold = threshold
        self.clock = clock
        self.max_phones = max_phones
        self._lock = threading.Lock()
        self._phones: dict[str, _Phone] = {}  # token -> phone
        self._by_address: dict[bytes, _Phone] = {}
        self._stage = "wacht"  # wacht, open, gesloten, uitslag, einde, pauze
        self._titel = ""
        self._question: _Question | None = None
        self._numbers = 0
        self._result: dict[str, Any] | None = None
        self._joins = Bucket(JOIN_RATE, JOIN_BURST)
        # Addresses only as keyed hashes: not even memory holds them.
        self._salt = secrets.token_bytes(16)
        self._doors: dict[bytes, _Door] = {}
        self.version = 0  # bumped on every change of a ballot
        # With a committer: the change number known to be in the records. A phone sees its
        # vote as received only from then on (None: nothing is recorded, all is final).
        self.stored_version: int | None = None
        self._audience: set[str] = set()  # tokens connected when the session ended

    def _key(self, address: str) -> bytes:
        return hashlib.blake2b(address.encode(), key=self._salt, digest_size=16).digest()

    # -- the door: join codes ----------------------------------------------------------------

    def door(self, address: str, right: bool) -> str:
        """Whether a request from ``address`` is looked at: ``TOO_FAST`` while the address
        waits after wrong codes (whatever code it sends now), else ``OK`` for the right
        code and ``UNKNOWN_CODE`` for a wrong one (which makes the address wait longer)."""
        with self._lock:
            now = self.clock()
            key = self._key(address)
            door = self._doors.get(key)
            if door is not None and now < door.until:
                return TOO_FAST
            if right:
                if door is not None:
                    del self._doors[key]
                return OK
            if door is None:
                if len(self._doors) >= MAX_DOORS:
                    del self._doors[next(iter(self._doors))]
                door = self._doors[key] = _Door()
            door.fails += 1
            if door.fails > FREE_GUESSES:
                wait = BACKOFF_FIRST * 2 ** min(30, door.fails - FREE_GUESSES - 1)
                door.until = now + min(BACKOFF_MAX, wait)
            return UNKNOWN_CODE

    # -- the phones' side (called by the web server) -----------------------------------------

    def join(self, address: str) -> tuple[str, str | None]:
        """The phone at ``address``: ``(OK, token)`` -- the same token for as long as this
        session holds it -- or ``(FULL | TOO_FAST | ENDED, None)``."""
        with self._lock:
            now = self.clock()
            if self._stage in ("einde", "pauze"):
                return ENDED, None
            key = self._key(address)
            phone = self._by_address.get(key)
            if phone is not None:
                if not phone.bucket.take(now):
                    return TOO_FAST, None
                phone.seen = now
                return OK, phone.token
            if len(self._phones) >= self.max_phones and not self._make_room(now):
                return FULL, None
            if not self._joins.take(now):
                return TOO_FAST, None
            token = secrets.token_urlsafe(24)
            phone = _Phone(key, token, now, Bucket(PHONE_RATE, PHONE_BURST))
            self._phones[token] = phone
            self._by_address[key] = phone
            return OK, token

    def _make_room(self, now: float) -> bool:
        """Forget the phone silent the longest, if it is no longer active. Its ballot stays
        (ballots are kept per address): if it comes back, it joins again and finds it."""
        oldest = min(self._phones.values(), key=lambda p: p.seen)
        if oldest.seen > now - ACTIVE_SECONDS:
            return False
        del self._phones[oldest.token]
        del self._by_address[oldest.key]
        return True

    def poll(self, token: str) -> tuple[str, dict[str, Any] | None]:
        """What this phone should show now."""
        with self._lock:
            status = self._admit(token)
            if status != OK:
                return status, None
            if self._stage in ("einde", "pauze"):
                self._phones[token].told_end = True
            return OK, self._view(token)

    def vote(self, token: str, nummer: int, optie: str) -> tuple[str, dict[str, Any] | None]:
        """One ballot for the open question ``nummer``; a later one from the same phone
        replaces it while the question is open."""
        with self._lock:
            status = self._admit(token)
            if status != OK:
                return status, None
            question = self._question
            if self._stage != "open" or question is None or question.nummer != nummer:
                return CLOSED, self._view(token)
            if optie not in {o.id for o in question.opties}:
                return UNKNOWN_OPTION, self._view(token)
            key = self._phones[token].key
            if question.ballots.get(key) != optie:
                question.ballots[key] = optie
                self.version += 1
                question.cast[key] = self.version
            return OK, self._view(token)

    def view_of(self, token: str) -> dict[str, Any] | None:
        """What this phone sees now, without counting as a request (after its vote was
        stored)."""
        with self._lock:
            return self._view(token) if token in self._phones else None

    def _admit(self, token: str) -> str:
        phone = self._phones.get(token) if isinstance(token, str) else None
        if phone is None:
            return ENDED if self._stage in ("einde", "pauze") else UNKNOWN_PHONE
        now = self.clock()
        if not phone.bucket.take(now):
            return TOO_FAST
        phone.seen = now
        return OK

    def _view(self, token: str) -> dict[str, Any]:
        question = self._question
        view: dict[str, Any] = {
            "stand": self._stage,
            "titel": self._titel,
            "vraag": None,
            "mijn_stem": None,
            "uitslag": None,
        }
        if question is not None and self._stage in ("open", "gesloten", "uitslag"):
            view["vraag"] = {
                "nummer": question.nummer,
                "tekst": question.tekst,
                "opties": [
                    {"id": o.id, "letter": letter(i), "tekst": o.tekst}
                    for i, o in enumerate(question.opties)
                ],
            }
            key = self._phones[token].key
            stored = self.stored_version is None or question.cast.get(key, 0) <= self.stored_version
            view["mijn_stem"] = question.ballots.get(key) if stored else None
        if self._stage == "uitslag":
            view["uitslag"] = self._result
        return view

    def running(self) -> Running | None:
        """The counts of the current question and the change they include (for the
        records: counts only, never who)."""
        with self._lock:
            question = self._question
            if question is None:
                return None
            return Running(question.ref, self._tally(), self.version)

    # -- the facilitator's side (called from the terminal) -----------------------------------

    def show(self, titel: str) -> None:
        """The session shows something without an open vote: phones wait, and see the
        title of what is on the screen. An open vote ends on the phones (the facilitator's
        side takes its counts first: ``close()``)."""
        with self._lock:
            self._titel = titel
            self._stage = "wacht"
            self._question = None
            self._result = None

    def open(
        self,
        titel: str,
        vraag: str,
        opties: Sequence[tuple[str, str]],
        ref: Hashable = None,
    ) -> int:
        """Open a new question for voting; its number (votes must name it). ``ref`` comes
        back with its running counts (``running()``)."""
        with self._lock:
            self._numbers += 1
            self._titel = titel
            self._question = _Question(
                self._numbers, vraag, tuple(Option(i, t) for i, t in opties), ref
            )
            self._stage = "open"
            self._result = None
            return self._numbers

    def present(self, titel: str, vraag: str, opties: Sequence[tuple[str, str]]) -> int:
        """A question on the screen that phones did not vote on (counted by hand): closed
        from the start, so its results can be revealed."""
        nummer = self.open(titel, vraag, opties)
        self.close()
        return nummer

    @property
    def stage(self) -> str:
        with self._lock:
            return self._stage

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self._stage == "open"

    @property
    def nummer(self) -> int | None:
        with self._lock:
            return self._question.nummer if self._question is not None else None

    def tally(self) -> dict[str, int]:
        """Votes per option of the current question (zeros included)."""
        with self._lock:
            return self._tally()

    def _tally(self) -> dict[str, int]:
        question = self._question
        if question is None:
            return {}
        counts = dict.fromkeys((o.id for o in question.opties), 0)
        for optie in question.ballots.values():
            counts[optie] += 1
        return counts

    def ballots(self) -> int:
        with self._lock:
            return len(self._question.ballots) if self._question is not None else 0

    def close(self) -> dict[str, int]:
        """Stop accepting votes; the counts per option."""
        with self._lock:
            if self._stage == "open":
                self._stage = "gesloten"
            return self._tally()

    def reveal(self, counts: Mapping[str, int] | None, phone_votes: int) -> bool:
        """Show ``counts`` (phone and hand votes together) on the phones, unless fewer than
        ``threshold`` phones voted; ``None``: nobody voted. True when counts are shown."""
        with self._lock:
            question = self._question
            self._stage = "uitslag"
            if counts is None or question is None:
                self._result = {"verborgen": "Er is niet gestemd over deze vraag."}
                return False
            if not may_show(phone_votes, self.threshold):
                self._result = {"verborgen": hidden_text(self.threshold)}
                return False
            rows = [
                {
                    "id": o.id,
                    "letter": letter(i),
                    "tekst": o.tekst,
                    "aantal": int(counts.get(o.id, 0)),
                }
                for i, o in enumerate(question.opties)
            ]
            self._result = {
                "verborgen": None,
                "stemmen": rows,
                "totaal": sum(r["aantal"] for r in rows),
            }
            return True

    def end(self, final: bool = True) -> None:
        """The session is over (``final``) or paused: phones say so and stop asking (after
        a pause they keep asking, slowly, to come back when it resumes); nothing is
        accepted any more, and no new phone joins."""
        with self._lock:
            self._stage = "einde" if final else "pauze"
            self._question = None
            self._result = None
            limit = self.clock() - CONNECTED_SECONDS
            self._audience = {t for t, p in self._phones.items() if p.seen >= limit}

    def told_everyone(self) -> bool:
        """Every phone connected when the session ended has seen that it ended."""
        with self._lock:
            return all(self._phones[t].told_end for t in self._audience if t in self._phones)

    def connected(self) -> int:
        """Phones that asked for the state recently."""
        with self._lock:
            limit = self.clock() - CONNECTED_SECONDS
            return sum(1 for p in self._phones.values() if p.seen >= limit)

    def phones(self) -> int:
        """Phones that hold a token now (at most one per address)."""
        with self._lock:
            return len(self._phones)
