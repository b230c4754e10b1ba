"""Phone voting (``gesprek sessie --live``): an in-memory vote state, a small web server on
the local network, the phone page, and the facilitator's side in the terminal.

Nothing here touches the records store directly: the facilitator's side hands the counts
to the session engine (``session.vote(counts, bron="telefoon")``), exactly like hand votes.
Tokens, addresses and user agents live in memory only and are never logged."""
