"""The in-memory state of phone voting: the join code, the phones (random tokens), the
question that is open, one ballot per phone, and what the phones may see. No I/O.

Thread-safe: the web server's event loop and the facilitator's terminal both call in; every
method holds one lock for a few dictionary operations. The clock is passed in.

Tokens exist only here, for the duration of the session: they are never stored, logged or
handed to the session engine, which only ever receives counts per option."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Lower-case letters and digits that cannot be mistaken for one another (no i, l, o, 0, 1).
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 6

CONNECTED_SECONDS = 15.0  # a phone that polled within this time counts as connected
MAX_PHONES = 1000

# Per phone: sustained requests per second and burst (the page polls every 1.5 s).
PHONE_RATE, PHONE_BURST = 4.0, 15.0
# Joins over all phones, and requests with a wrong join code (guessing), per second.
JOIN_RATE, JOIN_BURST = 50.0, 400.0
STRANGER_RATE, STRANGER_BURST = 10.0, 50.0
# Joins from one network address: a few at once (a reload in a private tab), then one per
# 20 s, so one device cannot make itself many phones (and many votes) quickly.
ADDRESS_RATE, ADDRESS_BURST = 1 / 20, 6.0

# What the server answers, as plain words (the server maps them to HTTP statuses).
OK = "ok"
UNKNOWN_PHONE = "onbekende-telefoon"
TOO_FAST = "te-snel"
CLOSED = "gesloten"
UNKNOWN_OPTION = "onbekende-optie"
FULL = "vol"

Clock = Callable[[], float]


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


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
    seen: float
    bucket: Bucket


@dataclass(frozen=True)
class Option:
    id: str
    tekst: str


@dataclass
class _Question:
    nummer: int
    tekst: str
    opties: tuple[Option, ...]
    ballots: dict[str, str] = field(default_factory=dict)  # token -> option id


class LiveState:
    def __init__(
        self,
        *,
        threshold: int = 3,
        clock: Clock = time.monotonic,
        code: str | None = None,
        max_phones: int = MAX_PHONES,
        limit_joins_per_address: bool = True,
    ) -> None:
        if threshold < 1:
            raise ValueError("threshold must be at least 1")
        self.code = code or new_code()
        self.threshold = threshold
        self.clock = clock
        self.max_phones = max_phones
        self._lock = threading.Lock()
        self._phones: dict[str, _Phone] = {}
        self._stage = "wacht"  # wacht, open, gesloten, uitslag, einde
        self._titel = ""
        self._question: _Question | None = None
        self._numbers = 0
        self._result: dict[str, Any] | None = None
        self._joins = Bucket(JOIN_RATE, JOIN_BURST)
        self._strangers = Bucket(STRANGER_RATE, STRANGER_BURST)
        self.limit_joins_per_address = limit_joins_per_address
        # Per address a join bucket, keyed by a keyed hash: not even memory holds addresses.
        self._salt = secrets.token_bytes(16)
        self._addresses: dict[bytes, Bucket] = {}

    # -- the phones' side (called by the web server) -----------------------------------------

    def join(self, address: str | None = None) -> tuple[str, str | None]:
        """A new phone: ``(OK, token)``, or ``(FULL | TOO_FAST, None)``. ``address`` (the
        client's network address) only limits how fast one device can join; it is kept
        as a keyed hash, in memory, for this session."""
        with self._lock:
            now = self.clock()
            if len(self._phones) >= self.max_phones:
                return FULL, None
            if address is not None and self.limit_joins_per_address:
                key = hashlib.blake2b(address.encode(), key=self._salt, digest_size=16).digest()
                bucket = self._addresses.setdefault(key, Bucket(ADDRESS_RATE, ADDRESS_BURST))
                if not bucket.take(now):
                    return TOO_FAST, None
            if not self._joins.take(now):
                return TOO_FAST, None
            token = secrets.token_urlsafe(24)
            self._phones[token] = _Phone(now, Bucket(PHONE_RATE, PHONE_BURST))
            return OK, token

    def poll(self, token: str) -> tuple[str, dict[str, Any] | None]:
        """What this phone should show now."""
        with self._lock:
            status = self._admit(token)
            if status != OK:
                return status, None
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
            question.ballots[token] = optie
            return OK, self._view(token)

    def stranger(self) -> bool:
        """A request with a wrong join code: False when such requests come too fast."""
        with self._lock:
            return self._strangers.take(self.clock())

    def _admit(self, token: str) -> str:
        phone = self._phones.get(token) if isinstance(token, str) else None
        if phone is None:
            return UNKNOWN_PHONE
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
            view["mijn_stem"] = question.ballots.get(token)
        if self._stage == "uitslag":
            view["uitslag"] = self._result
        return view

    # -- the facilitator's side (called from the terminal) -----------------------------------

    def show(self, titel: str) -> None:
        """The session shows something without an open vote: phones wait, and see the
        title of what is on the screen. An open vote is dropped (nothing is counted)."""
        with self._lock:
            self._titel = titel
            self._stage = "wacht"
            self._question = None
            self._result = None

    def open(self, titel: str, vraag: str, opties: Sequence[tuple[str, str]]) -> int:
        """Open a new question for voting; its number (votes must name it)."""
        with self._lock:
            self._numbers += 1
            self._titel = titel
            self._question = _Question(self._numbers, vraag, tuple(Option(i, t) for i, t in opties))
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

    def end(self) -> None:
        """The session is over: phones say so; nothing is accepted any more."""
        with self._lock:
            self._stage = "einde"
            self._question = None
            self._result = None

    def connected(self) -> int:
        """Phones that asked for the state recently."""
        with self._lock:
            limit = self.clock() - CONNECTED_SECONDS
            return sum(1 for p in self._phones.values() if p.seen >= limit)

    def phones(self) -> int:
        with self._lock:
            return len(self._phones)
