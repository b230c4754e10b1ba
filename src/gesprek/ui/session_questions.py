"""The questions before a session, in the terminal (``gesprek sessie`` without a full
selection): what to discuss, which team, how many minutes, and the plan as it will run.
The application layer (``gesprek.app.session_choice``) decides when to ask."""

from __future__ import annotations

from typing import Any


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
