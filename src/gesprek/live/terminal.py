"""The facilitator's side of phone voting, in the terminal: the join screen with the QR code,
a status line on every screen, the keys of a vote, and keeping the phones in step with the
session. The terminal session (``gesprek.ui.session``) calls in through four methods:
``follow``, ``status``, ``prompt`` and ``command``; ``hidden_note`` says when results must
stay off the projected screen.

Keys at a question, in live mode:

- ``v``: open the vote on the phones;
- Enter while it is open: refresh the number of votes that came in (never the distribution);
- ``u``: close the vote and reveal the results (phone votes plus any hand additions);
- ``+ 2 1 0``: hand counts of people without a phone, added to the phone votes at ``u``;
- ``4 2 1`` (counts without ``+``): count by hand instead, e.g. when the network fails; the
  phone votes of this question are dropped;
- ``q``: show the QR code and the address again (on any screen).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from gesprek.live import qr
from gesprek.live.state import LiveState, hidden_text, letter, may_show
from gesprek.session.engine import Session, VoteError, parse_counts

LIVE_KEYS_CLOSED = (
    "v=stemming openen op de telefoons  4 2 1=met de hand tellen  "
    "+ 2 1 0=handstemmen erbij  q=QR-code"
)
FIREWALL_AFTER = 60.0  # seconds without a phone before the firewall hint
FIREWALL_SHORT = "Nog geen telefoon verbonden: zelfde wifi? firewall? q = uitleg"
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


class LiveVoting:
    def __init__(
        self,
        state: LiveState,
        url: str,
        console: Any,
        input_line: Callable[[str], str],
        server: Any = None,
    ) -> None:
        self.state = state
        self.url = url
        self.console = console
        self.input_line = input_line
        self.server = server
        self.on_phones: tuple[int, int | None] | None = None  # question open/shown on phones
        self.added: dict[tuple[int, int | None], list[int]] = {}  # hand additions per question
        self.started = time.monotonic()
        self.others: str | None = None  # the other addresses of this laptop, for --host

    def network_hint(self) -> str | None:
        """After a minute without any phone: where it usually goes wrong (the firewall)."""
        from gesprek.live.addresses import FIREWALL_HINT

        if self.state.connected() or time.monotonic() - self.started < FIREWALL_AFTER:
            return None
        return FIREWALL_HINT

    # -- keeping the phones in step ---------------------------------------------------------

    def follow(self, session: Session) -> None:
        """Show on the phones what the session shows: the open vote, the results, or the
        title of the card (waiting)."""
        key = _key(session)
        phase = None if session.finished else session.phase
        if phase is not None and phase.votes_open and key is not None:
            if self.on_phones == key and self.state.is_open:
                return
            self.state.show(_title(session))
            self.on_phones = None
            return
        if phase is not None and phase.reveals and phase.stemming is not None and key is not None:
            if self.on_phones != key:
                self.state.present(_title(session), *self._question(session))
                self.on_phones = key
            self.state.reveal(session.current_counts(), self.phone_votes(session))
            return
        self.state.show(_title(session))
        self.on_phones = None

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
        if may_show(self.phone_votes(session), self.state.threshold):
            return None
        return hidden_text(self.state.threshold)

    def open_here(self, session: Session) -> bool:
        return self.on_phones == _key(session) and self.state.is_open

    # -- what the facilitator sees -------------------------------------------------------------

    def status(self, session: Session) -> Any:
        """Lines under the card: the address and connected phones, the state of the vote
        (the number of votes, never how they split) and the keys."""
        from rich.text import Text

        text = Text.assemble(
            (" Telefoons ", "bold reverse"), f" {self.state.connected()} verbonden  ·  {self.url}"
        )
        if self.network_hint():
            text.append("\n" + FIREWALL_SHORT, style="bold")
        key = _key(session)
        phase = None if session.finished else session.phase
        if phase is not None and phase.votes_open and key is not None:
            if self.open_here(session):
                n = self.state.ballots()
                line = f"STEMMING OPEN: {n} stem{'men' if n != 1 else ''} binnen"
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
            n = self.state.ballots()
            return f"Stemmen: {n} binnen (Enter = ververs, u = sluiten en uitslag): "
        letters = " ".join(letter(i) for i in range(len(phase.stemming.opties)))
        return (
            f"Stemmen {letters} (v = open op telefoons, of aantallen met de hand; "
            "Enter = niet stemmen): "
        )

    def join_screen(self) -> Any:
        from rich.align import Align
        from rich.console import Group
        from rich.text import Text

        width, height = self.console.size
        cols, rows = qr.size(self.url, large=True)
        large = width >= cols + 4 and height >= rows + 8
        return Group(
            Text("Stemmen met je telefoon", style="bold", justify="center"),
            Text(""),
            Align.center(qr.renderable(self.url, large=large)),
            Text(""),
            Text("Scan de code met de camera, of ga naar", justify="center"),
            Text(self.url, style="bold", justify="center"),
            Text(
                f"{self.state.connected()} telefoons verbonden  ·  anoniem: er wordt niets "
                "over jou of je telefoon bewaard",
                justify="center",
            ),
            *(Text(t, justify="center") for t in (self.others, self.network_hint()) if t),
        )

    def show_join(self) -> None:
        """The QR code and the address full screen, until Enter."""
        self.console.clear()
        self.console.print(self.join_screen())
        self.input_line("Enter = verder: ")

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
            self.state.open(_title(session), *self._question(session))
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
        if word and self.open_here(session):
            # Counts by hand instead of the phones (the network failed, say).
            try:
                counts = parse_counts(word, n)
            except VoteError as exc:
                return f"Niet begrepen: {exc}."
            self.state.close()
            self.added.pop(key, None)
            session.vote(counts)
            return "Met de hand geteld; de telefoonstemmen van deze vraag tellen niet mee."
        if word == "":
            self.added.pop(key, None)
        return None

    def reveal(self, session: Session) -> str:
        """Close the vote and record it: phone counts (bron telefoon) plus hand additions."""
        key = _key(session)
        assert key is not None
        phones = self.state.close() if self.on_phones == key else {}
        added = self.added.get(key)
        if sum(phones.values()):
            session.vote(phones, bron="telefoon", added_by_hand=added)
        elif added is not None:
            session.vote(added)
        else:
            session.next()
        self.added.pop(key, None)
        return ""

    # -- the end ------------------------------------------------------------------------------

    def stop(self) -> None:
        self.state.end()
        if self.server is not None:
            self.server.stop()


def start(
    console: Any,
    input_line: Callable[[str], str],
    *,
    host: str,
    port: int,
    threshold: int,
) -> LiveVoting:
    """Start the server for a session (a UsageError when the port cannot be used)."""
    from gesprek.live import addresses
    from gesprek.live.server import LiveServer, create_app, public_url

    state = LiveState(threshold=threshold)
    server = LiveServer(create_app(state), host, port)
    server.start()
    shown = host
    others = None
    if host in ("", "0.0.0.0"):
        choice = addresses.choose()
        shown, others = choice.address or host, addresses.others_text(choice)
    live = LiveVoting(
        state, public_url(shown, server.port, state.code), console, input_line, server
    )
    live.others = others
    return live
