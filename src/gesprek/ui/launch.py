"""Starting, resuming and running a session in the terminal (``gesprek sessie``)."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gesprek.errors import StoreError, UsageError


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


def require_terminal() -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "gesprek sessie heeft een terminal nodig (toetsenbord en scherm)",
            hint="Start het in een terminalvenster, niet met invoer of uitvoer omgeleid.",
        )


def run(request: SessionRequest, packs: list[Path], db_path: Path) -> int:
    """Run a session; the exit code."""
    if not request.live and (
        request.poort is not None or request.host is not None or request.drempel is not None
    ):
        raise UsageError("--poort, --host en --drempel horen bij --live")
    require_terminal()
    from rich.console import Console

    from gesprek.app import recording
    from gesprek.content import library as content_library
    from gesprek.store.records import Store
    from gesprek.ui.prompt import LinePrompt
    from gesprek.ui.session import TerminalSession

    console = Console(highlight=False, markup=False)
    input_line = LinePrompt()
    lib = content_library.load(packs)
    if request.sessie_id is not None and not request.hervat:
        raise UsageError("een sessienummer hoort bij --hervat: gesprek sessie --hervat ID")
    if request.hervat and (request.kaarten or request.themas or request.types or request.programma):
        raise UsageError("--hervat gaat niet samen met een selectie")
    store = Store.open(db_path)
    live = None
    completed = False
    session_id: int | None = None
    try:
        record = None
        if request.hervat:
            record = (
                store.session(request.sessie_id)
                if request.sessie_id is not None
                else store.last_unfinished()
            )
            if record is None:
                raise UsageError("er is geen onderbroken sessie om te hervatten")
            if record.beeindigd and request.sessie_id is not None:
                raise UsageError(f"sessie {record.id} is al afgerond")
        if record is not None:
            crashed = store.claim(record.id)  # one session, one process
            if crashed is not None:
                console.print(
                    f"Sessie {record.id} was nog open bij {crashed.describe()}; "
                    "dat programma draait niet meer, dus deze sessie neemt het over."
                )
        if request.live:
            live = start_live(
                request, console, input_line, store.path, record.id if record else None
            )
            if record is not None and record.drempel:  # counts once hidden stay hidden
                live.state.threshold = max(live.state.threshold, record.drempel)
        if record is not None:
            session_id = record.id
            session = recording.resume(
                store, session_id, time.monotonic, threshold=live.state.threshold if live else None
            )
            team = record.team
            console.print(
                f"Sessie {session_id} ({record.team}) gaat verder bij onderdeel {session.index + 1}."
            )
        else:
            items, minutes, programma, described, team = choose(request, lib, console, input_line)
            session_id, session = recording.start(
                store,
                items,
                minutes,
                team=team,
                programma=programma,
                omschrijving=described,
                clock=time.monotonic,
                threshold=live.state.threshold if live else None,
            )
        if live is not None:
            keep_phone_votes(live, store, session_id)
        terminal = TerminalSession(session, session_id, lib, console, input_line, live, team)
        try:
            if live is not None:
                live.show_join()
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
        return 0
    finally:
        if live is not None:
            live.stop(final=completed)
            if completed and session_id is not None:
                from gesprek.live import rejoin

                rejoin.forget(store.path, session_id)
        store.close()


def start_live(
    request: SessionRequest, console: Any, input_line: Any, db_path: Path, resumed: int | None
) -> Any:
    """Start phone voting; a resumed session keeps its join code (and port, unless
    --poort says otherwise), so phones that were in find it again."""
    from gesprek.live import rejoin
    from gesprek.live import terminal as live_terminal

    code, port = rejoin.remembered(db_path, resumed) if resumed is not None else (None, None)
    return live_terminal.start(
        console,
        input_line,
        host=request.host if request.host is not None else "0.0.0.0",
        port=request.poort if request.poort is not None else (port or 8765),
        threshold=request.drempel if request.drempel is not None else 3,
        code=code,
    )


def keep_phone_votes(live: Any, store: Any, session_id: int) -> None:
    """Phone votes are stored as they arrive; the code is kept for a resume."""
    from gesprek.app import recording
    from gesprek.live import rejoin

    live.keep_votes(lambda: recording.PhoneCounts(store, session_id))
    rejoin.remember(store.path, session_id, live.state.code, live.server.port)


def choose(
    request: SessionRequest, lib: Any, console: Any, confirm: Any = None
) -> tuple[list[Any], list[int], str | None, str, str]:
    """What to discuss and with whom: from the command line, or asked interactively. A
    plan that ``--duur`` (or the time given interactively) changed, and every plan chosen
    interactively, is shown and waits for Enter before the first card."""
    from gesprek.content.models import SESSION_TYPES
    from gesprek.content.selection import select
    from gesprek.session.plan import fit, with_rounds

    given = request.kaarten or request.themas or request.types or request.programma
    available = request.duur
    if given:
        selection = select(
            lib,
            request.kaarten,
            request.themas,
            request.types,
            request.programma,
            allowed_types=SESSION_TYPES,
        )
        if selection.empty:
            raise UsageError("de selectie bevat geen gespreksitems")
        team = (request.team or "").strip() or ask_team()
        items = list(selection.items)
        minutes = [selection.duur(item) for item in items]
    else:
        selection = ask_selection(lib)
        if selection.empty:
            raise UsageError("de selectie bevat geen gespreksitems")
        team = (request.team or "").strip() or ask_team()
        items = list(selection.items)
        minutes = [selection.duur(item) for item in items]
        if selection.programma is None:
            # A selection made here gets an opening and a closing round.
            items, minutes = with_rounds(lib, items, minutes)
        if available is None:
            available = ask_minutes(sum(minutes))
    plan = fit(items, minutes, available)
    only_rounds = len(items) > 2 and len(plan.items) <= 2
    if available is not None and (plan.total > available or only_rounds):
        left = (
            "alleen de opening en afsluiting" if only_rounds else f"minstens {plan.total} minuten"
        )
        raise UsageError(
            f"in {available} minuten past dit plan niet, ook niet ingekort (er blijft {left} over)",
            hint="Kies een grotere --duur of minder onderdelen.",
        )
    if plan.changes() or not given:
        show_plan(console, plan, available, team)
        (confirm or console.input)("Enter = beginnen (Ctrl-C = afbreken): ")
    programma = selection.programma.id if selection.programma is not None else None
    return plan.items, plan.minutes, programma, selection.described, team


def show_plan(console: Any, plan: Any, available: int | None, team: str) -> None:
    """The plan as it will run: parts and minutes (shortened ones as before -> after), and
    the parts that were dropped to fit."""
    from rich.table import Table
    from rich.text import Text

    from gesprek.content.models import TYPE_NAMES
    from gesprek.ui.cards import clean

    console.clear()
    head = f"Het plan voor {team}: {len(plan.items)} onderdelen, {plan.total} minuten"
    if available is not None:
        head += f" (beschikbaar: {available})"
    console.print(Text(head, style="bold"))
    shortened = {id(item): before for item, before, _ in plan.shortened}
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", no_wrap=True)
    table.add_column(ratio=1)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    for number, (item, minutes) in enumerate(zip(plan.items, plan.minutes, strict=True), 1):
        before = shortened.get(id(item))
        time = f"{before} → {minutes} min" if before is not None else f"{minutes} min"
        table.add_row(f"{number}.", Text(clean(item.titel)), TYPE_NAMES[item.type], time)
    console.print(table)
    if plan.dropped:
        console.print()
        console.print(Text("Vervalt om in de tijd te passen:", style="bold"))
        for item in plan.dropped:
            console.print(Text(f"  • {clean(item.titel)}"))
    console.print()


def _prompter() -> Any:
    from gesprek.author.prompts import Prompter

    return Prompter()


def ask_team() -> str:
    return str(
        _prompter()
        .text(
            "Welk team (een label, geen namen)?",
            validate=lambda text: bool(text.strip()) or "Geef een label voor het team.",
        )
        .strip()
    )


def ask_minutes(planned: int) -> int:
    def valid(text: str) -> bool | str:
        text = text.strip()
        if not text.isdigit():
            return "Geef een aantal minuten, bijvoorbeeld 60."
        if not 5 <= int(text) <= 480:
            return "Kies tussen 5 en 480 minuten."
        return True

    answer = _prompter().text(
        f"Hoeveel minuten zijn er? (dit plan duurt {planned})",
        default=str(max(5, min(480, planned))),
        validate=valid,
    )
    return int(answer.strip())


def ask_selection(lib: Any) -> Any:
    from gesprek.content.models import SESSION_TYPES, TYPE_NAMES
    from gesprek.content.selection import select

    ask = _prompter()
    programmes = lib.of_type("programma")
    choices: list[tuple[str, Any]] = [
        (f"{p.titel.strip()} ({p.duur} min)", ("programma", p.id)) for p in programmes
    ]
    choices += [
        ("Zelf kiezen: thema's", ("themas", None)),
        ("Zelf kiezen: soorten items", ("types", None)),
    ]
    kind, value = ask.select("Wat wil je bespreken?", choices)
    if kind == "programma":
        return select(lib, programma=value, allowed_types=SESSION_TYPES)
    if kind == "themas":
        used = {getattr(i, "thema", None) for i in lib.of_type(*SESSION_TYPES)}
        options = [
            (entry.naam, entry.id) for entry in lib.kader["themas"].values() if entry.id in used
        ]
        picked = ask.checkbox("Welke thema's?", options, validate=_at_least_one)
        return select(lib, themas=picked, allowed_types=SESSION_TYPES)
    kinds = [(TYPE_NAMES[t], t) for t in SESSION_TYPES]
    picked = ask.checkbox("Welke soorten?", kinds, validate=_at_least_one)
    return select(lib, types=picked, allowed_types=SESSION_TYPES)


def _at_least_one(picked: list[Any]) -> bool | str:
    return bool(picked) or "Kies er minstens één (spatie kiest, Enter bevestigt)."
