"""Starting and resuming a session (``gesprek sessie``), in this order: check everything
first (the options, how they combine, the session to resume, the ids and the plan, a
terminal), then open the records file, then start phone voting if asked (``--live``),
then hand the running session to the terminal. A refusal therefore creates no file and
opens no port.

The terminal (``gesprek.ui``) and phone voting (``gesprek.live``) meet here: the
``LiveVoting`` started here is handed to the terminal session as its ``Phones``."""

from __future__ import annotations

import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gesprek.errors import StoreError, UsageError, display_path
from gesprek.terminal import require_terminal

if TYPE_CHECKING:
    from gesprek.live.voting import LiveVoting
    from gesprek.store.records import SessionRecord, Store


@dataclass
class SessionRequest:
    kaarten: list[str] = field(default_factory=list)
    themas: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    programma: str | None = None
    team: str | None = None
    duur: int | None = None
    hervat: bool = False
    sessie_id: int | None = None
    live: bool = (
        False  # phone voting (gesprek.live): --live [--poort N] [--host ADRES] [--drempel K]
    )
    poort: int | None = None
    host: str | None = None
    drempel: int | None = None

    @property
    def selection_given(self) -> bool:
        return bool(self.kaarten or self.themas or self.types or self.programma)


def check_options(request: SessionRequest) -> None:
    """Options that do not go together, refused before anything else happens."""
    if not request.live and (
        request.poort is not None or request.host is not None or request.drempel is not None
    ):
        raise UsageError("--poort, --host en --drempel horen bij --live")
    if request.sessie_id is not None and not request.hervat:
        raise UsageError("een sessienummer hoort bij --hervat: gesprek sessie --hervat ID")
    if request.hervat and request.selection_given:
        raise UsageError("--hervat gaat niet samen met een selectie")


def resumable(request: SessionRequest, db_path: Path) -> SessionRecord:
    """The session that ``--hervat [ID]`` continues, looked up read-only (a records file
    that does not exist stays so)."""
    from gesprek.readmodel.held import opened

    with opened(db_path) as store:
        record = (
            store.session(request.sessie_id)
            if request.sessie_id is not None
            else store.last_unfinished()
        )
    if record is None:
        raise UsageError("er is geen onderbroken sessie om te hervatten")
    if record.beeindigd and request.sessie_id is not None:
        raise UsageError(f"sessie {record.id} is al afgerond")
    return record


def check_records_file(db_path: Path, *, read: bool = True) -> None:
    """The records file can be written (or made), and (with ``read``; a resumed session's
    file was read already) an existing one is gesprek's and whole; checked without
    creating or changing anything."""
    import os

    from gesprek.store.records import Store, check_writable

    folder = db_path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if folder == db_path.parent:
        check_writable(db_path)
    elif not os.access(folder, os.W_OK):
        raise StoreError(
            f"kan de map {display_path(db_path.parent)} niet maken: "
            f"{display_path(folder)} is alleen-lezen"
        )
    if read:
        with closing(Store.open(db_path, write=False)):
            pass  # a foreign or damaged file is refused here


def run_session(request: SessionRequest, packs: list[Path], db_path: Path) -> int:
    """Run a session (new, or resumed with ``--hervat``); the exit code."""
    check_options(request)
    require_terminal("gesprek sessie")
    from rich.console import Console

    from gesprek.app.session_choice import choose, given_selection
    from gesprek.content import library as content_library
    from gesprek.store.records import Store
    from gesprek.ui.prompt import LinePrompt

    console = Console(highlight=False, markup=False)
    input_line = LinePrompt()
    lib = content_library.load(packs)
    record = resumable(request, db_path) if request.hervat else None
    given = given_selection(request, lib)
    # What would fail later is named before the first question, not after the last one.
    check_records_file(db_path, read=record is None)
    if request.live:
        from gesprek.live.server import check_address

        check_address(*_phone_address(request, db_path, record)[:2])
    chosen = choose(request, lib, given, console, input_line) if record is None else None
    # Said on the first screen of the session (printed before it, the screen would wipe it).
    notices: list[str] = []
    with closing(Store.open(db_path)) as store:
        if record is not None:
            crashed = store.claim(record.id)  # one session, one process
            if crashed is not None:
                notices.append(
                    f"Sessie {record.id} was nog open bij {crashed.describe()}; "
                    "dat programma draait niet meer, dus deze sessie neemt het over."
                )
        live = start_phone_voting(request, store.path, record) if request.live else None
        completed = False
        session_id: int | None = None
        try:
            threshold = live.state.threshold if live is not None else None
            if record is not None:
                session_id = record.id
                session = _resume(store, record, threshold)
                team = record.team
                notices.append(
                    f"Sessie {record.id} ({team}) gaat verder bij onderdeel {session.index + 1}."
                )
            else:
                assert chosen is not None
                session_id, session, team = _start(store, chosen, threshold)
            if live is not None:
                keep_phone_votes(live, store, session_id)
            completed = run_terminal(
                session, session_id, lib, console, input_line, live, team, " ".join(notices)
            )
        finally:
            if live is not None:
                stop_phone_voting(live, store.path, session_id if completed else None)
    return 0


def _start(store: Store, chosen: Any, threshold: int | None) -> tuple[int, Any, str]:
    from gesprek.app import recording

    items, minutes, programma, described, team = chosen
    session_id, session = recording.start(
        store,
        items,
        minutes,
        team=team,
        programma=programma,
        omschrijving=described,
        clock=time.monotonic,
        threshold=threshold,
    )
    return session_id, session, team


def _resume(store: Store, record: SessionRecord, threshold: int | None) -> Any:
    from gesprek.app import recording

    return recording.resume(store, record.id, time.monotonic, threshold=threshold)


def start_phone_voting(
    request: SessionRequest, db_path: Path, record: SessionRecord | None
) -> LiveVoting:
    """Start phone voting. A resumed session keeps its join code (and port, unless
    --poort says otherwise), so phones that were in find it again, and its threshold:
    counts once hidden stay hidden."""
    from gesprek.live import voting as live_voting

    host, port, code = _phone_address(request, db_path, record)
    live = live_voting.start(
        host=host,
        port=port,
        threshold=request.drempel if request.drempel is not None else 3,
        code=code,
    )
    if record is not None and record.drempel:
        live.state.threshold = max(live.state.threshold, record.drempel)
    return live


def _phone_address(
    request: SessionRequest, db_path: Path, record: SessionRecord | None
) -> tuple[str, int, str | None]:
    """Host, port and join code of the phone server: a resumed session keeps its code and
    port (unless --poort says otherwise)."""
    from gesprek.live import rejoin

    code, port = rejoin.remembered(db_path, record.id) if record is not None else (None, None)
    host = request.host if request.host is not None else "0.0.0.0"
    return host, request.poort if request.poort is not None else (port or 8765), code


def keep_phone_votes(live: LiveVoting, store: Store, session_id: int) -> None:
    """Phone votes are stored as they arrive; the code is kept for a resume."""
    from gesprek.app import recording
    from gesprek.live import rejoin

    live.keep_votes(lambda: recording.PhoneCounts(store, session_id))
    rejoin.remember(store.path, session_id, live.state.code, live.server.port)


def stop_phone_voting(live: LiveVoting, db_path: Path, completed: int | None) -> None:
    """Stop phone voting: the phones hear that the session ended (``completed``, its id)
    or paused; a completed session's join code is forgotten."""
    live.stop(final=completed is not None)
    if completed is not None:
        from gesprek.live import rejoin

        rejoin.forget(db_path, completed)


def run_terminal(
    session: Any,
    session_id: int,
    lib: Any,
    console: Any,
    input_line: Any,
    live: LiveVoting | None,
    team: str,
    notice: str = "",
) -> bool:
    """The running session in the terminal until it ends or pauses; True when completed.
    ``notice`` is said on its first screen."""
    from gesprek.ui.session import TerminalSession

    terminal = TerminalSession(session, session_id, lib, console, input_line, live, team)
    terminal.message = notice or None
    try:
        if terminal.live is not None:
            terminal.live.show_join()
        completed = terminal.run()
    except (KeyboardInterrupt, EOFError):
        session.pause()
        completed = False
    except StoreError as error:
        resume = f"gesprek sessie --hervat {session_id}"
        if "bewaard" in (error.hint or ""):
            tail = f"Ga daarna verder met: {resume}"
        else:
            tail = f"Wat al was ingevoerd is bewaard; ga later verder met: {resume}"
        error.hint = f"{error.hint + ' ' if error.hint else ''}{tail}"
        raise
    if completed:
        # Commands are for the facilitator: below the final screen, after the session.
        console.print(f"\nSessie {session_id} is afgerond en bewaard.")
        for line in terminal.after_hints():
            console.print(line)
    else:
        console.print(
            f"\nSessie {session_id} is onderbroken; alles wat is ingevoerd is bewaard.\n"
            f"Ga later verder met: gesprek sessie --hervat {session_id}"
        )
    return completed
