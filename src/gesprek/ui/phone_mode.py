"""The phone-voting mode of the facilitator's terminal (``gesprek sessie --live``): the
join screen with the QR code, a status line on every screen, the keys of a vote, and
keeping the phones in step with the session. The terminal session
(``gesprek.ui.session``) dispatches every key and calls in through ``follow``,
``status``, ``prompt`` and ``command``; ``hidden_note`` says when results must stay off
the projected screen. The phones themselves are reached through ``gesprek.ui.phones.Phones``
(the server lives in ``gesprek.live``; the two never import each other).

Keys at a question, in live mode:

- ``v``: open the vote on the phones;
- Enter while it is open: refresh the number of votes that came in (never the distribution);
- ``u``: close the vote and reveal the results (phone votes plus any hand additions);
- ``+ 2 1 0``: hand counts of people without a phone, added to the phone votes at ``u``;
- ``4 2 1`` (counts without ``+``): count by hand instead, e.g. when the network fails; the
  phone votes of this question are dropped;
- ``q``: show the QR code and the address again (on any screen);
- every other key (``n``, ``a``, ``g``, ``t``, ``o``, ``s``) works as always, also while the
  vote is open: a note leaves it open, moving on closes it and keeps its counts.

The running counts of the open question are stored as votes arrive (``gesprek.live.commit``),
so a crash or a stop keeps every vote a phone was told was received. After ``--hervat`` such
a question is closed, with its stored counts: ``u`` reveals them, ``v`` votes again and
the new votes replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gesprek.content.text import letter, plural
from gesprek.session.engine import Session, VoteError
from gesprek.ui.counts import looks_like_counts, parse_counts
from gesprek.ui.phones import Phones
from gesprek.ui.prompt import ask

LIVE_KEYS_CLOSED = (
    "v=stemming openen op de telefoons  4 2 1=met de hand tellen  "
    "+ 2 1 0=handstemmen erbij  q=QR-code"
)
FIREWALL_SHORT = "Nog geen telefoon verbonden: zelfde wifi? firewall? q = uitleg"
FIREWALL_SHORTER = "geen telefoon? wifi, firewall: q"
LIVE_KEYS_OPEN = (
    "Enter=ververs  u=sluiten en uitslag  + 2 1 0=handstemmen erbij  4 2 1=toch met de hand  q=QR"
)


def _plain(text: str | None) -> str:
    return " ".join((text or "").split())


def _title(session: Session) -> str:
    if session.finished:
        return "Afsluiting"
    part, phase = session.part, session.phase
    title = _plain(part.item.titel)
    if phase.stap:
        title += f" — stap {phase.stap}"
    return title


def _key(session: Session) -> tuple[int, int | None] | None:
    if session.finished or session.phase.stemming is None:
        return None
    return (session.part.positie, session.phase.stemming.stap)


def qr_text(rows: list[str]) -> Any:
    """QR rows as one rich Text, black on white, so it scans whatever the terminal's
    colours are."""
    from rich.text import Text

    text = Text(no_wrap=True, overflow="crop")
    for index, row in enumerate(rows):
        if index:
            text.append("\n")
        text.append(row, style="black on white")
    return text


class PhoneMode:
    def __init__(self, phones: Phones, console: Any, input_line: Callable[[str], str]) -> None:
        self.phones = phones
        self.console = console
        self.input_line = input_line
        self.on_phones: tuple[int, int | None] | None = None  # question open/shown on phones
        self.added: dict[tuple[int, int | None], list[int]] = {}  # hand additions per question

    # -- keeping the phones in step ---------------------------------------------------------

    def follow(self, session: Session) -> None:
        """Show on the phones what the session shows: the open vote, the results, or the
        title of the card (waiting)."""
        key = _key(session)
        if self.on_phones is not None and self.on_phones != key:
            self._take_phone_counts(session, self.on_phones)
        phase = None if session.finished else session.phase
        if phase is not None and phase.votes_open and key is not None:
            if self.on_phones == key and self.phones.is_open:
                return
            self.phones.show(_title(session))
            self.on_phones = None
            return
        if phase is not None and phase.reveals and phase.stemming is not None and key is not None:
            if self.on_phones != key:
                self.phones.present(_title(session), *self._question(session))
                self.on_phones = key
            self.phones.reveal(session.current_counts(), self.phone_votes(session))
            return
        self.phones.show(_title(session))
        self.on_phones = None

    def _take_phone_counts(self, session: Session, key: tuple[int, int | None]) -> dict[str, int]:
        """Close the vote of question ``key`` on the phones, make sure its counts are
        stored, and tell the engine about them (so a later vote replaces them)."""
        if self.on_phones != key or not self.phones.is_open:
            return {}
        counts = self.phones.close()
        recorded = self.phones.store_counts()
        if recorded and sum(counts.values()) > 0:  # in the records: a later vote replaces them
            session.stored(key, counts, "telefoon")
        return counts

    def _question(self, session: Session) -> tuple[str, list[tuple[str, str]]]:
        vote = session.phase.stemming
        assert vote is not None
        return _plain(vote.vraag), [(o.id, _plain(o.tekst)) for o in vote.opties]

    def phone_votes(self, session: Session) -> int:
        key = _key(session)
        counts = session.sources.get(key, {}).get("telefoon") if key is not None else None
        return sum(counts.values()) if counts else 0

    def hidden_note(self, session: Session) -> str | None:
        """Why the results of this question stay off the screen, or None."""
        return self.phones.hidden_note(self.phone_votes(session))

    def open_here(self, session: Session) -> bool:
        return self.on_phones == _key(session) and self.phones.is_open

    # -- what the facilitator sees -------------------------------------------------------------

    def notice(self) -> tuple[str, str] | None:
        """For the ticking status line, once a minute has passed without any phone: a
        hint at the network (long, short), or None."""
        if not self.phones.network_hint():
            return None
        return FIREWALL_SHORT, FIREWALL_SHORTER

    def status(self, session: Session) -> Any:
        """Lines under the card: the address and connected phones, the state of the vote
        (the number of votes, never how they split) and the keys."""
        from rich.text import Text

        text = Text.assemble(
            (" Telefoons ", "bold reverse"),
            f" {self.phones.connected()} verbonden  ·  {self.phones.url}",
        )
        key = _key(session)
        phase = None if session.finished else session.phase
        if phase is not None and phase.votes_open and key is not None:
            stored = session.current_counts()
            if self.open_here(session):
                n = self.phones.ballots()
                line = f"STEMMING OPEN: {plural(n, 'stem', 'stemmen')} binnen"
            elif stored is not None:
                n = sum(stored.values())
                line = (
                    f"Stemming gesloten: {plural(n, 'stem', 'stemmen')} opgeslagen  ·  "
                    "u=uitslag tonen  v=opnieuw stemmen (vervangt ze)"
                )
            else:
                line = "Stemming nog niet geopend"
            if key in self.added:
                line += f"  ·  +{sum(self.added[key])} met de hand"
            text.append("\n" + line, style="bold")
            keys = LIVE_KEYS_OPEN if self.open_here(session) else LIVE_KEYS_CLOSED
            text.append("\n" + keys, style="dim")
            return text
        sources = session.sources.get(key, {}) if key is not None else {}
        if phase is not None and phase.reveals and "telefoon" in sources:
            phones = sum(sources["telefoon"].values())
            hand = sum(sources.get("hand", {}).values())
            text.append(f"\nUitslag: {phones} via telefoon, {hand} met de hand")
        text.append("\nq=QR-code tonen", style="dim")
        return text

    def prompt(self, session: Session) -> str | None:
        """The prompt at a question (it starts with 'Stemmen'), or None elsewhere."""
        phase = session.phase
        if session.finished or not phase.votes_open or phase.stemming is None:
            return None
        if self.open_here(session):
            n = self.phones.ballots()
            return f"Stemmen: {n} binnen (Enter = ververs, u = sluiten en uitslag): "
        letters = " ".join(letter(i) for i in range(len(phase.stemming.opties)))
        if session.current_counts() is not None:
            return (
                f"Stemmen {letters} (u = opgeslagen uitslag, v = opnieuw op telefoons, "
                "of aantallen met de hand): "
            )
        return (
            f"Stemmen {letters} (v = open op telefoons, of aantallen met de hand; "
            "Enter = niet stemmen): "
        )

    def join_screen(self) -> Any:
        from rich.align import Align
        from rich.console import Group
        from rich.text import Text

        url = self.phones.url
        width, height = self.console.size
        large_rows = self.phones.qr_lines(large=True)
        cols, rows = len(large_rows[0]), len(large_rows)
        large = width >= cols + 4 and height >= rows + 8
        return Group(
            Text("Stemmen met je telefoon", style="bold", justify="center"),
            Text(""),
            Align.center(qr_text(large_rows if large else self.phones.qr_lines(large=False))),
            Text(""),
            Text("Scan de code met de camera, of ga naar", justify="center"),
            Text(url, style="bold", justify="center"),
            Text(
                f"{self.phones.connected()} telefoons verbonden  ·  anoniem: er wordt niets "
                "over jou of je telefoon bewaard",
                justify="center",
            ),
            *(
                Text(t, justify="center")
                for t in (self.phones.others, self.phones.network_hint())
                if t
            ),
        )

    def show_join(self) -> None:
        """The QR code and the address full screen, until Enter. The prompt counts the
        phones as they join; after a minute without any it hints at the network, and
        ``q`` shows the screen again, with the whole hint."""
        while True:
            self.console.clear()
            self.console.print(self.join_screen())
            if ask(self.input_line, self.join_prompt).strip().lower() not in ("q", "qr"):
                return

    def join_prompt(self) -> str:
        n = self.phones.connected()
        joined = f"{plural(n, 'telefoon', 'telefoons')} verbonden"
        hint = f" · {FIREWALL_SHORTER}" if self.phones.network_hint() else ""
        return f"Enter = verder · {joined}{hint}: "

    # -- the facilitator's keys at a question -------------------------------------------------

    def command(self, session: Session, line: str) -> str | None:
        """Handle one line of input if it is a live-voting key: a message for the screen
        ('' for none). None: not ours, the terminal session handles it."""
        word = line.strip().lower()
        if word in ("q", "qr"):
            self.show_join()
            return ""
        phase = session.phase
        if session.finished or not phase.votes_open or phase.stemming is None:
            return None
        key = _key(session)
        assert key is not None
        n = len(phase.stemming.opties)
        if word in ("v", "open", "openen"):
            if self.open_here(session):
                return "De stemming staat al open."
            self.phones.open(_title(session), *self._question(session), ref=key)
            self.on_phones = key
            return "De stemming is open op de telefoons."
        if word.startswith("+"):
            try:
                self.added[key] = parse_counts(word[1:], n)
            except VoteError as exc:
                return f"Niet begrepen: {exc}."
            total = sum(self.added[key])
            return f"{total} handstem{'men' if total != 1 else ''} tellen mee bij de uitslag (u)."
        if word in ("u", "uitslag", "sluiten"):
            return self.reveal(session)
        if word == "" and self.open_here(session):
            return ""
        if looks_like_counts(word) and self.open_here(session):
            # Counts by hand instead of the phones (the network failed, say).
            try:
                counts = parse_counts(word, n)
            except VoteError as exc:
                return f"Niet begrepen: {exc}."
            self._take_phone_counts(session, key)
            self.added.pop(key, None)
            session.vote(counts)  # replaces the phone counts stored so far
            return "Met de hand geteld; de telefoonstemmen van deze vraag tellen niet mee."
        if word == "":
            self.added.pop(key, None)
        return None

    def reveal(self, session: Session) -> str:
        """Close the vote and record it: phone counts (bron telefoon) plus hand additions."""
        key = _key(session)
        assert key is not None
        phones = self._take_phone_counts(session, key)
        added = self.added.get(key)
        if sum(phones.values()):
            session.vote(phones, bron="telefoon", added_by_hand=added)
        elif added is not None:
            session.vote(added)
        else:
            session.next()
        self.added.pop(key, None)
        return ""
