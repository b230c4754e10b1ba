"""What the terminal needs from phone voting, as a typed interface.

The terminal (``ui``) and the phone-voting server (``live``) never import each other:
``gesprek.live.voting.LiveVoting`` satisfies this Protocol structurally, and the
application layer (``gesprek.app.session_start``) hands it to the terminal session.
It is defined here, by its consumer, so that it says exactly what the terminal uses and
nothing of the server leaks into ``ui``; ``live`` needs no import to satisfy it."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Protocol


class Phones(Protocol):
    """Phone voting as the facilitator's terminal drives it. Only counts cross this
    interface, never tokens or addresses."""

    @property
    def url(self) -> str:
        """The join address (shown as text and as a QR code)."""
        ...

    @property
    def others(self) -> str | None:
        """The other addresses of this laptop, as a line for the join screen, or None."""
        ...

    @property
    def is_open(self) -> bool:
        """A vote is open on the phones."""
        ...

    def qr_lines(self, large: bool) -> list[str]:
        """The join address as a QR code in block characters, one string per row."""
        ...

    def connected(self) -> int:
        """Phones that asked for the state recently."""
        ...

    def ballots(self) -> int:
        """Votes so far on the open question (the number only, never how they split)."""
        ...

    def network_hint(self) -> str | None:
        """After a while without any phone: where it usually goes wrong, or None."""
        ...

    def show(self, title: str) -> None:
        """Phones wait, showing the title of what is on the screen."""
        ...

    def open(
        self, title: str, question: str, options: Sequence[tuple[str, str]], ref: Hashable
    ) -> None:
        """Open a vote on the phones; its running counts are stored under ``ref``."""
        ...

    def present(self, title: str, question: str, options: Sequence[tuple[str, str]]) -> None:
        """A question the phones did not vote on, closed from the start."""
        ...

    def close(self) -> dict[str, int]:
        """Stop accepting votes; the counts per option."""
        ...

    def store_counts(self) -> bool:
        """Make sure the running counts are in the records; False when phone votes are
        not being recorded."""
        ...

    def reveal(self, counts: Mapping[str, int] | None, phone_votes: int) -> None:
        """Show the results (``None``: nobody voted) on the phones, unless too few phones
        voted."""
        ...

    def hidden_note(self, phone_votes: int) -> str | None:
        """Why results with this many phone votes stay off every screen, or None."""
        ...
