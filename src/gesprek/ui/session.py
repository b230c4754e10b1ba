"""The facilitator's terminal: one screen per phase, a prompt line, and the closing screen.

Driven by the session engine; reads one line at a time (``input_line``) so tests and the
pseudo-terminal drive it the same way. Every vote, note and agreement goes to the engine,
which hands it to the records store before the next screen is drawn."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from gesprek.reports.initiatives import suggestions, themes_of
from gesprek.session.engine import Session, VoteError, parse_counts
from gesprek.ui.bars import results_table
from gesprek.ui.cards import clean, item_card, letter, notes_panel, options_table
from gesprek.ui.reports import suggestions_view

HELP = "Enter=verder  t=terug  o=overslaan  n=notitie  a=afspraak  g=notities  s=stop"


def clock_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class TerminalSession:
    def __init__(
        self,
        session: Session,
        session_id: int,
        library: Any,
        console: Console,
        input_line: Callable[[str], str],
        live: Any = None,
    ) -> None:
        self.session = session
        self.live = live  # gesprek.live.terminal.LiveVoting with --live, else None
        self.session_id = session_id
        self.library = library
        self.console = console
        self.input_line = input_line
        self.show_notes = False
        self.message: str | None = None

    # -- drawing ---------------------------------------------------------------------------

    def status_line(self) -> Text:
        s = self.session
        part = s.part
        text = Text.assemble(
            (f" Onderdeel {s.index + 1} van {len(s.parts)} ", "bold reverse"),
            f"  dit onderdeel {clock_text(s.part_seconds())} van {part.minutes}:00",
            f"  ·  sessie {clock_text(s.total_seconds())} van {s.planned_seconds() // 60}:00",
        )
        behind = s.behind_seconds()
        if behind >= 60:
            text.append(
                f"  ⚠ LOOPT UIT: {int(behind // 60)} min achter op schema", style="bold yellow"
            )
        return text

    def screen(self) -> RenderableType:
        s = self.session
        part, phase = s.part, s.phase
        item = part.item
        compact = self.console.height < 30
        parts: list[RenderableType] = []
        if phase.reveals and phase.stemming is not None:
            parts.append(self._results_card(item, phase, compact))
        elif item.type == "casus":
            moment = phase.kind == "beslismoment"
            parts.append(item_card(item, step=phase.stap, moment=moment, compact=compact))
        elif item.type in ("beroepscode", "ronde"):
            parts.append(self._questions_card(item, phase.vraag or 0, compact))
        else:
            parts.append(item_card(item, compact=compact))
        if self.show_notes:
            parts.append(notes_panel(item, self.library, part.minutes))
        parts.append(self.status_line())
        if self.live is not None:
            parts.append(self.live.status(s))
        parts.append(Text(HELP, style="dim"))
        if self.message:
            parts.append(Text(self.message, style="bold"))
        return Group(*parts)

    def _results_card(self, item: Any, phase: Any, compact: bool) -> Panel:
        """After a vote: the question, the counts as bars, and what is revealed now
        (the correct answer and explanation, or what actually happened)."""
        vote = phase.stemming
        counts = self.session.current_counts()
        body: list[RenderableType] = [Text(clean(vote.vraag), style="bold"), Text("")]
        hidden = self.live.hidden_note(self.session) if self.live is not None else None
        if counts and hidden:
            body.append(Text(hidden, style="italic"))
        elif counts:
            body.append(results_table(vote.opties, counts, vote.juist))
        else:
            body.append(Text("Er is niet gestemd over deze vraag.", style="italic"))
            if vote.juist:
                body.append(options_table(vote.opties, vote.juist))
        if item.type == "kennisvraag":
            body += [Text(""), Text("Uitleg", style="bold underline"), Text(clean(item.uitleg))]
        if item.type == "casus":
            moment = item.stappen[(phase.stap or 1) - 1].beslismoment
            if moment is not None and moment.uitkomst:
                body += [
                    Text(""),
                    Text("Wat er gebeurde", style="bold underline"),
                    Text(clean(moment.uitkomst)),
                ]
        title = f"Uitslag: {clean(item.titel)}"
        if phase.stap:
            title += f" — stap {phase.stap}"
        return Panel(
            Group(*body),
            title=Text(f" {title} ", style="bold"),
            title_align="left",
            box=box.HEAVY,
            padding=(0 if compact else 1, 2),
        )

    def _questions_card(self, item: Any, current: int, compact: bool = False) -> Panel:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for index, question in enumerate(item.vragen):
            marker = "▶" if index == current else " "
            style = "bold" if index == current else "dim"
            grid.add_row(
                Text(f"{marker} {index + 1}.", style=style), Text(clean(question), style=style)
            )
        body: list[RenderableType] = []
        if item.type == "beroepscode":
            body += [Text(clean(item.regel), style="bold"), Text("")]
        body.append(grid)
        title = f"{'Beroepscode' if item.type == 'beroepscode' else 'Gespreksronde'}: {clean(item.titel)}"
        return Panel(
            Group(*body),
            title=Text(f" {title} ", style="bold"),
            title_align="left",
            subtitle=Text(f" vraag {current + 1} van {len(item.vragen)} ", style="bold"),
            subtitle_align="right",
            box=box.HEAVY,
            padding=(0 if compact else 1, 3),
        )

    def draw(self) -> None:
        if self.live is not None:
            self.live.follow(self.session)
        self.console.clear()
        self.console.print(self.screen())
        self.message = None

    # -- the loop ---------------------------------------------------------------------------

    def prompt(self) -> str:
        phase = self.session.phase
        live_prompt = self.live.prompt(self.session) if self.live is not None else None
        if live_prompt:
            return live_prompt
        if phase.votes_open and phase.stemming is not None:
            letters = " ".join(letter(i) for i in range(len(phase.stemming.opties)))
            return f"Stemmen {letters} (aantallen, bijv. {' '.join(str(n) for n in range(len(phase.stemming.opties), 0, -1))}; Enter = niet stemmen): "
        return "Enter = verder, of een letter: "

    def run(self) -> bool:
        """Run until the facilitator ends or stops. True when the session was completed."""
        s = self.session
        while not s.finished:
            self.draw()
            line = self.input_line(self.prompt()).strip()
            if self.command(line):
                return False
        return self.closing()

    def command(self, line: str) -> bool:
        """Handle one line; True means stop (pause) the session."""
        s = self.session
        phase = s.phase
        word = line.lower()
        if word in ("s", "stop", "stoppen"):
            s.pause()
            return True
        handled = self.live.command(s, line) if self.live is not None else None
        if handled is not None:
            self.message = handled or None
        elif word in ("t", "terug"):
            s.back()
        elif word in ("o", "overslaan"):
            s.skip()
        elif word in ("g", "gespreksleider"):
            self.show_notes = not self.show_notes
        elif word in ("n", "notitie"):
            self.ask_note("notitie")
        elif word in ("a", "afspraak"):
            self.ask_note("afspraak")
        elif phase.votes_open and phase.stemming is not None and line:
            try:
                s.vote(parse_counts(line, len(phase.stemming.opties)))
            except VoteError as exc:
                self.message = f"Niet begrepen: {exc}."
        elif word in ("", "v", "verder"):
            s.next()
        else:
            self.message = f"Onbekende opdracht '{line}'. {HELP}"
        return False

    def ask_note(self, soort: str) -> None:
        label = "Notitie" if soort == "notitie" else "Afspraak"
        text = self.input_line(f"{label} (Enter = annuleren): ").strip()
        if text:
            self.session.note(text, soort)
            self.message = f"{label} bewaard."

    # -- the end ----------------------------------------------------------------------------

    def closing_screen(self) -> RenderableType:
        s = self.session
        done = sum(1 for p in s.parts if p.status == "klaar")
        skipped = sum(1 for p in s.parts if p.status == "overgeslagen")
        body: list[RenderableType] = [
            Text(
                f"{done} onderdelen besproken, {skipped} overgeslagen, in "
                f"{clock_text(s.total_seconds())} (gepland {s.planned_seconds() // 60}:00).",
            ),
            Text(""),
        ]
        agreements = [t for _, soort, t in s.notes if soort == "afspraak"]
        body.append(Text("Afspraken", style="bold underline"))
        if agreements:
            for text in agreements:
                body.append(Text(f"• {text}"))
        else:
            body.append(Text("Nog geen afspraken. Typ a om er een vast te leggen.", style="italic"))
        body += [Text(""), Text("Waar kun je terecht?", style="bold underline")]
        body.append(self.loketten_table())
        tips = suggestions(
            self.library, themes_of([p.item for p in s.parts if p.status == "klaar"])
        )
        if tips:
            body += [Text(""), suggestions_view(tips)]
        body += [Text(""), Text(f"Resultaten terugzien: gesprek resultaten {self.session_id}")]
        return Group(
            Panel(
                Group(*body),
                title=Text(" Afsluiting ", style="bold"),
                title_align="left",
                box=box.HEAVY,
                padding=(1, 3),
            ),
            Text(
                "Enter=afronden  a=afspraak  n=notitie  t=terug  s=stop (later verder)",
                style="dim",
            ),
        )

    def loketten_table(self) -> Table:
        from gesprek.content.desks import help_desks

        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(ratio=1)
        for desk in help_desks((p.item for p in self.session.parts), self.library):
            table.add_row(desk.naam, clean(desk.omschrijving))
        return table

    def closing(self) -> bool:
        s = self.session
        while True:
            if self.live is not None:
                self.live.follow(s)
            self.console.clear()
            self.console.print(self.closing_screen())
            if self.message:
                self.console.print(Text(self.message, style="bold"))
                self.message = None
            word = self.input_line("Enter = afronden: ").strip().lower()
            if word in ("a", "afspraak"):
                self.ask_note("afspraak")
            elif word in ("n", "notitie"):
                self.ask_note("notitie")
            elif word in ("t", "terug"):
                s.back()
                return self.run()
            elif word in ("s", "stop", "stoppen"):
                s.pause()
                return False
            elif word == "":
                s.close()
                return True
            else:
                self.message = f"Onbekende opdracht '{word}'."
