"""Phone voting for one session, as the terminal drives it: the vote state, the web
server, the writer of the running counts and the join address, behind the small set of
calls that ``gesprek.ui.phones.Phones`` describes (satisfied structurally: this package
never imports ``ui``). The facilitator's keys, status line and join screen are the
terminal's (``gesprek.ui.phone_mode``); ``start`` starts the server for a session."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

from gesprek.live import qr
from gesprek.live.commit import Committer, Writer
from gesprek.live.state import LiveState, hidden_text, may_show

GRACE_SECONDS = 4.0  # at the end, how long phones get to see that the session ended
FIREWALL_AFTER = 60.0  # seconds without a phone before the firewall hint


class LiveVoting:
    def __init__(
        self,
        state: LiveState,
        url: str,
        server: Any = None,
        committer: Committer | None = None,
    ) -> None:
        self.state = state
        self.url = url
        self.server = server
        self.committer = committer
        self.started = time.monotonic()
        self.others: str | None = None  # the other addresses of this laptop, for --host

    # -- what the terminal asks (gesprek.ui.phones.Phones) ----------------------------------

    @property
    def is_open(self) -> bool:
        return self.state.is_open

    def qr_lines(self, large: bool) -> list[str]:
        return qr.lines(self.url, large)

    def connected(self) -> int:
        return self.state.connected()

    def ballots(self) -> int:
        return self.state.ballots()

    def network_hint(self) -> str | None:
        """After a minute in which no phone joined: where it usually goes wrong (the
        firewall). Once a phone has joined the network works, so phones that are put away
        between votes bring no hint back."""
        from gesprek.live.addresses import FIREWALL_HINT

        if self.state.phones() or time.monotonic() - self.started < FIREWALL_AFTER:
            return None
        return FIREWALL_HINT

    def show(self, title: str) -> None:
        self.state.show(title)

    def open(
        self, title: str, question: str, options: Sequence[tuple[str, str]], ref: Hashable
    ) -> None:
        self.state.open(title, question, options, ref=ref)

    def present(self, title: str, question: str, options: Sequence[tuple[str, str]]) -> None:
        self.state.present(title, question, options)

    def close(self) -> dict[str, int]:
        return self.state.close()

    def store_counts(self) -> bool:
        if self.committer is None or not self.committer.attached:
            return False
        self.committer.flush()
        return True

    def reveal(self, counts: Mapping[str, int] | None, phone_votes: int) -> None:
        self.state.reveal(counts, phone_votes)

    def hidden_note(self, phone_votes: int) -> str | None:
        if may_show(phone_votes, self.state.threshold):
            return None
        return hidden_text(self.state.threshold)

    # -- what the application layer does ----------------------------------------------------

    def keep_votes(self, opener: Callable[[], Writer]) -> None:
        """Store the running counts of each open question through ``opener()``'s writer."""
        if self.committer is not None:
            self.committer.attach(opener)

    def stop(self, final: bool = True, grace: float = GRACE_SECONDS) -> None:
        """End phone voting: the phones hear that the session ended (``final``) or paused,
        every vote they were told was received is stored, and once each connected phone
        has seen the end (or after ``grace`` seconds) the server stops."""
        self.state.end(final)
        try:
            if self.committer is not None:
                self.committer.close()
        finally:
            if self.server is not None:
                deadline = time.monotonic() + grace
                try:
                    while not self.state.told_everyone() and time.monotonic() < deadline:
                        time.sleep(0.05)
                except KeyboardInterrupt:  # Ctrl-C again: do not wait any longer
                    pass
                self.server.stop()


def start(*, host: str, port: int, threshold: int, code: str | None = None) -> LiveVoting:
    """Start the server for a session (a UsageError when the port cannot be used). With
    ``code`` (a resumed session's), phones that were in find it again by themselves."""
    from gesprek.live import addresses
    from gesprek.live.server import LiveServer, create_app, public_url

    state = LiveState(threshold=threshold, code=code)
    committer = Committer(state)
    server = LiveServer(create_app(state, committer), host, port)
    server.start()
    shown = host
    others = None
    if host in ("", "0.0.0.0"):
        choice = addresses.choose()
        shown, others = choice.address or host, addresses.others_text(choice)
    live = LiveVoting(state, public_url(shown, server.port, state.code), server, committer)
    live.others = others
    return live
