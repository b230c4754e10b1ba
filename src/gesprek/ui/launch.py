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
    from gesprek.ui.session import TerminalSession

    console = Console(highlight=False, markup=False)
    lib = content_library.load(packs)
    if request.sessie_id is not None and not request.hervat:
        raise UsageError("een sessienummer hoort bij --hervat: gesprek sessie --hervat ID")
    store = Store.open(db_path)
    live = None
    try:
        if request.live:
            from gesprek.live import terminal as live_terminal

            live = live_terminal.start(
                console,
                console.input,
                host=request.host if request.host is not None else "0.0.0.0",
                port=request.poort if request.poort is not None else 8765,
                threshold=request.drempel if request.drempel is not None else 3,
            )
        if request.hervat:
            if request.kaarten or request.themas or request.types or request.programma:
                raise UsageError("--hervat gaat niet samen met een selectie")
            record = (
                store.session(request.sessie_id)
                if request.sessie_id is not None
                else store.last_unfinished()
            )
            if record is None:
                raise UsageError("er is geen onderbroken sessie om te hervatten")
            if record.beeindigd and request.sessie_id is not None:
                raise UsageError(f"sessie {record.id} is al afgerond")
            session_id = record.id
            crashed = store.claim(session_id)  # one session, one process
            if crashed is not None:
                console.print(
                    f"Sessie {session_id} was nog open bij {crashed.describe()}; "
                    "dat programma draait niet meer, dus deze sessie neemt het over."
                )
            session = recording.resume(
                store, session_id, time.monotonic, threshold=live.state.threshold if live else None
            )
            console.print(
                f"Sessie {session_id} ({record.team}) gaat verder bij onderdeel {session.index + 1}."
            )
        else:
            items, minutes, programma, described, team = choose(request, lib, console)
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
        terminal = TerminalSession(session, session_id, lib, console, console.input, live)
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
            console.print(
                f"\nSessie {session_id} is afgerond en bewaard. Bekijk: gesprek resultaten {session_id}"
            )
        else:
            console.print(
                f"\nSessie {session_id} is onderbroken; alles wat is ingevoerd is bewaard.\n"
                f"Ga later verder met: gesprek sessie --hervat {session_id}"
            )
        return 0
    finally:
        if live is not None:
            live.stop()
        store.close()


def choose(
    request: SessionRequest, lib: Any, console: Any
) -> tuple[list[Any], list[int], str | None, str, str]:
    """What to discuss and with whom: from the command line, or asked interactively."""
    from gesprek.content.models import SESSION_TYPES
    from gesprek.content.selection import select
    from gesprek.session.plan import fit

    given = request.kaarten or request.themas or request.types or request.programma
    if given:
        selection = select(
            lib,
            request.kaarten,
            request.themas,
            request.types,
            request.programma,
            allowed_types=SESSION_TYPES,
        )
    else:
        selection = ask_selection(lib)
    if selection.empty:
        raise UsageError("de selectie bevat geen gespreksitems")
    team = (request.team or "").strip() or ask_team()
    minutes = [selection.duur(item) for item in selection.items]
    plan = fit(selection.items, minutes, request.duur)
    only_rounds = len(selection.items) > 2 and len(plan.items) <= 2
    if request.duur is not None and (plan.total > request.duur or only_rounds):
        left = (
            "alleen de opening en afsluiting" if only_rounds else f"minstens {plan.total} minuten"
        )
        raise UsageError(
            f"in {request.duur} minuten past dit plan niet, ook niet ingekort (er blijft {left} over)",
            hint="Kies een grotere --duur of minder onderdelen.",
        )
    changes = plan.changes()
    if changes:
        console.print(
            f"Het plan is ingekort tot {plan.total} minuten (beschikbaar: {request.duur}):"
        )
        for line in changes:
            console.print(f"  • {line}")
        console.print()
    programma = selection.programma.id if selection.programma is not None else None
    return plan.items, plan.minutes, programma, selection.described, team


def _ask(question: Any) -> Any:
    answer = question.ask()
    if answer is None:
        raise KeyboardInterrupt
    return answer


def ask_team() -> str:
    import questionary

    while True:
        team = _ask(questionary.text("Welk team (een label, geen namen)?")).strip()
        if team:
            return team


def ask_selection(lib: Any) -> Any:
    import questionary

    from gesprek.content.models import SESSION_TYPES, TYPE_NAMES
    from gesprek.content.selection import select

    programmes = lib.of_type("programma")
    choices = [
        questionary.Choice(f"{p.titel.strip()} ({p.duur} min)", value=("programma", p.id))
        for p in programmes
    ]
    choices += [
        questionary.Choice("Zelf kiezen: thema's", value=("themas", None)),
        questionary.Choice("Zelf kiezen: soorten items", value=("types", None)),
    ]
    kind, value = _ask(questionary.select("Wat wil je bespreken?", choices=choices))
    if kind == "programma":
        return select(lib, programma=value, allowed_types=SESSION_TYPES)
    if kind == "themas":
        used = {getattr(i, "thema", None) for i in lib.of_type(*SESSION_TYPES)}
        options = [
            questionary.Choice(entry.naam, value=entry.id)
            for entry in lib.kader["themas"].values()
            if entry.id in used
        ]
        picked = _ask(
            questionary.checkbox("Welke thema's? (spatie kiest, Enter bevestigt)", choices=options)
        )
        if not picked:
            raise UsageError("geen thema gekozen")
        return select(lib, themas=picked, allowed_types=SESSION_TYPES)
    options = [questionary.Choice(TYPE_NAMES[t], value=t) for t in SESSION_TYPES]
    picked = _ask(
        questionary.checkbox("Welke soorten? (spatie kiest, Enter bevestigt)", choices=options)
    )
    if not picked:
        raise UsageError("geen soort gekozen")
    return select(lib, types=picked, allowed_types=SESSION_TYPES)
