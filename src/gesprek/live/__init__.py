"""Phone voting (``gesprek sessie --live``): an in-memory vote state, a small web server on
the local network, the phone page, and ``voting.LiveVoting``, the running phone voting of
one session. The facilitator's side in the terminal is ``gesprek.ui.phone_mode``; it
reaches this package only through the ``gesprek.ui.phones.Phones`` Protocol, which
``LiveVoting`` satisfies without importing ``ui`` (``gesprek.app.session_start`` connects
the two).

Nothing here imports the records store: the terminal hands the final counts to the
session engine (``session.vote(counts, bron="telefoon")``), exactly like hand votes,
and the running counts of the open question go, as they arrive, to a writer that the
session's wiring passes in (``LiveVoting.keep_votes``). Only counts ever leave this
package. Tokens and user agents live in memory only and are never logged; addresses only
as keyed hashes, for this session."""
