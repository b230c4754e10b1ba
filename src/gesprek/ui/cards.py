"""Items as rich renderables: the card on the projector and the facilitator's notes.

Meaning is never carried by colour alone: options carry letters, correct answers a mark and
the word "juist", and panels carry titles.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from gesprek.content.models import TYPE_NAMES, Optie, Stemming
from gesprek.content.text import clean, letter
from gesprek.ui.layout import Card

__all__ = ["clean", "letter"]  # used by the other terminal views

CARD_STYLE = "bold white on grey11"
BORDER = "bright_white"


def options_table(
    opties: Sequence[Optie], correct: Sequence[str] = (), *, spaced: bool = False
) -> Table:
    """Options as A, B, C. A correct option carries "✔ juist" in a column of its own, so the
    mark never breaks over two lines; ``spaced`` puts a blank row between options."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", no_wrap=True)
    table.add_column(ratio=1)
    marks = any(o.id in correct for o in opties)
    if marks:
        table.add_column(no_wrap=True)
    for index, option in enumerate(opties):
        if spaced and index:
            table.add_row("", "", *([""] if marks else []))
        label = Text.assemble(" ", Text(f"{letter(index)}", style="bold reverse"), " ")
        row: list[RenderableType] = [label, Text(clean(option.tekst))]
        if marks:
            row.append(Text("✔ juist", style="bold green") if option.id in correct else Text(""))
        table.add_row(*row)
    return table


def _bullets(lines: Sequence[str], numbered: bool = False) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for index, line in enumerate(lines, start=1):
        table.add_row(f"{index}." if numbered else "•", Text(clean(line)))
    return table


def _panel(
    body: RenderableType, title: str, subtitle: str | None = None, compact: bool = False
) -> Panel:
    return Panel(
        Padding(body, (0 if compact else 1, 2)),
        title=Text(f" {title} ", style="bold"),
        title_align="left",
        subtitle=Text(f" {subtitle} ", style="bold") if subtitle else None,
        subtitle_align="right",
        box=box.HEAVY,
        border_style=BORDER,
    )


def heading(item: Any) -> str:
    return f"{TYPE_NAMES[item.type]}: {clean(item.titel)}"


def question_block(vote: Stemming, *, reveal: bool = False, spaced: bool = False) -> Group:
    return Group(
        Text(clean(vote.vraag), style="bold"),
        Text(""),
        options_table(vote.opties, vote.juist if reveal else (), spaced=spaced),
    )


def card_of(
    item: Any,
    *,
    step: int | None = None,
    reveal: bool = False,
    moment: bool = False,
    spaced: bool = False,
) -> Card:
    """The card as participants see it, as sections: the question and its options are
    pinned (always on screen), the rest may be paged. For a casus, ``step`` (1-based)
    shows that step; ``None`` shows the introduction. ``reveal`` adds correct answers and
    outcomes (only after the vote)."""
    title = TYPE_NAMES[item.type]
    if item.type == "casus" and step is not None:
        title += f" — stap {step} van {len(item.stappen)}"
    card = Card(title, heading=clean(item.titel))
    kind = item.type
    if kind == "dilemma":
        card.add(Text(clean(item.situatie)), Text(""))
        votes = item.stemmingen()
        if votes:
            card.add(question_block(votes[0], spaced=spaced), pinned=True)
        else:
            card.add(Text(clean(item.vraag), style="bold"), pinned=True)
    elif kind == "stelling":
        card.add(
            Group(
                Text(clean(item.stelling), style="bold", justify="center"),
                Text(""),
                options_table(item.opties, spaced=spaced),
            ),
            pinned=True,
        )
    elif kind == "kennisvraag":
        if item.situatie:
            card.add(Text(clean(item.situatie)), Text(""))
        card.add(question_block(item.stemmingen()[0], reveal=reveal, spaced=spaced), pinned=True)
        if reveal:
            card.add(Text(""), Text("Uitleg", style="bold underline"), Text(clean(item.uitleg)))
    elif kind in ("beroepscode", "ronde"):
        if kind == "beroepscode":
            card.add(Text(clean(item.regel), style="bold"), Text(""))
        card.add(_bullets(item.vragen, numbered=kind == "ronde"))
    elif kind == "casus":
        _casus_sections(card, item, step, reveal, moment, spaced)
    return card


def item_card(
    item: Any,
    *,
    step: int | None = None,
    reveal: bool = False,
    subtitle: str | None = None,
    moment: bool = False,
    compact: bool = False,
) -> Panel:
    """The whole card as one panel (``gesprek toon``); the session fits it to the screen
    through ``card_of`` and ``gesprek.ui.layout``."""
    card = card_of(item, step=step, reveal=reveal, moment=moment)
    body = [s.body for s in card.sections]
    return _panel(Group(*body), f"{card.title}: {card.heading}", subtitle, compact=compact)


def _casus_sections(
    card: Card, item: Any, step: int | None, reveal: bool, moment_only: bool, spaced: bool
) -> None:
    if step is None:
        card.add(Text(clean(item.inleiding)))
        return
    stap = item.stappen[step - 1]
    if moment_only and stap.beslismoment is not None:
        moment_sections(card, stap.beslismoment, reveal, spaced)
        return
    card.add(Text(clean(stap.titel), style="bold"), Text(""), Text(clean(stap.verhaal)))
    if stap.vragen:
        card.add(Text(""), Text("Om over te praten", style="bold"), _bullets(stap.vragen))


UNKNOWN_OUTCOME = "Wat er werkelijk gebeurde is niet bekend."


def moment_sections(card: Card, moment: Any, reveal: bool, spaced: bool = False) -> None:
    """A beslismoment: the reference (kader) flows above; the question and its options are
    pinned. After the vote (``reveal``) what actually happened, or that it is not known."""
    if moment.kader:
        card.add(Text("Kader", style="bold underline"), Text(clean(moment.kader)), Text(""))
    card.add(
        Group(
            Text(" Beslismoment ", style="bold reverse"),
            Text(""),
            Text(clean(moment.vraag), style="bold"),
            Text(""),
            options_table(moment.opties, spaced=spaced),
        ),
        pinned=True,
    )
    if reveal:
        card.add(Text(""), *outcome_parts(moment))


def outcome_parts(moment: Any) -> list[RenderableType]:
    if moment.uitkomst:
        return [Text("Wat er gebeurde", style="bold underline"), Text(clean(moment.uitkomst))]
    return [Text("Wat er gebeurde", style="bold underline"), Text(UNKNOWN_OUTCOME, style="italic")]


def casus_full(item: Any) -> Group:
    """All of a casus at once (for ``gesprek toon``)."""
    cards: list[RenderableType] = [item_card(item)]
    for number, stap in enumerate(item.stappen, start=1):
        cards.append(item_card(item, step=number))
        if stap.beslismoment is not None:
            cards.append(item_card(item, step=number, moment=True, reveal=True))
    return Group(*cards)


def notes_panel(
    item: Any, library: Any, minutes: int | None = None, *, answers: bool = True
) -> Panel:
    """Facilitator notes: doorvragen, norm, loketten, beroepscode, planned time. Without
    ``answers`` (a vote of this item is still to come) nothing that gives the answer away:
    no norm and no correct option."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    if item.doorvragen:
        grid.add_row("Doorvragen", _bullets(item.doorvragen))
    if item.norm and answers:
        grid.add_row("Norm", Text(clean(item.norm)))
    if item.loketten:
        grid.add_row(
            "Loketten", Text(", ".join(library.naam("loketten", x) for x in item.loketten))
        )
    if item.beroepscode:
        titles = [
            clean(library.items[b].titel) if b in library.items else b for b in item.beroepscode
        ]
        grid.add_row("Beroepscode", Text("; ".join(titles)))
    if item.type == "kennisvraag" and answers:
        correct = [f"{letter(i)} ({clean(o.tekst)})" for i, o in enumerate(item.opties) if o.juist]
        grid.add_row("Juist", Text(", ".join(correct)))
    grid.add_row("Thema", Text(library.naam("themas", item.thema)))
    if item.kernwaarden:
        grid.add_row(
            "Kernwaarden", Text(", ".join(library.naam("kernwaarden", k) for k in item.kernwaarden))
        )
    grid.add_row("Tijd", Text(f"{minutes if minutes is not None else item.duur} minuten"))
    return Panel(
        Padding(grid, (0, 1)),
        title=Text(" Voor de gespreksleider ", style="bold"),
        title_align="left",
        box=box.ROUNDED,
        border_style="yellow",
    )


def initiative_card(item: Any, library: Any) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("Wat", Text(clean(item.wat)))
    grid.add_row(
        "Voor wie", Text(", ".join(library.naam("doelgroepen", d) for d in item.doelgroep))
    )
    grid.add_row("Doel", Text(clean(item.doel)))
    grid.add_row("Aanpak", Text(clean(item.aanpak)))
    grid.add_row("Nodig (wie)", Text(clean(item.nodig_wie)))
    grid.add_row("Nodig (wat)", Text(clean(item.nodig_wat)))
    grid.add_row("Pijler", Text(library.naam("pijlers", item.pijler)))
    return _panel(grid, heading(item), item.id)


def programme_card(item: Any, library: Any) -> Panel:
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("#", justify="right")
    table.add_column("Onderdeel", ratio=1)
    table.add_column("Type")
    table.add_column("Minuten", justify="right")
    for number, part in enumerate(item.onderdelen, start=1):
        target = library.items.get(part.item)
        table.add_row(
            str(number),
            clean(target.titel) if target else part.item,
            TYPE_NAMES.get(target.type, "?") if target else "?",
            str(part.duur),
        )
    table.add_row("", Text("Totaal", style="bold"), "", Text(str(item.duur), style="bold"))
    return _panel(Group(Text(clean(item.beschrijving)), Text(""), table), heading(item), item.id)


def render_item(item: Any, library: Any) -> RenderableType:
    """An item as ``gesprek toon`` shows it: the card(s) plus the facilitator notes."""
    if item.type == "initiatief":
        return initiative_card(item, library)
    if item.type == "programma":
        return programme_card(item, library)
    card = casus_full(item) if item.type == "casus" else item_card(item, reveal=False)
    parts: list[RenderableType] = [card]
    if item.type == "kennisvraag":
        parts.append(item_card(item, reveal=True, subtitle="na de stemming"))
    parts.append(notes_panel(item, library))
    return Group(*parts)
